// The tests' HTTP client: one request, whole body in memory, over the product's libcurl wrapper
// (common/http_client.h) with a 60 s limit. Tests use it to talk to the real local Swift.
// Thread-safe. Tested by being used in tests/swift/.
#pragma once

#include <string>
#include <vector>

#include "common/http_client.h"

namespace logstow::testing {

// status is 0 whenever `error` is set (the transfer failed); header(name) takes any case.
using HttpResponse = logstow::HttpResponse;
using HttpRequest = logstow::HttpRequest;
using FormPart = logstow::HttpFormPart;

// Sends one request and waits for the whole response. Never throws; failures are in `error`.
HttpResponse Send(const HttpRequest& request);

// POSTs multipart/form-data with the parts in order (FormPost needs its fields before files).
HttpResponse SendForm(const std::string& url, const std::vector<FormPart>& parts);

// Lower-case hex MD5 of bytes (what Swift returns as an object's ETag).
std::string Md5Hex(const std::string& bytes);

}  // namespace logstow::testing
