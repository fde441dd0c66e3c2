#include "uploader/manifest_writer.h"

#include <nlohmann/json.hpp>

#include <map>

namespace logstow::uploader {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

struct Node {
  std::map<std::string, Node> folders;
  std::map<std::string, const ManifestEntry*> files;
};

ordered_json Children(const Node& node) {
  ordered_json out = ordered_json::array();
  // Zuul lists folders and files together by name.
  std::map<std::string, ordered_json> items;
  for (const auto& [name, child] : node.folders) {
    items[name] = {{"name", name},
                   {"mimetype", "application/directory"},
                   {"encoding", nullptr},
                   {"children", Children(child)}};
  }
  for (const auto& [name, entry] : node.files) {
    std::string mimetype = entry->content_type.substr(0, entry->content_type.find(';'));
    items[name] = {{"name", name},
                   {"mimetype", mimetype},
                   {"encoding", entry->content_encoding.empty()
                                    ? ordered_json(nullptr)
                                    : ordered_json(entry->content_encoding)},
                   {"last_modified", entry->mtime_unix_s},
                   {"size", entry->size_bytes}};
    if (entry->segments > 0) items[name]["segments"] = entry->segments;
  }
  for (auto& [name, item] : items) out.push_back(std::move(item));
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
  return manifest.dump(2) + "\n";
}

}  // namespace logstow::uploader
