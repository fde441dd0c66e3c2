// publish-viewer's origin rules without a Swift: the viewer URL on its own host name, and the
// refusal when the viewer would share an origin with the logs it reads.
#include "setup/publish_viewer.h"

#include <gtest/gtest.h>

namespace logstow::setup {
namespace {

TEST(PublishViewer, TheViewerUrlUsesTheViewerOriginAndTheStoragePath) {
  EXPECT_EQ(ViewerUrl("http://127.0.0.1:8080/v1/AUTH_test", "", "logviewer"),
            "http://127.0.0.1:8080/v1/AUTH_test/logviewer/index.html");
  EXPECT_EQ(ViewerUrl("http://127.0.0.1:8080/v1/AUTH_test", "http://localhost:8080", "log viewer"),
            "http://localhost:8080/v1/AUTH_test/log%20viewer/index.html");
  EXPECT_EQ(OriginOfUrl("https://swift.example/v1/AUTH_x"), "https://swift.example");
}

TEST(PublishViewer, ASharedOriginIsRefusedUnlessAllowed) {
  const std::string swift = "https://swift.example";
  const std::string problem = SameOriginProblem(swift, swift, {swift}, false);
  EXPECT_NE(problem.find("a job's .html or .svg"), std::string::npos) << problem;
  EXPECT_NE(problem.find("--viewer-origin"), std::string::npos);
  EXPECT_NE(problem.find("--allow-same-origin"), std::string::npos);
  EXPECT_EQ(SameOriginProblem(swift, swift, {swift}, true), "");
  EXPECT_EQ(SameOriginProblem("https://viewer.example", swift, {swift}, false), "");
  // Regression: --log-origin naming another origin does not make the storage origin safe: the
  // logs container is served there all the same.
  EXPECT_NE(SameOriginProblem(swift, swift, {"https://other.example"}, false), "");
  EXPECT_NE(SameOriginProblem("https://other.example", swift, {"https://other.example"}, false),
            "");
}

TEST(PublishViewer, ConfigJsonNamesTheLogOrigins) {
  EXPECT_EQ(ViewerConfigJson({"https://swift.example"}),
            "{\n  \"allowed_origins\": [\n    \"https://swift.example\"\n  ]\n}\n");
}

}  // namespace
}  // namespace logstow::setup
