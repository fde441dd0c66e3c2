// One HTTP response header line ("Name: value\r\n", as libcurl's CURLOPT_HEADERFUNCTION hands it
// over) split into a lower-case name and a value without surrounding blanks, for the HTTP
// wrapper (common/curl_transfer.cc). Tested by tests/unit/common/http_header_test.cc.
#pragma once

#include <string>
#include <string_view>

namespace logstow {

// False (outputs untouched) for a line without ':' (the status line, the blank end line).
bool ParseHeaderLine(std::string_view line, std::string* name, std::string* value);

}  // namespace logstow
