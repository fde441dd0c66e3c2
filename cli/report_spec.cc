#include "cli/report_spec.h"

namespace logstow::cli {

ReportSpec SplitReportSpec(const std::string& spec) {
  if (!spec.empty() && spec[0] == '=') return {"", spec.substr(1)};
  const size_t end = spec.find("/=");
  if (end == std::string::npos) return {"", spec};
  return {spec.substr(0, end + 1), spec.substr(end + 2)};
}

}  // namespace logstow::cli
