#include "viewer/severity.h"

#include <gtest/gtest.h>

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
      {"Traceback (most recent call last):", Severity::kTrace},
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
}

TEST(SeverityClassifier, AcceptsArbitraryBytes) {
  SeverityClassifier classifier;
  const std::string bytes("ERROR: \xff\xfe\0 broken", 17);
  EXPECT_EQ(classifier.Classify(bytes), Severity::kError);
}

TEST(SeverityName, NamesEveryLevel) {
  EXPECT_EQ(SeverityName(Severity::kNone), "NONE");
  EXPECT_EQ(SeverityName(Severity::kWarning), "WARNING");
  EXPECT_EQ(SeverityName(Severity::kCritical), "CRITICAL");
}

}  // namespace
}  // namespace logstow::viewer
