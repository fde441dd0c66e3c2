// ParseHtmlIndex (listing.h): links to children in an HTML folder page, with the date and size
// that Apache mod_autoindex (and logstow's own index.html) print beside each link.
#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "common/percent_encode.h"
#include "common/utf8.h"
#include "viewer/listing.h"

namespace logstow::viewer {

namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Case-insensitive find of the ASCII `needle` (lower case) in text[from, limit).
size_t FindCi(std::string_view text, std::string_view needle, size_t from,
              size_t limit = std::string_view::npos) {
  text = text.substr(0, std::min(limit, text.size()));
  if (needle.size() > text.size()) return std::string_view::npos;
  for (size_t i = from; i + needle.size() <= text.size(); ++i) {
    size_t j = 0;
    while (j < needle.size() && Lower(text[i + j]) == needle[j]) ++j;
    if (j == needle.size()) return i;
  }
  return std::string_view::npos;
}

// Decodes the character references a folder page uses: named &amp; &lt; &gt; &quot; &apos;
// &nbsp; and numeric ones. Unknown references stay as written.
std::string DecodeEntities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out.push_back(text[i]);
      continue;
    }
    const size_t semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    const std::string_view name = text.substr(i + 1, semi - i - 1);
    char32_t cp = 0;
    if (name == "amp")
      cp = '&';
    else if (name == "lt")
      cp = '<';
    else if (name == "gt")
      cp = '>';
    else if (name == "quot")
      cp = '"';
    else if (name == "apos")
      cp = '\'';
    else if (name == "nbsp")
      cp = ' ';
    else if (name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      const std::string digits(name.substr(hex ? 2 : 1));
      char* end = nullptr;
      const unsigned long value = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      if (!digits.empty() && end != nullptr && *end == '\0' && value > 0 && value <= 0x10FFFF &&
          !(value >= 0xD800 && value <= 0xDFFF)) {
        cp = static_cast<char32_t>(value);
      }
    }
    if (cp == 0) {
      out.push_back('&');
      continue;
    }
    AppendUtf8(cp, &out);
    i = semi;
  }
  return out;
}

// Text without tags (each tag counts as a space: "<td>1 B</td><td>2026..." has two cells),
// entities decoded, whitespace runs as one space.
std::string PlainText(std::string_view html) {
  std::string text;
  bool in_tag = false;
  for (const char c : html) {
    if (c == '<') {
      in_tag = true;
      text.push_back(' ');
    } else if (c == '>') {
      in_tag = false;
    } else if (!in_tag) {
      text.push_back(c);
    }
  }
  std::string decoded = DecodeEntities(text), out;
  for (const char c : decoded) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// The value of attribute `name` (lower case) in the tag text `tag` ("<a href=... >").
bool Attribute(std::string_view tag, std::string_view name, std::string* value) {
  size_t at = 0;
  while ((at = FindCi(tag, name, at)) != std::string_view::npos) {
    const bool boundary = at > 0 && (tag[at - 1] == ' ' || tag[at - 1] == '\t' ||
                                     tag[at - 1] == '\n' || tag[at - 1] == '\r');
    size_t i = at + name.size();
    at = i;
    if (!boundary) continue;
    while (i < tag.size() && tag[i] == ' ') ++i;
    if (i >= tag.size() || tag[i] != '=') continue;
    ++i;
    while (i < tag.size() && tag[i] == ' ') ++i;
    if (i >= tag.size()) return false;
    if (tag[i] == '"' || tag[i] == '\'') {
      const size_t close = tag.find(tag[i], i + 1);
      if (close == std::string_view::npos) return false;
      *value = DecodeEntities(tag.substr(i + 1, close - i - 1));
    } else {
      size_t end = i;
      while (end < tag.size() && tag[end] != ' ' && tag[end] != '>' && tag[end] != '\t') ++end;
      *value = DecodeEntities(tag.substr(i, end - i));
    }
    return true;
  }
  return false;
}

// A relative link to a direct child ("name", "name/", "./name", and "name/index.html", how
// logstow's own index pages link their subfolders), else "".
std::string ChildHref(std::string href) {
  if (href.rfind("./", 0) == 0) href.erase(0, 2);
  constexpr std::string_view kIndex = "/index.html";
  if (href.size() > kIndex.size() &&
      href.compare(href.size() - kIndex.size(), kIndex.size(), kIndex) == 0) {
    href.erase(href.size() - kIndex.size() + 1);  // "name/index.html" -> "name/"
  }
  if (href.empty() || href[0] == '?' || href[0] == '#' || href[0] == '/' || href == "." ||
      href.rfind("..", 0) == 0) {
    return "";
  }
  for (const char c : href) {
    if (c == '?' || c == '#' || c == ':' || c == '\\' || c == '<' || c == '>' || c == '"' ||
        static_cast<unsigned char>(c) < 0x20) {
      return "";  // a query, a fragment, a scheme ("https:", "javascript:") or junk
    }
  }
  const size_t slash = href.find('/');
  if (slash != std::string::npos && slash + 1 != href.size()) return "";  // not a direct child
  return href;
}

// "2020-03-28 12:20" or "28-Mar-2020 12:20" (+ optional ":SS") -> "2020-03-28T12:20:00".
std::string IndexDate(const std::string& text, std::string* rest) {
  static const RE2 iso(R"((\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d)(?::(\d\d))?)");
  static const RE2 apache(R"((\d\d)-([A-Z][a-z]{2})-(\d{4}) (\d\d):(\d\d)(?::(\d\d))?)");
  static constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  std::string y, mo, d, h, mi, s;
  re2::StringPiece input(text), whole;
  std::string out;
  if (RE2::PartialMatch(input, iso, &y, &mo, &d, &h, &mi, &s)) {
    out = y + "-" + mo + "-" + d + "T" + h + ":" + mi + ":" + (s.empty() ? "00" : s);
  } else if (RE2::PartialMatch(input, apache, &d, &mo, &y, &h, &mi, &s)) {
    const size_t at = kMonths.find(mo);
    if (at == std::string_view::npos || at % 3 != 0) return "";
    char month[3] = {static_cast<char>('0' + (at / 3 + 1) / 10),
                     static_cast<char>('0' + (at / 3 + 1) % 10), 0};
    out = y + "-" + month + "-" + d + "T" + h + ":" + mi + ":" + (s.empty() ? "00" : s);
  } else {
    *rest = text;
    return "";
  }
  // The rest of the text, without the date, for the size.
  std::string without = text;
  RE2::Replace(&without, iso, "");
  RE2::Replace(&without, apache, "");
  *rest = without;
  return out;
}

// "12345", "12K", "2.4M", "1.0 GiB" -> bytes (approximate when scaled); -1 if none.
int64_t IndexSize(const std::string& text, bool* approximate) {
  static const RE2 size(R"((?:^|\s)(\d+(?:\.\d+)?) ?([KMGTP]?)(?:i?B)?(?:\s|$))");
  std::string number, unit;
  if (!RE2::PartialMatch(text, size, &number, &unit)) return -1;
  double value = std::strtod(number.c_str(), nullptr);
  static constexpr std::string_view kUnits = "KMGTP";
  if (!unit.empty()) {
    for (size_t i = 0; i <= kUnits.find(unit[0]); ++i) value *= 1024;
    *approximate = true;
  }
  if (!(value >= 0 && value < 9.0e18)) return -1;
  return static_cast<int64_t>(value);
}

}  // namespace

