// Keeps the job's token out of the logs it uploads. A job that ran `set -x` or `env` has its
// own token in job-output.txt; published, anyone reading the logs could overwrite that build's
// logs until the token expires. Text files are scanned for the token and its signatures while
// they stream through the body encoder (the same pass that gzips and hashes them: no extra
// read of the disk), and each occurrence is replaced by RedactedText() of the same length, so
// the size a listing or X-Object-Meta-Logstow-Size gives before the bytes are read stays that of
// what is published. Matches split across read blocks are found: the tail of a block that could
// begin one is held back until the next.
// Tested by tests/unit/uploader/token_redactor_test.cc and tests/swift/upload_test.cc.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tokens/token.h"

namespace logstow::uploader {

inline constexpr std::string_view kRedactedText = "[logstow: token redacted]";
// No pattern is shorter (shorter spellings would match too much that is no secret).
inline constexpr size_t kMinPatternBytes = 16;

// What replaces a match of `length` bytes (REQUIRES: length >= kMinPatternBytes): kRedactedText
// with '*' before its ']' up to that length, e.g. "[logstow: token redacted****]"; under 25
// bytes "[token redacted" + '*'... + "]".
std::string RedactedText(size_t length);

// What to look for, per token: its text after "lst1." (so "lst1.<…>" and a copy without the
// prefix both go), also in UTF-16 (LE and BE, as are the hex signatures); the token's text in
// base64 (standard and url-safe, at each offset modulo 3, and base64(1)'s 76-column output of it);
// every signature in each spelling Swift accepts in temp_url_sig (hex in either case, "<digest>:" +
// base64 or base64url) and the standard base64 percent-encoded as a URL carries it (%2B %2F %3D,
// either case). Not caught: other encodings (the token JSON-escaped, hex-dumped, split by a pager),
// and a token the uploader never saw. Thread-safe once built (read-only).
struct RedactionPatterns {
  std::vector<std::string> patterns;  // non-empty strings, each at least 16 bytes
  size_t longest = 0;
  // Every 8-byte substring of every pattern: a pattern of 16+ bytes holds the 8 bytes at some
  // 8-aligned offset of the text, so scanning those (one table probe per 8 bytes) finds every
  // place worth an exact search. `filter` is a 2^17-bit hash of `grams`; `grams` is sorted.
  std::vector<uint64_t> filter;
  std::vector<uint64_t> grams;
  // Indexes into `patterns` by their first byte: the held-back tail of a block is looked for
  // only among the patterns that can start where it starts.
  std::array<std::vector<uint32_t>, 256> by_first_byte;
};

// token_text: the token as the job received it ("lst1.…", surrounding whitespace allowed);
// "" to use the token's canonical encoding.
std::shared_ptr<const RedactionPatterns> PatternsForToken(const tokens::Token& token,
                                                          std::string_view token_text);
// The patterns of several tokens at once (the job's, then each from --token-command), each with
// its text as received ("" for the canonical encoding).
std::shared_ptr<const RedactionPatterns> PatternsForTokens(
    const std::vector<std::pair<tokens::Token, std::string>>& tokens);

// One file's pass. Not thread-safe.
class TokenRedactor {
 public:
  explicit TokenRedactor(std::shared_ptr<const RedactionPatterns> patterns);

  // Takes the next block of the file (`at_end` for the last) and returns the bytes to send in
  // its place, valid until the next call: `data` itself (minus a held-back tail) when nothing
  // matched, else a rewritten copy.
  std::string_view Process(std::string_view data, bool at_end);

  size_t replacements() const { return replacements_; }
  // The longest pattern's length: a match can start at most this many bytes before a cut.
  size_t longest_pattern() const { return patterns_->longest; }

 private:
  std::shared_ptr<const RedactionPatterns> patterns_;
  std::string held_;  // a tail of the previous block that may start a match
  std::string out_;
  std::string joined_;
  size_t replacements_ = 0;
};

}  // namespace logstow::uploader
