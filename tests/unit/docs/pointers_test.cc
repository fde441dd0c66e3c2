// Pointers in the tree lead somewhere: every "Tested by" names files that exist, every
// docs/*.md named anywhere exists, and nothing points outside the repository (a sibling
// checkout, a machine path), where a reader of the repository cannot follow. The tree is read
// at test time (LOGSTOW_SOURCE_DIR).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace logstow {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = LOGSTOW_SOURCE_DIR;

struct TextFile {
  std::string path;  // relative to kRoot
  std::string text;
};

// The repository's own text: code, scripts, docs, build files. Left out: the build trees,
// node_modules, and sample data other than its notes (real logs name paths of the machines
// they came from).
std::vector<TextFile> ReadRepositoryText() {
  static const std::set<std::string> kSkipDirs = {".git", "node_modules"};
  static const std::set<std::string> kExtensions = {
      ".h",     ".cc", ".js",   ".mjs", ".ts",   ".md",   ".py",  ".txt",
      ".cmake", ".in", ".html", ".css", ".json", ".yaml", ".yml", ".sh"};
  std::vector<TextFile> files;
  for (auto it = fs::recursive_directory_iterator(kRoot); it != fs::recursive_directory_iterator();
       ++it) {
    const std::string name = it->path().filename().string();
    if (it->is_directory()) {
      if (kSkipDirs.contains(name) || name.starts_with("build")) it.disable_recursion_pending();
      continue;
    }
    const std::string relative = fs::relative(it->path(), kRoot).string();
    const std::string ext = it->path().extension().string();
    const bool script =
        (relative.starts_with("scripts/") || relative.starts_with(".ci/")) && ext.empty();
    const bool sample = relative.find("/data/") != std::string::npos ||
                        relative.find("/corpus/") != std::string::npos;
    if (!it->is_regular_file() || name == "package-lock.json" || (sample && ext != ".md") ||
        (!script && !kExtensions.contains(ext))) {
      continue;
    }
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    files.push_back({relative, text.str()});
  }
  return files;
}

const std::vector<TextFile>& RepositoryText() {
  static const std::vector<TextFile> files = ReadRepositoryText();
  return files;
}

size_t LineOf(const std::string& text, size_t offset) {
  return 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
}

bool Exists(const std::string& relative) {
  std::string path = relative;
  while (!path.empty() && (path.back() == '.' || path.back() == ',' || path.back() == ')')) {
    path.pop_back();
  }
  return fs::exists(kRoot / path);
}

// The text of one "Tested by ..." sentence starting at `offset`, comment markers removed.
std::string Sentence(const std::string& text, size_t offset) {
  std::string out;
  for (size_t i = offset; i < text.size() && out.size() < 400; ++i) {
    char c = text[i];
    if (c == '.' &&
        (i + 1 == text.size() || std::isspace(static_cast<unsigned char>(text[i + 1])))) {
      break;
    }
    if (c == '\n') {
      // The sentence goes on in the next comment line, after its marker.
      size_t j = i + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
      if (text.compare(j, 2, "//") == 0) {
        i = j + 1;
      } else if (j < text.size() && (text[j] == '#' || text[j] == '*')) {
        i = j;
      } else {
        break;
      }
      out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

TEST(Pointers, EveryTestedByNamesFilesThatExist) {
  static const std::regex kTested(R"(Tested (by|through|in)\b)");
  static const std::regex kPath(R"((?:^|[\s(,])((?:tests|bench|fuzz)/[\w./@+-]+))");
  int checked = 0;
  for (const TextFile& f : RepositoryText()) {
    for (std::sregex_iterator it(f.text.begin(), f.text.end(), kTested), end; it != end; ++it) {
      const std::string sentence = Sentence(f.text, static_cast<size_t>(it->position(0)));
      for (std::sregex_iterator p(sentence.begin(), sentence.end(), kPath); p != end; ++p) {
        ++checked;
        EXPECT_TRUE(Exists((*p)[1]))
            << f.path << ":" << LineOf(f.text, static_cast<size_t>(it->position(0)))
            << " says it is tested by " << (*p)[1] << ", which does not exist";
      }
    }
  }
  EXPECT_GE(checked, 20) << "found almost no \"Tested by\" paths: is LOGSTOW_SOURCE_DIR right?";
}

TEST(Pointers, EveryDocNamedExists) {
  static const std::regex kDoc(R"(\bdocs/[\w.-]+\.md\b)");
  int checked = 0;
  for (const TextFile& f : RepositoryText()) {
    for (std::sregex_iterator it(f.text.begin(), f.text.end(), kDoc), end; it != end; ++it) {
      ++checked;
      EXPECT_TRUE(Exists(it->str()))
          << f.path << ":" << LineOf(f.text, static_cast<size_t>(it->position(0))) << " names "
          << it->str() << ", which does not exist";
    }
  }
  EXPECT_GE(checked, 5);
}

TEST(Pointers, NothingPointsOutsideTheRepository) {
  // Spelled in pieces so this file does not match itself.
  const std::string shared = "shared", work = "/work", md = ".md";
  const std::vector<std::string> kOutside = {
      "../" + shared, shared + "/notes/", shared + "/swift/", shared + "/samples/",
      "DESIGN" + md,  "STYLE" + md,       "NOTES" + md,       work + "/main",
      work + "/wt-",  work + "/" + shared};
  for (const TextFile& f : RepositoryText()) {
    for (const std::string& pointer : kOutside) {
      size_t at = f.text.find(pointer);
      EXPECT_EQ(at, std::string::npos)
          << f.path << ":" << (at == std::string::npos ? 0 : LineOf(f.text, at)) << " points at "
          << pointer << ", outside the repository: copy what the reader needs into docs/ and "
          << "point there";
    }
  }
}

}  // namespace
}  // namespace logstow
