#include "viewer/line_shape.h"

#include "viewer/timestamp.h"

namespace logstow::viewer {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexLetter(char c) { return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsBlank(char c) { return c == ' ' || c == '\t'; }

constexpr size_t kMinHexId = 6;
constexpr size_t kUuidLength = 36;

// A UUID (8-4-4-4-12 hex digits) at `at`, not followed by another letter or digit.
bool Uuid(std::string_view text, size_t at) {
  if (text.size() - at < kUuidLength) return false;
  for (size_t i = 0; i < kUuidLength; ++i) {
    const char c = text[at + i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!IsDigit(c) && !IsHexLetter(c)) {
      return false;
    }
  }
  return at + kUuidLength == text.size() || !IsAlnum(text[at + kUuidLength]);
}
constexpr size_t kMinTempSuffix = 6;

// A word that is a temporary name: "tmp" + 6 or more of [A-Za-z0-9_]. Returns its length or 0.
size_t TempWord(std::string_view text, size_t at) {
  if (text.compare(at, 3, "tmp") != 0) return 0;
  size_t end = at + 3;
  while (end < text.size() && (IsAlnum(text[end]) || text[end] == '_')) ++end;
  return end - at - 3 >= kMinTempSuffix ? end - at : 0;
}

// After "/tmp/" or "/var/tmp/" at `at`: the length of that prefix, else 0.
size_t TempDir(std::string_view text, size_t at) {
  for (const std::string_view dir : {std::string_view("/tmp/"), std::string_view("/var/tmp/")}) {
    if (text.compare(at, dir.size(), dir) == 0) return dir.size();
  }
  return 0;
}

}  // namespace

void NormalizeLine(std::string_view text, std::string* out) {
  out->clear();
  size_t at = 0;
  if (const Timestamp ts = ParseTimestamp(text, 0); ts.ok) {  // where it is, not its value
    // What comes before the time stays ('[', klog's level letter), the time is one mark.
    out->append(text.substr(0, ts.begin));
    out->push_back('T');
    at = ts.end;
  }
  bool blank = false;
  while (at < text.size()) {
    const char c = text[at];
    if (IsBlank(c)) {
      blank = true;
      ++at;
      continue;
    }
    if (blank && !out->empty()) out->push_back(' ');
    blank = false;
    if (const size_t dir = TempDir(text, at); dir > 0) {
      out->append(text.substr(at, dir));
      at += dir;
      size_t end = at;
      while (end < text.size() && text[end] != '/' && !IsBlank(text[end])) ++end;
      if (end > at) out->push_back('*');
      at = end;
      continue;
    }
    if (!IsAlnum(c)) {
      out->push_back(c);
      ++at;
      continue;
    }
    // A word: a run of letters and digits, after no other letter or digit.
    if (const size_t temp = TempWord(text, at); temp > 0) {
      out->append("tmp*");
      at += temp;
      continue;
    }
    if (Uuid(text, at)) {
      out->push_back('#');
      at += kUuidLength;
      continue;
    }
    size_t end = at;
    while (end < text.size() && IsAlnum(text[end])) ++end;
    // The word's longest all-hex tail: an id when long enough and holding a digit ("tx4f2a…").
    size_t hex_begin = end;
    bool digit = false;
    while (hex_begin > at && (IsDigit(text[hex_begin - 1]) || IsHexLetter(text[hex_begin - 1]))) {
      --hex_begin;
      digit = digit || IsDigit(text[hex_begin]);
    }
    // "0x1f": a hex literal, whatever its length.
    const bool literal = end - at > 2 && text[at] == '0' &&
                         (text[at + 1] == 'x' || text[at + 1] == 'X') && hex_begin == at + 2;
    const bool id = literal || (digit && end - hex_begin >= kMinHexId);
    const size_t digits_end = literal ? at : id ? hex_begin : end;
    for (size_t i = at; i < digits_end; ++i) {
      if (!IsDigit(text[i])) {
        out->push_back(text[i]);
      } else if (i == at || !IsDigit(text[i - 1])) {
        out->push_back('#');
      }
    }
    if (id) out->push_back('#');
    at = end;
  }
}

uint64_t ShapeHash(std::string_view shape) {
  uint64_t hash = 14695981039346656037ULL;
  for (const char c : shape) {
    hash ^= static_cast<uint8_t>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

uint64_t LineShapeHash(std::string_view text, std::string* scratch) {
  NormalizeLine(text, scratch);
  if (scratch->empty()) return 0;
  const uint64_t hash = ShapeHash(*scratch);
  return hash == 0 ? 1 : hash;  // 0 means "no shape"
}

}  // namespace logstow::viewer
