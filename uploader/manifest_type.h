// What zuul-manifest.json says a file is, from its name alone: the `mimetype` and `encoding`
// zuul-jobs' generate-zuul-manifest role writes, which take them from Python's
// mimetypes.guess_type() with its built-in table (no /etc/mime.types):
//   "job-output.txt"   -> text/plain, encoding null
//   "x.txt.gz"         -> text/plain, "gzip"   (the file's own encoding, not the transport's)
//   "x.tgz"            -> application/x-tar, "gzip"
//   "x.gz", "Makefile" -> text/plain (unknown types are text/plain)
// Zuul web opens an entry in its log viewer only when mimetype is text/plain. Content is never
// looked at: the uploader's Content-Type (uploader/classify.h) may sniff, the manifest does not.
// Thread-safe (pure function). Tested by tests/unit/uploader/manifest_type_test.cc.
#pragma once

#include <string>
#include <string_view>

namespace logstow::uploader {

struct ManifestType {
  std::string mimetype;  // never empty
  std::string encoding;  // "gzip", "bzip2", "xz", "compress", "br", or "" (JSON null)
};

// `name`: a file name or '/'-separated path; only the last segment counts.
ManifestType GuessManifestType(std::string_view name);

}  // namespace logstow::uploader
