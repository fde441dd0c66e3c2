#include "viewer/oslo_level_prefix.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <string>
#include <vector>

#include "viewer/rules.h"
#include "viewer/severity.h"

namespace logstow::viewer {
namespace {

bool IsLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// What severity.cc took from RE2 for this rule: whether it matches at the start, and the last
// run of letters in the match.
bool Re2Answer(const RE2& re, std::string_view line, std::string_view* word) {
  re2::StringPiece match;
  if (!re.Match(re2::StringPiece(line.data(), line.size()), 0, line.size(), RE2::ANCHOR_START,
                &match, 1)) {
    return false;
  }
  size_t end = match.size();
  while (end > 0 && !IsLetter(match[end - 1])) --end;
  size_t begin = end;
  while (begin > 0 && IsLetter(match[begin - 1])) --begin;
  *word = std::string_view(match.data() + begin, end - begin);
  return true;
}

void ExpectSameAsRe2(const RE2& re, const std::string& line) {
  SCOPED_TRACE(testing::Message() << "line \"" << line << "\"");
  std::string_view by_hand, by_re2;
  size_t index = 0;
  const bool hand = MatchOsloLevelPrefix(line, &by_hand, &index);
  const bool re2 = Re2Answer(re, line, &by_re2);
  ASSERT_EQ(hand, re2);
  if (hand) {
    EXPECT_EQ(by_hand, by_re2);
    EXPECT_EQ(by_hand.data(), by_re2.data());  // the same bytes of the line: the token's place
    EXPECT_EQ(kOsloLevelWords[index], by_hand);
  }
}

TEST(OsloLevelPrefix, BuiltInFirstRuleIsMatchedByHand) {
  const Rules& rules = *Rules::Defaults();
  ASSERT_FALSE(rules.severity_rules().empty());
  // If this fails, default_rules.json's "oslo.log" rule (or ts_iso, levels) changed: change
  // kOsloLevelPattern and MatchOsloLevelPrefix with it, or the first rule costs RE2 again.
  EXPECT_TRUE(rules.severity_rules()[0].oslo_level_prefix);
  for (size_t i = 1; i < rules.severity_rules().size(); ++i) {
    EXPECT_FALSE(rules.severity_rules()[i].oslo_level_prefix) << i;
  }
}

TEST(OsloLevelPrefix, UserDefinitionsTurnItOff) {
  RuleError error;
  const auto rules = Rules::Compile(
      R"({"logstow_rules": 1, "define": {"levels": "DEBUG|INFO|NOTICE|WARNING|ERROR"}})", &error);
  ASSERT_NE(rules, nullptr) << error.message;
  EXPECT_FALSE(rules->severity_rules()[0].oslo_level_prefix);
}

TEST(OsloLevelPrefix, ExamplesMatchAsRe2Does) {
  const RE2 re{std::string(kOsloLevelPattern)};
  ASSERT_TRUE(re.ok()) << re.error();
  const std::vector<std::string> lines = {
      "2013-09-10 12:34:56.789 1234 WARNING nova.compute.manager [-] Found 3 instances",
      "2024-03-01 12:00:00,123 ERROR [main] c.e.X - msg",
      "2024-03-01T12:00:00Z INFO x",
      "2024-03-01T12:00:00+01:00 DEBUG x",
      "2024-03-01T12:00:00-0100 42 AUDIT: x",
      "2024-03-01T12:00:00.5+01:0 DEBUG x",
      "2024-03-01 12:00:00.001 1234 TRACE nova Traceback (most recent call last):",
      "2024-03-01 12:00:00 WARN",
      "2024-03-01 12:00:00 WARNING",
      "2024-03-01 12:00:00 WARNINGS x",
      "2024-03-01 12:00:00 WARNx",
      "2024-03-01 12:00:00 FATAL:",
      "2024-03-01 12:00:00 CRITICAL x",
      "2024-03-01 12:00:00  INFO x",
      "2024-03-01 12:00:00 1234  INFO x",
      "2024-03-01 12:00:00. INFO x",
      "2024-03-01 12:00:00.Z INFO x",
      "2024-03-01 12:00:00ZZ INFO x",
      "2024-03-01 12:00:00 | node-01 | INFO | step",
      "2024-03-01x12:00:00 INFO x",
      "Mar  1 12:00:00 host kernel: x",
      "",
      "2",
  };
  for (const std::string& line : lines) ExpectSameAsRe2(re, line);
}

// Every line one edit away from lines of the rule's shapes: each byte replaced by, and each
// place given, a byte from the pattern's alphabet and beyond; and every prefix of each.
TEST(OsloLevelPrefix, EveryEditOfTypicalLinesMatchesAsRe2Does) {
  const RE2 re{std::string(kOsloLevelPattern)};
  ASSERT_TRUE(re.ok()) << re.error();
  const std::vector<std::string> bases = {
      "2013-09-10 12:34:56.789 1234 WARNING nova [-] x",
      "2013-09-10T12:34:56,7Z DEBUG: x",
      "2013-09-10 12:34:56+01:30 99 WARN x",
      "2013-09-10 12:34:56-0130 CRITICAL",
      "2013-09-10 12:34:56 FATAL ERROR TRACE AUDIT INFO",
  };
  const std::string alphabet = std::string("09 T.,Z+-:xWANIGRCDEBUOLFTH\t\n\xff") + '\0';
  size_t checked = 0;
  for (const std::string& base : bases) {
    for (size_t at = 0; at <= base.size(); ++at) {
      ExpectSameAsRe2(re, base.substr(0, at));
      if (at < base.size()) ExpectSameAsRe2(re, base.substr(0, at) + base.substr(at + 1));
      for (const char c : alphabet) {
        if (at < base.size()) {
          std::string replaced = base;
          replaced[at] = c;
          ExpectSameAsRe2(re, replaced);
        }
        std::string inserted = base;
        inserted.insert(at, 1, c);
        ExpectSameAsRe2(re, inserted);
        checked += 2;
      }
      if (HasFatalFailure()) return;
    }
  }
  EXPECT_GT(checked, 5000u);
}

TEST(OsloLevelPrefix, ClassifierGivesTheSameLevelsAndTokens) {
  const SeverityClassifier classifier;
  const SeverityMatch match =
      classifier.Match("2013-09-10 12:34:56.789 1234 WARNING nova.compute.manager [-] x");
  EXPECT_EQ(match.level, Severity::kWarning);
  EXPECT_EQ(match.role, LineRole::kRecord);
  EXPECT_EQ(match.token_begin, 29u);
  EXPECT_EQ(match.token_end, 36u);
  const SeverityMatch trace = classifier.Match(
      "2013-09-10 12:34:56.789 1234 TRACE nova Traceback (most recent call last):");
  EXPECT_EQ(trace.level, Severity::kTrace);
  EXPECT_EQ(trace.continues_from, Severity::kError);
}

}  // namespace
}  // namespace logstow::viewer