ListingResult ParseHtmlIndex(std::string_view html) {
  ListingResult result;
  result.folder.source = ListingSource::kHtmlIndex;
  std::set<std::string> seen;
  size_t at = 0;
  while ((at = FindCi(html, "<a", at)) != std::string_view::npos) {
    const size_t after_name = at + 2;
    if (after_name >= html.size() || !(html[after_name] == ' ' || html[after_name] == '\t' ||
                                       html[after_name] == '\n' || html[after_name] == '\r')) {
      at = after_name;
      continue;
    }
    const size_t tag_end = html.find('>', after_name);
    if (tag_end == std::string_view::npos) break;
    const std::string_view tag = html.substr(at, tag_end - at);
    // The link text ends at "</a>", looked for only up to the next link (linear time).
    const size_t close = FindCi(html, "</a>", tag_end, FindCi(html, "<a", tag_end));
    const size_t text_end = close == std::string_view::npos ? tag_end + 1 : close + 4;
    at = text_end;
    std::string href;
    if (!Attribute(tag, "href", &href)) continue;
    href = ChildHref(href);
    if (href.empty()) continue;
    if (!seen.insert(href).second) continue;

    FolderEntry entry;
    const bool folder = href.back() == '/';
    entry.type = folder ? EntryType::kFolder : EntryType::kFile;
    std::string name = PercentDecodeLenient(
        folder ? std::string_view(href).substr(0, href.size() - 1) : std::string_view(href));
    if (name.empty() || name == "." || name == "..") continue;
    entry.name = SanitizeUtf8(name);
    entry.href = PercentEncode(name) + (folder ? "/" : "");
    // What the page prints beside the link: up to the next link or row/line end (searched only
    // up to the next link, so a page of many links stays linear).
    size_t meta_end = FindCi(html, "<a", text_end);
    if (meta_end == std::string_view::npos) meta_end = html.size();
    for (const std::string_view stop : {std::string_view("</tr"), std::string_view("\n")}) {
      meta_end = std::min(meta_end, FindCi(html, stop, text_end, meta_end));
    }
    const std::string meta = PlainText(html.substr(text_end, meta_end - text_end));
    std::string rest;
    entry.last_modified = IndexDate(meta, &rest);
    if (!folder) entry.size_bytes = IndexSize(rest, &entry.size_approximate);
    result.folder.entries.push_back(std::move(entry));
  }
  if (result.folder.entries.empty()) {
    result.error = {ListingError::Code::kNotAListing,
                    "no links to folder entries found in the HTML page"};
  }
  return result;
}

}  // namespace logstow::viewer
