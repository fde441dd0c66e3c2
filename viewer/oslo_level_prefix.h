// The built-in first severity rule ("oslo.log" in viewer/rules/default_rules.json), matched by
// hand: most lines of the commonest big log (oslo.log, also log4j's default layout) match it, and
// one RE2 call per line was most of the viewer's indexing time (bench/runs/2026-12-07-vm). The
// matcher decides exactly what RE2 decides for kOsloLevelPattern, anchored at the line start
// (RE2 semantics: \d is [0-9], $ is the end of the text); Rules uses it only for a rule whose
// expanded pattern is that text, so user rules and user {{define}}s keep their meaning.
// Pure, thread-safe. Tested against RE2 by tests/unit/viewer/oslo_level_prefix_test.cc.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace logstow::viewer {

// The rule's pattern after {{ts_iso}} and {{levels}} are expanded.
inline constexpr std::string_view kOsloLevelPattern =
    R"(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?(?: \d+)? )"
    R"((?:DEBUG|INFO|AUDIT|WARNING|WARN|ERROR|CRITICAL|FATAL|TRACE)(?:[ :]|$))";

// The pattern's level words, in its order (leftmost-first: WARNING is tried before WARN).
inline constexpr std::array<std::string_view, 9> kOsloLevelWords = {
    "DEBUG", "INFO", "AUDIT", "WARNING", "WARN", "ERROR", "CRITICAL", "FATAL", "TRACE"};

// Whether `line` starts with a match of kOsloLevelPattern; if so, sets *word to the level word
// of the match (a view into `line`: "WARNING", "TRACE", ...; the last run of letters in the
// match) and *word_index to its place in kOsloLevelWords. O(length of the match); never reads
// past `line`.
bool MatchOsloLevelPrefix(std::string_view line, std::string_view* word, size_t* word_index);

}  // namespace logstow::viewer
