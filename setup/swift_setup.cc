#include "setup/swift_setup.h"

#include <cassert>
#include <cstdio>

#include "common/percent_encode.h"
#include "setup/origin.h"

namespace logstow::setup {

namespace {

[[noreturn]] void Refused(const std::string& step, const SwiftResponse& r) {
  std::string hint = r.status == 401 || r.status == 403
                         ? ": the user may not change this; use an operator account (.admin in "
                           "tempauth, ResellerAdmin or the project's admin role in Keystone)"
                         : "";
  throw SwiftError("swift.request", step + " failed with HTTP " + std::to_string(r.status) + hint);
}

SwiftResponse Check(const std::string& step, SwiftResponse r) {
  if (r.status / 100 != 2) Refused(step, r);
  return r;
}

std::string Join(const std::vector<std::string>& words, const std::string& separator) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : separator) + w;
  return out;
}

// Makes `container` exist, then sets each header whose current value differs. Returns what
// changed. `wanted`: meta header name (as sent) -> value; "" means "must be absent".
void EnsureContainer(SwiftSession& session, const std::string& container,
                     const std::vector<std::pair<std::string, std::string>>& wanted,
                     std::vector<std::string>& changes) {
  const std::string path = "/" + PercentEncode(container);
  SwiftResponse head = session.Request("HEAD", path);
  if (head.status == 404) {
    std::vector<std::string> headers;
    for (const auto& [name, value] : wanted) {
      if (!value.empty()) headers.push_back(name + ": " + value);
    }
    Check("creating container " + container, session.Request("PUT", path, headers));
    changes.push_back("created container " + container);
    for (const auto& [name, value] : wanted) {
      if (!value.empty()) changes.push_back("set " + name + ": " + value + " on " + container);
    }
    return;
  }
  if (head.status / 100 != 2) Refused("reading container " + container, head);
  std::vector<std::string> headers;
  for (const auto& [name, value] : wanted) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string current = head.header(lower);
    if (current == value) continue;
    if (value.empty()) {
      // X-Container-Meta-Web-Index -> X-Remove-Container-Meta-Web-Index
      headers.push_back("X-Remove-" + name.substr(2) + ": x");
      changes.push_back("removed " + name + " from " + container);
    } else {
      headers.push_back(name + ": " + value);
      changes.push_back("set " + name + ": " + value + " on " + container);
    }
  }
  if (!headers.empty()) {
    Check("updating container " + container, session.Request("POST", path, headers));
  }
}

void EnsureKey(SwiftSession& session, const SetupOptions& options, const std::string& container,
               std::vector<std::string>& changes) {
  const bool on_container = options.key_on_container;
  const std::string path = on_container ? "/" + PercentEncode(container) : "";
  const std::string where = on_container ? "container " + container : "the account";
  const std::string prefix = on_container ? "X-Container-Meta-" : "X-Account-Meta-";
  const std::string lower_prefix = on_container ? "x-container-meta-" : "x-account-meta-";
  SwiftResponse head = Check("reading " + where, session.Request("HEAD", path));
  const std::string current = head.header(lower_prefix + "temp-url-key");
  if (current == options.tempurl_key) return;
  std::vector<std::string> headers = {prefix + "Temp-URL-Key: " + options.tempurl_key};
  if (options.rotate && !current.empty()) {
    headers.push_back(prefix + "Temp-URL-Key-2: " + current);
    changes.push_back("rotated the Temp-URL key on " + where +
                      " (the previous key is now Key-2; remove it once old tokens expired)");
  } else {
    changes.push_back("set the Temp-URL key on " + where);
  }
  Check("setting the Temp-URL key on " + where, session.Request("POST", path, headers));
}

}  // namespace

std::vector<std::string> LogsContainers(const std::string& logs_container, int chars) {
  assert(chars >= 0 && chars <= 3);
  if (chars == 0) return {logs_container};
  std::vector<std::string> names;
  const int count = 1 << (4 * chars);
  for (int i = 0; i < count; ++i) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "%0*x", chars, i);
    names.push_back(logs_container + "_" + hex);
  }
  return names;
}

SetupResult SetupSwift(SwiftSession& session, const SetupOptions& options) {
  CheckOrigins("cors origin", options.cors_origins);
  SetupResult result;
  const std::vector<std::string> logs_containers =
      LogsContainers(options.logs_container, options.partition_chars);
  result.logs_url = session.storage_url() + "/" + PercentEncode(logs_containers.front());
  result.viewer_url =
      session.storage_url() + "/" + PercentEncode(options.viewer_container) + "/index.html";

  std::vector<std::pair<std::string, std::string>> logs = {
      {"X-Container-Read", ".r:*,.rlistings"},
      // staticweb would answer anonymous JSON listings with HTML pages.
      {"X-Container-Meta-Web-Index", ""},
      {"X-Container-Meta-Web-Listings", ""}};
  // CORS only when asked: an operator's own CORS settings are not ours to drop.
  if (!options.cors_origins.empty()) {
    logs.push_back(
        {"X-Container-Meta-Access-Control-Allow-Origin", Join(options.cors_origins, " ")});
    logs.push_back({"X-Container-Meta-Access-Control-Expose-Headers", kExposeHeaders});
  }
  for (const std::string& container : logs_containers) {
    EnsureContainer(session, container, logs, result.changes);
    // The account key is set once; a container key goes on every partition.
    if (!options.tempurl_key.empty() &&
        (options.key_on_container || container == logs_containers.front())) {
      EnsureKey(session, options, container, result.changes);
    }
  }
  EnsureContainer(
      session, options.viewer_container,
      // .rlistings too: without it tempauth refuses the anonymous GET of the
      // container root before staticweb can answer it with index.html.
      {{"X-Container-Read", ".r:*,.rlistings"}, {"X-Container-Meta-Web-Index", "index.html"}},
      result.changes);
  return result;
}

}  // namespace logstow::setup
