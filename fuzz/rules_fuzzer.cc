// Fuzzes the rule-file compiler (JSON + {{define}} expansion + RE2) and then uses what compiled:
// classification and spans over a few fixed lines and over the input itself.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "viewer/rules.h"
#include "viewer/severity.h"
#include "viewer/spans.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace logstow::viewer;
  if (size > (64 << 10)) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  RuleError error;
  const auto rules = Rules::Compile(text, &error);
  if (rules == nullptr) {
    if (error.code == RuleError::Code::kNone || error.message.empty()) __builtin_trap();
    return 0;
  }
  const SeverityClassifier classifier(rules);
  std::vector<Span> spans;
  for (const std::string_view line :
       {std::string_view("2013-09-10 12:34:56.789 1234 WARNING nova [-] http://x/ a.py:3"),
        std::string_view("ERROR: x"), std::string_view(""), text.substr(0, 256)}) {
    const SeverityMatch match = classifier.Match(line);
    if (match.token_end < match.token_begin || match.token_end > line.size()) __builtin_trap();
    FindSpans(classifier, line, &spans);
    uint32_t last = 0;
    for (const Span& s : spans) {
      if (s.begin < last || s.end <= s.begin || s.end > line.size()) __builtin_trap();
      last = s.end;
    }
  }
  return 0;
}
