// `logstow finalize`: the trusted side's half of a large file (common/large_object.h). The job's
// token can only PUT plain objects, so `logstow upload` stores a file over Swift's max_file_size
// as segment objects and lists them in its JSON report; finalize, run after the job with
// operator credentials, PUTs each file's Static Large Object manifest
// (`?multipart-manifest=put`, a JSON list of {"path","etag","size_bytes"}), so the file's own
// name serves the whole file. Swift checks every segment's ETag and size against the list.
// The manifest object carries what the file would have had as one object: Content-Type,
// Content-Encoding (a segmented text file is one gzip stream cut in pieces, so the joined object
// is served with Content-Encoding: gzip, as any gzipped log), X-Object-Meta-Logstow-Size and
// X-Delete-At (the report's "delete_at"). Swift then returns those headers on GET (checked
// against Swift 2.30, docs/swift-notes.md).
// The report is written by the job, so it is untrusted: every manifest and segment must lie
// under the prefix and container the trusted side names, segments in the reserved folder.
// Not thread-safe. Tested by tests/unit/setup/finalize_test.cc and
// tests/swift/large_object_test.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "setup/swift_session.h"

namespace logstow::setup {

struct LargeObjectSegment {
  std::string object;  // container-relative name
  std::string etag;    // MD5 hex of its bytes, as Swift returned it
  uint64_t size_bytes = 0;
};

struct LargeObject {
  std::string name;    // relative to the prefix
  std::string object;  // prefix + name
  std::string content_type;
  std::string content_encoding;              // "gzip" or ""
  uint64_t size_bytes = 0;                   // the file's size (X-Object-Meta-Logstow-Size)
  std::vector<LargeObjectSegment> segments;  // in order
};

struct FinalizePlan {
  std::string container;
  std::optional<int64_t> delete_at_unix_s;
  std::vector<LargeObject> objects;  // every "segmented" file of the report
};

// Reads an upload report (`logstow upload --json`). Throws logstow::Error "finalize.report" when
// it is not JSON of that shape, names another container, or names a manifest or segment
// outside `prefix` (REQUIRES: prefix ends in '/').
FinalizePlan ReadFinalizePlan(std::string_view report_json, const std::string& container,
                              const std::string& prefix);

struct FinalizeOutcome {
  std::string name;
  long http_status = 0;  // of the manifest PUT
  std::string error;     // "" when the manifest was stored
};

// PUTs every manifest of `plan` (one request each; idempotent, so a failed run is rerun).
// Returns one outcome per object. Throws SwiftError ("swift.request") when Swift cannot be
// reached at all.
std::vector<FinalizeOutcome> Finalize(SwiftSession& session, const FinalizePlan& plan);

// The manifest body for `object`: [{"path":"/<container>/<segment>","etag","size_bytes"},...].
std::string ManifestBody(const std::string& container, const LargeObject& object);

}  // namespace logstow::setup
