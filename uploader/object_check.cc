#include "uploader/object_check.h"

#include <deque>
#include <thread>

#include "tokens/tempurl.h"
#include "uploader/swift_client.h"

namespace logstow::uploader {

namespace {

using Clock = std::chrono::steady_clock;

tokens::Method HeadSignature(const tokens::Token& token) {
  for (tokens::Method m : {tokens::Method::kHead, tokens::Method::kGet, tokens::Method::kPut}) {
    if (token.tempurl_signatures.count(m)) return m;
  }
  return tokens::Method::kHead;  // SignedObjectUrl then throws TokenError, naming the method
}

}  // namespace

std::vector<ObjectCheck> CheckObjects(const tokens::Token& token,
                                      const std::vector<std::string>& names,
                                      const ObjectCheckOptions& options,
                                      StorageUrls* shared_proxies,
                                      std::vector<std::string>* warnings) {
  const tokens::Method method = HeadSignature(token);
  StorageUrls own_proxies(token.scope, {});
  StorageUrls& proxies = shared_proxies != nullptr ? *shared_proxies : own_proxies;
  std::vector<std::string> urls;
  urls.reserve(names.size());
  for (const std::string& name : names) urls.push_back(SignedObjectUrl(token, method, name));

  std::vector<ObjectCheck> checks(names.size());
  std::vector<Clock::time_point> first_try(names.size());
  std::vector<size_t> proxy(names.size());             // the proxy of each name's last HEAD
  std::vector<size_t> connect_failures(names.size());  // in a row
  for (size_t i = 0; i < names.size(); ++i) checks[i].name = names[i];

  SwiftClient client({.max_connections = options.parallel,
                      .connect_timeout = options.connect_timeout,
                      .stall_timeout = options.stall_timeout});
  RetryPolicy policy(options.retry);
  std::deque<size_t> ready;
  for (size_t i = 0; i < names.size(); ++i) ready.push_back(i);
  std::vector<std::pair<Clock::time_point, size_t>> waiting;  // retries, due time
  bool stopped = false;

  while (!stopped && (!ready.empty() || !waiting.empty() || client.active() > 0)) {
    const Clock::time_point now = Clock::now();
    for (auto it = waiting.begin(); it != waiting.end();) {
      if (it->first <= now) {
        ready.push_back(it->second);
        it = waiting.erase(it);
      } else {
        ++it;
      }
    }
    while (!ready.empty() && client.active() < options.parallel) {
      const size_t i = ready.front();
      ready.pop_front();
      if (checks[i].attempts == 0) first_try[i] = now;
      ++checks[i].attempts;
      proxy[i] = proxies.current();
      client.Start({.id = i, .url = proxies.Rebase(urls[i]), .head = true});
    }
    if (client.active() == 0) {
      // Only retries are left: sleep until the first is due (a timed wait, not a guess).
      Clock::time_point due = waiting.front().first;
      for (const auto& [t, i] : waiting) due = std::min(due, t);
      std::this_thread::sleep_until(due);
      continue;
    }
    for (PutResult& r : client.Run(std::chrono::milliseconds(100))) {
      ObjectCheck& check = checks[r.id];
      check.http_status = r.http_status;
      if (r.http_status >= 200 && r.http_status < 300) {
        check.presence = ObjectPresence::kPresent;
        check.stored_bytes = r.content_length.value_or(0);
        check.size_meta = r.size_meta;
        check.last_modified_unix_s = r.last_modified_unix_s;
        continue;
      }
      if (r.http_status == 404) {
        check.presence = ObjectPresence::kMissing;
        continue;
      }
      check.error = r.http_status ? "HTTP " + std::to_string(r.http_status) : r.error;
      if (r.http_status == 401) {
        stopped = true;
        continue;
      }
      connect_failures[r.id] = r.connect_failed ? connect_failures[r.id] + 1 : 0;
      if (r.connect_failed) {
        std::string warning = proxies.MoveOnWithWarning(proxy[r.id], r.error);
        if (!warning.empty() && warnings != nullptr) warnings->push_back(std::move(warning));
        const int max_attempts = policy.limits().max_attempts;
        if (proxies.SendAgainNow(proxy[r.id], connect_failures[r.id]) &&
            (max_attempts == 0 || check.attempts < max_attempts)) {
          ready.push_back(r.id);  // nothing reached that proxy: the next one, at once
          continue;
        }
      }
      AttemptOutcome outcome{.http_status = r.http_status,
                             .transport_error = r.http_status == 0,
                             .retry_after = r.retry_after};
      auto elapsed =
          std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - first_try[r.id]);
      if (auto delay = policy.NextDelay(outcome, check.attempts, elapsed)) {
        waiting.emplace_back(Clock::now() + *delay, r.id);
      }
    }
  }
  if (stopped) {
    for (ObjectCheck& check : checks) {
      if (check.presence != ObjectPresence::kUnknown || !check.error.empty()) continue;
      check.http_status = 401;
      check.error = "not checked: Swift refused the token (HTTP 401)";
    }
  }
  return checks;
}

}  // namespace logstow::uploader
