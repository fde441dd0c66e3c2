// Test helpers for the viewer core: the real sample logs in tests/data/ (gzip inflated), and a
// ten-line reference line splitter to check LineIndex against (re2/testing/backtrack.cc style:
// obviously right, slow). Tested by being used in tests/unit/viewer/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace logstow::testing {

// The bytes of tests/data/<name> (found through $LOGSTOW_TEST_DATA, set by ctest), inflated if
// the name ends in ".gz". Fails the current test (ADD_FAILURE) and returns "" if unreadable.
std::string ReadSample(std::string_view name);

// The lines of `bytes` as viewer/line_index.h defines them: split at '\n', a '\r' before it
// dropped, a non-empty tail is a last line with one final lone '\r' dropped.
std::vector<std::string> ReferenceLines(std::string_view bytes);

}  // namespace logstow::testing
