#include "viewer/rules.h"

#include <gtest/gtest.h>

#include "viewer/severity.h"

namespace logstow::viewer {
namespace {

TEST(Rules, BuiltInRulesCompile) {
  RuleError error;
  const auto rules = Rules::Compile("", &error);
  ASSERT_NE(rules, nullptr) << error.message;
  EXPECT_EQ(error.code, RuleError::Code::kNone);
  EXPECT_GE(rules->severity_rules().size(), 10u);
  EXPECT_GE(rules->span_rules().size(), 5u);
  EXPECT_EQ(rules->severity_rules().front().name, "oslo.log");
  EXPECT_EQ(rules->LevelOfWord("WARN"), Severity::kWarning);
  EXPECT_EQ(rules->LevelOfWord("NOPE"), Severity::kNone);
  EXPECT_EQ(Rules::Defaults()->severity_rules().size(), rules->severity_rules().size());
}

TEST(Rules, UserRulesComeFirstAndMayUseTheBuiltInDefinitions) {
  RuleError error;
  const auto rules = Rules::Compile(R"({
    "logstow_rules": 1,
    "define": {"mine": "MYAPP"},
    "levels": {"OOPS": "ERROR"},
    "severity": [
      {"name": "myapp", "match": "{{mine}} (OOPS|NOTE)\\b", "level": "$word"},
      {"name": "beep", "match": "{{ts_iso}} BEEP", "level": "critical"}
    ],
    "spans": [{"name": "ticket", "kind": "request-id", "match": "\\bTICKET-\\d+"}]
  })",
                                    &error);
  ASSERT_NE(rules, nullptr) << error.message;
  EXPECT_EQ(rules->severity_rules()[0].name, "myapp");
  EXPECT_EQ(rules->span_rules()[0].name, "ticket");
  const SeverityClassifier classifier(rules);
  EXPECT_EQ(classifier.Classify("MYAPP OOPS it broke"), Severity::kError);
  EXPECT_EQ(classifier.Classify("MYAPP NOTE unknown word"), Severity::kNone);
  EXPECT_EQ(classifier.Classify("2020-01-01 00:00:00 BEEP"), Severity::kCritical);
  EXPECT_EQ(classifier.Classify("ERROR: built-ins still apply"), Severity::kError);
  const SeverityMatch match = classifier.Match("MYAPP OOPS it broke");
  EXPECT_EQ(match.token_begin, 6u);  // the capture group marks "OOPS"
  EXPECT_EQ(match.token_end, 10u);
}

TEST(Rules, DefaultsFalseDropsTheBuiltInRules) {
  RuleError error;
  const auto rules = Rules::Compile(
      R"({"defaults": false, "severity": [{"match": "X", "level": "INFO"}]})", &error);
  ASSERT_NE(rules, nullptr) << error.message;
  EXPECT_EQ(rules->severity_rules().size(), 1u);
  EXPECT_TRUE(rules->span_rules().empty());
  const SeverityClassifier classifier(rules);
  EXPECT_EQ(classifier.Classify("ERROR: no built-in rule now"), Severity::kNone);
  EXPECT_EQ(classifier.Classify("X"), Severity::kInfo);
}

TEST(Rules, UserRecordAndContinuationRulesDecideBeforeTheBuiltInOnes) {
  RuleError error;
  const auto rules = Rules::Compile(R"({
    "severity": [{"name": "app", "match": "APP (E|T) ", "level": "$word",
                  "continues": {"TRACE": "ERROR"}}],
    "levels": {"E": "ERROR", "T": "TRACE"},
    "continuations": [{"name": "more", "match": "APP \\+ "}],
    "records": [{"name": "app-record", "match": "APP "}]
  })",
                                    &error);
  ASSERT_NE(rules, nullptr) << error.message;
  EXPECT_EQ(rules->continuation_rules().front().name, "more");
  EXPECT_EQ(rules->record_rules().front().name, "app-record");
  const SeverityClassifier classifier(rules);
  RecordTracker records;
  const auto next = [&](std::string_view line) { return records.Next(classifier.Match(line)); };
  EXPECT_EQ(next("APP E failed").level, Severity::kError);
  EXPECT_EQ(next("APP + detail").level, Severity::kError);  // a continuation
  EXPECT_EQ(next("APP T frame").level, Severity::kError);   // TRACE continuing an ERROR record
  EXPECT_FALSE(records.Next(classifier.Match("APP T frame")).own);
  EXPECT_EQ(next("APP next").level, Severity::kNone);  // a record with no level
  EXPECT_EQ(next("APP T alone").level, Severity::kTrace);
}

