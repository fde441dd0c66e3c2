#include "uploader/transfer_decision.h"

namespace logstow::uploader {

TransferDecision DecideTransfer(const AttemptFacts& f) {
  using A = TransferAction;
  if (!f.body_error.empty()) return {A::kFail, f.body_error};  // a retry reads the same file
  if (f.http_status == 201 && f.changed_size_read) {
    // Stored as read, but the file shrank under us: no listing may claim the old size.
    return {A::kFail, "the file shrank while it was uploaded (" + std::to_string(f.size_bytes) +
                          " bytes when the folder was read, " +
                          std::to_string(*f.changed_size_read) + " bytes sent)"};
  }
  AttemptOutcome outcome{.http_status = f.http_status,
                         .transport_error = f.http_status == 0,
                         .retry_after = f.retry_after};
  if (f.http_status == 201) {
    if (f.etag == f.md5_sent) return {A::kLand, ""};
    outcome.etag_mismatch = true;
  }
  // Swift answers 422 when the body's MD5 differs from the ETag header sent: the bytes were
  // damaged on the way, which another attempt can fix.
  if (f.http_status == 422) outcome.etag_mismatch = true;
  if (f.http_status == 401) {
    const std::string refused = "HTTP 401: Swift refused the token";
    if (f.can_refresh && f.signed_with_replaced_token) return {A::kSendAgainNow, refused};
    if (f.can_refresh && f.expired_by_swift_clock) return {A::kRefreshToken, refused};
    return {A::kStop, refused};
  }
  if (f.http_status == 404) return {A::kStop, "HTTP 404: the container does not exist"};
  if (f.http_status == 413) {  // over Swift's max_file_size: sending it again cannot help
    return {A::kFail, "HTTP 413: Swift refused it as too large (" + std::to_string(f.size_bytes) +
                          " bytes; over its max_file_size)"};
  }
  std::string why = f.http_status == 0 ? f.transport_error
                    : outcome.etag_mismatch
                        ? "ETag " + f.etag + " does not match the MD5 sent, " + f.md5_sent
                        : "HTTP " + std::to_string(f.http_status) + ": " + f.response_first_line;
  return {A::kRetryLater, why, outcome};
}

std::string AfterAttempts(const std::string& why, int attempts) {
  return why + (attempts > 1 ? " (after " + std::to_string(attempts) + " attempts)" : "");
}

}  // namespace logstow::uploader
