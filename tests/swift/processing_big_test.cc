// A 1 GiB file through a `command` stage (issue 15, item 2) with flat memory: the file is
// sparse (made by ftruncate, never in memory), `tr` turns its zeros into text on the way to the
// spool, and the uploader gzips it while it streams. The uploader's peak RSS (its report's
// peak_rss_bytes: getrusage ru_maxrss of the uploader process; the command is a child and not
// counted) must stay far below the file's size. Stored bytes are checked by inflating the
// object as it streams in, counting, never holding the whole.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/testing/subprocess.h"
#include "tests/testing/swift_container.h"
#include "tests/testing/temp_dir.h"
#include "tokens/token_codec.h"

namespace logstow {
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kFileBytes = uint64_t{1} << 30;
constexpr uint64_t kRssLimitBytes = uint64_t{256} << 20;

// Inflates a gzip body, counting the bytes and checking each is 'x'.
bool CountInflated(const std::string& gzip, uint64_t* count) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) return false;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gzip.data()));
  z.avail_in = static_cast<uInt>(gzip.size());
  std::string out(1 << 20, '\0');
  int rc = Z_OK;
  *count = 0;
  bool all_x = true;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    rc = inflate(&z, Z_NO_FLUSH);
    size_t n = out.size() - z.avail_out;
    all_x = all_x && out.find_first_not_of('x', 0) >= n;
    *count += n;
  }
  inflateEnd(&z);
  return rc == Z_STREAM_END && all_x;
}

TEST(ProcessingBig, OneGibibyteThroughACommandStageInFlatMemory) {
  testing::SwiftContainer c("proc-big");
  testing::TempDir dir, work;
  {
    int fd = open((dir.path() / "big.bin").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(ftruncate(fd, static_cast<off_t>(kFileBytes)), 0);
    close(fd);
  }
  const fs::path rules = work.Write("processing.json", R"({"logstow_processing": 1, "rules": [
      {"glob": "big.bin", "stages": [
          {"stage": "command", "argv": ["tr", "\\000", "x"], "timeout": "10m"},
          {"stage": "rename", "match": "\\.bin$", "replace": ".txt"},
          {"stage": "gzip", "level": 1}]}]})");
  const fs::path report_file = work.path() / "report.json";
  testing::ProcessResult r = testing::RunProcess(
      {.argv = {LOGSTOW_BINARY, "upload", dir.path().string(), "--progress", "none", "--processing",
                rules.string(), "--json", report_file.string()},
       .env = {"LOGSTOW_TOKEN=" + tokens::EncodeToken(c.Token("big/")),
               "TMPDIR=" + work.path().string()}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto report = nlohmann::json::parse(testing::ReadFile(report_file));
  const uint64_t peak = report["peak_rss_bytes"];
  std::cout << "uploader peak RSS: " << (peak >> 20) << " MiB for a " << (kFileBytes >> 20)
            << " MiB file; wall " << report["wall_seconds"] << " s\n";
  EXPECT_LT(peak, kRssLimitBytes);

  testing::HttpResponse stored = c.GetObject("big/big.txt");
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.header("x-object-meta-logstow-size"), std::to_string(kFileBytes));
  EXPECT_EQ(stored.header("content-encoding"), "gzip");
  uint64_t count = 0;
  EXPECT_TRUE(CountInflated(stored.body, &count));
  EXPECT_EQ(count, kFileBytes);
  // The spool is gone with the run.
  for (const auto& entry : fs::directory_iterator(work.path())) {
    EXPECT_FALSE(entry.path().filename().string().starts_with("logstow-spool-")) << entry.path();
  }
}

}  // namespace
}  // namespace logstow
