// A processing file: which stages run on which files of an upload (`logstow upload
// --processing FILE`, docs/processing.md). JSON, parsed with nlohmann/json:
//   {"logstow_processing": 1,
//    "rules": [
//      {"name": "scrub", "glob": ["**/*.conf", "etc/**"],
//       "stages": [{"stage": "command", "argv": ["sed", "-e", "s/secret=.*/secret=***/"],
//                   "timeout": "60s", "on_failure": "fail"},
//                  {"stage": "redact", "patterns": ["password=\\S+"], "replacement": "[redacted]"},
//                  {"stage": "rename", "match": "\\.conf$", "replace": ".conf.txt"},
//                  {"stage": "gzip", "level": 9}]},
//      {"glob": "*.pcap", "stages": [{"stage": "skip"}]}]}
// The first rule whose glob (uploader/glob.h; a string or a list) matches a file's relative
// path decides; files no rule matches go as before. Byte stages run in one order whatever the
// order written: command, then redact, then (token redaction and) gzip; `rename` changes the
// object name only; `skip` stands alone. Each stage kind at most once per rule.
// Thread-safe once built (read-only). Tested by tests/unit/uploader/processing_rules_test.cc.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "uploader/pattern_redactor.h"

namespace re2 {
class RE2;
}

namespace logstow::uploader {

// What happens to a file whose command stage fails or runs out of time.
enum class OnCommandFailure {
  kFail,               // "fail" (default): not uploaded, reported failed (exit 1)
  kSkip,               // "skip": not uploaded, reported skipped with the reason (a warning)
  kUploadUnprocessed,  // "upload-unprocessed": the file as it is, through the rule's other stages
};

struct CommandStage {
  // Run without a shell; {"/bin/sh", "-c", text} when the rule gives "shell": "text".
  std::vector<std::string> argv;
  std::chrono::seconds timeout{60};  // "timeout": common/duration.h, 1 s .. 1 d
  OnCommandFailure on_failure = OnCommandFailure::kFail;
  // How messages name it (command_filter.h FilterCommand::label): "" for argv, the script's
  // text (its first 60 characters) for "shell".
  std::string label;
};

struct RenameStage {
  std::shared_ptr<const re2::RE2> match;  // RE2 over the relative path; the first match
  std::string replace;                    // RE2::Replace rewrite: \0..\9 groups
};

struct ProcessingRule {
  size_t number = 0;  // 1-based position in "rules"
  std::string name;   // "name", or "" (messages then say "rule N")
  std::vector<std::string> globs;
  bool skip = false;
  std::optional<CommandStage> command;
  std::shared_ptr<const RedactPatterns> redact;
  std::optional<RenameStage> rename;
  std::optional<int> gzip_level;  // 0: never gzip; 1..9: always (Content-Encoding: gzip)
  // "rule 2 'scrub'" or "rule 2", for messages and the report.
  std::string Label() const;
  // The stages in the order they run: "command, redact, rename, gzip".
  std::string StageList() const;
};

struct ProcessingRules {
  std::string file;  // where they were read from, for messages
  std::vector<ProcessingRule> rules;
  // The first rule matching `relative_path`, or null.
  const ProcessingRule* Match(std::string_view relative_path) const;
};

// Parses a processing file's text. Throws logstow::Error "processing.file" with the file, the
// rule (1-based) and stage, and what is wrong: "processing file 'p.json': rule 2 'scrub', stage
// 1: unknown stage 'zip' (expected gzip, redact, skip, rename or command)".
ProcessingRules ParseProcessingRules(std::string_view json_text, const std::string& file);

// Reads and parses `path`; throws "processing.file" also when it cannot be read.
ProcessingRules LoadProcessingRules(const std::filesystem::path& path);

// `relative_path` renamed by `stage`: the path itself when the pattern does not match.
// Returns "" (and sets *problem) when the result is no usable relative path (empty, absolute,
// with an empty, "." or ".." segment, ending in '/').
std::string ApplyRename(const RenameStage& stage, const std::string& relative_path,
                        std::string* problem);

}  // namespace logstow::uploader
