#include "viewer/render.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "common/utf8.h"
#include "viewer/ansi.h"
#include "viewer/spans.h"

namespace logstow::viewer {

namespace {

// A run of text drawn the same way.
struct Segment {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string classes;
  std::string href;
  std::string fg;  // "#rrggbb" for 24-bit colours
  std::string bg;
};

std::string Hex(const AnsiColor& c) {
  char text[8];
  std::snprintf(text, sizeof(text), "#%02x%02x%02x", c.r, c.g, c.b);
  return text;
}

void AddClass(std::string* classes, std::string_view name) {
  if (!classes->empty()) classes->push_back(' ');
  classes->append(name);
}

void ColorClasses(const AnsiColor& color, const char* prefix, std::string* classes,
                  std::string* hex) {
  if (color.kind == AnsiColor::Kind::kDefault) return;
  const int index = color.kind == AnsiColor::Kind::kPalette
                        ? color.index
                        : NearestPaletteIndex(color.r, color.g, color.b);
  AddClass(classes, prefix + std::to_string(index));
  if (color.kind == AnsiColor::Kind::kRgb) *hex = Hex(color);
}

// Splits the line's clean text at every span, style, link and search-hit boundary.
std::vector<Segment> Segments(const CleanLine& line, const std::vector<Span>& spans,
                              const std::vector<ByteRange>& hits) {
  std::vector<uint32_t> cuts = {0, static_cast<uint32_t>(line.text.size())};
  for (const Span& s : spans) cuts.insert(cuts.end(), {s.begin, s.end});
  for (const StyleRun& s : line.styles) cuts.insert(cuts.end(), {s.begin, s.end});
  for (const LinkRun& s : line.links) cuts.insert(cuts.end(), {s.begin, s.end});
  for (const ByteRange& s : hits) cuts.insert(cuts.end(), {s.begin, s.end});
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

  std::vector<Segment> segments;
  size_t span = 0, style = 0, link = 0, hit = 0;
  for (size_t i = 0; i + 1 < cuts.size(); ++i) {
    Segment seg{cuts[i], cuts[i + 1]};
    while (span < spans.size() && spans[span].end <= seg.begin) ++span;
    while (style < line.styles.size() && line.styles[style].end <= seg.begin) ++style;
    while (link < line.links.size() && line.links[link].end <= seg.begin) ++link;
    while (hit < hits.size() && hits[hit].end <= seg.begin) ++hit;
    if (span < spans.size() && spans[span].begin <= seg.begin) {
      const Span& s = spans[span];
      AddClass(&seg.classes, "hl-" + std::string(SpanKindName(s.kind)));
      if (s.kind == SpanKind::kUrl) seg.href = line.text.substr(s.begin, s.end - s.begin);
    }
    if (style < line.styles.size() && line.styles[style].begin <= seg.begin) {
      AnsiStyle st = line.styles[style].style;
      if (st.flags & AnsiStyle::kInverse) std::swap(st.fg, st.bg);
      ColorClasses(st.fg, "fg-", &seg.classes, &seg.fg);
      ColorClasses(st.bg, "bg-", &seg.classes, &seg.bg);
      if (st.flags & AnsiStyle::kBold) AddClass(&seg.classes, "b");
      if (st.flags & AnsiStyle::kDim) AddClass(&seg.classes, "dim");
      if (st.flags & AnsiStyle::kItalic) AddClass(&seg.classes, "i");
      if (st.flags & AnsiStyle::kUnderline) AddClass(&seg.classes, "u");
      if (st.flags & AnsiStyle::kStrike) AddClass(&seg.classes, "s");
      if (st.flags & AnsiStyle::kInverse) AddClass(&seg.classes, "inv");
    }
    if (link < line.links.size() && line.links[link].begin <= seg.begin && seg.href.empty()) {
      seg.href = line.links[link].url;
    }
    if (hit < hits.size() && hits[hit].begin <= seg.begin) AddClass(&seg.classes, "hl-match");
    if (!seg.href.empty() && !IsHttpUrl(seg.href)) seg.href.clear();
    segments.push_back(std::move(seg));
  }
  return segments;
}

// The clean text, spans and search hits of line n.
struct DrawnLine {
  CleanLine clean;
  std::vector<Span> spans;
  std::vector<ByteRange> hits;
};

void Draw(const Document& document, size_t n, const SearchPattern* search, DrawnLine* out) {
  document.CleanText(n, &out->clean);
  FindSpans(document.classifier(), out->clean.text, &out->spans);
  out->hits.clear();
  if (search != nullptr && search->ok()) FindInText(*search, out->clean.text, &out->hits);
}

}  // namespace

void RenderRowsJson(const Document& document, size_t first, size_t last,
                    const SearchPattern* search, std::string* out) {
  last = std::min(last, document.line_count());
  nlohmann::json rows = nlohmann::json::array();
  DrawnLine line;
  for (size_t n = first; n < last; ++n) {
    Draw(document, n, search, &line);
    // Byte offset -> UTF-16 index, for the segment boundaries.
    const std::string& text = line.clean.text;
    std::vector<uint32_t> utf16(text.size() + 1, 0);
    uint32_t units = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      utf16[i] = units;
      units += static_cast<uint32_t>(Utf16UnitsOfByte(static_cast<unsigned char>(text[i])));
    }
    utf16[text.size()] = units;
    nlohmann::json segments = nlohmann::json::array();
    for (const Segment& seg : Segments(line.clean, line.spans, line.hits)) {
      segments.push_back({utf16[seg.begin], utf16[seg.end], seg.classes, seg.href, seg.fg, seg.bg});
    }
    nlohmann::json row = {{"line", n + 1},
                          {"severity", SeverityName(document.severity(n))},
                          {"inherited", !document.states_severity(n)},
                          {"text", text},
                          {"segments", std::move(segments)}};
    if (document.is_terminal()) {
      const RowSource source = document.row_source(n);
      row["source"] = {source.first_line + 1, source.last_line + 1};
    }
    rows.push_back(std::move(row));
  }
  out->append(nlohmann::json{{"rows", std::move(rows)}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace logstow::viewer
