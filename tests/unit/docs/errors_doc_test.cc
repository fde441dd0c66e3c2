// docs/errors.md against the code: every error code the sources throw has a "### `code`"
// section there, and every section names a code that is still thrown. The codes are read from
// the source tree at test time (LOGSTOW_SOURCE_DIR), so a code added anywhere without its
// documentation fails this test.
//
// A code is the first argument of a logstow::Error (or subclass) constructor, written as a
// string literal (`Error("upload.folder", …)`, `UsageError`'s `Error("usage", message)`) or as a
// constant defined from one (`TokenError(kTokenField, …)` with `kTokenField[] = "token.field"`).
// A throw whose code is anything else (a variable) fails EveryThrowNamesItsCodeLiterally, since
// its code could not be checked.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace logstow {
namespace {

namespace fs = std::filesystem;

// Where a code (or a problem) was found: "uploader/walk.cc:120".
struct Found {
  std::string code;
  std::string where;
};

// `text` with every comment replaced by spaces (line breaks kept, so line numbers hold);
// string, character and raw string literals are kept as they are.
std::string StripComments(const std::string& text) {
  std::string out = text;
  auto blank = [&out](size_t from, size_t to) {
    for (size_t i = from; i < to && i < out.size(); ++i) {
      if (out[i] != '\n') out[i] = ' ';
    }
  };
  auto is_ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      size_t end = text.find('\n', i);
      if (end == std::string::npos) end = text.size();
      blank(i, end);
      i = end;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      size_t end = text.find("*/", i + 2);
      end = end == std::string::npos ? text.size() : end + 2;
      blank(i, end);
      i = end;
    } else if (c == '"' && i > 0 && text[i - 1] == 'R' &&
               (i < 2 || !is_ident(text[i - 2]) || (i >= 3 && text.compare(i - 3, 2, "u8") == 0))) {
      // R"delim( ... )delim"
      size_t open = text.find('(', i);
      if (open == std::string::npos) return out;
      std::string close = ")" + text.substr(i + 1, open - i - 1) + "\"";
      size_t end = text.find(close, open);
      i = end == std::string::npos ? text.size() : end + close.size();
    } else if (c == '"' || (c == '\'' && (i == 0 || !is_ident(text[i - 1])))) {
      // A literal (a quote after a digit is a digit separator: 1'000).
      size_t j = i + 1;
      while (j < text.size() && text[j] != c && text[j] != '\n') j += text[j] == '\\' ? 2 : 1;
      i = j + 1;
    } else {
      ++i;
    }
  }
  return out;
}

size_t LineOf(const std::string& text, size_t offset) {
  return 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
}

bool IsCodeShaped(const std::string& code) {
  static const std::regex kCode("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");
  return std::regex_match(code, kCode);
}

// What one source file says about error codes.
struct FileCodes {
  std::vector<Found> literal_codes;              // Error("x.y", …)
  std::vector<Found> constant_uses;              // Error(kName, …): code = the constant's name
  std::map<std::string, std::string> constants;  // kName -> "x.y"
  std::vector<Found> unchecked;                  // a throw whose code is neither
};

