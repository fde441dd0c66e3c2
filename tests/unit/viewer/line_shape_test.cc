#include "viewer/line_shape.h"

#include <gtest/gtest.h>

#include <string>

namespace logstow::viewer {
namespace {

std::string Shape(std::string_view line) {
  std::string out;
  NormalizeLine(line, &out);
  return out;
}

TEST(NormalizeLine, MasksWhatChangesFromRunToRun) {
  struct Case {
    const char* line;
    const char* shape;
  };
  const Case cases[] = {
      {"2024-03-01 12:02:49.135679 | node-01 | ok: [controller]", "T | node-# | ok: [controller]"},
      {"2013-09-10 12:34:56.789 1234 WARNING nova.compute [req-b932e095-6706-4f5a-bd75-"
       "241c407a9d01 admin] took 12.5 s",
       "T # WARNING nova.compute [req-# admin] took #.# s"},
      {"E0301 12:00:00.000000    1234 file.go:12] lost lease", "ET # file.go:#] lost lease"},
      {"[Sat Mar 28 12:20:42.377230 2020] [error] x", "[T] [error] x"},
      {"Mar 28 12:20:42 host sshd[8526]: accepted", "T host sshd[#]: accepted"},
      {"commit 4f2a9c1e0b7d3f6a8e5c2b1d0f9e8a7c6b5d4e3f", "commit #"},
      {"tx4f2a9c1e0b7d3f6a8e5c2-0065e1c2aa", "tx#-#"},  // a Swift transaction id
      {"GET http://10.0.1.9:8080/v1/AUTH_x/c 201", "GET http://#.#.#.#:#/v#/AUTH_x/c #"},
      {"wrote /tmp/tmpa8x_q1zz/out.json", "wrote /tmp/*/out.json"},
      {"cd /var/tmp/ansible-tmp-1709294569.12-4242 && ls", "cd /var/tmp/* && ls"},
      {"created tmpk3j2_x9a for the run", "created tmp* for the run"},
      {"  indented\t\tand   spaced  ", "indented and spaced"},
      {"python3 -m pip", "python# -m pip"},
      {"mask 0x1f, not 0xZZ", "mask #, not #xZZ"},
      {"deadbeef stays (no digit)", "deadbeef stays (no digit)"},
      {"", ""},
      {"   \t", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    EXPECT_EQ(Shape(c.line), c.shape);
  }
}

TEST(NormalizeLine, SameMessageOfTwoRunsHasOneShape) {
  EXPECT_EQ(Shape("2024-03-01 12:02:49.1 | node-01 | took 12 s in /tmp/tmpa8x_q1/x"),
            Shape("2024-03-02 08:00:00.9 | node-02 | took 7 s in /tmp/tmpzz91_k/x"));
  EXPECT_NE(Shape("2024-03-01 12:02:49.1 | node-01 | ok"),
            Shape("2024-03-01 12:02:49.1 | node-01 | failed"));
}

TEST(LineShapeHash, BlankLinesHaveNoShapeAndOthersNeverHashToZero) {
  std::string scratch;
  EXPECT_EQ(LineShapeHash("", &scratch), 0u);
  EXPECT_EQ(LineShapeHash(" \t ", &scratch), 0u);
  EXPECT_NE(LineShapeHash("x", &scratch), 0u);
  EXPECT_EQ(LineShapeHash("took 1 s", &scratch), LineShapeHash("took 22 s", &scratch));
  // FNV-1a 64 of "a" (the published test vector): the same value natively and in Wasm.
  EXPECT_EQ(ShapeHash("a"), 0xaf63dc4c8601ec8cULL);
}

}  // namespace
}  // namespace logstow::viewer
