#include "viewer/terminal_line.h"

#include <algorithm>

namespace logstow::viewer {

namespace {

void AppendColor(const AnsiColor& color, bool background, std::string* out) {
  switch (color.kind) {
    case AnsiColor::Kind::kDefault:
      return;
    case AnsiColor::Kind::kPalette:
      if (color.index < 8) {
        *out += ';' + std::to_string((background ? 40 : 30) + color.index);
      } else if (color.index < 16) {
        *out += ';' + std::to_string((background ? 100 : 90) + color.index - 8);
      } else {
        *out += (background ? ";48;5;" : ";38;5;") + std::to_string(color.index);
      }
      return;
    case AnsiColor::Kind::kRgb:
      *out += (background ? ";48;2;" : ";38;2;") + std::to_string(color.r) + ';' +
              std::to_string(color.g) + ';' + std::to_string(color.b);
      return;
  }
}

// The full SGR for a segment, starting from a reset so no earlier state leaks in.
std::string SegmentSgr(const AnsiStyle* style, Severity severity, bool marked) {
  std::string sgr = "\x1b[0";
  const uint8_t flags = style ? style->flags : 0;
  if (flags & AnsiStyle::kBold) sgr += ";1";
  if (flags & AnsiStyle::kDim) sgr += ";2";
  if (flags & AnsiStyle::kItalic) sgr += ";3";
  if (flags & AnsiStyle::kUnderline) sgr += ";4";
  // A mark inverts whatever the log drew (inverse twice is plain, so a mark on inverse text
  // still stands out).
  if (((flags & AnsiStyle::kInverse) != 0) != marked) sgr += ";7";
  if (flags & AnsiStyle::kStrike) sgr += ";9";
  if (style && style->fg.kind != AnsiColor::Kind::kDefault) {
    AppendColor(style->fg, false, &sgr);
  } else if (std::string_view color = SeverityColorSgr(severity); !color.empty()) {
    sgr += ';';
    sgr += color;
  }
  if (style) AppendColor(style->bg, true, &sgr);
  sgr += 'm';
  return sgr;
}

}  // namespace

std::string_view SeverityColorSgr(Severity severity) {
  switch (severity) {
    case Severity::kTrace:
      return "35";
    case Severity::kDebug:
      return "90";
    case Severity::kAudit:
      return "34";
    case Severity::kWarning:
      return "33";
    case Severity::kError:
      return "31";
    case Severity::kCritical:
      return "1;31";
    case Severity::kNone:
    case Severity::kInfo:
      return "";
  }
  return "";
}

void AppendTerminalLine(const CleanLine& line, Severity effective,
                        const std::vector<ByteRange>& marks, std::string* out) {
  const uint32_t size = static_cast<uint32_t>(line.text.size());
  if (line.styles.empty() && marks.empty() && SeverityColorSgr(effective).empty()) {
    out->append(line.text);
    return;
  }
  // Segment boundaries: where a style run or a mark starts or ends.
  std::vector<uint32_t> cuts = {0, size};
  for (const StyleRun& run : line.styles) {
    cuts.push_back(std::min(run.begin, size));
    cuts.push_back(std::min(run.end, size));
  }
  for (const ByteRange& mark : marks) {
    cuts.push_back(std::min(mark.begin, size));
    cuts.push_back(std::min(mark.end, size));
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

  size_t run = 0, mark = 0;
  std::string current;  // the SGR in force; "" = the terminal's default
  for (size_t i = 0; i + 1 < cuts.size(); ++i) {
    const uint32_t begin = cuts[i], end = cuts[i + 1];
    while (run < line.styles.size() && line.styles[run].end <= begin) ++run;
    while (mark < marks.size() && marks[mark].end <= begin) ++mark;
    const AnsiStyle* style = run < line.styles.size() && line.styles[run].begin <= begin
                                 ? &line.styles[run].style
                                 : nullptr;
    const bool marked = mark < marks.size() && marks[mark].begin <= begin;
    std::string sgr = SegmentSgr(style, effective, marked);
    if (sgr == "\x1b[0m") sgr.clear();
    if (sgr != current) {
      out->append(sgr.empty() ? std::string("\x1b[0m") : sgr);
      current = std::move(sgr);
    }
    out->append(line.text, begin, end - begin);
  }
  if (!current.empty()) out->append("\x1b[0m");
}

}  // namespace logstow::viewer
