#include "uploader/job_manifest.h"

#include <nlohmann/json.hpp>
#include <vector>

namespace logstow::uploader {

namespace {

using nlohmann::json;

bool IsFolder(const json& node) {
  if (node.contains("children")) return true;
  auto type = node.find("mimetype");
  return type != node.end() && type->is_string() && *type == "application/directory";
}

}  // namespace

std::string JobManifestProblem(std::string_view text, const std::set<std::string>& landed) {
  const json manifest = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!manifest.is_object() || !manifest.contains("tree") || !manifest["tree"].is_array()) {
    return R"(is not a Zuul manifest (JSON with a "tree" list))";
  }
  // Depth first with a stack of its own (a job's file decides the depth, not our call stack),
  // and one path string cut back to each level's folder, so a deep tree costs linear time.
  struct Level {
    const json* nodes;
    size_t next;
    size_t folder_size;  // of `path`: "" or "logs/"
  };
  std::vector<Level> stack{{&manifest["tree"], 0, 0}};
  std::string path;
  while (!stack.empty()) {
    Level& level = stack.back();
    if (level.next == level.nodes->size()) {
      stack.pop_back();
      continue;
    }
    const json& node = (*level.nodes)[level.next++];
    path.resize(level.folder_size);
    if (!node.is_object() || !node.contains("name") || !node["name"].is_string()) {
      return R"(is not a Zuul manifest (an entry )" +
             (path.empty() ? std::string("of its tree") : "in " + path) + R"( has no "name" text))";
    }
    const std::string& name = node["name"].get_ref<const std::string&>();
    path += name;
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos) {
      return "names the entry '" + path + "', which is not one path segment";
    }
    if (!IsFolder(node)) {
      if (!landed.contains(path)) return "names " + path + ", which did not land in this run";
      continue;
    }
    auto children = node.find("children");
    if (children == node.end()) continue;  // an empty folder names no file
    if (!children->is_array()) {
      return R"(is not a Zuul manifest ("children" of )" + path + " is not a list)";
    }
    path += '/';
    stack.push_back({&*children, 0, path.size()});
  }
  return "";
}

}  // namespace logstow::uploader
