// The per-folder index.html pages written after the files, listing only objects that landed.
// Each page works on plain Swift (relative links, folders linked as "<folder>/index.html",
// since a container without staticweb has no folder pages) and in the viewer (a "view" link per
// file when the token names a viewer). Every name is HTML-escaped and every href
// percent-encoded. Each page carries a strict Content-Security-Policy <meta> (nothing runs or
// loads) and no inline style or script. Thread-safe (pure functions). Tested by
// tests/unit/uploader/index_writer_test.cc.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace logstow::uploader {

struct ListedObject {
  std::string name;  // relative to the upload root, '/'-separated ("logs/n-api.txt")
  uint64_t size_bytes = 0;
  int64_t mtime_unix_s = 0;
  // > 0: a large file stored as that many segments (common/large_object.h); its row says so,
  // since its own object exists only once `logstow finalize` has run.
  size_t segments = 0;
};

struct IndexContext {
  std::string title;       // shown in headings, e.g. the token's prefix "zuul/42/"
  std::string prefix_url;  // absolute URL of the upload root (ends in '/'), for viewer links
  std::optional<std::string> viewer_url;  // the viewer page, when known
};

// Folder ("" for the root, else "a/b/") -> its index.html, for every folder that holds a landed
// object, directly or below. Folders in `skip` (they have their own index.html) get none.
std::map<std::string, std::string> BuildIndexes(const std::vector<ListedObject>& landed,
                                                const IndexContext& context,
                                                const std::vector<std::string>& skip = {});

}  // namespace logstow::uploader
