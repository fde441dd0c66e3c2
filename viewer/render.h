// Rows out: lines [first, last) of a Document (its shown lines: rows of a terminal capture) drawn
// for the page as a compact JSON span list that the page turns into DOM nodes itself (text nodes
// and attributes: no innerHTML, so no log content can become markup). The text is what a
// terminal shows (ansi.h), invalid UTF-8 as U+FFFD. Classes (the page's CSS styles them):
//   row:      severity and "inherited" (the page writes "row sev-<level>" + " inh")
//   spans:    "hl-severity hl-timestamp hl-request-id hl-url hl-path hl-task hl-match"
//   ANSI:     "fg-N" / "bg-N" (palette 0-255; 24-bit colours map to the nearest palette entry and
//             also travel as "#rrggbb" in the JSON), "b" bold, "dim", "i" italic, "u" underline,
//             "s" strike, "inv" inverse (colours already swapped)
// Links: an href only for http(s) URLs (URL spans and OSC 8 links).
//
// JSON: {"rows":[{"line":12,"severity":"WARNING","inherited":false,"text":"...",
//   "segments":[[begin,end,"classes","href","#fg","#bg"],...]},...]}
// plus, for a terminal capture (Document::is_terminal()), "source":[first,last]: the 1-based raw
// lines that wrote the row (Document::row_source()).
// where begin/end are UTF-16 code units into "text" (JavaScript string indices); segments cover
// the text in order without gaps; unused fields are "".
// Thread-safe for concurrent reads of one Document. Cost: O(characters drawn).
// Tested by tests/unit/viewer/render_test.cc.
#pragma once

#include <cstddef>
#include <string>

#include "viewer/document.h"
#include "viewer/search.h"

namespace logstow::viewer {

// Appends the JSON described above for lines [first, last) to *out; `search` (may be null)
// marks its matches as "hl-match". Lines past line_count() are not drawn.
void RenderRowsJson(const Document& document, size_t first, size_t last,
                    const SearchPattern* search, std::string* out);

}  // namespace logstow::viewer
