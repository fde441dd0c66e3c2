#include "importer/build_folders.h"

#include <algorithm>
#include <set>

namespace logstow::importer {

std::vector<std::string> DefaultBuildMarkers() {
  return {"zuul-info", "job-output.txt", "job-output.txt.gz", "job-output.json",
          "job-output.json.gz"};
}

std::vector<std::string> FindBuildFolders(const std::vector<std::string>& files,
                                          const BuildRule& rule) {
  std::set<std::string> candidates;
  for (const std::string& file : files) {
    // Walk the file's segments: the folder before each segment, and the segment itself.
    size_t depth = 0;
    size_t start = 0;
    while (start < file.size()) {
      size_t slash = file.find('/', start);
      const std::string folder = file.substr(0, start);
      const std::string_view segment = std::string_view(file).substr(
          start, slash == std::string::npos ? std::string::npos : slash - start);
      if (rule.depth) {
        if (depth == *rule.depth) {
          candidates.insert(folder);
          break;
        }
      } else if (std::find(rule.markers.begin(), rule.markers.end(), segment) !=
                 rule.markers.end()) {
        candidates.insert(folder);
        break;  // the topmost marker of this path decides
      }
      if (slash == std::string::npos) break;
      start = slash + 1;
      ++depth;
    }
  }
  // The root itself is no build (its files would have no build prefix of their own), and a
  // candidate inside another belongs to it.
  std::vector<std::string> builds;
  for (const std::string& c : candidates) {
    if (c.empty()) continue;
    if (!builds.empty() && c.compare(0, builds.back().size(), builds.back()) == 0) continue;
    builds.push_back(c);
  }
  return builds;
}

std::string BuildOf(std::string_view file, const std::vector<std::string>& builds) {
  // The greatest build <= file is the only one that can be its prefix (builds do not nest).
  auto it = std::upper_bound(builds.begin(), builds.end(), file,
                             [](std::string_view f, const std::string& b) { return f < b; });
  if (it == builds.begin()) return "";
  --it;
  return file.substr(0, it->size()) == *it ? *it : "";
}

}  // namespace logstow::importer
