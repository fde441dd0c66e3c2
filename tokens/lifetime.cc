#include "tokens/lifetime.h"

#include <cstdlib>

#include "common/duration.h"
#include "common/time_format.h"
#include "tokens/token_error.h"

namespace logstow::tokens {

namespace {

constexpr int64_t kClockTolerance = 2;

std::string SkewClause(int64_t skew) {
  if (std::llabs(skew) <= kClockTolerance) return "";
  return skew > 0 ? "; this machine's clock is " + std::to_string(skew) + " s behind Swift's"
                  : "; this machine's clock is " + std::to_string(-skew) + " s ahead of Swift's";
}

}  // namespace

int64_t ExpiryForTtl(int64_t now_unix_s, std::chrono::seconds ttl, std::chrono::seconds min_ttl) {
  if (min_ttl < std::chrono::seconds(1)) min_ttl = std::chrono::seconds(1);
  if (ttl < min_ttl || ttl > kMaxTtl) {
    throw TokenError(kTokenField,
                     "a token lifetime of " + FormatDuration(ttl) + " is out of range: give " +
                         "between " + FormatDuration(min_ttl) + " and " + FormatDuration(kMaxTtl) +
                         " (a job token should outlive the job's upload: a few hours)");
  }
  return now_unix_s + ttl.count();
}

RefusalExplanation ExplainRefusal(const TokenScope& scope, int64_t local_now,
                                  std::optional<int64_t> swift_date) {
  const std::string expiry = FormatUnixTimeUtc(scope.expires_unix_s);
  RefusalExplanation r{};
  if (swift_date) {
    r.skew_s = *swift_date - local_now;
    const std::string when = " (Swift's Date: " + FormatUnixTimeUtc(*swift_date) + ")";
    if (*swift_date >= scope.expires_unix_s) {
      r.kind = Refusal::kExpiredBySwift;
      r.message = "the token expired at " + expiry + " by Swift's clock" + when +
                  SkewClause(*r.skew_s) + ": ask the scheduler for a new token and upload again";
    } else {
      r.kind = Refusal::kSignature;
      r.message = "Swift refused the token (HTTP 401) although it runs until " + expiry +
                  " by Swift's clock" + when + SkewClause(*r.skew_s) +
                  ": signature not accepted: wrong or rotated key (or Swift lacks the tempurl "
                  "middleware); `logstow token verify` with the current key tells which";
    }
  } else if (local_now >= scope.expires_unix_s) {
    r.kind = Refusal::kExpiredLocally;
    r.message =
        "the token expired at " + expiry + ": ask the scheduler for a new token and upload again";
  } else {
    r.kind = Refusal::kSignature;
    r.message = "Swift refused the token (HTTP 401) although it runs until " + expiry +
                " by this machine's clock (Swift sent no Date to compare): this clock may be "
                "behind Swift's, or the signature was not accepted: wrong or rotated key (or "
                "Swift lacks the tempurl middleware); `logstow token verify` with the current key "
                "tells which";
  }
  return r;
}

}  // namespace logstow::tokens
