#include "uploader/processing_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/error.h"
#include "tests/testing/temp_dir.h"

namespace logstow::uploader {
namespace {

using ::testing::StrEq;
using ::testing::ThrowsMessage;

TEST(ProcessingRules, ReadsEveryStage) {
  ProcessingRules rules = ParseProcessingRules(R"({
    "logstow_processing": 1,
    "rules": [
      {"name": "scrub", "glob": ["**/*.conf", "etc/**"],
       "stages": [{"stage": "gzip", "level": 9},
                  {"stage": "command", "argv": ["sed", "-e", "s/a/b/"], "timeout": "90s",
                   "on_failure": "upload-unprocessed"},
                  {"stage": "redact", "patterns": ["password=\\S+"]},
                  {"stage": "rename", "match": "\\.conf$", "replace": ".conf.txt"}]},
      {"glob": "*.pcap", "stages": [{"stage": "skip"}]},
      {"glob": "*.out", "stages": [{"stage": "command", "shell": "tr a b | cat"}]}
    ]})",
                                               "p.json");
  ASSERT_EQ(rules.rules.size(), 3u);
  const ProcessingRule& scrub = rules.rules[0];
  EXPECT_EQ(scrub.Label(), "rule 1 'scrub'");
  EXPECT_EQ(scrub.StageList(), "command, redact, rename, gzip") << "the order they run in";
  EXPECT_EQ(scrub.gzip_level, 9);
  ASSERT_TRUE(scrub.command);
  EXPECT_EQ(scrub.command->argv, (std::vector<std::string>{"sed", "-e", "s/a/b/"}));
  EXPECT_EQ(scrub.command->timeout, std::chrono::seconds(90));
  EXPECT_EQ(scrub.command->on_failure, OnCommandFailure::kUploadUnprocessed);
  ASSERT_TRUE(scrub.redact);
  EXPECT_EQ(scrub.redact->ReplacementFor(12), "[redacted]**");
  std::string problem;
  EXPECT_EQ(ApplyRename(*scrub.rename, "etc/nova.conf", &problem), "etc/nova.conf.txt");
  EXPECT_EQ(rules.rules[1].Label(), "rule 2");
  EXPECT_TRUE(rules.rules[1].skip);
  EXPECT_EQ(rules.rules[2].command->argv,
            (std::vector<std::string>{"/bin/sh", "-c", "tr a b | cat"}));
  EXPECT_EQ(rules.rules[2].command->timeout, std::chrono::seconds(60));
  EXPECT_EQ(rules.rules[2].command->on_failure, OnCommandFailure::kFail);
  EXPECT_EQ(rules.rules[2].command->label, "'tr a b | cat' (/bin/sh -c)");
  EXPECT_EQ(scrub.command->label, "");  // argv: messages name the program
}

TEST(ProcessingRules, TheFirstMatchingRuleDecides) {
  ProcessingRules rules = ParseProcessingRules(R"({"logstow_processing": 1, "rules": [
      {"glob": "secret/*.log", "stages": [{"stage": "skip"}]},
      {"glob": "*.log", "stages": [{"stage": "gzip", "level": 1}]}]})",
                                               "p.json");
  EXPECT_EQ(rules.Match("secret/a.log"), &rules.rules[0]);
  EXPECT_EQ(rules.Match("other/a.log"), &rules.rules[1]);
  EXPECT_EQ(rules.Match("a.txt"), nullptr);
}

struct BadCase {
  const char* json;
  const char* message;  // after "processing file 'p.json': ", before " (docs/processing.md)"
};

