// How each planned file goes out, given Swift's object size limit and the token scanning:
//   - as it is planned (it fits);
//   - gzipped whole although its size on disk is over max_file_size, when the gzip stream (as
//     it will be sent: redacted, then gzipped) is measured and fits;
//   - as segments of the body it would be sent as (the gzip stream for text, the bytes for the
//     rest), each max_file_size bytes but the last, for `logstow finalize` to join into a Static
//     Large Object (common/large_object.h);
//   - or refused with its size and the limit (over the token's max_file_size, no slo in Swift,
//     more segments than Swift's max_manifest_segments).
// And a gzipped text file ("*.txt.gz", "*.log.gz") is inflated and scanned for the token; when
// found it is sent inflated, redacted and gzipped again (its size measured first), else as it is.
// Measuring reads a file once more (in parallel, on `threads` threads): only files over the
// limit that gzip, and gzipped text files when redaction is on, pay for it.
// Tested by tests/swift/large_object_test.cc (a real Swift with max_file_size 1 MiB) and
// tests/unit/uploader/size_plan_test.cc.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "uploader/swift_client.h"
#include "uploader/token_redactor.h"
#include "uploader/upload.h"

namespace logstow::uploader {

struct SizeContext {
  int root_fd = -1;  // the log folder (uploader/open_beneath.h)
  int gzip_level = 6;
  std::string prefix;                               // the token's prefix, for segment object names
  std::shared_ptr<const RedactionPatterns> redact;  // null: redaction off
  size_t threads = 1;
};

// True for names the uploader inflates to scan for the token: "*.txt.gz", "*.log.gz" (any case).
bool IsGzippedText(std::string_view name);

// Fills PlannedObject::problem / segments / rescan_gzip / published_bytes for every object
// whose problem is still empty. Appends warnings (a ".txt.gz" that is not valid gzip is sent as
// it is, unscanned). Never throws.
void FitToLimits(std::vector<PlannedObject>& objects, const SwiftLimits& limits,
                 std::optional<int64_t> token_max_file_size, const SizeContext& context,
                 std::vector<std::string>& warnings);

}  // namespace logstow::uploader
