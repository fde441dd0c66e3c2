#include "viewer/spans.h"

#include <re2/re2.h>

#include <algorithm>

#include "viewer/timestamp.h"

namespace logstow::viewer {

namespace {

// Trailing characters that usually end a sentence rather than a URL; a closing bracket stays
// when the URL opens as many as it closes ("https://en.wikipedia.org/wiki/A_(b)"). O(URL length).
uint32_t TrimUrl(std::string_view text, uint32_t begin, uint32_t end) {
  const std::string_view url = text.substr(begin, end - begin);
  // Unmatched closers per bracket kind: closers - openers, updated as the end moves left.
  long excess[3] = {
      std::count(url.begin(), url.end(), ')') - std::count(url.begin(), url.end(), '('),
      std::count(url.begin(), url.end(), ']') - std::count(url.begin(), url.end(), '['),
      std::count(url.begin(), url.end(), '}') - std::count(url.begin(), url.end(), '{')};
  while (end > begin) {
    const char c = text[end - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
        c == '"') {
      --end;
    } else if (c == ')' || c == ']' || c == '}') {
      long& unmatched = excess[c == ')' ? 0 : c == ']' ? 1 : 2];
      if (unmatched <= 0) break;
      --unmatched;
      --end;
    } else {
      break;
    }
  }
  return end;
}

bool Overlaps(const std::vector<Span>& fixed, uint32_t begin, uint32_t end) {
  for (const Span& s : fixed) {
    if (begin < s.end && s.begin < end) return true;
  }
  return false;
}

}  // namespace

void FindSpans(const SeverityClassifier& classifier, std::string_view text,
               std::vector<Span>* out) {
  out->clear();
  std::vector<Span> fixed;
  if (const Timestamp ts = ParseTimestamp(text, 0); ts.ok) {  // where it is, not its value
    fixed.push_back(Span{ts.begin, ts.end, SpanKind::kTimestamp});
  }
  if (const SeverityMatch sev = classifier.Match(text); sev.token_end > sev.token_begin) {
    if (!Overlaps(fixed, sev.token_begin, sev.token_end)) {
      fixed.push_back(Span{sev.token_begin, sev.token_end, SpanKind::kSeverity});
    }
  }
  const Rules& rules = classifier.rules();
  const re2::StringPiece piece(text.data(), text.size());
  std::vector<Span> found;
  size_t at = 0;
  re2::StringPiece token;
  while (at <= text.size() &&
         rules.any_span().Match(piece, at, text.size(), RE2::UNANCHORED, &token, 1)) {
    const uint32_t begin = static_cast<uint32_t>(token.data() - text.data());
    uint32_t end = begin + static_cast<uint32_t>(token.size());
    if (end == begin) {
      at = begin + 1;
      continue;
    }
    // Which rule: the first one that matches here with the same end (else the first that
    // matches here at all).
    const SpanRule* rule = nullptr;
    uint32_t rule_end = end;
    for (const SpanRule& candidate : rules.span_rules()) {
      re2::StringPiece m;
      if (!candidate.pattern->Match(piece, begin, text.size(), RE2::ANCHOR_START, &m, 1)) continue;
      const uint32_t m_end = begin + static_cast<uint32_t>(m.size());
      if (m_end == end) {
        rule = &candidate;
        rule_end = m_end;
        break;
      }
      if (rule == nullptr && m_end > begin) {
        rule = &candidate;
        rule_end = m_end;
      }
    }
    at = std::max(end, rule_end);
    if (rule == nullptr) continue;
    end = rule_end;
    if (rule->kind == SpanKind::kUrl) {
      end = TrimUrl(text, begin, end);
      // Not a link unless well formed ("http://http://x" is not); scanning goes on after it.
      if (!IsHttpUrl(text.substr(begin, end - begin))) continue;
    }
    if (end > begin && !Overlaps(fixed, begin, end)) found.push_back(Span{begin, end, rule->kind});
  }
  out->reserve(fixed.size() + found.size());
  out->insert(out->end(), fixed.begin(), fixed.end());
  out->insert(out->end(), found.begin(), found.end());
  std::sort(out->begin(), out->end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
}

}  // namespace logstow::viewer