FileCodes ScanSource(const std::string& text, const std::string& path) {
  static const std::regex kLiteral(R"re(\b(\w*Error)\s*\(\s*"([^"\\]*)"\s*,)re");
  static const std::regex kConstantUse(R"re(\b\w*Error\s*\(\s*(k[A-Z]\w*)\s*,)re");
  static const std::regex kConstant(R"re(\b(k[A-Z]\w*)\s*(?:\[\s*\])?\s*=\s*"([^"\\]*)")re");
  static const std::regex kThrowOther(R"re(\bthrow\s+[\w:]*Error\s*\(\s*([A-Za-z_][\w:.]*)\s*,)re");
  const std::string code = StripComments(text);
  FileCodes out;
  auto where = [&](const std::smatch& m) {
    return path + ":" + std::to_string(LineOf(code, static_cast<size_t>(m.position(0))));
  };
  for (std::sregex_iterator it(code.begin(), code.end(), kLiteral), end; it != end; ++it) {
    if ((*it)[1] == "PrintError") continue;
    if (IsCodeShaped((*it)[2])) {
      out.literal_codes.push_back({(*it)[2], where(*it)});
    } else {
      out.unchecked.push_back({(*it)[2], where(*it)});
    }
  }
  for (std::sregex_iterator it(code.begin(), code.end(), kConstantUse), end; it != end; ++it) {
    out.constant_uses.push_back({(*it)[1], where(*it)});
  }
  for (std::sregex_iterator it(code.begin(), code.end(), kConstant), end; it != end; ++it) {
    out.constants[(*it)[1]] = (*it)[2];
  }
  for (std::sregex_iterator it(code.begin(), code.end(), kThrowOther), end; it != end; ++it) {
    std::string arg = (*it)[1];
    // A constant is resolved later; any other name is a code computed at run time.
    if (!(arg.size() > 1 && arg[0] == 'k' && std::isupper(static_cast<unsigned char>(arg[1])))) {
      out.unchecked.push_back({arg, where(*it)});
    }
  }
  return out;
}

// Every code thrown under `root` (tests, benches, fuzzers, the page and the build excluded),
// with where; problems (a code that cannot be read from the source) go to `unchecked`.
std::vector<Found> CodesInSources(const fs::path& root, std::vector<Found>* unchecked) {
  static const std::set<std::string> kSkip = {".git", "node_modules", "tests",   "bench", "fuzz",
                                              "web",  "docs",         "scripts", "cmake"};
  std::vector<FileCodes> files;
  std::map<std::string, std::string> constants;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    const std::string name = it->path().filename().string();
    if (it->is_directory() && (kSkip.contains(name) || name.starts_with("build"))) {
      it.disable_recursion_pending();
      continue;
    }
    const std::string ext = it->path().extension().string();
    if (!it->is_regular_file() || (ext != ".h" && ext != ".cc")) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    files.push_back(ScanSource(text.str(), fs::relative(it->path(), root).string()));
    constants.insert(files.back().constants.begin(), files.back().constants.end());
  }
  std::vector<Found> codes;
  for (const FileCodes& f : files) {
    codes.insert(codes.end(), f.literal_codes.begin(), f.literal_codes.end());
    unchecked->insert(unchecked->end(), f.unchecked.begin(), f.unchecked.end());
    for (const Found& use : f.constant_uses) {
      auto c = constants.find(use.code);
      if (c != constants.end() && IsCodeShaped(c->second)) {
        codes.push_back({c->second, use.where});
      } else {
        unchecked->push_back(use);
      }
    }
  }
  return codes;
}

// The codes docs/errors.md documents: its "### `code`" headings.
std::set<std::string> CodesInDoc(const std::string& text) {
  static const std::regex kHeading("^###\\s+`([^`]+)`\\s*$");
  std::set<std::string> codes;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_match(line, m, kHeading)) codes.insert(m[1]);
  }
  return codes;
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const fs::path kRoot = LOGSTOW_SOURCE_DIR;

// The tree, scanned once for all the tests below.
struct TreeScan {
  std::vector<Found> codes;
  std::vector<Found> unchecked;
  std::set<std::string> documented;
};

const TreeScan& Tree() {
  static const TreeScan scan = [] {
    TreeScan s;
    s.codes = CodesInSources(kRoot, &s.unchecked);
    s.documented = CodesInDoc(ReadText(kRoot / "docs/errors.md"));
    return s;
  }();
  return scan;
}

TEST(ErrorsDoc, ListsEveryCodeTheSourcesThrow) {
  ASSERT_GE(Tree().codes.size(), 10u)
      << "the scan found almost no codes: is LOGSTOW_SOURCE_DIR right?";
  for (const Found& f : Tree().codes) {
    EXPECT_TRUE(Tree().documented.contains(f.code))
        << "error code '" << f.code << "' (thrown at " << f.where << ") has no \"### `" << f.code
        << "`\" section in docs/errors.md: say when it happens, "
        << "the message, and what to do";
  }
}

TEST(ErrorsDoc, ListsNoCodeTheSourcesNoLongerThrow) {
  std::set<std::string> thrown;
  for (const Found& f : Tree().codes) thrown.insert(f.code);
  ASSERT_FALSE(Tree().documented.empty()) << "docs/errors.md has no \"### `code`\" sections";
  for (const std::string& code : Tree().documented) {
    EXPECT_TRUE(thrown.contains(code))
        << "docs/errors.md documents '" << code << "', which no source file throws any more";
  }
}

TEST(ErrorsDoc, EveryThrowNamesItsCodeLiterally) {
  for (const Found& f : Tree().unchecked) {
    ADD_FAILURE() << f.where << ": the error code '" << f.code
                  << "' is not a string literal or a constant defined from one, so "
                     "docs/errors.md cannot be checked against it";
  }
}

// The scanner itself, on made-up sources.
TEST(ErrorsDocScanner, FindsLiteralAndConstantCodesAcrossLines) {
  FileCodes f = ScanSource(
      "inline constexpr char kBadThing[] = \"thing.bad\";\n"
      "void F() {\n"
      "  throw Error(\"upload.folder\", \"'\" + x + \"' is not a folder\");\n"
      "  throw SwiftError(\n"
      "      \"swift.auth\",\n"
      "      \"login failed\");\n"
      "  throw TokenError(kBadThing, \"no\");\n"
      "  throw UsageError(\"one argument: a message, \" + flag);\n"
      "  PrintError(\"x.y\", 1);\n"
      "}\n",
      "a.cc");
  ASSERT_EQ(f.literal_codes.size(), 2u);
  EXPECT_EQ(f.literal_codes[0].code, "upload.folder");
  EXPECT_EQ(f.literal_codes[0].where, "a.cc:3");
  EXPECT_EQ(f.literal_codes[1].code, "swift.auth");
  EXPECT_EQ(f.literal_codes[1].where, "a.cc:4");
  ASSERT_EQ(f.constant_uses.size(), 1u);
  EXPECT_EQ(f.constant_uses[0].code, "kBadThing");
  EXPECT_EQ(f.constants.at("kBadThing"), "thing.bad");
  EXPECT_TRUE(f.unchecked.empty());
}

TEST(ErrorsDocScanner, IgnoresCommentsButNotStringsThatLookLikeThem) {
  FileCodes f = ScanSource(
      "// Throws Error(\"old.code\", ...) when ...\n"
      "/* Error(\"older.code\", x) */\n"
      "std::string url = \"https://x/*\";  auto n = 1'000'000; char q = '\"';\n"
      "void G() { throw Error(\"new.code\", \"see https://example\"); }\n",
      "b.cc");
  ASSERT_EQ(f.literal_codes.size(), 1u);
  EXPECT_EQ(f.literal_codes[0].code, "new.code");
  EXPECT_EQ(f.literal_codes[0].where, "b.cc:4");
}

TEST(ErrorsDocScanner, FlagsACodeItCannotRead) {
  FileCodes f =
      ScanSource("void H(std::string code) { throw logstow::Error(code, \"m\"); }\n", "c.cc");
  ASSERT_EQ(f.unchecked.size(), 1u);
  EXPECT_EQ(f.unchecked[0].code, "code");
  EXPECT_TRUE(f.literal_codes.empty());
}

TEST(ErrorsDocScanner, ReadsOnlyCodeHeadingsFromTheDoc) {
  EXPECT_EQ(CodesInDoc("# Errors\n### `a.b`\ntext `c.d`\n### `usage`  \n## `e.f`\n"),
            (std::set<std::string>{"a.b", "usage"}));
}

}  // namespace
}  // namespace logstow
