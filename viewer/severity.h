// Severity of a log line, read from the line's shape (oslo.log, systemd journal and syslog, Zuul
// job-output and Ansible, access logs, Python logging, log4j, klog, CI annotations, test runner
// outcomes, Python tracebacks), never from the file name. The shapes are data: the line rules
// of a Rules set (rules.h; built-in defaults in viewer/rules/default_rules.json, users may add
// their own). docs/viewer-rules.md has the rule below with more examples.
//
// Levels (severity_level.h) are ordered TRACE < DEBUG < INFO < AUDIT < WARNING < ERROR <
// CRITICAL; kNone (a line that has no level) sorts lowest. TRACE is the verbose level below DEBUG
// (oslo.log, log4j); a Python traceback is not TRACE: its header states ERROR.
//
// Records. A log is a sequence of records; a record is a line that starts one plus the lines
// that continue it. The first line rule that matches a line (severity rules, then continuation
// rules, then record rules) says which it is:
//   - a severity rule: the line starts a record and states its level ("own level"), e.g.
//       2024-03-01 12:02:49.135679 | node-01 | INFO | step      INFO
//       E0301 12:00:00.000000 1234 file.go:12] lost lease       ERROR
//       10.0.0.1 - - [01/Mar/2024:12:00:00 +0000] "GET / HTTP/1.1" 503 12   ERROR
//     except when the rule says the level "continues" a record at or above some level and the
//     line before is at that level: then it continues that record (oslo.log's
//       2024-03-01 12:00:00.001 1234 TRACE nova Traceback (most recent call last):
//     after an ERROR line is a traceback line of the ERROR record, ERROR; after an INFO line it
//     is a TRACE record of its own);
//   - a record rule (a prefix: an ISO or syslog timestamp, Zuul's "TS | host |", an access-log
//     prefix, ...) and no severity rule: the line starts a record with no level, kNone; it never
//     inherits the level of the line before (`TS | node-01 | make all` after an ERROR: kNone);
//   - a continuation rule (indented text, alone or after a Zuul/journal prefix; "Caused by:";
//     "... 12 more"; a lone JSON bracket after a Zuul prefix): the line continues the record
//     before it and has its level;
//   - no rule: the line continues the record before it (a wrapped message, a Java exception
//     line after a log4j ERROR, a Python exception line after its traceback). Before the first
//     record, lines have kNone.
// Tracebacks: after a rule with "block": "traceback" (`Traceback (most recent call last):`,
// which states ERROR or continues an ERROR/CRITICAL record), indented lines continue it and the
// first line that is not indented (the exception, `ValueError: bad`, even after a Zuul or journal
// prefix) continues it too and ends the traceback.
//
// SeverityClassifier is immutable after construction; its methods are const and safe for
// concurrent use. RecordTracker carries the state from line to line (one per log). Never throw.
// Tested by tests/unit/viewer/severity_test.cc and tests/unit/viewer/severity_formats_test.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "viewer/rules.h"
#include "viewer/severity_level.h"

namespace logstow::viewer {

// What the first line rule that matches says about a line (see the top of this file).
enum class LineRole : uint8_t {
  kPlain,         // no rule matched: continues the record before it
  kRecord,        // a severity or record rule matched: starts a record
  kContinuation,  // a continuation rule matched: continues the record before it
};

// What a line states: its level, its role, and where the token that says the level is, as bytes
// into the line (both 0 when the rule marks no token or it was not asked for).
struct SeverityMatch {
  Severity level = Severity::kNone;  // kNone: the line states no level
  LineRole role = LineRole::kPlain;
  // The line continues the record before it instead of stating `level` if that record is at
  // this level or above (kNone: never). From the rule's "continues".
  Severity continues_from = Severity::kNone;
  bool opens_traceback = false;  // the rule's "block": "traceback"
  uint32_t token_begin = 0;
  uint32_t token_end = 0;
};

// A line's level in its log: the effective level (own or of the record it continues) and
// whether the line states it itself.
struct LineSeverity {
  Severity level = Severity::kNone;
  bool own = false;
};

// Line rules read at most this many bytes of a line (a level is stated near the start; this
// bounds the cost of pathological lines, bench/span_benchmark.cc).
inline constexpr size_t kLinePrefixBytes = 1024;

class SeverityClassifier {
 public:
  // With the built-in default rules.
  SeverityClassifier();
  // With `rules`. REQUIRES: rules != nullptr.
  explicit SeverityClassifier(std::shared_ptr<const Rules> rules);
  ~SeverityClassifier();

  // The level a single line (no terminator) states on its own, kNone if none. Arbitrary bytes;
  // escape sequences are not interpreted here (Document classifies the scrubbed text of lines
  // that hold any).
  Severity Classify(std::string_view line) const { return Match(line, false).level; }
  // Everything the line rules say about the first kLinePrefixBytes of `line` (so "$" also
  // matches there on longer lines); the token only if `want_token`.
  // Cost: for lines of the first rule's shape (oslo.log by default) one hand-written match with
  // RE2's answer (oslo_level_prefix.h), or one anchored RE2 match if that rule was changed;
  // otherwise one RE2::Set match (one DFA pass over the line's prefix, every line rule at once),
  // plus one match of the deciding rule when its level is a "$word" or the token is wanted.
  SeverityMatch Match(std::string_view line, bool want_token = true) const;

  const Rules& rules() const { return *rules_; }

 private:
  std::shared_ptr<const Rules> rules_;
};

// The record rule above, line after line: feed it every line's Match() in order.
// Not thread-safe (one per log). Tested by tests/unit/viewer/severity_test.cc.
class RecordTracker {
 public:
  // The level of the line `line` describes, given the lines fed before it.
  LineSeverity Next(const SeverityMatch& line);
  // Starts over after a line whose effective level was `current`, outside any traceback (a
  // Document re-reading a terminal capture's rows that may still change).
  void Restart(Severity current) {
    current_ = current;
    in_traceback_ = false;
  }

 private:
  Severity current_ = Severity::kNone;  // the effective level of the line before
  bool in_traceback_ = false;
};

}  // namespace logstow::viewer
