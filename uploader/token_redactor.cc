#include "uploader/token_redactor.h"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <cstring>

#include "tokens/base64url.h"
#include "tokens/token_codec.h"

namespace logstow::uploader {

namespace {

std::string Unhex(std::string_view hex) {
  std::string bytes;
  auto nibble = [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (c | 32) - 'a' + 10;
  };
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(nibble(hex[i]) << 4 | nibble(hex[i + 1]));
  }
  return bytes;
}

std::string UrlToStandard(std::string url) {
  std::replace(url.begin(), url.end(), '-', '+');
  std::replace(url.begin(), url.end(), '_', '/');
  return url;
}

// `text` with '+', '/' and '=' percent-encoded, as a URL query carries base64 (both cases of
// the hex digits); nothing when it holds none of them.
void AddPercentEncoded(const std::string& text, std::vector<std::string>& out) {
  if (text.find_first_of("+/=") == std::string::npos) return;
  for (const char* hex : {"0123456789ABCDEF", "0123456789abcdef"}) {
    std::string encoded;
    for (char c : text) {
      if (c == '+' || c == '/' || c == '=') {
        encoded += '%';
        encoded += hex[static_cast<unsigned char>(c) >> 4];
        encoded += hex[c & 15];
      } else {
        encoded += c;
      }
    }
    out.push_back(std::move(encoded));
  }
}

// Every spelling of one hex signature that Swift's tempurl accepts, and the base64 ones
// percent-encoded as in a URL.
void AddSignature(std::string_view hex, std::vector<std::string>& out) {
  if (hex.empty()) return;
  std::string lower(hex), upper(hex);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string url = tokens::EncodeBase64Url(Unhex(lower));  // no padding
  std::string standard = UrlToStandard(url);
  for (std::string* p : {&lower, &upper, &url, &standard}) out.push_back(*p);
  AddPercentEncoded(standard, out);
}

// `bytes` in standard base64 with '=' padding, lines wrapped at 76 columns as base64(1) does.
std::string WrappedBase64(std::string_view bytes) {
  std::string flat = UrlToStandard(tokens::EncodeBase64Url(bytes));
  while (flat.size() % 4 != 0) flat += '=';
  std::string wrapped;
  for (size_t at = 0; at < flat.size(); at += 76) {
    if (at > 0) wrapped += '\n';
    wrapped += flat.substr(at, 76);
  }
  return wrapped;
}

// The token as base64 (`echo "$LOGSTOW_TOKEN" | base64`, a token inside a base64'd config):
// where it starts at any offset of what was encoded, the characters that encode its bytes from
// the next multiple of 3 on do not depend on what surrounds it, so three patterns per alphabet
// (one per offset modulo 3, each dropping at most 2 bytes at either end) catch it unwrapped;
// base64(1)'s 76-column lines are caught when the token was what was encoded.
void AddBase64OfToken(const std::string& text, std::vector<std::string>& out) {
  for (size_t skip = 0; skip < 3 && skip < text.size(); ++skip) {
    size_t whole = (text.size() - skip) / 3 * 3;
    std::string url = tokens::EncodeBase64Url(std::string_view(text).substr(skip, whole));
    out.push_back(UrlToStandard(url));
    out.push_back(std::move(url));
  }
  out.push_back(WrappedBase64(text));
  out.push_back(WrappedBase64(text + "\n"));
}

// `ascii` as UTF-16LE and UTF-16BE: Windows tools (PowerShell 5's `>` and Out-File) write
// text files in UTF-16, so a job's `env` dump there spells the token with a NUL per character.
void AddUtf16(std::string_view ascii, std::vector<std::string>& out) {
  std::string little, big;
  for (char c : ascii) {
    little += c;
    little += '\0';
    big += '\0';
    big += c;
  }
  out.push_back(std::move(little));
  out.push_back(std::move(big));
}

void AddToken(const tokens::Token& token, std::string_view token_text,
              std::vector<std::string>& p) {
  std::string text(token_text);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
  text = text.substr(start);
  if (text.empty()) text = tokens::EncodeToken(token);
  p.push_back(text.starts_with(tokens::kTokenPrefix) ? text.substr(tokens::kTokenPrefix.size())
                                                     : text);
  AddUtf16(p.back(), p);
  AddBase64OfToken(text, p);
  for (const auto& [method, hex] : token.tempurl_signatures) {
    AddSignature(hex, p);
    AddUtf16(hex, p);
  }
  AddSignature(token.formpost_signature, p);
  AddUtf16(token.formpost_signature, p);
}

constexpr int kFilterBits = 17;

uint64_t Load8(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, 8);
  return word;
}

size_t FilterSlot(uint64_t word) { return (word * 0x9E3779B97F4A7C15ull) >> (64 - kFilterBits); }

bool MayHold(const RedactionPatterns& r, uint64_t word) {
  size_t slot = FilterSlot(word);
  if ((r.filter[slot / 64] >> (slot % 64) & 1) == 0) return false;
  return std::binary_search(r.grams.begin(), r.grams.end(), word);
}

