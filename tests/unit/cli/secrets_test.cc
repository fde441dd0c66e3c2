// The functions behind "secrets never on argv", called directly (token_command_test.cc runs
// the real binary for what a process listing shows).
#include "cli/secrets.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/output.h"
#include "tests/testing/temp_dir.h"

namespace logstow::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kEnv[] = "LOGSTOW_TEST_SECRETS_KEY";

// Sets (or, with nullopt, unsets) an environment variable for one test, restoring it after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      setenv(name, value->c_str(), 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// What a stream printed while this object lived.
class Capture {
 public:
  explicit Capture(std::ostream& stream) : stream_(stream), old_(stream.rdbuf(text_.rdbuf())) {}
  ~Capture() { stream_.rdbuf(old_); }
  std::string text() const { return text_.str(); }

 private:
  std::ostream& stream_;
  std::ostringstream text_;
  std::streambuf* old_;
};

// The message of the UsageError that `call` throws ("" and a failure when none is thrown).
template <typename F>
std::string UsageMessage(F call) {
  try {
    call();
  } catch (const UsageError& e) {
    EXPECT_EQ(e.code(), "usage");
    return e.what();
  }
  ADD_FAILURE() << "no UsageError";
  return "";
}

std::string KeyFile(const testing::TempDir& dir, const std::string& contents,
                    std::filesystem::perms perms = std::filesystem::perms::owner_read |
                                                   std::filesystem::perms::owner_write) {
  std::filesystem::path path = dir.Write("key", contents);
  std::filesystem::permissions(path, perms);
  return path.string();
}

TEST(LoadKey, ReadsTheFileWithoutItsTrailingNewline) {
  testing::TempDir dir;
  ScopedEnv env(kEnv, std::nullopt);
  EXPECT_EQ(LoadKey(KeyFile(dir, "s3cret\n"), kEnv), "s3cret");
  EXPECT_EQ(LoadKey(KeyFile(dir, "s3cret\r\n"), kEnv), "s3cret");
  EXPECT_EQ(LoadKey(KeyFile(dir, "s3cret"), kEnv), "s3cret");
}

TEST(LoadKey, DropsOnlyOneTrailingNewline) {
  testing::TempDir dir;
  EXPECT_EQ(UsageMessage([&] { LoadKey(KeyFile(dir, "s3cret\n\n"), kEnv); }),
            "the Temp-URL key holds a control character, a line break or surrounding spaces, "
            "which Swift would not store as given: use printable characters");
}

TEST(LoadKey, TheFileWinsOverTheEnvironment) {
  testing::TempDir dir;
  ScopedEnv env(kEnv, "from-env");
  EXPECT_EQ(LoadKey(KeyFile(dir, "from-file\n"), kEnv), "from-file");
}

TEST(LoadKey, ReadsTheNamedEnvironmentVariable) {
  ScopedEnv env(kEnv, "from-env\n");
  EXPECT_EQ(LoadKey(std::nullopt, kEnv), "from-env");
}

TEST(LoadKey, WithoutFileOrVariableSaysWhereTheKeyComesFrom) {
  for (std::optional<std::string> value :
       {std::optional<std::string>(), std::optional<std::string>("")}) {
    ScopedEnv env(kEnv, value);
    EXPECT_EQ(UsageMessage([] { LoadKey(std::nullopt, kEnv); }),
              "no Temp-URL key: pass --key-file FILE or set LOGSTOW_TEST_SECRETS_KEY (never on "
              "the command line, where other users can see it)");
  }
}

TEST(LoadKey, AMissingFileIsNamedWithoutRepeatingThePath) {
  testing::TempDir dir;
  // A secret passed where a path belongs must not reach the job's log.
  std::string path = (dir.path() / "zuul-secret-4f9a1c").string();
  std::string message = UsageMessage([&] { LoadKey(path, kEnv); });
  EXPECT_EQ(message, "cannot read the key file given: No such file or directory");
  EXPECT_THAT(message, Not(HasSubstr("zuul-secret-4f9a1c")));
}

TEST(LoadKey, RefusesAFolder) {
  testing::TempDir dir;
  std::filesystem::create_directory(dir.path() / "keys");
  std::filesystem::permissions(dir.path() / "keys", std::filesystem::perms::owner_all);
  EXPECT_EQ(UsageMessage([&] { LoadKey((dir.path() / "keys").string(), kEnv); }),
            "the key file given is a folder, not a file");
}

