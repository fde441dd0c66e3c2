// Highlight spans of one line: its severity token, its leading timestamp, and the tokens the
// span rules mark (request ids "req-<uuid>" and Swift "tx...", http(s) URLs, file paths with line
// numbers, Zuul/Ansible task headers; rules.h). Works on a line's clean text (after ansi.h's
// ScrubLine), so offsets are bytes into that text.
// The result is sorted by begin, spans are non-empty and never overlap: the severity token and
// the timestamp come first, then rule tokens left to right (at one position the rule listed first
// wins). A URL span never ends in sentence punctuation ("see http://x/y)." -> "http://x/y";
// brackets the URL opens stay: "https://en.wikipedia.org/wiki/A_(b)") and is always a
// well-formed http(s) URL with a host (http_url.h): "http://http://x" and "javascript:" never are.
// Thread-safe (const, over immutable rules). Tested by tests/unit/viewer/spans_test.cc.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "viewer/http_url.h"  // IsHttpUrl, for callers drawing links
#include "viewer/rules.h"
#include "viewer/severity.h"

namespace logstow::viewer {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  SpanKind kind = SpanKind::kMatch;
  bool operator==(const Span&) const = default;
};

// Appends the spans of `text` (one line, clean) to *out (cleared first). `classifier` must use
// the same rules. O(line length) per rule that matches; one combined RE2 pass finds candidates.
void FindSpans(const SeverityClassifier& classifier, std::string_view text, std::vector<Span>* out);

}  // namespace logstow::viewer
