// Which lines a filtered view shows, shared by every front end so they never disagree: the page's
// "LEVEL and up" filter (web/worker_search.js extendFilter() applies the same rule) and
// `logstow show --min-severity/--context/--search`.
//
// A line is kept when its effective level (own or inherited, document.h) is at or above `min`.
// Tracebacks need no exception: a traceback states ERROR and its lines continue it, and TRACE is
// the level below DEBUG (severity.h), so "ERROR and up" keeps tracebacks and no TRACE line.
// ContextWindow adds, like grep -C N, the N lines before and after each kept line and marks where a
// run of shown lines does not continue the one before (where grep prints "--"). Lines are 0-based.
// Never throws. Tested by tests/unit/viewer/line_filter_test.cc.
#pragma once

#include <cstddef>

#include "viewer/severity_level.h"

namespace logstow::viewer {

// Whether a line at effective level `effective` passes a "`min` and up" filter.
inline bool PassesMinSeverity(Severity effective, Severity min) { return effective >= min; }

// Streams grep -C style selection: call Add() for every line in order, once each, with whether
// it is kept; `show(line, is_context, after_gap)` is called for every line to show, in order
// (the lines before a kept line are shown when it arrives; the ones after, as they arrive).
class ContextWindow {
 public:
  explicit ContextWindow(size_t context) : context_(context) {}

  template <typename Show>
  void Add(size_t line, bool kept, Show&& show) {
    if (kept) {
      size_t from = line > context_ ? line - context_ : 0;
      if (any_ && from <= last_) from = last_ + 1;
      for (size_t j = from; j < line; ++j) Emit(j, true, show);
      Emit(line, false, show);
      after_ = context_;
    } else if (after_ > 0) {
      --after_;
      Emit(line, true, show);
    }
  }

 private:
  template <typename Show>
  void Emit(size_t line, bool is_context, Show& show) {
    show(line, is_context, any_ && line != last_ + 1);
    any_ = true;
    last_ = line;
  }

  size_t context_;
  size_t after_ = 0;
  size_t last_ = 0;
  bool any_ = false;
};

}  // namespace logstow::viewer
