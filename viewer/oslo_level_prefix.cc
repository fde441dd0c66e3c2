#include "viewer/oslo_level_prefix.h"

#include <cstddef>

namespace logstow::viewer {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

// Every optional part is decided by its first byte: where the pattern may skip a part, the
// byte that would start it can never continue the match otherwise, so there is nothing to
// backtrack into (a fraction is followed by a non-digit, a zone's sign is no space, and so on).
bool MatchOsloLevelPrefix(std::string_view line, std::string_view* word, size_t* word_index) {
  // \d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d: 19 bytes of a fixed shape ('d' a digit, 'T' space or T).
  static constexpr char kShape[] = "dddd-dd-ddTdd:dd:dd";
  constexpr size_t kShapeBytes = sizeof(kShape) - 1;
  const char* p = line.data();
  const size_t n = line.size();
  if (n < kShapeBytes) return false;
  for (size_t i = 0; i < kShapeBytes; ++i) {
    const char c = p[i];
    switch (kShape[i]) {
      case 'd':
        if (!IsDigit(c)) return false;
        break;
      case 'T':
        if (c != ' ' && c != 'T') return false;
        break;
      default:
        if (c != kShape[i]) return false;
    }
  }
  size_t i = kShapeBytes;
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
  // (?:DEBUG|...|TRACE)(?:[ :]|$)
  const std::string_view rest = line.substr(i);
  for (size_t k = 0; k < kOsloLevelWords.size(); ++k) {
    const std::string_view candidate = kOsloLevelWords[k];
    if (rest.size() < candidate.size() || rest.substr(0, candidate.size()) != candidate) continue;
    if (rest.size() == candidate.size() || rest[candidate.size()] == ' ' ||
        rest[candidate.size()] == ':') {
      *word = rest.substr(0, candidate.size());
      *word_index = k;
      return true;
    }
  }
  return false;
}

}  // namespace logstow::viewer
