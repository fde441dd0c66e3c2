#include "cli/secrets.h"

#include <sys/stat.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/output.h"

namespace logstow::cli {

namespace {

std::string DropTrailingNewline(std::string text) {
  if (!text.empty() && text.back() == '\n') text.pop_back();
  if (!text.empty() && text.back() == '\r') text.pop_back();
  return text;
}

std::string ReadFile(const std::string& path, const std::string& what) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw UsageError("cannot read the " + what + " file '" + path + "': " + std::strerror(errno));
  }
  std::ostringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

}  // namespace

std::string LoadKey(const std::optional<std::string>& key_file, const char* env_name) {
  std::string key;
  if (key_file) {
    struct stat info {};
    if (stat(key_file->c_str(), &info) == 0 && (info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
      PrintWarning("key file '" + *key_file + "' is readable by other users; chmod 600 it");
    }
    key = DropTrailingNewline(ReadFile(*key_file, "key"));
    if (key.empty()) throw UsageError("the key file '" + *key_file + "' is empty");
  } else if (const char* env = std::getenv(env_name); env != nullptr && *env != '\0') {
    key = DropTrailingNewline(env);
  } else {
    throw UsageError(std::string("no Temp-URL key: pass --key-file FILE or set ") + env_name +
                     " (never on the command line, where other users can see it)");
  }
  return key;
}

std::string LoadToken(const std::optional<std::string>& value,
                      const std::optional<std::string>& file) {
  if (value && *value == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), {});
  }
  if (value) return *value;
  if (file) return ReadFile(*file, "token");
  if (const char* env = std::getenv("LOGSTOW_TOKEN"); env != nullptr && *env != '\0') return env;
  throw UsageError("no token: set LOGSTOW_TOKEN, pass --token-file FILE, or pass - to read it "
                   "from standard input");
}

std::vector<std::string> TakeArgsAndScrubTokens(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  for (int i = 1; i < argc; ++i) {
    char* token = std::strstr(argv[i], "lst1.");
    if (token == argv[i] || (token != nullptr && std::strncmp(argv[i], "--", 2) == 0)) {
      // Keep "lst1." so a listing still shows that a token was passed, not what it was.
      for (char* p = token + 5; *p != '\0'; ++p) *p = '*';
    }
  }
  return args;
}

}  // namespace logstow::cli
