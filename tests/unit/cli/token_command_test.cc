// `logstow token ...` as a job script runs it: a real child process, secrets from the environment.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>

#include "tests/testing/subprocess.h"
#include "tokens/token_codec.h"

namespace logstow::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::StartsWith;

constexpr char kSecret[] = "zuul-secret-4f9a1c";
const std::string kStorage = "--storage-url=https://swift.example/v1/AUTH_ci";

ProcessResult Logstow(std::vector<std::string> args, std::vector<std::string> env = {},
                      std::string stdin_data = "") {
  args.insert(args.begin(), LOGSTOW_BINARY);
  return RunProcess({.argv = args, .env = env, .stdin_data = stdin_data});
}

// Opens `fifo` for writing, which returns once a reader opens it: logstow reading its key
// file, which it does after blanking its argv. -1 when no reader came within a minute.
int OpenWhenReaderArrives(const std::filesystem::path& fifo) {
  auto opened = std::async(std::launch::async, [&] { return open(fifo.c_str(), O_WRONLY); });
  if (opened.wait_for(std::chrono::minutes(1)) == std::future_status::ready) return opened.get();
  int unblock = open(fifo.c_str(), O_RDONLY | O_NONBLOCK);  // lets the pending open return
  close(opened.get());
  close(unblock);
  return -1;
}

void WriteKeyAndClose(int fd) {
  std::string key = std::string(kSecret) + "\n";
  EXPECT_EQ(write(fd, key.data(), key.size()), static_cast<ssize_t>(key.size()));
  close(fd);
}

// What `ps` shows for `pid`: its argv, NUL-separated.
std::string CommandLine(pid_t pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/cmdline");
  return std::string(std::istreambuf_iterator<char>(file), {});
}

std::string Issue(const std::string& key = kSecret) {
  ProcessResult r =
      Logstow({"token", "issue", kStorage, "--prefix=zuul/42/"}, {"LOGSTOW_TEMPURL_KEY=" + key});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out.substr(0, r.out.find('\n'));
}

// Runs `logstow token verify TOKEN_ARGUMENT --key-file FIFO` and returns what `ps` showed for
// it while it ran: reading the key from a FIFO holds logstow at startup until the key is
// written, after it blanked its argv. The run's result goes to *result.
std::string CommandLineOfVerify(const std::string& token_argument, ProcessResult* result) {
  std::filesystem::path fifo =
      std::filesystem::temp_directory_path() / ("logstow-key-" + std::to_string(getpid()));
  EXPECT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  Process child(
      {.argv = {LOGSTOW_BINARY, "token", "verify", token_argument, "--key-file", fifo.string()}});
  int key_fd = OpenWhenReaderArrives(fifo);
  EXPECT_GE(key_fd, 0) << "logstow never opened its key file";
  std::string cmdline = CommandLine(child.pid());
  if (key_fd >= 0) WriteKeyAndClose(key_fd);
  *result = key_fd >= 0 ? child.Wait() : child.Stop();
  std::filesystem::remove(fifo);
  return cmdline;
}

TEST(TokenCommand, IssuePrintsATokenAndNeverTheKey) {
  ProcessResult r = Logstow({"token", "issue", kStorage, "--prefix=zuul/42", "--json"},
                            {std::string("LOGSTOW_TEMPURL_KEY=") + kSecret});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"token\": \"lst1."));
  EXPECT_THAT(r.out, HasSubstr("\"prefix\": \"zuul/42/\""));
  EXPECT_THAT(r.out + r.err, Not(HasSubstr(kSecret)));
}

TEST(TokenCommand, IssueWithoutAKeyExplainsWhereItComesFrom) {
  ProcessResult r = Logstow({"token", "issue", kStorage, "--prefix=p/"}, {"LOGSTOW_TEMPURL_KEY="});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "logstow: error: no Temp-URL key: pass --key-file FILE or set LOGSTOW_TEMPURL_KEY "
            "(never on the command line, where other users can see it)\n");
}

TEST(TokenCommand, AKeySwiftCannotStoreAsGivenIsRefused) {
  for (const char* key : {"sec ret ", " secret", "a\tb"}) {
    SCOPED_TRACE(key);
    ProcessResult r = Logstow({"token", "issue", kStorage, "--prefix=p/"},
                              {std::string("LOGSTOW_TEMPURL_KEY=") + key});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.err, HasSubstr("which Swift would not store as given"));
  }
}

// Regression: a secret passed to --key-file by mistake was echoed in the error.
TEST(TokenCommand, AKeyFileErrorDoesNotRepeatWhatWasGiven) {
  ProcessResult r = Logstow({"token", "issue", kStorage, "--prefix=p/", "--key-file", kSecret});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, Not(HasSubstr(kSecret)));
}

