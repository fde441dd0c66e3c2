// `logstow index --report [SUB-PREFIX=]FILE`: where the sub-prefix ends. A sub-prefix is empty or
// ends in '/', so its '=' is the first one at the very start or right after a '/': a node name
// with '=' (the Zuul role puts inventory_hostname in it, from the job's nodeset) stays in the
// sub-prefix, and `=FILE` still takes all of FILE, '=' included.
// Tested by tests/unit/cli/report_spec_test.cc.
#pragma once

#include <string>

namespace logstow::cli {

struct ReportSpec {
  std::string sub_prefix;  // "" (the whole prefix) or "logs/node-a/"; checked later
  std::string file;
};

// "logs/a=b/=/w/r.json" -> {"logs/a=b/", "/w/r.json"}; "=/w/x=1.json" -> {"", "/w/x=1.json"};
// "/w/r.json" -> {"", "/w/r.json"}. Never throws.
ReportSpec SplitReportSpec(const std::string& spec);

}  // namespace logstow::cli
