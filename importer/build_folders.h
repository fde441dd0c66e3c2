// Which folders of an old log tree are builds: the folders `logstow import` treats as one
// `logstow upload` each (index pages and one zuul-manifest.json per build folder).
// The SCP-era layout nests builds at a depth that depends on the pipeline
// (`<NN>/<change>/<ps>/<pipeline>/<job>/<build>/` for changes, `periodic/<project>/<branch>/
// <job>/<build>/`...), so by default a build folder is recognised by what Zuul put in it: a
// folder that directly holds one of the marker names (a file or a folder: `zuul-info`,
// `job-output.txt`, `job-output.txt.gz`, `job-output.json`, `job-output.json.gz`). The topmost
// such folder wins: a marker further down belongs to the build above it. With a fixed depth
// instead, every folder that many segments below the root is a build.
// Paths are relative to the tree's root, '/'-separated, as uploader/walk.h gives them; folders
// end in '/'. Pure, thread-safe. Tested by tests/unit/importer/build_folders_test.cc.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace logstow::importer {

// The default marker names (docs/import.md).
std::vector<std::string> DefaultBuildMarkers();

struct BuildRule {
  // Set: a build folder is every folder exactly `depth` segments below the root (depth >= 1).
  std::optional<size_t> depth;
  // Without depth: a folder holding an entry of one of these names is a build folder.
  std::vector<std::string> markers = DefaultBuildMarkers();
};

// The build folders of a tree whose files are `files` (relative paths; any order), sorted,
// each ending in '/'. A folder only counts when it holds a file, directly or below.
std::vector<std::string> FindBuildFolders(const std::vector<std::string>& files,
                                          const BuildRule& rule);

// The build folder (from `builds`, sorted as FindBuildFolders returns them) that holds
// `file`, or "" when the file lies in no build. O(log builds).
std::string BuildOf(std::string_view file, const std::vector<std::string>& builds);

}  // namespace logstow::importer
