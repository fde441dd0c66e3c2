// `logstow index`: the index.html pages and the one zuul-manifest.json of a build whose files
// were uploaded already, by several uploaders (each node of a Zuul job with its own token for
// its own sub-prefix, and the executor), each with `logstow upload --no-index --no-manifest`.
// Run on the trusted side (the Zuul executor) with a token for the whole build prefix:
//   1. Reads each uploader's JSON report (`logstow upload --json`), paired with the sub-prefix
//      that uploader's token covered, and keeps the landed entries whose object lies under that
//      sub-prefix: a node names only its own objects, whatever its report says.
//   2. HEADs each kept object (uploader/object_check.h): what is not in Swift is dropped, so no
//      page or manifest entry points at a missing file. A large file the report gives as
//      "segmented" (common/large_object.h) is listed once, under its own name with its segment
//      count, when its joined object exists (`logstow finalize` ran) or else when every one of
//      its segments does; its segment entries, and anything in a .logstow-segments folder, are
//      never listed as files.
//   3. PUTs the index pages (uploader/index_writer.h) and zuul-manifest.json
//      (uploader/manifest_writer.h) under the token's prefix, folders holding a job's own
//      index.html keeping it.
// Reports are untrusted input: unreadable ones and entries that are not well-formed are
// reported, never fatal. Tested against a real Swift by tests/swift/index_test.cc.
#pragma once

#include <string>
#include <vector>

#include "uploader/object_check.h"
#include "uploader/upload.h"
#include "uploader/upload_report.h"

namespace logstow::uploader {

struct UploaderReport {
  // What the uploader's token covered, relative to the index token's prefix: "" (all of it) or
  // a '/'-terminated path ("logs/node-a/").
  std::string sub_prefix;
  std::string json;   // the report's text
  std::string label;  // where it came from (a file name), for messages
};

struct BuildIndexOptions {
  // The token for the whole build prefix: PUT (the pages), and PUT or GET (the HEADs).
  tokens::Token token;
  std::vector<UploaderReport> reports;
  bool write_indexes = true;
  bool write_manifest = true;
  int gzip_level = 6;
  std::optional<int64_t> delete_after_s;  // default: the token's
  ObjectCheckOptions check;
  // Other proxies of the same Swift, as `logstow upload --fallback-storage-url`
  // (uploader/storage_urls.h), for the HEADs and the PUTs.
  std::vector<std::string> fallback_storage_urls;
};

// Returns a report in `logstow upload`'s shape: the listed objects (landed, or segmented when
// only the segments are there; sizes and times as Swift and the reports give them), the dropped
// ones (skipped, error = why: outside the
// uploader's sub-prefix, not in Swift), unreadable reports (failed), then the pages and the
// manifest written. ok() is false when a report was unreadable, an object could not be
// checked or a page failed. A 401 on a HEAD sets `aborted` and nothing is written. Throws
// logstow::Error "index.sub_prefix" for a sub-prefix that is not "" or a relative
// '/'-terminated path without empty, "." or ".." segments, and "upload.storage_url" for a bad
// fallback URL, before anything is sent. A proxy that cannot be reached is left for the next
// fallback as by `logstow upload` (uploader/storage_urls.h), each move a warning.
UploadReport BuildIndex(const BuildIndexOptions& options);

}  // namespace logstow::uploader
