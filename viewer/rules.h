// The viewer's rules as data: how a line states its severity, which lines start a record and
// which continue one, and which tokens to highlight. A rule file is JSON (the built-in one is
// viewer/rules/default_rules.json, compiled in):
//
//   {"logstow_rules": 1,
//    "define":   {"name": "RE2 text", ...},             // reusable pieces, written {{name}}
//    "levels":   {"WORD": "LEVEL", ...},                // words that "$word" rules map to levels
//    "severity": [{"name": "...", "match": "RE2", "level": "ERROR" | "$word",
//                  "continues": {"LEVEL": "LEVEL", ...},  // optional, see below
//                  "block": "traceback"}, ...],           // optional, see below
//    "continuations": [{"name": "...", "match": "RE2"}, ...],
//    "records":  [{"name": "...", "match": "RE2"}, ...],
//    "spans":    [{"name": "...", "kind": "url" | "request-id" | "path" | "task" | ...,
//                  "match": "RE2"}, ...],
//    "defaults": false}                                  // optional: drop the built-in rules
//
// Line rules (severity, continuations, records) match at the start of a line (an implicit "^")
// and are tried as one list: severity rules, then continuation rules, then record rules, each
// list with user rules before the built-in ones; the first that matches decides (severity.h says
// what each outcome means for the line's level). "level" is a level name (see severity.h) or
// "$word": the level is the word of the match listed in "levels" (the first capture group if
// the pattern has one, else the last run of letters in the match). A capture group also marks
// the token the viewer highlights as the severity. "continues" maps a level the rule gives to
// the lowest level of a record the line then continues instead of stating its own (oslo's
// {"TRACE": "ERROR"}: a TRACE line after an ERROR record is a traceback line of that record).
// "block": "traceback" makes the lines after it a Python traceback (severity.h).
// Span rules match anywhere; where two overlap the leftmost wins, then the one listed first.
// Span kinds: request-id, url (only well-formed http(s) URLs ever become links, whatever the
// pattern: http_url.h), path, task, timestamp, severity, match. Patterns are RE2 syntax (linear
// time on any input). User "define"s, "levels" and rules are added to the defaults and may use
// the defaults' {{names}}.
//
// Errors are values (RuleError) with messages that name the rule: e.g.
//   severity rule 1 ("mine"): missing ): (foo
// Rules is immutable once compiled and safe for concurrent use by multiple threads.
// Tested by tests/unit/viewer/rules_test.cc; fuzzed by fuzz/rules_fuzzer.cc.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "viewer/severity_level.h"

namespace logstow::viewer {

enum class SpanKind : uint8_t {
  kSeverity = 1,
  kTimestamp,
  kRequestId,
  kUrl,
  kPath,
  kTask,
  kMatch,  // a search hit
};
// "severity", "timestamp", "request-id", "url", "path", "task", "match".
std::string_view SpanKindName(SpanKind kind);
bool ParseSpanKind(std::string_view name, SpanKind* kind);

struct RuleError {
  enum class Code {
    kNone,
    kBadJson,        // not JSON: message from the JSON parser
    kBadShape,       // JSON, but a field is missing or of the wrong type
    kBadVersion,     // "logstow_rules" is not 1
    kBadDefinition,  // {{name}} undefined, or definitions nest too deep
    kBadPattern,     // RE2 rejected a pattern: message from RE2
    kBadLevel,       // unknown level name
    kBadKind,        // unknown span kind
    kBadBlock,       // unknown "block" kind
  };
  Code code = Code::kNone;
  std::string message;
};

// A severity rule's own RE2, compiled on first use (a log of one shape needs a few of the rules,
// and compiling all of them up front was a third of the rules' start-up cost, which the first
// rows of a log wait for). Rules::Compile still checks every pattern (RE2::Set::Add parses each
// one; user rules are also compiled alone at once, so their errors name them as before). Safe for
// concurrent use (std::call_once).
class LazyRe2 {
 public:
  // Compiled on first use.
  explicit LazyRe2(std::string pattern);
  // Compiled already (REQUIRES: re != nullptr).
  explicit LazyRe2(std::shared_ptr<const re2::RE2> re);
  ~LazyRe2();
  // The compiled pattern (RE2 options: log_errors off). Its ok() is false only for a pattern RE2
  // parses but cannot compile alone (too large): such a rule matches no line.
  const re2::RE2& get() const;

 private:
  std::string pattern_;
  mutable std::once_flag once_;
  mutable std::shared_ptr<const re2::RE2> re_;
};

struct SeverityRule {
  std::string name;
  std::shared_ptr<const LazyRe2> pattern;  // anchored at the line start by the caller
  Severity level = Severity::kNone;        // kNone: "$word"
  bool from_word = false;
  // Whether the pattern's first capture group marks the token: pattern->get() has one.
  // continues_from[level]: the lowest level of a record that a line given `level` continues
  // (kNone: it never does; "continues" in the file).
  std::array<Severity, kSeverityLevels> continues_from{};
  bool opens_traceback = false;  // "block": "traceback"
  // The expanded pattern is oslo_level_prefix.h's kOsloLevelPattern: severity.cc matches it by
  // hand (the same answers as `pattern`, without an RE2 call per line).
  bool oslo_level_prefix = false;
  // Then: the level of each of kOsloLevelWords (LevelOfWord, looked up once).
  std::array<Severity, 9> oslo_word_levels{};
};

// A "continuations" or "records" rule: a line prefix, no level.
struct LineRule {
  std::string name;
  std::shared_ptr<const re2::RE2> pattern;  // anchored at the line start by the caller
};

struct SpanRule {
  std::string name;
  SpanKind kind = SpanKind::kUrl;
  std::shared_ptr<const re2::RE2> pattern;
};

class Rules {
 public:
  // The built-in rules, compiled once per process (thread-safe initialisation).
  static std::shared_ptr<const Rules> Defaults();
  // The built-in rules plus `user_json` (an empty string adds nothing). On failure returns
  // nullptr and fills *error. Cost: parsing + RE2 compilation, ~1 ms for the defaults.
  static std::shared_ptr<const Rules> Compile(std::string_view user_json, RuleError* error);

  const std::vector<SeverityRule>& severity_rules() const { return severity_; }
  const std::vector<LineRule>& continuation_rules() const { return continuations_; }
  const std::vector<LineRule>& record_rules() const { return records_; }
  const std::vector<SpanRule>& span_rules() const { return spans_; }
  // Every line rule as one anchored RE2::Set, in the order they are tried: index i <
  // severity_rules().size() is severity rule i, then the continuation rules, then the record
  // rules. One DFA pass over a line's prefix tells every rule that matches.
  const re2::RE2::Set& line_rules() const { return *line_rules_; }
  // Every span rule in one unanchored alternation without captures.
  const re2::RE2& any_span() const { return *any_span_; }
  // The level a word stands for ("WARN" -> kWarning), kNone if the rules list no such word.
  Severity LevelOfWord(std::string_view word) const;

  ~Rules();

 private:
  Rules() = default;
  std::vector<SeverityRule> severity_;
  std::vector<LineRule> continuations_;
  std::vector<LineRule> records_;
  std::vector<SpanRule> spans_;
  std::map<std::string, Severity, std::less<>> words_;
  std::unique_ptr<re2::RE2::Set> line_rules_;
  std::unique_ptr<re2::RE2> any_span_;
};

// The built-in rule file's text (viewer/rules/default_rules.json).
std::string_view DefaultRulesJson();

}  // namespace logstow::viewer