TEST(TokenCommand, ThereIsNoFlagThatTakesTheKeyOnTheCommandLine) {
  ProcessResult r = Logstow({"token", "issue", kStorage, "--prefix=p/", "--key", kSecret});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(TokenCommand, VerifyTellsValidFromForeignAndNeverPrintsKeys) {
  std::string token = Issue();
  ProcessResult ok =
      Logstow({"token", "verify", "-"}, {std::string("LOGSTOW_TEMPURL_KEY=") + kSecret}, token);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  // Issued for 6h; a second may tick between issuing and verifying.
  EXPECT_THAT(ok.out, MatchesRegex("valid for (6h|5h59m5[0-9]s) \\(signed with Key\\)\n"));

  ProcessResult rotated = Logstow(
      {"token", "verify", "-"},
      {"LOGSTOW_TEMPURL_KEY=new-key", std::string("LOGSTOW_TEMPURL_KEY_2=") + kSecret}, token);
  EXPECT_EQ(rotated.exit_code, 0);
  EXPECT_THAT(rotated.out, HasSubstr("signed with Key-2"));

  ProcessResult foreign = Logstow({"token", "verify", "-"},
                                  {"LOGSTOW_TEMPURL_KEY=new-key", "LOGSTOW_TEMPURL_KEY_2="}, token);
  EXPECT_EQ(foreign.exit_code, 1);
  EXPECT_THAT(foreign.out, StartsWith("NOT valid: signed with none of the given keys"));
  EXPECT_THAT(ok.out + ok.err + rotated.out + rotated.err + foreign.out + foreign.err,
              Not(HasSubstr(kSecret)));
}

TEST(TokenCommand, InspectReadsTheTokenFromTheEnvironment) {
  ProcessResult r = Logstow({"token", "inspect"}, {"LOGSTOW_TOKEN=" + Issue()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("prefix:        zuul/42/\n"));
  EXPECT_THAT(r.out, HasSubstr("prefix URL:    https://swift.example/v1/AUTH_ci/logs/zuul/42/\n"));
}

TEST(TokenCommand, InspectRejectsADamagedTokenWithExit2) {
  ProcessResult r = Logstow({"token", "inspect", "lst1.!!"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, StartsWith("logstow: error: token is damaged"));
}

// While logstow runs, /proc/<pid>/cmdline must not show a token given as an argument.
TEST(TokenCommand, ATokenArgumentIsBlankedInTheProcessListing) {
  std::string token = Issue();
  ProcessResult r;
  std::string cmdline = CommandLineOfVerify(token, &r);
  EXPECT_THAT(cmdline, HasSubstr("lst1.*****"));
  EXPECT_THAT(cmdline, Not(HasSubstr(token.substr(5, 20))));
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

// Numbers are decimal, range-checked, and a bad one is named in logstow's own words.
TEST(TokenCommand, NumbersAreDecimalOnlyAndBadOnesNameTheFlag) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"0x10",
       "logstow: error: --max-file-size '0x10' is not a decimal whole number (digits 0-9 "
       "only)\n"},
      {"017",
       "logstow: error: --max-file-size '017' has a leading zero (read as octal by some "
       "tools): write 17\n"},
      {"99999999999999999999",
       "logstow: error: --max-file-size '99999999999999999999' is out of "
       "range: give 1 to 9223372036854775807\n"},
      {"-5",
       "logstow: error: --max-file-size '-5' is out of range: give 1 to "
       "9223372036854775807\n"},
  };
  for (const auto& [value, message] : cases) {
    SCOPED_TRACE(value);
    ProcessResult r = Logstow({"token", "issue", kStorage, "--prefix=p/", "--max-file-size", value},
                              {std::string("LOGSTOW_TEMPURL_KEY=") + kSecret});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, message);
  }
  ProcessResult upload = Logstow({"upload", "/tmp", "--parallel", "0x10"});
  EXPECT_EQ(upload.exit_code, 2);
  EXPECT_EQ(upload.err,
            "logstow: error: --parallel '0x10' is not a decimal whole number (digits 0-9 only)\n");
}

TEST(TokenCommand, LifetimesUnderFiveMinutesNeedTheTestFlag) {
  ProcessResult r = Logstow({"token", "issue", kStorage, "--prefix=p/", "--ttl", "1s"},
                            {std::string("LOGSTOW_TEMPURL_KEY=") + kSecret});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "logstow: error: --ttl 1s: a token lifetime of 1s is out of range: give between 5m "
            "and 30d (a job token should outlive the job's upload: a few hours); "
            "--allow-short-ttl goes lower, for tests\n");
  ProcessResult ok =
      Logstow({"token", "issue", kStorage, "--prefix=p/", "--ttl", "1s", "--allow-short-ttl"},
              {std::string("LOGSTOW_TEMPURL_KEY=") + kSecret});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  ProcessResult five = Logstow({"token", "issue", kStorage, "--prefix=p/", "--ttl", "5m"},
                               {std::string("LOGSTOW_TEMPURL_KEY=") + kSecret});
  EXPECT_EQ(five.exit_code, 0) << five.err;
}

