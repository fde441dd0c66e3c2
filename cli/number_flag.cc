#include "cli/number_flag.h"

#include "cli/secrets.h"
#include "common/decimal.h"

namespace logstow::cli {

int64_t ParseNumberFlag(std::string_view flag, const std::string& text, int64_t min, int64_t max) {
  DecimalResult r = ParseDecimal(text, min, max);
  if (!r.problem.empty()) throw UsageError(std::string(flag) + " " + r.problem);
  return r.value;
}

}  // namespace logstow::cli
