// `logstow token issue|inspect|verify`: flags in, tokens library called, results printed.
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/number_flag.h"
#include "cli/output.h"
#include "cli/secrets.h"
#include "common/duration.h"
#include "common/time_format.h"
#include "common/viewer_link.h"
#include "tokens/formpost.h"
#include "tokens/issue.h"
#include "tokens/lifetime.h"
#include "tokens/token_codec.h"
#include "tokens/verify.h"

namespace logstow::cli {

namespace {

using nlohmann::json;
using tokens::Method;
using tokens::Token;
using tokens::TokenScope;

constexpr char kKeyEnv[] = "LOGSTOW_TEMPURL_KEY";
constexpr char kKey2Env[] = "LOGSTOW_TEMPURL_KEY_2";

struct IssueOptions {
  std::string storage_url;
  std::string container = "logs";
  std::string prefix;
  std::string ttl = "6h";
  bool allow_short_ttl = false;
  std::vector<std::string> methods = {"PUT"};
  std::string digest = "sha256";
  std::optional<std::string> delete_after;
  std::optional<std::string> viewer_url;
  bool formpost = false;
  std::optional<std::string> max_file_size;
  std::optional<std::string> max_file_count;
  std::string redirect;
  std::optional<std::string> key_file;
  bool json = false;
};

struct ReadOptions {
  std::optional<std::string> token;
  std::optional<std::string> token_file;
  std::optional<std::string> key_file;
  std::optional<std::string> key2_file;
  std::optional<std::string> object;
  std::optional<std::string> method;
  bool json = false;
};

std::chrono::seconds ParseDurationFlag(const std::string& flag, const std::string& text) {
  std::optional<std::chrono::seconds> d = ParseDuration(text);
  if (!d) {
    throw UsageError(flag + " '" + text + "' is not a duration: write e.g. 3600, 90m, 6h or 30d");
  }
  return *d;
}

TokenScope ScopeFromOptions(const IssueOptions& o) {
  TokenScope scope;
  scope.storage_url = o.storage_url;
  while (scope.storage_url.ends_with('/')) scope.storage_url.pop_back();
  scope.container = o.container;
  // Before the '/' below is added: a message must show what was typed.
  if (o.prefix.empty()) {
    throw UsageError(
        "--prefix is empty: give the pseudo-folder of the container that the token lets the job "
        "write under, e.g. zuul/<build uuid>/ (a token never covers a whole container)");
  }
  // The prefix always ends in '/', so "a/b" can never cover "a/bc/".
  scope.prefix = o.prefix.ends_with('/') ? o.prefix : o.prefix + "/";
  std::chrono::seconds ttl = ParseDurationFlag("--ttl", o.ttl);
  try {
    scope.expires_unix_s = tokens::ExpiryForTtl(
        NowUnixSeconds(), ttl, o.allow_short_ttl ? std::chrono::seconds(1) : tokens::kMinTtl);
  } catch (const Error& e) {
    throw UsageError("--ttl " + o.ttl + ": " + e.what() +
                     (o.allow_short_ttl ? "" : "; --allow-short-ttl goes lower, for tests"));
  }
  scope.methods.clear();
  for (const std::string& name : o.methods) {
    std::optional<Method> m = tokens::ParseMethod(name);
    if (!m) throw UsageError("--method " + name + " is not one of GET, HEAD, PUT, DELETE");
    scope.methods.push_back(*m);
  }
  std::optional<tokens::Digest> digest = tokens::ParseDigest(o.digest);
  if (!digest) throw UsageError("--digest " + o.digest + " is not one of sha256, sha512, sha1");
  scope.digest = *digest;
  if (o.delete_after) {
    scope.delete_after_s = ParseDurationFlag("--delete-after", *o.delete_after).count();
  }
  scope.viewer_url = o.viewer_url;
  scope.formpost = o.formpost;
  // Swift's own limits are far below these; ValidateScope checks what a token may carry.
  if (o.max_file_size) {
    scope.max_file_size = ParseNumberFlag("--max-file-size", *o.max_file_size, 1, INT64_MAX);
  }
  if (o.max_file_count) {
    scope.max_file_count = ParseNumberFlag("--max-file-count", *o.max_file_count, 1, INT64_MAX);
  }
  scope.formpost_redirect = o.redirect;
  return scope;
}

std::string ViewerLink(const TokenScope& scope) {
  if (!scope.viewer_url) return "";
  return logstow::ViewerLink(*scope.viewer_url, tokens::PrefixUrl(scope));
}

// with_signature: the FormPost signature is a write credential; only `token issue` (which
// prints the whole token anyway) shows it.
json ScopeJson(const Token& token, int64_t now, bool with_signature) {
  const TokenScope& s = token.scope;
  json j = {{"storage_url", s.storage_url},
            {"container", s.container},
            {"prefix", s.prefix},
            {"prefix_url", tokens::PrefixUrl(s)},
            {"expires", s.expires_unix_s},
            {"expires_at", FormatUnixTimeUtc(s.expires_unix_s)},
            {"seconds_left", std::max<int64_t>(0, s.expires_unix_s - now)},
            {"digest", tokens::DigestName(s.digest)},
            {"methods", json::array()}};
  for (Method m : s.methods) j["methods"].push_back(tokens::MethodName(m));
  if (s.max_file_size) j["max_file_size"] = *s.max_file_size;
  if (s.max_file_count) j["max_file_count"] = *s.max_file_count;
  if (s.delete_after_s) j["delete_after"] = *s.delete_after_s;
  if (s.viewer_url) {
    j["viewer_url"] = *s.viewer_url;
    j["viewer_link"] = ViewerLink(s);
  }
  if (s.formpost) {
    j["formpost"] = {{"action", tokens::FormPostActionUrl(s)},
                     {"redirect", s.formpost_redirect},
                     {"max_file_size", *s.max_file_size},
                     {"max_file_count", *s.max_file_count},
                     {"expires", s.expires_unix_s}};
    if (with_signature) j["formpost"]["signature"] = token.formpost_signature;
  }
  return j;
}

void PrintScope(const Token& token, int64_t now) {
  const TokenScope& s = token.scope;
  std::string methods;
  for (Method m : s.methods) methods += (methods.empty() ? "" : ", ") + std::string(MethodName(m));
  int64_t left = s.expires_unix_s - now;
  // Any token can be inspected: its text fields are untrusted (a storage URL may hold an ESC).
  std::cout << "storage URL:   " << Printable(s.storage_url) << '\n'
            << "container:     " << Printable(s.container) << '\n'
            << "prefix:        " << Printable(s.prefix) << '\n'
            << "prefix URL:    " << Printable(tokens::PrefixUrl(s)) << '\n'
            << "methods:       " << methods << (s.formpost ? " (and FormPost)" : "") << '\n'
            << "digest:        " << tokens::DigestName(s.digest) << '\n'
            << "expires:       " << FormatUnixTimeUtc(s.expires_unix_s)
            << (left > 0 ? " (in " + FormatDuration(std::chrono::seconds(left)) + ")"
                         : " (EXPIRED " + FormatDuration(std::chrono::seconds(-left)) + " ago)")
            << '\n';
  if (s.max_file_size) std::cout << "max file size: " << *s.max_file_size << " bytes\n";
  if (s.max_file_count) std::cout << "max files:     " << *s.max_file_count << '\n';
  if (s.delete_after_s) {
    std::cout << "delete after:  " << FormatDuration(std::chrono::seconds(*s.delete_after_s))
              << '\n';
  }
  if (s.viewer_url) std::cout << "viewer:        " << Printable(ViewerLink(s)) << '\n';
}

int RunIssue(const IssueOptions& o) {
  TokenScope scope = ScopeFromOptions(o);
  Token token = tokens::IssueToken(scope, LoadKey(o.key_file, kKeyEnv));
  std::string text = tokens::EncodeToken(token);
  if (o.json) {
    json j = ScopeJson(token, NowUnixSeconds(), /*with_signature=*/true);
    j["token"] = text;
    std::cout << j.dump(2) << '\n';
  } else {
    std::cout << text << '\n';
  }
  return kExitOk;
}

int RunInspect(const ReadOptions& o) {
  Token token = tokens::DecodeToken(LoadToken(o.token, o.token_file, "a token argument"));
  int64_t now = NowUnixSeconds();
  if (o.json) {
    std::cout << ScopeJson(token, now, /*with_signature=*/false).dump(2) << '\n';
  } else {
    PrintScope(token, now);
  }
  return kExitOk;
}

int RunVerify(const ReadOptions& o) {
  Token token = tokens::DecodeToken(LoadToken(o.token, o.token_file, "a token argument"));
  std::vector<std::string> keys = {LoadKey(o.key_file, kKeyEnv)};
  const char* key2_env = std::getenv(kKey2Env);
  if (o.key2_file || (key2_env != nullptr && *key2_env != '\0')) {
    keys.push_back(LoadKey(o.key2_file, kKey2Env));
  }
  tokens::VerifyRequest request;
  request.object_name = o.object;
  if (o.method) {
    request.method = tokens::ParseMethod(*o.method);
    if (!request.method)
      throw UsageError("--method " + *o.method + " is not one of GET, HEAD, PUT, DELETE");
  }
  tokens::VerifyResult result = tokens::VerifyToken(token, keys, NowUnixSeconds(), request);
  bool valid = result.status == tokens::VerifyStatus::kValid;
  if (o.json) {
    static const char* kStatus[] = {"valid", "bad_signature", "expired", "out_of_scope"};
    json j = {{"status", kStatus[static_cast<int>(result.status)]},
              {"message", result.message},
              {"key", result.key_index < 0 ? json(nullptr)
                                           : json(result.key_index == 0 ? "Key" : "Key-2")}};
    std::cout << j.dump(2) << '\n';
  } else if (valid) {
    std::cout << result.message << " (signed with " << (result.key_index == 0 ? "Key" : "Key-2")
              << ")\n";
  } else {
    std::cout << "NOT valid: " << result.message << '\n';
  }
  return valid ? kExitOk : kExitPartialFailure;
}

void AddTokenInput(CLI::App* sub, ReadOptions& o) {
  sub->add_option("token", o.token,
                  "The token, or - to read it from standard input (default: $LOGSTOW_TOKEN). "
                  "Prefer the environment or a file: arguments show in process listings");
  sub->add_option("--token-file", o.token_file, "Read the token from this file");
}

}  // namespace

void RegisterTokenCommand(CLI::App& app, Command& selected) {
  CLI::App* token = app.add_subcommand(
      "token", "Issue, inspect and verify job-scoped upload tokens (Swift prefix TempURLs)");
  token->require_subcommand(1);

  auto issue = std::make_shared<IssueOptions>();
  CLI::App* issue_cmd = token->add_subcommand(
      "issue",
      "Sign a token that lets one job write under one prefix until it expires. The Temp-URL key "
      "comes from --key-file or $LOGSTOW_TEMPURL_KEY, never from the command line");
  issue_cmd
      ->add_option("--storage-url", issue->storage_url,
                   "Swift account URL, e.g. https://swift.example/v1/AUTH_ci")
      ->envname("LOGSTOW_STORAGE_URL")
      ->required();
  issue_cmd->add_option("--container", issue->container, "Logs container")
      ->envname("LOGSTOW_CONTAINER")
      ->capture_default_str();
  issue_cmd
      ->add_option("--prefix", issue->prefix,
                   "Pseudo-folder the job may write under, e.g. zuul/<build uuid>/ "
                   "(a '/' is added if missing)")
      ->required();
  issue_cmd
      ->add_option("--ttl", issue->ttl, "Lifetime: 3600, 90m, 6h, 1d (at least 5m, at most 30d)")
      ->capture_default_str();
  issue_cmd->add_flag("--allow-short-ttl", issue->allow_short_ttl,
                      "Allow lifetimes under 5 minutes (down to 1s), for tests");
  issue_cmd
      ->add_option("--method", issue->methods, "TempURL method(s) allowed: PUT, GET, HEAD, DELETE")
      ->capture_default_str();
  issue_cmd->add_option("--digest", issue->digest, "HMAC digest: sha256, sha512 or sha1")
      ->capture_default_str();
  issue_cmd->add_option("--delete-after", issue->delete_after,
                        "Uploaded objects expire after this long (X-Delete-After), e.g. 30d");
  issue_cmd
      ->add_option("--viewer-url", issue->viewer_url,
                   "Viewer page URL, to print <viewer>?q=<prefix URL>")
      ->envname("LOGSTOW_VIEWER_URL");
  issue_cmd->add_flag("--formpost", issue->formpost,
                      "Also sign a FormPost form for the prefix (needs --max-file-size and "
                      "--max-file-count)");
  issue_cmd->add_option("--max-file-size", issue->max_file_size, "Largest object, bytes (decimal)");
  issue_cmd->add_option("--max-file-count", issue->max_file_count,
                        "Most files per FormPost (decimal)");
  issue_cmd->add_option("--redirect", issue->redirect, "FormPost redirect URL");
  issue_cmd->add_option("--key-file", issue->key_file,
                        "File holding the Temp-URL key (default: $LOGSTOW_TEMPURL_KEY)");
  issue_cmd->add_flag("--json", issue->json, "Print the token with its scope and URLs as JSON");
  issue_cmd->callback([&selected, issue] { selected = [issue] { return RunIssue(*issue); }; });

  auto inspect = std::make_shared<ReadOptions>();
  CLI::App* inspect_cmd = token->add_subcommand(
      "inspect", "Show a token's scope and time left (no key needed; it proves nothing)");
  AddTokenInput(inspect_cmd, *inspect);
  inspect_cmd->add_flag("--json", inspect->json, "Print as JSON");
  inspect_cmd->callback(
      [&selected, inspect] { selected = [inspect] { return RunInspect(*inspect); }; });

  auto verify = std::make_shared<ReadOptions>();
  CLI::App* verify_cmd = token->add_subcommand(
      "verify",
      "Check a token with the Temp-URL key(s), as Swift will: ours, unexpired, in scope. "
      "Exit 0 when valid, 1 when not");
  AddTokenInput(verify_cmd, *verify);
  verify_cmd->add_option("--key-file", verify->key_file,
                         "File holding the Temp-URL key (default: $LOGSTOW_TEMPURL_KEY)");
  verify_cmd->add_option("--key-2-file", verify->key2_file,
                         "File holding the second key during rotation "
                         "(default: $LOGSTOW_TEMPURL_KEY_2)");
  verify_cmd->add_option("--object", verify->object,
                         "Also check that this object name (in the container) is covered");
  verify_cmd->add_option("--method", verify->method, "Also check that this method is allowed");
  verify_cmd->add_flag("--json", verify->json, "Print the result as JSON");
  verify_cmd->callback([&selected, verify] { selected = [verify] { return RunVerify(*verify); }; });
}

}  // namespace logstow::cli
