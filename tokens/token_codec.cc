#include "tokens/token_codec.h"

#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "tokens/base64url.h"
#include "tokens/token_error.h"

namespace logstow::tokens {

namespace {

using nlohmann::json;

constexpr int kVersion = 1;

[[noreturn]] void FailField(const std::string& field, const std::string& problem) {
  throw TokenError(kTokenField, "token field '" + field + "' " + problem);
}

const json& Require(const json& object, const std::string& field) {
  auto it = object.find(field);
  if (it == object.end()) FailField(field, "is missing");
  return *it;
}

std::string GetString(const json& object, const std::string& field) {
  const json& value = Require(object, field);
  if (!value.is_string()) FailField(field, "must be a string");
  return value.get<std::string>();
}

int64_t GetInteger(const json& object, const std::string& field) {
  const json& value = Require(object, field);
  if (!value.is_number_integer()) FailField(field, "must be an integer");
  if (value.is_number_unsigned() &&
      value.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    FailField(field, "is out of range");
  }
  return value.get<int64_t>();
}

bool IsLowerHex(std::string_view text) {
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

void CheckSignature(const std::string& field, const std::string& signature, Digest digest) {
  if (signature.size() != DigestHexLength(digest) || !IsLowerHex(signature)) {
    FailField(field, "must be " + std::to_string(DigestHexLength(digest)) +
                         " lower-case hex digits for " + std::string(DigestName(digest)));
  }
}

}  // namespace

std::string EncodeToken(const Token& token) {
  const TokenScope& s = token.scope;
  json j = json::object();
  j["v"] = kVersion;
  j["storage_url"] = s.storage_url;
  j["container"] = s.container;
  j["prefix"] = s.prefix;
  j["expires"] = s.expires_unix_s;
  j["methods"] = json::array();
  j["signatures"] = json::object();
  for (Method m : s.methods) {
    j["methods"].push_back(MethodName(m));
    j["signatures"][std::string(MethodName(m))] = token.tempurl_signatures.at(m);
  }
  j["digest"] = DigestName(s.digest);
  if (s.max_file_size) j["max_file_size"] = *s.max_file_size;
  if (s.max_file_count) j["max_file_count"] = *s.max_file_count;
  if (s.delete_after_s) j["delete_after"] = *s.delete_after_s;
  if (s.viewer_url) j["viewer_url"] = *s.viewer_url;
  if (s.formpost) {
    j["formpost"] = {{"redirect", s.formpost_redirect}, {"signature", token.formpost_signature}};
  }
  return std::string(kTokenPrefix) + EncodeBase64Url(j.dump());
}

Token DecodeToken(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  if (!text.starts_with(kTokenPrefix)) {
    throw TokenError(kTokenFormat,
                     "not a logstow token: it must start with 'lst1.' (check that the whole "
                     "token was copied, and that it is not a Swift auth token)");
  }
  std::optional<std::string> bytes = DecodeBase64Url(text.substr(kTokenPrefix.size()));
  if (!bytes) {
    throw TokenError(kTokenFormat,
                     "token is damaged: the text after 'lst1.' is not base64url (A-Z a-z 0-9 - _, "
                     "no padding); it was probably cut or edited");
  }
  json j = json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    throw TokenError(kTokenFormat, "token is damaged: its payload is not a JSON object");
  }

  static const std::set<std::string> kKnown = {
      "v",       "storage_url", "container",     "prefix",         "expires",      "methods",
      "digest",  "signatures",  "max_file_size", "max_file_count", "delete_after", "viewer_url",
      "formpost"};
  for (const auto& [key, value] : j.items()) {
    if (!kKnown.contains(key)) FailField(key, "is unknown to this logstow version");
  }
  if (GetInteger(j, "v") != kVersion) {
    FailField("v", "is " + Require(j, "v").dump() + ": this logstow reads version 1 tokens");
  }

  Token token;
  TokenScope& s = token.scope;
  s.storage_url = GetString(j, "storage_url");
  s.container = GetString(j, "container");
  s.prefix = GetString(j, "prefix");
  s.expires_unix_s = GetInteger(j, "expires");
  std::string digest = GetString(j, "digest");
  if (auto d = ParseDigest(digest)) {
    s.digest = *d;
  } else {
    FailField("digest", "must be sha1, sha256 or sha512, got '" + digest.substr(0, 20) + "'");
  }

  const json& methods = Require(j, "methods");
  if (!methods.is_array()) FailField("methods", "must be an array of method names");
  s.methods.clear();
  for (const json& m : methods) {
    std::optional<Method> method = m.is_string() ? ParseMethod(m.get<std::string>()) : std::nullopt;
    if (!method) FailField("methods", "may only hold \"GET\", \"HEAD\", \"PUT\" or \"DELETE\"");
    s.methods.push_back(*method);
  }

  const json& signatures = Require(j, "signatures");
  if (!signatures.is_object()) FailField("signatures", "must be an object of method: hex");
  if (signatures.size() != s.methods.size()) {
    FailField("signatures", "must hold exactly one signature per method in 'methods'");
  }
  for (Method m : s.methods) {
    const std::string field = "signatures." + std::string(MethodName(m));
    std::string sig = GetString(signatures, std::string(MethodName(m)));
    CheckSignature(field, sig, s.digest);
    token.tempurl_signatures[m] = sig;
  }

  if (j.contains("max_file_size")) s.max_file_size = GetInteger(j, "max_file_size");
  if (j.contains("max_file_count")) s.max_file_count = GetInteger(j, "max_file_count");
  if (j.contains("delete_after")) s.delete_after_s = GetInteger(j, "delete_after");
  if (j.contains("viewer_url")) s.viewer_url = GetString(j, "viewer_url");
  if (j.contains("formpost")) {
    const json& formpost = j["formpost"];
    if (!formpost.is_object()) FailField("formpost", "must be an object");
    for (const auto& [key, value] : formpost.items()) {
      if (key != "redirect" && key != "signature") FailField("formpost." + key, "is unknown");
    }
    s.formpost = true;
    s.formpost_redirect = GetString(formpost, "redirect");
    token.formpost_signature = GetString(formpost, "signature");
    CheckSignature("formpost.signature", token.formpost_signature, s.digest);
  }

  ValidateScope(s);
  return token;
}

}  // namespace logstow::tokens
