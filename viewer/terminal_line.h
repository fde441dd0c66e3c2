// One log line drawn for a terminal (`logstow show` on a TTY): the line's clean text (ansi.h)
// with SGR sequences that this code writes from parsed values, never the log's own bytes (they
// are untrusted: a log could otherwise move the cursor, retitle the window or hide text).
// What is drawn mirrors the page: the text in its effective severity's colour (as viewer.css
// .row.sev-* .tx: trace magenta, debug grey, audit blue, warning yellow, error red, critical bold
// red; none and info in the terminal's default colour), the log's own colours and attributes on
// top (CleanLine::styles), and marked ranges (search matches) in inverse video.
// Pure functions, thread-safe, never throw. Tested by tests/unit/viewer/terminal_line_test.cc.
#pragma once

#include <string>
#include <vector>

#include "viewer/ansi.h"
#include "viewer/line_index.h"
#include "viewer/severity_level.h"

namespace logstow::viewer {

// Appends line.text to *out with SGR sequences as above, ending in the default style ("ESC[0m")
// when it left it. `marks`: byte ranges into line.text, sorted and not overlapping.
void AppendTerminalLine(const CleanLine& line, Severity effective,
                        const std::vector<ByteRange>& marks, std::string* out);

// The SGR parameters for the default text colour of a severity ("31", "1;31"; "" for none/info).
std::string_view SeverityColorSgr(Severity severity);

}  // namespace logstow::viewer
