#include "tokens/lifetime.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace logstow::tokens {
namespace {

using std::chrono::seconds;

TokenScope Scope(int64_t expires) {
  TokenScope s;
  s.storage_url = "https://swift.example/v1/AUTH_ci";
  s.container = "logs";
  s.prefix = "p/";
  s.expires_unix_s = expires;
  return s;
}

TEST(Lifetime, AtLeastFiveMinutesUnlessATestLowersIt) {
  EXPECT_EQ(ExpiryForTtl(1800000000, seconds(300)), 1800000300);
  EXPECT_EQ(ExpiryForTtl(1800000000, seconds(30 * 86400)), 1800000000 + 30 * 86400);
  try {
    ExpiryForTtl(1800000000, seconds(1));
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "a token lifetime of 1s is out of range: give between 5m and 30d (a job token "
              "should outlive the job's upload: a few hours)");
  }
  EXPECT_EQ(ExpiryForTtl(1800000000, seconds(1), seconds(1)), 1800000001);
  EXPECT_THROW(ExpiryForTtl(1800000000, seconds(0), seconds(0)), Error);
  EXPECT_THROW(ExpiryForTtl(1800000000, seconds(31 * 86400)), Error);
}

TEST(Lifetime, ExpiredBySwiftsClockNamesHowFarBehindThisClockIs) {
  // Token until 20:00:00; this machine says 19:00:00, Swift says 20:10:00.
  const int64_t expires = 1796500800;  // 2026-12-05T20:00:00Z
  RefusalExplanation r = ExplainRefusal(Scope(expires), expires - 3600, expires + 600);
  EXPECT_EQ(r.kind, Refusal::kExpiredBySwift);
  EXPECT_EQ(r.skew_s, 4200);
  EXPECT_EQ(r.message,
            "the token expired at 2026-12-05T20:00:00Z by Swift's clock (Swift's Date: "
            "2026-12-05T20:10:00Z); this machine's clock is 4200 s behind Swift's: ask the "
            "scheduler for a new token and upload again");
}

TEST(Lifetime, ExpiredWithClocksAgreeingSaysJustThat) {
  const int64_t expires = 1796500800;
  RefusalExplanation r = ExplainRefusal(Scope(expires), expires + 1, expires + 2);
  EXPECT_EQ(r.message,
            "the token expired at 2026-12-05T20:00:00Z by Swift's clock (Swift's Date: "
            "2026-12-05T20:00:02Z): ask the scheduler for a new token and upload again");
}

TEST(Lifetime, RefusedBeforeExpiryBySwiftsClockIsTheSignature) {
  const int64_t expires = 1796500800;
  RefusalExplanation r = ExplainRefusal(Scope(expires), expires - 3600, expires - 3600);
  EXPECT_EQ(r.kind, Refusal::kSignature);
  EXPECT_EQ(r.message,
            "Swift refused the token (HTTP 401) although it runs until 2026-12-05T20:00:00Z by "
            "Swift's clock (Swift's Date: 2026-12-05T19:00:00Z): signature not accepted: wrong "
            "or rotated key (or Swift lacks the tempurl middleware); `logstow token verify` with "
            "the current key tells which");
}

TEST(Lifetime, WithoutSwiftsDateThisClockDecides) {
  const int64_t expires = 1796500800;
  EXPECT_EQ(ExplainRefusal(Scope(expires), expires + 5, std::nullopt).kind,
            Refusal::kExpiredLocally);
  EXPECT_EQ(ExplainRefusal(Scope(expires), expires - 5, std::nullopt).kind, Refusal::kSignature);
}

}  // namespace
}  // namespace logstow::tokens