// The earliest occurrence of any pattern at or after `pos` (its start and length), or npos.
std::pair<size_t, size_t> FindEarliest(const RedactionPatterns& r, std::string_view buffer,
                                       size_t pos) {
  const size_t longest = r.longest;
  for (size_t i = (pos + 7) / 8 * 8; i + 8 <= buffer.size(); i += 8) {
    if (!MayHold(r, Load8(buffer.data() + i))) continue;
    // Any match not yet found starts within `longest` before i (see RedactionPatterns).
    size_t from = std::max(pos, i >= longest ? i - longest : 0);
    size_t to = std::min(buffer.size(), i + 2 * longest);
    size_t best = std::string_view::npos, best_size = 0;
    for (const std::string& p : r.patterns) {
      const void* hit = memmem(buffer.data() + from, to - from, p.data(), p.size());
      if (hit == nullptr) continue;
      size_t at = static_cast<size_t>(static_cast<const char*>(hit) - buffer.data());
      if (at < best || (at == best && p.size() > best_size)) {
        best = at;
        best_size = p.size();
      }
    }
    if (best != std::string_view::npos) return {best, best_size};
  }
  // A match of 16+ bytes at p >= pos holds the whole 8-aligned word at some i in [p, p+7].
  return {std::string_view::npos, 0};
}

}  // namespace

std::string RedactedText(size_t length) {
  assert(length >= kMinPatternBytes);
  if (length >= kRedactedText.size()) {
    std::string text(kRedactedText.substr(0, kRedactedText.size() - 1));
    return text + std::string(length - kRedactedText.size(), '*') + "]";
  }
  return "[token redacted" + std::string(length - kMinPatternBytes, '*') + "]";
}

std::shared_ptr<const RedactionPatterns> PatternsForToken(const tokens::Token& token,
                                                          std::string_view token_text) {
  return PatternsForTokens({{token, std::string(token_text)}});
}

std::shared_ptr<const RedactionPatterns> PatternsForTokens(
    const std::vector<std::pair<tokens::Token, std::string>>& tokens) {
  auto result = std::make_shared<RedactionPatterns>();
  std::vector<std::string>& p = result->patterns;
  for (const auto& [token, text] : tokens) AddToken(token, text, p);
  std::sort(p.begin(), p.end());
  p.erase(std::unique(p.begin(), p.end()), p.end());
  std::erase_if(p, [](const std::string& s) { return s.size() < kMinPatternBytes; });
  for (const std::string& s : p) result->longest = std::max(result->longest, s.size());
  for (uint32_t i = 0; i < p.size(); ++i) {
    result->by_first_byte[static_cast<unsigned char>(p[i][0])].push_back(i);
  }
  result->filter.assign((size_t{1} << kFilterBits) / 64, 0);
  for (const std::string& s : p) {
    for (size_t i = 0; i + 8 <= s.size(); ++i) {
      uint64_t word = Load8(s.data() + i);
      size_t slot = FilterSlot(word);
      result->filter[slot / 64] |= uint64_t{1} << (slot % 64);
      result->grams.push_back(word);
    }
  }
  std::sort(result->grams.begin(), result->grams.end());
  result->grams.erase(std::unique(result->grams.begin(), result->grams.end()), result->grams.end());
  return result;
}

TokenRedactor::TokenRedactor(std::shared_ptr<const RedactionPatterns> patterns)
    : patterns_(std::move(patterns)) {}

std::string_view TokenRedactor::Process(std::string_view data, bool at_end) {
  const std::vector<std::string>& patterns = patterns_->patterns;
  std::string_view buffer = data;
  if (!held_.empty()) {
    joined_ = held_;
    joined_.append(data);
    buffer = joined_;
  }
  bool rewritten = false;
  out_.clear();
  size_t pos = 0;
  while (true) {
    auto [best, best_size] = FindEarliest(*patterns_, buffer, pos);
    if (best == std::string_view::npos) break;
    out_.append(buffer.substr(pos, best - pos));
    out_.append(RedactedText(best_size));
    pos = best + best_size;
    ++replacements_;
    rewritten = true;
  }
  // Hold back the shortest tail that is the start of some pattern.
  size_t keep_until = buffer.size();
  if (!at_end && patterns_->longest > 1) {
    size_t from = std::max(pos, buffer.size() > patterns_->longest - 1
                                    ? buffer.size() - (patterns_->longest - 1)
                                    : size_t{0});
    for (size_t k = from; k < buffer.size() && keep_until == buffer.size(); ++k) {
      std::string_view tail = buffer.substr(k);
      for (uint32_t i : patterns_->by_first_byte[static_cast<unsigned char>(buffer[k])]) {
        if (std::string_view(patterns[i]).starts_with(tail)) {
          keep_until = k;
          break;
        }
      }
    }
  }
  std::string next_held(buffer.substr(keep_until));
  if (!rewritten && held_.empty()) {
    held_ = std::move(next_held);
    return data.substr(0, keep_until);
  }
  out_.append(buffer.substr(pos, keep_until - pos));
  held_ = std::move(next_held);
  return out_;
}

}  // namespace logstow::uploader
