// A small synchronous HTTP client for tests (libcurl easy interface): one request, whole body
// in memory. Tests use it to talk to the real local Swift; the product's client is uploader/.
// Not thread-safe per instance. Tested by being used in tests/swift/.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace logstow::testing {

struct HttpResponse {
  long status = 0;                             // HTTP status; 0 when no response arrived
  std::map<std::string, std::string> headers;  // names lower-cased; the last value wins
  std::string body;
  std::string error;  // libcurl's message when status == 0

  // Header value or "" when absent. name: lower-case.
  std::string header(const std::string& name) const;
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;                   // absolute, already percent-encoded
  std::vector<std::string> headers;  // "Name: value"
  std::string body;                  // sent as is (for PUT/POST)
};

// Sends one request and waits for the whole response. Never throws; failures are in `error`.
HttpResponse Send(const HttpRequest& request);

// One part of a multipart/form-data POST: a plain field, or a file when `filename` is set.
struct FormPart {
  std::string name;
  std::string value;
  std::string filename;      // set for file parts
  std::string content_type;  // file parts only
};

// POSTs multipart/form-data with the parts in order (FormPost needs its fields before files).
HttpResponse SendForm(const std::string& url, const std::vector<FormPart>& parts);

// Lower-case hex MD5 of bytes (what Swift returns as an object's ETag).
std::string Md5Hex(const std::string& bytes);

}  // namespace logstow::testing
