// How long Swift keeps what an upload writes (X-Delete-After, seconds). The token's
// delete_after_s is the scheduler's retention and an upper bound: a job may keep its logs less
// long, never longer. Upload() applies this, so every caller gets the cap, not only the CLI.
// Pure, thread-safe. Tested by tests/unit/uploader/delete_after_test.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace logstow::uploader {

struct DeleteAfterChoice {
  std::optional<int64_t> delete_after_s;  // what every PUT sends; nullopt: kept forever
  std::string warning;                    // set when the request was cut to the token's
};

// The job's request (requested_s, > 0) when it is no longer than the token's (token_s); the
// token's when the job asked for nothing or for longer (with a warning naming both).
DeleteAfterChoice ChooseDeleteAfter(std::optional<int64_t> requested_s,
                                    std::optional<int64_t> token_s);

}  // namespace logstow::uploader