TEST(ProcessingRules, ErrorsNameTheFileTheRuleTheStageAndTheProblem) {
  const BadCase cases[] = {
      {"{",
       "not JSON: [json.exception.parse_error.101] parse error at line 1, column 2: syntax "
       "error while parsing object key - unexpected end of input; expected string literal"},
      {"[]", "must be a JSON object"},
      {R"({"rules": []})", "\"logstow_processing\" must be 1 (the only format version)"},
      {R"({"logstow_processing": 1, "rule": []})",
       "unknown key \"rule\" (allowed: comment, logstow_processing, rules)"},
      {R"({"logstow_processing": 1, "rules": {}})", "\"rules\" must be a list of rules"},
      {R"({"logstow_processing": 1, "rules": [{"stages": [{"stage": "skip"}]}]})",
       "rule 1: needs \"glob\": a glob or a list of globs"},
      {R"({"logstow_processing": 1, "rules": [{"glob": "a//b", "stages": [{"stage": "skip"}]}]})",
       "rule 1: glob 'a//b' has an empty segment ('//' or a trailing '/')"},
      {R"({"logstow_processing": 1, "rules": [{"glob": "*", "stages": []}]})",
       "rule 1: needs \"stages\": a non-empty list"},
      {R"({"logstow_processing": 1, "rules": [{"glob": "*", "stages": [{"stage": "skip"}]},
          {"name": "z", "glob": "*", "stages": [{"stage": "zip"}]}]})",
       "rule 2 'z', stage 1: unknown stage 'zip' (expected gzip, redact, skip, rename or command)"},
      {R"({"logstow_processing": 1, "rules": [{"glob": "*", "stages": [{"stage": "gzip",
          "level": 10}]}]})",
       "rule 1, stage 1: \"level\" must be a whole number 0..9 (0: never gzip), got 10"},
      {R"({"logstow_processing": 1, "rules": [{"glob": "*", "stages": [{"stage": "gzip"},
          {"stage": "gzip"}]}]})",
       "rule 1, stage 2: a second 'gzip' stage (each kind at most once a rule)"},
      {R"({"logstow_processing": 1, "rules": [{"glob": "*", "stages": [{"stage": "redact",
          "patterns": ["ok", "a(b"]}]}]})",
       "rule 1, stage 1: pattern 2 ('a(b'): missing ): a(b"},
      {R"j({"logstow_processing": 1, "rules": [{"glob": "*", "stages": [{"stage": "rename",
          "match": "(a)", "replace": "\\2"}]}]})j",
       "rule 1, stage 1: \"replace\" is not usable: Rewrite schema requests 2 matches, but the "
       "regexp only has 1 parenthesized subexpressions."},
      {R"({"logstow_processing": 1, "rules": [{"glob": "*", "stages": [{"stage": "command"}]}]})",
       "rule 1, stage 1: a command stage needs \"argv\" (a list: program and arguments, run "
       "without a shell) or \"shell\" (a string run by /bin/sh -c), not both"},
      {R"({"logstow_processing": 1, "rules": [{"glob": "*", "stages": [{"stage": "command",
          "argv": ["cat"], "timeout": "soon"}]}]})",
       "rule 1, stage 1: \"timeout\" must be a duration from 1 s to 1 d (e.g. 30, \"90s\", "
       "\"5m\"), got \"soon\""},
      {R"({"logstow_processing": 1, "rules": [{"glob": "*", "stages": [{"stage": "command",
          "argv": ["cat"], "on_failure": "ignore"}]}]})",
       "rule 1, stage 1: \"on_failure\" must be \"fail\", \"skip\" or \"upload-unprocessed\", "
       "got \"ignore\""},
      {R"({"logstow_processing": 1, "rules": [{"glob": "*", "stages": [{"stage": "redact",
          "patterns": ["ok", ""]}]}]})",
       "rule 1, stage 1: a redact pattern is empty: remove it or write one"},
      {R"({"logstow_processing": 1, "rules": [{"glob": "*", "stages": [{"stage": "skip"},
          {"stage": "gzip"}]}]})",
       "rule 1: 'skip' must be the rule's only stage (a skipped file is not read)"},
  };
  for (const BadCase& c : cases) {
    SCOPED_TRACE(c.json);
    EXPECT_THAT([&] { ParseProcessingRules(c.json, "p.json"); },
                ThrowsMessage<Error>(StrEq(std::string("processing file 'p.json': ") + c.message +
                                           " (docs/processing.md)")));
  }
}

TEST(ProcessingRules, AnUnreadableFileIsNamed) {
  EXPECT_THAT([] { LoadProcessingRules("/nonexistent/p.json"); },
              ThrowsMessage<Error>(StrEq("processing file '/nonexistent/p.json' cannot be read: "
                                         "give the path of a JSON processing file")));
  testing::TempDir dir;
  EXPECT_THAT([&] { LoadProcessingRules(dir.path()); },
              ThrowsMessage<Error>(StrEq("processing file '" + dir.path().string() +
                                         "' is a folder: give the path of a JSON processing "
                                         "file")));
  auto path = dir.Write("p.json", R"({"logstow_processing": 1, "rules": []})");
  EXPECT_TRUE(LoadProcessingRules(path).rules.empty());
}

TEST(ProcessingRules, RenameRefusesNamesThatAreNoRelativePaths) {
  ProcessingRules rules = ParseProcessingRules(R"({"logstow_processing": 1, "rules": [
      {"glob": "*", "stages": [{"stage": "rename", "match": "^.*$", "replace": "../\\0"}]}]})",
                                               "p.json");
  std::string problem;
  EXPECT_EQ(ApplyRename(*rules.rules[0].rename, "a.txt", &problem), "");
  EXPECT_EQ(problem, "rename gives '../a.txt', which has an empty, '.' or '..' segment");
}

}  // namespace
}  // namespace logstow::uploader
