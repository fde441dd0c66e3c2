#include "cli/secrets.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string_view>

#include "cli/output.h"

namespace logstow::cli {

namespace {

std::string DropTrailingNewline(std::string text) {
  if (!text.empty() && text.back() == '\n') text.pop_back();
  if (!text.empty() && text.back() == '\r') text.pop_back();
  return text;
}

// Empty, or only spaces and line breaks (DecodeToken drops those around a token).
bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

std::string ReadFile(const std::string& path, const std::string& what) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    // The path is not repeated: a secret passed here by mistake must not reach the job's log.
    (void)path;
    throw UsageError("cannot read the " + what + " file given: " + std::strerror(errno));
  }
  std::ostringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

// Swift keeps the key as an HTTP header value: it strips surrounding whitespace, stops at NUL,
// refuses control characters and values over 256 bytes. A key Swift cannot hold exactly would
// sign tokens that Swift then refuses, so such keys are refused here.
void CheckKey(const std::string& key) {
  bool control = std::any_of(key.begin(), key.end(), [](char ch) {
    unsigned char c = static_cast<unsigned char>(ch);
    return c < 0x20 || c == 0x7F;
  });
  if (control || key.front() == ' ' || key.back() == ' ') {
    throw UsageError(
        "the Temp-URL key holds a control character, a line break or surrounding "
        "spaces, which Swift would not store as given: use printable characters");
  }
  if (key.size() > 256) {
    throw UsageError("the Temp-URL key is " + std::to_string(key.size()) +
                     " bytes; Swift keeps metadata values of at most 256 bytes");
  }
}

}  // namespace

std::string LoadKey(const std::optional<std::string>& key_file, const char* env_name) {
  std::string key;
  if (key_file) {
    struct stat info {};
    if (stat(key_file->c_str(), &info) == 0 && (info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
      PrintWarning("key file '" + *key_file + "' is readable by other users; chmod 600 it");
    }
    if (std::filesystem::is_directory(*key_file)) {
      throw UsageError("the key file given is a folder, not a file");
    }
    key = DropTrailingNewline(ReadFile(*key_file, "key"));
    if (key.empty()) throw UsageError("the key file given is empty");
  } else if (const char* env = std::getenv(env_name); env != nullptr && *env != '\0') {
    key = DropTrailingNewline(env);
  } else {
    throw UsageError(std::string("no Temp-URL key: pass --key-file FILE or set ") + env_name +
                     " (never on the command line, where other users can see it)");
  }
  CheckKey(key);
  return key;
}

std::string LoadToken(const std::optional<std::string>& value,
                      const std::optional<std::string>& file, const char* value_name) {
  if (value && file) {
    // Neither wins silently: the one not used may be the one that was meant (a stale token).
    throw UsageError(std::string(value_name) +
                     " and --token-file both give a token: pass only one (--token-file or "
                     "LOGSTOW_TOKEN keep it out of process listings)");
  }
  if (value && *value == "-") {
    std::string text(std::istreambuf_iterator<char>(std::cin), {});
    if (IsBlank(text)) throw UsageError("no token on standard input (it was empty)");
    return text;
  }
  if (value) return *value;
  if (file) {
    // As for key files; the path is not repeated (a token passed here by mistake).
    if (std::filesystem::is_directory(*file)) {
      throw UsageError("the token file given is a folder, not a file");
    }
    std::string text = ReadFile(*file, "token");
    if (IsBlank(text)) throw UsageError("the token file given is empty");
    return text;
  }
  if (const char* env = std::getenv("LOGSTOW_TOKEN"); env != nullptr && *env != '\0') return env;
  throw UsageError(
      "no token: set LOGSTOW_TOKEN, pass --token-file FILE, or pass - to read it "
      "from standard input");
}

std::vector<std::string> TakeArgsAndScrubTokens(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto skip_space = [](char* p) {
    while (*p != '\0' && std::isspace(static_cast<unsigned char>(*p))) ++p;
    return p;
  };
  for (int i = 1; i < argc; ++i) {
    // Every form DecodeToken accepts: the token with surrounding whitespace, as an argument of
    // its own or after "--flag=".
    char* start = skip_space(argv[i]);
    if (std::strncmp(argv[i], "--", 2) == 0) {
      if (char* equals = std::strchr(argv[i], '=')) start = skip_space(equals + 1);
    }
    char* token = std::strstr(argv[i], "lst1.");
    if (token == start || (token != nullptr && std::strncmp(argv[i], "--", 2) == 0)) {
      // Keep "lst1." so a listing still shows that a token was passed, not what it was.
      for (char* p = token + 5; *p != '\0'; ++p) *p = '*';
    }
  }
  return args;
}

}  // namespace logstow::cli