TEST(LoadKey, RefusesAnEmptyFile) {
  testing::TempDir dir;
  for (const char* contents : {"", "\n", "\r\n"}) {
    SCOPED_TRACE(Printable(contents));
    EXPECT_EQ(UsageMessage([&] { LoadKey(KeyFile(dir, contents), kEnv); }),
              "the key file given is empty");
  }
}

TEST(LoadKey, RefusesKeysSwiftWouldNotStoreAsGiven) {
  const std::string control =
      "the Temp-URL key holds a control character, a line break or surrounding spaces, which "
      "Swift would not store as given: use printable characters";
  for (const char* key : {" lead", "trail ", "a\tb",
                          "a\x7f"
                          "b",
                          "a\rb"}) {
    SCOPED_TRACE(Printable(key));
    ScopedEnv env(kEnv, key);
    EXPECT_EQ(UsageMessage([] { LoadKey(std::nullopt, kEnv); }), control);
  }
  ScopedEnv env(kEnv, std::string(257, 'k'));
  EXPECT_EQ(UsageMessage([] { LoadKey(std::nullopt, kEnv); }),
            "the Temp-URL key is 257 bytes; Swift keeps metadata values of at most 256 bytes");
}

TEST(LoadKey, AcceptsTheLongestKeySwiftKeeps) {
  ScopedEnv env(kEnv, std::string(256, 'k') + "\n");
  EXPECT_EQ(LoadKey(std::nullopt, kEnv), std::string(256, 'k'));
}

TEST(LoadKey, WarnsWhenOtherUsersCanReadTheFile) {
  testing::TempDir dir;
  using std::filesystem::perms;
  std::string path =
      KeyFile(dir, "s3cret\n",
              perms::owner_read | perms::owner_write | perms::group_read | perms::others_read);
  Capture err(std::cerr);
  EXPECT_EQ(LoadKey(path, kEnv), "s3cret");
  EXPECT_EQ(err.text(),
            "logstow: warning: key file '" + path + "' is readable by other users; chmod 600 it\n");
}

TEST(LoadKey, NoWarningForAnOwnerOnlyFile) {
  testing::TempDir dir;
  std::string path = KeyFile(dir, "s3cret\n");
  Capture err(std::cerr);
  EXPECT_EQ(LoadKey(path, kEnv), "s3cret");
  EXPECT_EQ(err.text(), "");
}

TEST(LoadToken, TheValueWinsOverTheEnvironment) {
  ScopedEnv env("LOGSTOW_TOKEN", "lst1.env");
  EXPECT_EQ(LoadToken("lst1.value", std::nullopt), "lst1.value");
}

// Regression: with both, --token won silently (the file may hold the token that was meant).
TEST(LoadToken, AValueAndAFileTogetherAreRefused) {
  testing::TempDir dir;
  std::string file = dir.Write("token", "lst1.file\n").string();
  for (const char* value : {"lst1.value", "-"}) {
    SCOPED_TRACE(value);
    const std::string message = UsageMessage([&] { LoadToken(value, file); });
    EXPECT_EQ(message,
              "--token and --token-file both give a token: pass only one (--token-file or "
              "LOGSTOW_TOKEN keep it out of process listings)");
    EXPECT_THAT(message, Not(HasSubstr("lst1.value")));
  }
  EXPECT_THAT(UsageMessage([&] { LoadToken("lst1.value", file, "a token argument"); }),
              ::testing::StartsWith("a token argument and --token-file both give a token"));
}

// As key files: a folder or a file of blank lines says so, instead of "not a logstow token".
TEST(LoadToken, RefusesAFolderAndAnEmptyFile) {
  testing::TempDir dir;
  std::filesystem::create_directory(dir.path() / "tokens");
  EXPECT_EQ(UsageMessage([&] { LoadToken(std::nullopt, (dir.path() / "tokens").string()); }),
            "the token file given is a folder, not a file");
  for (const char* contents : {"", "\n", "\n\n  \r\n\t\n"}) {
    SCOPED_TRACE(Printable(contents));
    std::string file = dir.Write("token", contents).string();
    EXPECT_EQ(UsageMessage([&] { LoadToken(std::nullopt, file); }),
              "the token file given is empty");
  }
}

TEST(LoadToken, EmptyStandardInputSaysSo) {
  std::istringstream input("\n");
  std::streambuf* old = std::cin.rdbuf(input.rdbuf());
  std::string message = UsageMessage([] { LoadToken("-", std::nullopt); });
  std::cin.rdbuf(old);
  EXPECT_EQ(message, "no token on standard input (it was empty)");
}

