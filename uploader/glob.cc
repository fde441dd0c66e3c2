#include "uploader/glob.h"

#include <fnmatch.h>

#include <vector>

namespace logstow::uploader {

namespace {

std::vector<std::string> Segments(std::string_view text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (true) {
    size_t slash = text.find('/', at);
    out.emplace_back(text.substr(at, slash == std::string_view::npos ? slash : slash - at));
    if (slash == std::string_view::npos) return out;
    at = slash + 1;
  }
}

// Glob segments [g..] against path segments [p..]; `**` tries every split. Memoised on (g, p),
// so "**/**/**/x" against a deep path stays quadratic, never exponential.
bool MatchFrom(const std::vector<std::string>& glob, size_t g, const std::vector<std::string>& path,
               size_t p, std::vector<signed char>& memo) {
  signed char& seen = memo[g * (path.size() + 1) + p];
  if (seen >= 0) return seen == 1;
  bool result;
  if (g == glob.size()) {
    result = p == path.size();
  } else if (glob[g] == "**") {
    result = MatchFrom(glob, g + 1, path, p, memo) ||
             (p < path.size() && MatchFrom(glob, g, path, p + 1, memo));
  } else {
    result = p < path.size() && fnmatch(glob[g].c_str(), path[p].c_str(), FNM_PATHNAME) == 0 &&
             MatchFrom(glob, g + 1, path, p + 1, memo);
  }
  seen = result ? 1 : 0;
  return result;
}

}  // namespace

bool GlobMatches(std::string_view glob, std::string_view path) {
  std::vector<std::string> g = Segments(glob);
  if (glob.find('/') == std::string_view::npos) g.insert(g.begin(), "**");
  const std::vector<std::string> p = Segments(path);
  std::vector<signed char> memo((g.size() + 1) * (p.size() + 1), -1);
  return MatchFrom(g, 0, p, 0, memo);
}

std::string GlobProblem(std::string_view glob) {
  if (glob.empty()) return "is empty";
  if (glob.front() == '/') return "starts with '/' (globs match paths relative to the folder)";
  for (const std::string& segment : Segments(glob)) {
    if (segment.empty()) return "has an empty segment ('//' or a trailing '/')";
    if (segment != "**" && segment.find("**") != std::string::npos) {
      return "has '**' inside a segment ('" + segment +
             "'): '**' stands alone between slashes (\"**/x\"); use '*' within a name";
    }
    // An unclosed '[' makes fnmatch(3) take it literally: almost always a typo.
    size_t open = segment.find('[');
    while (open != std::string::npos && open > 0 && segment[open - 1] == '\\') {
      open = segment.find('[', open + 1);
    }
    if (open != std::string::npos && segment.find(']', open + 2) == std::string::npos) {
      return "has an unclosed '[' in '" + segment + "' (write \\[ for a literal one)";
    }
  }
  return "";
}

}  // namespace logstow::uploader
