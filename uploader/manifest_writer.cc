#include "uploader/manifest_writer.h"

#include <map>
#include <nlohmann/json.hpp>

#include "uploader/manifest_type.h"

namespace logstow::uploader {

namespace {

using nlohmann::ordered_json;

struct Node {
  std::map<std::string, Node> folders;
  std::map<std::string, const ManifestEntry*> files;
};

ordered_json Children(const Node& node) {
  ordered_json out = ordered_json::array();
  // Folders first, then files, as generate_manifest.py lists them.
  for (const auto& [name, child] : node.folders) {
    out.push_back({{"name", name},
                   {"mimetype", "application/directory"},
                   {"encoding", nullptr},
                   {"children", Children(child)}});
  }
  for (const auto& [name, entry] : node.files) {
    ManifestType type = GuessManifestType(name);
    ordered_json item = {
        {"name", name},
        {"mimetype", type.mimetype},
        {"encoding", type.encoding.empty() ? ordered_json(nullptr) : ordered_json(type.encoding)},
        {"last_modified", entry->mtime_unix_s},
        {"size", entry->size_bytes}};
    if (entry->segments > 0) item["segments"] = entry->segments;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

std::string BuildManifest(const std::vector<ManifestEntry>& landed) {
  Node root;
  for (const ManifestEntry& entry : landed) {
    Node* node = &root;
    size_t start = 0;
    for (size_t slash = entry.name.find('/'); slash != std::string::npos;
         slash = entry.name.find('/', start)) {
      node = &node->folders[entry.name.substr(start, slash - start)];
      start = slash + 1;
    }
    node->files[entry.name.substr(start)] = &entry;
  }
  ordered_json manifest = {{"tree", Children(root)}, {"index_links", false}};
  // Invalid UTF-8 cannot reach here (Swift refuses such names), but never throw on it.
  return manifest.dump(-1, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace logstow::uploader
