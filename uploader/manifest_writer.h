// zuul-manifest.json: the tree of objects that landed, in the format Zuul's web UI reads
// (zuul-jobs roles/generate-zuul-manifest):
//   {"tree":[{"name":"logs","mimetype":"application/directory","encoding":null,
//             "children":[{"name":"a.txt","mimetype":"text/plain","encoding":"gzip",
//                          "last_modified":1557073541,"size":2004}]}],
//    "index_links":false}
// mimetype is the Content-Type without parameters; encoding the Content-Encoding (or null);
// size the file's size in bytes. A large file stored in segments (common/large_object.h) is
// listed under its own name with "segments": n added; the segments are never listed. Thread-safe. Tested by tests/unit/uploader/manifest_writer_test.cc.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace logstow::uploader {

struct ManifestEntry {
  std::string name;              // relative to the upload root, '/'-separated
  std::string content_type;      // as sent ("text/plain; charset=utf-8")
  std::string content_encoding;  // "gzip" or ""
  uint64_t size_bytes = 0;
  int64_t mtime_unix_s = 0;
  size_t segments = 0;  // > 0: a large object of that many segments; written as "segments": n
};

// The manifest as JSON text (2-space indented). Entries are sorted by name within each folder.
std::string BuildManifest(const std::vector<ManifestEntry>& landed);

}  // namespace logstow::uploader
