#include "viewer/oslo_level_prefix.h"

#include <cstddef>

namespace logstow::viewer {

namespace {

bool IsDigit(char c) { return static_cast<unsigned char>(c - '0') < 10; }

// Whether `text` starts with `word` (REQUIRES: text.size() >= word.size()); a plain loop, as the
// words are short and memcmp is a call in Wasm.
bool StartsWith(const char* text, std::string_view word) {
  for (size_t i = 0; i < word.size(); ++i) {
    if (text[i] != word[i]) return false;
  }
  return true;
}

}  // namespace

// Every optional part is decided by its first byte: where the pattern may skip a part, the
// byte that would start it can never continue the match otherwise, so there is nothing to
// backtrack into (a fraction is followed by a non-digit, a zone's sign is no space, and so on).
bool MatchOsloLevelPrefix(std::string_view line, std::string_view* word, size_t* word_index) {
  const char* p = line.data();
  const size_t n = line.size();
  // \d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d: 19 bytes of a fixed shape, checked in order (a line
  // of another shape fails at its first byte or two).
  if (n < 19 || !IsDigit(p[0]) || !IsDigit(p[1]) || !IsDigit(p[2]) || !IsDigit(p[3]) ||
      p[4] != '-' || !IsDigit(p[5]) || !IsDigit(p[6]) || p[7] != '-' || !IsDigit(p[8]) ||
      !IsDigit(p[9]) || (p[10] != ' ' && p[10] != 'T') || !IsDigit(p[11]) || !IsDigit(p[12]) ||
      p[13] != ':' || !IsDigit(p[14]) || !IsDigit(p[15]) || p[16] != ':' || !IsDigit(p[17]) ||
      !IsDigit(p[18])) {
    return false;
  }
  size_t i = 19;
  // (?:[.,]\d+)?
  if (i + 1 < n && (p[i] == '.' || p[i] == ',') && IsDigit(p[i + 1])) {
    i += 2;
    while (i < n && IsDigit(p[i])) ++i;
  }
  // (?:Z|[+-]\d\d:?\d\d)?
  if (i < n && p[i] == 'Z') {
    ++i;
  } else if (i < n && (p[i] == '+' || p[i] == '-')) {
    if (i + 2 >= n || !IsDigit(p[i + 1]) || !IsDigit(p[i + 2])) return false;
    i += 3;
    if (i < n && p[i] == ':') ++i;
    if (i + 1 >= n || !IsDigit(p[i]) || !IsDigit(p[i + 1])) return false;
    i += 2;
  }
  // (?: \d+)? then ' '
  if (i >= n || p[i] != ' ') return false;
  ++i;
  if (i < n && IsDigit(p[i])) {
    while (i < n && IsDigit(p[i])) ++i;
    if (i >= n || p[i] != ' ') return false;
    ++i;
  }
  // (?:DEBUG|...|TRACE)(?:[ :]|$): the words that can start with this byte, in the pattern's
  // order (only W has two: WARNING, then WARN).
  if (i >= n) return false;
  size_t first = 0, last = 0;  // [first, last) in kOsloLevelWords
  switch (p[i]) {
    case 'D':
      first = 0, last = 1;
      break;
    case 'I':
      first = 1, last = 2;
      break;
    case 'A':
      first = 2, last = 3;
      break;
    case 'W':
      first = 3, last = 5;
      break;
    case 'E':
      first = 5, last = 6;
      break;
    case 'C':
      first = 6, last = 7;
      break;
    case 'F':
      first = 7, last = 8;
      break;
    case 'T':
      first = 8, last = 9;
      break;
    default:
      return false;
  }
  for (size_t k = first; k < last; ++k) {
    const std::string_view candidate = kOsloLevelWords[k];
    const size_t end = i + candidate.size();
    if (end > n || !StartsWith(p + i, candidate)) continue;
    if (end == n || p[end] == ' ' || p[end] == ':') {
      *word = line.substr(i, candidate.size());
      *word_index = k;
      return true;
    }
  }
  return false;
}

}  // namespace logstow::viewer
