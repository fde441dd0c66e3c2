// zuul-manifest.json: the tree of objects that landed, with the fields, meanings, order and
// defaults of zuul-jobs' generate-zuul-manifest role (library/generate_manifest.py), which
// Zuul web reads (web/src/actions/build.js: the `zuul_manifest` artifact; a file opens in its
// log viewer when mimetype is text/plain, at log_url + path):
//   {"tree":[{"name":"logs","mimetype":"application/directory","encoding":null,
//             "children":[{"name":"a.txt.gz","mimetype":"text/plain","encoding":"gzip",
//                          "last_modified":1557073541,"size":2004}]}],
//    "index_links":false}
// - Each level lists its folders first, then its files, each group sorted by name (bytes).
// - mimetype/encoding: from the name (uploader/manifest_type.h): `encoding` is the file's own
//   ("x.txt.gz" is gzip), never the transport gzip logstow adds; unknown types are text/plain.
// - size: the file's own bytes (before the uploader's gzip); last_modified: Unix seconds.
// - A large file stored in segments (common/large_object.h) is listed under its own name with
//   "segments": n added (Zuul web ignores fields it does not know); segments are never listed.
// Unlike generate_manifest.py, which walks a local folder, only objects that exist in Swift are
// listed, so a folder with no object in it (an empty folder) is not listed.
// Thread-safe. Tested by tests/unit/uploader/manifest_writer_test.cc (golden tree).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace logstow::uploader {

struct ManifestEntry {
  std::string name;  // relative to the manifest's folder, '/'-separated
  uint64_t size_bytes = 0;
  int64_t mtime_unix_s = 0;
  size_t segments = 0;  // > 0: a large object of that many segments; written as "segments": n
};

// The manifest as compact JSON text, one line and a newline.
std::string BuildManifest(const std::vector<ManifestEntry>& landed);

}  // namespace logstow::uploader
