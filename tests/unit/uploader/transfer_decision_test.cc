#include "uploader/transfer_decision.h"

#include <gtest/gtest.h>

namespace logstow::uploader {
namespace {

using A = TransferAction;

constexpr char kMd5[] = "0123456789abcdef0123456789abcdef";

AttemptFacts Answered(long status) {
  return {.http_status = status, .etag = kMd5, .md5_sent = kMd5, .size_bytes = 3000};
}

TEST(TransferDecision, A201WithTheMd5SentLands) {
  TransferDecision d = DecideTransfer(Answered(201));
  EXPECT_EQ(d.action, A::kLand);
  EXPECT_EQ(d.error, "");
}

TEST(TransferDecision, A201WithAnotherEtagIsRetriedAsDamaged) {
  AttemptFacts f = Answered(201);
  f.etag = std::string(32, 'f');
  TransferDecision d = DecideTransfer(f);
  EXPECT_EQ(d.action, A::kRetryLater);
  EXPECT_TRUE(d.outcome.etag_mismatch);
  EXPECT_EQ(d.error, "ETag ffffffffffffffffffffffffffffffff does not match the MD5 sent, " +
                         std::string(kMd5));
}

TEST(TransferDecision, A422IsRetriedAsDamagedBytes) {
  AttemptFacts f = Answered(422);
  f.response_first_line = "Unprocessable Entity";
  TransferDecision d = DecideTransfer(f);
  EXPECT_EQ(d.action, A::kRetryLater);
  EXPECT_TRUE(d.outcome.etag_mismatch);
}

TEST(TransferDecision, AnUnreadableBodyFailsWithoutRetry) {
  AttemptFacts f = Answered(0);
  f.body_error = "cannot read 'a.txt': Permission denied";
  TransferDecision d = DecideTransfer(f);
  EXPECT_EQ(d.action, A::kFail);
  EXPECT_EQ(d.error, "cannot read 'a.txt': Permission denied");
}

TEST(TransferDecision, AFileThatShrankWhileSentFailsEvenThoughStored) {
  AttemptFacts f = Answered(201);
  f.changed_size_read = 2500;
  TransferDecision d = DecideTransfer(f);
  EXPECT_EQ(d.action, A::kFail);
  EXPECT_EQ(d.error,
            "the file shrank while it was uploaded (3000 bytes when the folder was "
            "read, 2500 bytes sent)");
}

TEST(TransferDecision, AFileThatGrewLandsCutAtItsListedSize) {
  // The encoder sent the listed 3000 bytes of a longer file: that body is what Swift verified.
  AttemptFacts f = Answered(201);
  TransferDecision d = DecideTransfer(f);
  EXPECT_EQ(d.action, A::kLand);
}

TEST(TransferDecision, ATransportErrorIsRetriedWithLibcurlsWords) {
  AttemptFacts f = Answered(0);
  f.transport_error = "Connection reset by peer";
  TransferDecision d = DecideTransfer(f);
  EXPECT_EQ(d.action, A::kRetryLater);
  EXPECT_TRUE(d.outcome.transport_error);
  EXPECT_EQ(d.error, "Connection reset by peer");
}

TEST(TransferDecision, A503IsRetriedWithSwiftsFirstLineAndRetryAfter) {
  AttemptFacts f = Answered(503);
  f.response_first_line = "Service Unavailable";
  f.retry_after = std::chrono::seconds(7);
  TransferDecision d = DecideTransfer(f);
  EXPECT_EQ(d.action, A::kRetryLater);
  EXPECT_EQ(d.outcome.http_status, 503);
  EXPECT_EQ(d.outcome.retry_after, std::chrono::seconds(7));
  EXPECT_EQ(d.error, "HTTP 503: Service Unavailable");
}

TEST(TransferDecision, A400IsLeftToTheRetryPolicyWhichDoesNotRetryIt) {
  AttemptFacts f = Answered(400);
  f.response_first_line = "Bad Request";
  TransferDecision d = DecideTransfer(f);
  EXPECT_EQ(d.action, A::kRetryLater);
  EXPECT_FALSE(RetryPolicy::IsTransient(d.outcome));
}

TEST(TransferDecision, A413FailsAtOnce) {
  TransferDecision d = DecideTransfer(Answered(413));
  EXPECT_EQ(d.action, A::kFail);
  EXPECT_EQ(d.error,
            "HTTP 413: Swift refused it as too large (3000 bytes; over its max_file_size)");
}

TEST(TransferDecision, A404StopsTheRun) {
  TransferDecision d = DecideTransfer(Answered(404));
  EXPECT_EQ(d.action, A::kStop);
  EXPECT_EQ(d.error, "HTTP 404: the container does not exist");
}

TEST(TransferDecision, A401WithoutATokenCommandStopsTheRun) {
  AttemptFacts f = Answered(401);
  f.expired_by_swift_clock = true;
  TransferDecision d = DecideTransfer(f);
  EXPECT_EQ(d.action, A::kStop);
  EXPECT_EQ(d.error, "HTTP 401: Swift refused the token");
}

TEST(TransferDecision, A401ForAnExpiredTokenWithATokenCommandAsksForANewOne) {
  AttemptFacts f = Answered(401);
  f.can_refresh = true;
  f.expired_by_swift_clock = true;
  EXPECT_EQ(DecideTransfer(f).action, A::kRefreshToken);
}

TEST(TransferDecision, A401SignedWithAReplacedTokenIsSentAgainAtOnce) {
  AttemptFacts f = Answered(401);
  f.can_refresh = true;
  f.signed_with_replaced_token = true;
  EXPECT_EQ(DecideTransfer(f).action, A::kSendAgainNow);
}

TEST(TransferDecision, A401ForAWrongSignatureStopsEvenWithATokenCommand) {
  AttemptFacts f = Answered(401);
  f.can_refresh = true;  // not expired, not replaced: a new token would not help
  EXPECT_EQ(DecideTransfer(f).action, A::kStop);
}

TEST(TransferDecision, AfterAttemptsNamesTheCountOnlyWhenThereWereRetries) {
  EXPECT_EQ(AfterAttempts("HTTP 503: x", 1), "HTTP 503: x");
  EXPECT_EQ(AfterAttempts("HTTP 503: x", 9), "HTTP 503: x (after 9 attempts)");
}

}  // namespace
}  // namespace logstow::uploader
