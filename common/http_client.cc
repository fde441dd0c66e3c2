#include "common/http_client.h"

#include <curl/curl.h>

#include <algorithm>

#include "common/curl_transfer.h"

namespace logstow {

namespace {

bool SameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
           return lower(x) == lower(y);
         });
}

// Query parameters whose value is a credential.
bool IsSecretParameter(std::string_view name) {
  return SameName(name, "temp_url_sig") || SameName(name, "signature");
}

}  // namespace

void HttpHeaders::Add(std::string name, std::string value) {
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  entries_.emplace_back(std::move(name), std::move(value));
}

std::string HttpHeaders::Get(std::string_view name) const {
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (SameName(it->first, name)) return it->second;
  }
  return "";
}

std::vector<std::string> HttpHeaders::GetAll(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : entries_) {
    if (SameName(key, name)) values.push_back(value);
  }
  return values;
}

bool HttpHeaders::Has(std::string_view name) const {
  return std::any_of(entries_.begin(), entries_.end(),
                     [&](const auto& entry) { return SameName(entry.first, name); });
}

HttpResponse SendHttp(const HttpRequest& request) {
  internal::CurlGlobalInit();
  internal::CurlTransfer transfer(internal::CurlEasy(curl_easy_init()), request);
  return transfer.Finish(curl_easy_perform(transfer.easy()));
}

std::string RedactUrl(std::string_view url) {
  const size_t query = url.find('?');
  if (query == std::string_view::npos) return std::string(url);
  const size_t fragment = url.find('#', query);
  std::string out(url.substr(0, query + 1));
  std::string_view rest =
      url.substr(query + 1, fragment == std::string_view::npos ? std::string_view::npos
                                                               : fragment - query - 1);
  bool first = true;
  while (true) {
    const size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    if (!first) out += '&';
    first = false;
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && IsSecretParameter(pair.substr(0, eq))) {
      out.append(pair.substr(0, eq + 1)).append("REDACTED");
    } else {
      out.append(pair);
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  if (fragment != std::string_view::npos) out.append(url.substr(fragment));
  return out;
}

std::string DescribeFailure(const HttpRequest& request, const HttpResponse& response) {
  return request.method + " " + RedactUrl(request.url) + " failed: " + response.error;
}

std::optional<int64_t> ParseHttpDate(const std::string& text) {
  const time_t t = curl_getdate(text.c_str(), nullptr);
  if (t <= 0) return std::nullopt;
  return static_cast<int64_t>(t);
}

}  // namespace logstow