TEST(TokenCommand, InspectJsonOmitsTheFormPostSignature) {
  ProcessResult issued = Logstow({"token", "issue", kStorage, "--prefix=p/", "--formpost",
                                  "--max-file-size", "1000", "--max-file-count", "10", "--json"},
                                 {std::string("LOGSTOW_TEMPURL_KEY=") + kSecret});
  ASSERT_EQ(issued.exit_code, 0) << issued.err;
  auto j = nlohmann::json::parse(issued.out);
  const std::string signature = j["formpost"]["signature"];
  ProcessResult r =
      Logstow({"token", "inspect", "--json"}, {"LOGSTOW_TOKEN=" + j["token"].get<std::string>()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto inspected = nlohmann::json::parse(r.out);
  EXPECT_EQ(inspected["formpost"]["max_file_size"], 1000);
  EXPECT_FALSE(inspected["formpost"].contains("signature"));
  EXPECT_THAT(r.out, Not(HasSubstr(signature)));
}

// Regression: an empty --prefix said "must not start with '/', got '/'", a value never typed.
TEST(TokenCommand, AnEmptyPrefixIsNamedAsEmpty) {
  ProcessResult r = Logstow({"token", "issue", kStorage, "--prefix", ""},
                            {std::string("LOGSTOW_TEMPURL_KEY=") + kSecret});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "logstow: error: --prefix is empty: give the pseudo-folder of the container that the "
            "token lets the job write under, e.g. zuul/<build uuid>/ (a token never covers a "
            "whole container)\n");
}

// Regression: a token file that is a folder or holds only blank lines was "not a logstow
// token"; a token argument given with --token-file won silently.
TEST(TokenCommand, TokenFilesSayWhatIsWrongAndOneSourceAtATime) {
  const std::string token = Issue();
  for (const char* command : {"inspect", "verify"}) {
    SCOPED_TRACE(command);
    const std::vector<std::string> env = {std::string("LOGSTOW_TEMPURL_KEY=") + kSecret};
    ProcessResult folder = Logstow({"token", command, "--token-file", "/tmp"}, env);
    EXPECT_EQ(folder.exit_code, 2);
    EXPECT_EQ(folder.err, "logstow: error: the token file given is a folder, not a file\n");
    ProcessResult blank = Logstow({"token", command, "--token-file", "/dev/stdin"}, env, "\n\n");
    EXPECT_EQ(blank.exit_code, 2);
    EXPECT_EQ(blank.err, "logstow: error: the token file given is empty\n");
    ProcessResult both = Logstow({"token", command, token, "--token-file", "/dev/null"}, env);
    EXPECT_EQ(both.exit_code, 2);
    EXPECT_EQ(both.out, "");
    EXPECT_EQ(both.err,
              "logstow: error: a token argument and --token-file both give a token: pass only one "
              "(--token-file or LOGSTOW_TOKEN keep it out of process listings)\n");
  }
}

// A token's text fields are untrusted when anyone inspects it: a storage URL or viewer page
// holding an ESC (the decoder lets them through) is shown with '?', as file names are.
TEST(TokenCommand, InspectShowsUntrustedFieldsWithoutTheirControlCharacters) {
  tokens::Token token = tokens::DecodeToken(Issue());
  token.scope.storage_url = "https://swift\x1b[2J.example/v1/AUTH_ci";
  token.scope.viewer_url = "https://viewer.example/\x1b]0;title\x07index.html";
  ProcessResult r = Logstow({"token", "inspect"}, {"LOGSTOW_TOKEN=" + tokens::EncodeToken(token)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("storage URL:   https://swift?[2J.example/v1/AUTH_ci\n"));
  EXPECT_THAT(r.out, HasSubstr("viewer:        https://viewer.example/?]0;title?index.html?q="));
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
}

// Every form the decoder accepts is blanked: leading and trailing whitespace, after "--x=".
TEST(TokenCommand, ATokenWithSurroundingWhitespaceIsBlankedToo) {
  std::string token = Issue();
  ProcessResult r;
  std::string cmdline = CommandLineOfVerify("  " + token + "\n", &r);
  EXPECT_THAT(cmdline, HasSubstr("  lst1.*****"));
  EXPECT_THAT(cmdline, Not(HasSubstr(token.substr(5, 20))));
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace logstow::testing
