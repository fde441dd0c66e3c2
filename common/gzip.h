// One-shot gzip of a small in-memory body (zlib, gzip container). Streaming bodies of log
// files go through uploader/body_encoder.h instead. Tested by tests/unit/common/gzip_test.cc.
#pragma once

#include <string>
#include <string_view>

namespace logstow {

// level: 1 (fast) .. 9 (small).
std::string GzipCompress(std::string_view bytes, int level = 9);

}  // namespace logstow
