#include "uploader/delete_after.h"

namespace logstow::uploader {

DeleteAfterChoice ChooseDeleteAfter(std::optional<int64_t> requested_s,
                                    std::optional<int64_t> token_s) {
  if (!requested_s) return {token_s, ""};
  if (token_s && *requested_s > *token_s) {
    return {token_s, "delete-after " + std::to_string(*requested_s) +
                         " s is longer than the token's " + std::to_string(*token_s) +
                         " s; the token's applies"};
  }
  return {requested_s, ""};
}

}  // namespace logstow::uploader
