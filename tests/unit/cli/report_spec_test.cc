// `logstow index --report [SUB-PREFIX=]FILE` split where the sub-prefix ends (cli/report_spec.h).
#include "cli/report_spec.h"

#include <gtest/gtest.h>

namespace logstow::cli {
namespace {

void ExpectSplit(const std::string& spec, const std::string& sub_prefix, const std::string& file) {
  const ReportSpec split = SplitReportSpec(spec);
  EXPECT_EQ(split.sub_prefix, sub_prefix) << spec;
  EXPECT_EQ(split.file, file) << spec;
}

TEST(ReportSpecTest, NodeNameWithEqualsStaysInTheSubPrefix) {
  // The Zuul role writes logs/<inventory_hostname>/; a nodeset may name a node "odd name=1 ü".
  ExpectSplit("logs/odd name=1 ü/=/work/reports/ab12.json", "logs/odd name=1 ü/",
              "/work/reports/ab12.json");
}

TEST(ReportSpecTest, PlainSubPrefix) {
  ExpectSplit("logs/node-a/=/work/r.json", "logs/node-a/", "/work/r.json");
}

TEST(ReportSpecTest, LeadingEqualsTakesAllOfTheFile) {
  ExpectSplit("=/work/x=1/r.json", "", "/work/x=1/r.json");
  ExpectSplit("=/work/a/=b.json", "", "/work/a/=b.json");
}

TEST(ReportSpecTest, NoSubPrefix) {
  ExpectSplit("/work/r.json", "", "/work/r.json");
  ExpectSplit("r=1.json", "", "r=1.json");
}

TEST(ReportSpecTest, SubPrefixWithoutSlashIsLeftForTheCheck) {
  // Not a sub-prefix (no '/' before '='): all of it is the file, which then fails to read.
  ExpectSplit("logs/a=r.json", "", "logs/a=r.json");
}

}  // namespace
}  // namespace logstow::cli
