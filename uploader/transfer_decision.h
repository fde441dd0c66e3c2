// What the transfer runner does with a PUT that ended: land it, fail it, stop the run, send it
// again (at once with a newer token, or after a backoff), or get a new token first. A pure
// function of what is known about the attempt, so every outcome is unit-tested; the runner
// (uploader/transfer_runner.h) carries the decision out and asks RetryPolicy for the backoff.
// Thread-safe (pure). Tested by tests/unit/uploader/transfer_decision_test.cc.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "uploader/retry_policy.h"

namespace logstow::uploader {

// What is known when a PUT ended.
struct AttemptFacts {
  long http_status = 0;             // 0: no response arrived
  std::string transport_error;      // libcurl's words when no response arrived
  std::string etag;                 // the response's ETag (quotes removed)
  std::string md5_sent;             // MD5 of the body sent
  std::string response_first_line;  // of Swift's answer, for messages
  std::optional<std::chrono::seconds> retry_after;
  std::string body_error;  // the body could not be produced (file unreadable, ...)
  // Set when the file's bytes were read to the end and there were fewer than the walk saw (the
  // encoder fails such a body first; this keeps a short one from landing). A file that grew
  // is cut at the walk's size by the encoder (BodyEncoder::ExpectSize) and lands.
  std::optional<uint64_t> changed_size_read;
  uint64_t size_bytes = 0;                  // the file's size as the walk saw it (messages)
  bool can_refresh = false;                 // a token command is configured (and not used up)
  bool signed_with_replaced_token = false;  // a newer token came since this request was signed
  bool expired_by_swift_clock = false;      // a 401 whose Swift Date is past the token's expiry
};

enum class TransferAction {
  kLand,          // stored and verified: the object landed
  kFail,          // this object failed; the run goes on
  kStop,          // this object failed and the run stops (401: token refused; 404: no container)
  kSendAgainNow,  // signed with a token replaced since: send again at once with the new one
  kRefreshToken,  // the token expired: take a new one from the token command and send again;
                  // without one, the same as kStop
  kRetryLater,    // transient: RetryPolicy::NextDelay(outcome) says when, or fail with `error`
};

struct TransferDecision {
  TransferAction action = TransferAction::kFail;
  std::string error;       // the object's error for kFail, kStop, kRefreshToken, kRetryLater
  AttemptOutcome outcome;  // for kRetryLater
};

TransferDecision DecideTransfer(const AttemptFacts& facts);

// The error of an object that ran out of retries: "<why> (after N attempts)" when N > 1.
std::string AfterAttempts(const std::string& why, int attempts);

}  // namespace logstow::uploader