TEST(LoadToken, DashReadsAllOfStandardInput) {
  std::istringstream input("lst1.from-stdin\n");
  std::streambuf* old = std::cin.rdbuf(input.rdbuf());
  std::string token = LoadToken("-", std::nullopt);
  std::cin.rdbuf(old);
  // As read: DecodeToken (tokens/token_codec.h) drops the surrounding whitespace.
  EXPECT_EQ(token, "lst1.from-stdin\n");
}

TEST(LoadToken, TheFileWinsOverTheEnvironment) {
  testing::TempDir dir;
  ScopedEnv env("LOGSTOW_TOKEN", "lst1.env");
  std::string file = dir.Write("token", "lst1.file\n").string();
  EXPECT_EQ(LoadToken(std::nullopt, file), "lst1.file\n");
}

TEST(LoadToken, ReadsLogstowTokenFromTheEnvironment) {
  ScopedEnv env("LOGSTOW_TOKEN", "lst1.env");
  EXPECT_EQ(LoadToken(std::nullopt, std::nullopt), "lst1.env");
}

TEST(LoadToken, AMissingFileIsNamedWithoutRepeatingThePath) {
  testing::TempDir dir;
  std::string path = (dir.path() / "lst1.secret-token").string();
  std::string message = UsageMessage([&] { LoadToken(std::nullopt, path); });
  EXPECT_EQ(message, "cannot read the token file given: No such file or directory");
  EXPECT_THAT(message, Not(HasSubstr("lst1.secret-token")));
}

TEST(LoadToken, WithoutAnySourceSaysWhereTheTokenComesFrom) {
  for (std::optional<std::string> value :
       {std::optional<std::string>(), std::optional<std::string>("")}) {
    ScopedEnv env("LOGSTOW_TOKEN", value);
    EXPECT_EQ(UsageMessage([] { LoadToken(std::nullopt, std::nullopt); }),
              "no token: set LOGSTOW_TOKEN, pass --token-file FILE, or pass - to read it from "
              "standard input");
  }
}

// argv as main() receives it: writable strings, argv[argc] == nullptr.
class Argv {
 public:
  explicit Argv(std::vector<std::string> args) : storage_(std::move(args)) {
    for (std::string& arg : storage_) pointers_.push_back(arg.data());
    pointers_.push_back(nullptr);
  }
  int argc() const { return static_cast<int>(storage_.size()); }
  char** argv() { return pointers_.data(); }
  // What a process listing would show now.
  std::vector<std::string> shown() const {
    std::vector<std::string> out;
    for (size_t i = 0; i < storage_.size(); ++i) out.emplace_back(pointers_[i]);
    return out;
  }

 private:
  std::vector<std::string> storage_;
  std::vector<char*> pointers_;
};

TEST(TakeArgsAndScrubTokens, ReturnsTheArgumentsAsGivenAndBlanksTokensInPlace) {
  Argv argv({"logstow", "token", "verify", "lst1.eyJ2IjoxfQ", "--token=lst1.abc-_", "--json"});
  std::vector<std::string> args = TakeArgsAndScrubTokens(argv.argc(), argv.argv());
  EXPECT_EQ(args, (std::vector<std::string>{"token", "verify", "lst1.eyJ2IjoxfQ",
                                            "--token=lst1.abc-_", "--json"}));
  EXPECT_EQ(argv.shown(), (std::vector<std::string>{"logstow", "token", "verify", "lst1.**********",
                                                    "--token=lst1.*****", "--json"}));
}

TEST(TakeArgsAndScrubTokens, LeavesWhatIsNotATokenAlone) {
  // "lst1." inside a plain argument (a folder, a prefix) is no token: only an argument that
  // starts with it, or an option that carries it, is blanked.
  std::vector<std::string> given = {"logstow", "upload", "logs/lst1.d", "lst1.", "--parallel", "8"};
  Argv argv(given);
  std::vector<std::string> args = TakeArgsAndScrubTokens(argv.argc(), argv.argv());
  EXPECT_EQ(args, std::vector<std::string>(given.begin() + 1, given.end()));
  EXPECT_EQ(argv.shown(), given);
}

TEST(TakeArgsAndScrubTokens, NeverTouchesTheProgramName) {
  Argv argv({"lst1.program"});
  EXPECT_EQ(TakeArgsAndScrubTokens(argv.argc(), argv.argv()), std::vector<std::string>{});
  EXPECT_EQ(argv.shown(), std::vector<std::string>{"lst1.program"});
}

}  // namespace
}  // namespace logstow::cli
