// Applies processing rules (uploader/processing_rules.h) to an upload's plan, before anything
// is sent: each planned file the first matching rule names is
//   - skip: moved to the plan's skipped entries ("skipped by rule 3 'pcap'");
//   - command: run with the file as stdin and a spool file (uploader/spool.h) as stdout, on
//     `threads` threads at once, each within its time limit (uploader/command_filter.h; env
//     LOGSTOW_NAME = the file's relative path). On success the object is read from the spool
//     (its size is the output's) and re-classified by its name and the output's first bytes.
//     On failure, as the rule says: the object fails with the reason, is skipped with it (and
//     a warning), or goes unprocessed with a warning;
//   - redact: its patterns set on the object, applied while it streams (uploader/body_encoder.h);
//   - rename: its name (and object name) rewritten, then re-classified by the new name; a name
//     another file already has, or one Swift refuses, fails that file;
//   - gzip: compressed at the rule's level (level 0: sent as it is).
// The job's token redaction still applies to every text object, processed or not.
// Not thread-safe (one call at a time). Tested by tests/unit/uploader/processing_test.cc and
// tests/swift/processing_test.cc.
#pragma once

#include <cstdint>
#include <string>

#include "uploader/processing_rules.h"
#include "uploader/spool.h"
#include "uploader/token_redactor.h"
#include "uploader/upload.h"

namespace logstow::uploader {

struct ProcessingContext {
  int root_fd = -1;              // the log folder
  SpoolFolder* spool = nullptr;  // null: command stages are not run (a dry run)
  std::string prefix;            // the token's prefix, for object names
  int gzip_level = 6;            // --gzip-level: a rule's gzip stage overrides it
  size_t threads = 1;            // commands run at once
  uint64_t max_object_name_length = 1024;
  // The job's token patterns (null: off): a command's stderr line in a message is redacted
  // with them, since messages reach the report and the job's log.
  std::shared_ptr<const RedactionPatterns> redact;
};

// Rewrites `plan` as the rules say; appends to plan.skipped and plan.warnings. Never throws.
void ApplyProcessing(const ProcessingRules& rules, const ProcessingContext& context,
                     UploadPlan& plan);

}  // namespace logstow::uploader