TEST(Rules, ErrorsNameTheRuleAndTheProblem) {
  struct Case {
    const char* json;
    RuleError::Code code;
    const char* message;
  };
  const Case cases[] = {
      {"{", RuleError::Code::kBadJson,
       "rule file is not JSON: parse error at line 1, column 2: syntax error while parsing object "
       "key - unexpected end of input; expected string literal"},
      {"[]", RuleError::Code::kBadShape, "rule file: must be a JSON object"},
      {R"({"logstow_rules": 2})", RuleError::Code::kBadVersion,
       "rule file: \"logstow_rules\" must be 1 (the only format version)"},
      {R"({"severity": {}})", RuleError::Code::kBadShape,
       "rule file: \"severity\" must be an array of rules"},
      {R"({"severity": [{"name": "mine", "match": "(foo", "level": "ERROR"}]})",
       RuleError::Code::kBadPattern, "severity rule 1 (\"mine\"): missing ): (foo"},
      {R"({"severity": [{"match": "x", "level": "LOUD"}]})", RuleError::Code::kBadLevel,
       "severity rule 1: unknown level \"LOUD\" (one of DEBUG, INFO, AUDIT, WARNING, ERROR, "
       "CRITICAL, TRACE, or \"$word\")"},
      {R"({"severity": [{"match": "x"}]})", RuleError::Code::kBadShape,
       "severity rule 1: \"level\" must be a string"},
      {R"({"spans": [{"name": "s", "match": "x", "kind": "blink"}]})", RuleError::Code::kBadKind,
       "span rule 1 (\"s\"): unknown kind \"blink\" (one of request-id, url, path, task, "
       "timestamp, severity, match)"},
      {R"({"spans": [{"kind": "url", "match": 3}]})", RuleError::Code::kBadShape,
       "span rule 1: \"match\" must be a string (an RE2 pattern)"},
      {R"({"severity": [{"match": "{{nope}}", "level": "INFO"}]})", RuleError::Code::kBadDefinition,
       "severity rule 1: undefined {{nope}}"},
      {R"({"define": {"a": "{{a}}"}, "severity": [{"match": "{{a}}", "level": "INFO"}]})",
       RuleError::Code::kBadDefinition,
       "severity rule 1: definitions nest more than 8 deep (a {{name}} that uses itself?)"},
      {R"({"levels": {"X": "LOUD"}})", RuleError::Code::kBadLevel,
       "rule file: \"levels\" entry \"X\": unknown level \"LOUD\""},
      {R"({"defaults": "no"})", RuleError::Code::kBadShape,
       "rule file: \"defaults\" must be true or false"},
      {R"({"severity": [{"match": "x", "level": "INFO", "continues": {"TRACE": "LOUD"}}]})",
       RuleError::Code::kBadLevel,
       "severity rule 1: \"continues\" entry \"TRACE\": \"LOUD\" names an unknown level"},
      {R"({"severity": [{"match": "x", "level": "INFO", "continues": []}]})",
       RuleError::Code::kBadShape, "severity rule 1: \"continues\" must be an object of strings"},
      {R"({"severity": [{"match": "x", "level": "INFO", "block": "java"}]})",
       RuleError::Code::kBadBlock,
       "severity rule 1: unknown block \"java\" (the only one is traceback)"},
      {R"({"records": [{"name": "r", "match": "("}]})", RuleError::Code::kBadPattern,
       "record rule 1 (\"r\"): missing ): ("},
      {R"({"continuations": [{"match": 1}]})", RuleError::Code::kBadShape,
       "continuation rule 1: \"match\" must be a string (an RE2 pattern)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    RuleError error;
    EXPECT_EQ(Rules::Compile(c.json, &error), nullptr);
    EXPECT_EQ(error.code, c.code);
    EXPECT_EQ(error.message, c.message);
  }
}

TEST(SpanKind, NamesRoundTrip) {
  for (int k = 1; k <= 7; ++k) {
    SpanKind kind;
    ASSERT_TRUE(ParseSpanKind(SpanKindName(static_cast<SpanKind>(k)), &kind));
    EXPECT_EQ(static_cast<int>(kind), k);
  }
  SpanKind kind;
  EXPECT_FALSE(ParseSpanKind("bogus", &kind));
}

}  // namespace
}  // namespace logstow::viewer
