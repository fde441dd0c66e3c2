// Which files a processing rule applies to (uploader/processing_rules.h): shell globs over a
// file's path relative to the uploaded folder ('/'-separated, no leading "./").
//   - Each '/'-separated segment of the glob is matched against one segment of the path by
//     fnmatch(3) (flags FNM_PATHNAME, nothing else): `*`, `?`, `[a-z]`, `[!a-z]`, `\` escapes.
//     A `*` never crosses a '/'; a leading '.' is matched by `*` like any other character.
//   - A segment that is exactly `**` matches zero or more whole segments: "**/*.log" is any
//     .log at any depth (the top folder's too), "logs/**" everything under logs/.
//   - A glob without '/' matches the last segment (the file name) at any depth, as .gitignore
//     does: "*.log" is the same as "**/*.log".
// Thread-safe (pure functions). Tested by tests/unit/uploader/glob_test.cc.
#pragma once

#include <string>
#include <string_view>

namespace logstow::uploader {

// True when `path` (relative, '/'-separated) matches `glob`.
bool GlobMatches(std::string_view glob, std::string_view path);

// Why `glob` cannot be used, or "" when it can: empty, starting with '/' (paths are relative),
// an empty segment ("a//b"), a `**` inside a segment ("a**b": write "a*b" or "**/"), or an
// unclosed '['.
std::string GlobProblem(std::string_view glob);

}  // namespace logstow::uploader
