#include "viewer/severity.h"

#include <gtest/gtest.h>

#include <string>

namespace logstow::viewer {
namespace {

struct Case {
  const char* line;
  Severity expected;
};

TEST(SeverityClassifier, ReadsTheLevelFromKnownLineShapes) {
  const Case cases[] = {
      // oslo.log
      {"2013-09-10 12:34:56.789 1234 WARNING nova.compute.manager [-] Found 3 instances",
       Severity::kWarning},
      {"2013-09-10 12:34:56.789 1234 ERROR nova.openstack.common.rpc.amqp", Severity::kError},
      {"2013-09-10 12:34:56.789 1234 AUDIT cinder.api [req-1] Create volume", Severity::kAudit},
      {"2013-09-10 12:34:56.789 1234 DEBUG nova.utils [-] Got semaphore", Severity::kDebug},
      {"2013-09-10 12:34:56.789 1234 CRITICAL nova [-] Unhandled", Severity::kCritical},
      {"2013-09-10 12:34:56.789 1234 TRACE nova Traceback (most recent call last):",
       Severity::kTrace},
      // systemd journal export
      {"Mar 28 12:20:42.377230 host cinder-api[8526]: WARNING cinder.api [-] x",
       Severity::kWarning},
      {"Jun 09 15:41:36 host proc[12]: INFO something", Severity::kInfo},
      // plain prefixes
      {"ERROR: could not connect", Severity::kError},
      {"WARN deprecated option", Severity::kWarning},
      // A Python traceback states ERROR (severity.h: TRACE is the level below DEBUG).
      {"Traceback (most recent call last):", Severity::kError},
      {"[ERROR] bracketed", Severity::kError},
      {"    warning: no files found matching '*.txt'", Severity::kWarning},
      // oslo.log without a pid (screen-n-api.txt has both)
      {"2013-09-27 18:22:39.743 DEBUG nova.api.openstack.wsgi [req-4f2667be] x", Severity::kDebug},
      // systemd journal traceback header
      {"May 26 20:44:32.283596 host cinder-volume[27348]: Traceback (most recent call last):",
       Severity::kError},
      // Zuul job-output.txt / Ansible
      {"2018-08-01 00:44:04.736863 | TASK [emit-job-header : Setup log path fact]",
       Severity::kInfo},
      {"2018-08-01 00:44:04.804077 | localhost | ok", Severity::kInfo},
      {"2018-08-01 00:44:08.447643 | ubuntu-xenial -> localhost | ok: Runtime: 0:00:00.022230",
       Severity::kInfo},
      {"2018-08-01 00:44:04.942854 | localhost | skipping: Conditional result was False",
       Severity::kDebug},
      {"2018-08-01 00:44:04.942854 | primary | FAILED", Severity::kError},
      {"fatal: [localhost]: FAILED! => {\"msg\": \"x\"}", Severity::kError},
      {"2018-08-01 00:44:04.942854 | ERROR! the role 'x' was not found", Severity::kError},
      {"[WARNING]: Could not match supplied host pattern", Severity::kWarning},
      {"changed: [ubuntu-xenial]", Severity::kInfo},
      {"PLAY RECAP *********", Severity::kInfo},
  };
  SeverityClassifier classifier;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    EXPECT_EQ(classifier.Classify(c.line), c.expected);
  }
}

TEST(SeverityClassifier, IgnoresLevelWordsInsideTheMessage) {
  SeverityClassifier classifier;
  EXPECT_EQ(classifier.Classify("no ERROR was found"), Severity::kNone);
  EXPECT_EQ(classifier.Classify("  File \"x.py\", line 3, in <module>"), Severity::kNone);
  EXPECT_EQ(classifier.Classify("ERRORS: 0"), Severity::kNone);
  EXPECT_EQ(classifier.Classify(""), Severity::kNone);
  EXPECT_EQ(classifier.Classify("2018-08-01 00:44:05.318269 | Job: trigger-readthedocs-webhook"),
            Severity::kNone);
  EXPECT_EQ(classifier.Classify("2018-08-01 00:44:05.318269 | host | okay then"), Severity::kNone);
}

TEST(SeverityClassifier, MarksTheTokenThatStatesTheLevel) {
  SeverityClassifier classifier;
  const std::string line = "2013-09-10 12:34:56.789 1234 WARNING nova [-] x";
  const SeverityMatch match = classifier.Match(line);
  EXPECT_EQ(match.level, Severity::kWarning);
  EXPECT_EQ(line.substr(match.token_begin, match.token_end - match.token_begin), "WARNING");
  const std::string fatal = "fatal: [localhost]: FAILED!";
  const SeverityMatch f = classifier.Match(fatal);
  EXPECT_EQ(fatal.substr(f.token_begin, f.token_end - f.token_begin), "fatal");
}

TEST(ParseSeverityName, AcceptsBothCases) {
  Severity level;
  ASSERT_TRUE(ParseSeverityName("warning", &level));
  EXPECT_EQ(level, Severity::kWarning);
  ASSERT_TRUE(ParseSeverityName("CRITICAL", &level));
  EXPECT_EQ(level, Severity::kCritical);
  EXPECT_FALSE(ParseSeverityName("LOUD", &level));
}

TEST(SeverityClassifier, AcceptsArbitraryBytes) {
  SeverityClassifier classifier;
  const std::string bytes("ERROR: \xff\xfe\0 broken", 17);
  EXPECT_EQ(classifier.Classify(bytes), Severity::kError);
}

TEST(SeverityClassifier, ReadsOnlyTheStartOfALongLine) {
  SeverityClassifier classifier;
  EXPECT_EQ(classifier.Classify("ERROR: " + std::string(100000, 'x')), Severity::kError);
  EXPECT_EQ(classifier.Classify(std::string(100000, 'x') + " ::error::"), Severity::kNone);
  // A syslog error word past the first kLinePrefixBytes is not read.
  const std::string syslog = "Mar  1 12:00:01 host app[1]: ";
  EXPECT_EQ(classifier.Classify(syslog + "failed"), Severity::kError);
  EXPECT_EQ(classifier.Classify(syslog + std::string(kLinePrefixBytes, 'y') + " failed"),
            Severity::kNone);
}

TEST(SeverityName, NamesEveryLevel) {
  EXPECT_EQ(SeverityName(Severity::kNone), "NONE");
  EXPECT_EQ(SeverityName(Severity::kWarning), "WARNING");
  EXPECT_EQ(SeverityName(Severity::kCritical), "CRITICAL");
}

}  // namespace
}  // namespace logstow::viewer
