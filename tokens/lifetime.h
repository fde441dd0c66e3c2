// How long tokens live, and what Swift's clock says about a refused one. The scheduler's
// `token issue` picks an expiry with ExpiryForTtl (a job token lives hours: at least 5 minutes,
// so a job never starts with a token that dies during its first upload, unless a test asks for
// less; at most 30 days, to bound what a leaked token can do). The uploader explains a 401 with
// ExplainRefusal, which compares the token's expiry with Swift's own clock (the response's Date
// header): Swift checks `expires` against its clock, not ours.
// Thread-safe (pure functions). Tested by tests/unit/tokens/lifetime_test.cc.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "tokens/scope.h"

namespace logstow::tokens {

inline constexpr std::chrono::seconds kMinTtl{5 * 60};
inline constexpr std::chrono::seconds kMaxTtl{30 * 86400};

// now + ttl. Throws TokenError (token.field) when ttl is under `min_ttl` (kMinTtl unless a test
// lowers it; never under 1 s) or over kMaxTtl, saying the range.
int64_t ExpiryForTtl(int64_t now_unix_s, std::chrono::seconds ttl,
                     std::chrono::seconds min_ttl = kMinTtl);

enum class Refusal {
  kExpiredBySwift,  // Swift's Date is at or past `expires`
  kExpiredLocally,  // no Date from Swift, and this machine's clock is past `expires`
  kSignature,       // Swift's clock (or, without a Date, ours) says the token still runs
};

struct RefusalExplanation {
  Refusal kind;
  // Swift's clock minus ours, seconds, when Swift sent a Date; positive: ours is behind.
  std::optional<int64_t> skew_s;
  // One sentence for the user, e.g. "the token expired at 2026-12-06T20:00:00Z by Swift's clock
  // (Swift's Date: 2026-12-06T20:10:00Z); this machine's clock is 3600 s behind Swift's: ask the
  // scheduler for a new token and upload again", or "Swift refused the token (HTTP 401) although
  // it runs until ... by Swift's clock (Swift's Date: ...): signature not accepted: wrong or
  // rotated key (or Swift lacks the tempurl middleware); `logstow token verify` with the
  // current key tells which".
  std::string message;
};

// Why Swift answered 401 to a TempURL PUT signed with a token of `scope`. swift_date_unix_s:
// the 401's Date header, when it had one. Clocks within 2 s of each other count as agreeing
// (Date has whole seconds).
RefusalExplanation ExplainRefusal(const TokenScope& scope, int64_t local_now_unix_s,
                                  std::optional<int64_t> swift_date_unix_s);

}  // namespace logstow::tokens
