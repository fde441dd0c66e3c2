// `logstow show`: flags into ShowOptions, then the viewer core over the streamed log
// (common/log_reader.h → viewer::Document), the lines a filter keeps (viewer/line_filter.h)
// printed as text, terminal text (viewer/terminal_line.h) or JSON.
#include "cli/cmd_show.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/output.h"
#include "cli/secrets.h"
#include "common/log_reader.h"
#include "viewer/ansi.h"
#include "viewer/binary_check.h"
#include "viewer/document.h"
#include "viewer/line_filter.h"
#include "viewer/search.h"
#include "viewer/terminal_line.h"
#include "viewer/terminal_screen.h"

namespace logstow::cli {

namespace {

using viewer::Severity;

// Standard output through one buffer written with write(2), so a closed pipe is an EPIPE we see
// (SIGPIPE is ignored while showing) rather than a signal that kills the process.
class Output {
 public:
  ~Output() { Flush(); }
  std::string& buffer() { return buffer_; }
  // False once stdout is gone (closed pipe) or broken.
  bool ok() const { return error_ == 0; }
  bool closed_pipe() const { return error_ == EPIPE; }
  int error() const { return error_; }
  bool MaybeFlush() { return buffer_.size() >= kFlushAt ? Flush() : ok(); }
  bool Flush() {
    size_t done = 0;
    while (ok() && done < buffer_.size()) {
      const ssize_t n = write(STDOUT_FILENO, buffer_.data() + done, buffer_.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
      } else {
        done += static_cast<size_t>(n);
      }
    }
    buffer_.clear();
    return ok();
  }

 private:
  static constexpr size_t kFlushAt = 64 * 1024;
  std::string buffer_;
  int error_ = 0;
};

void AppendJsonString(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (c == '\t') {
      out->append("\\t");
    } else if (u < 0x20) {  // not in clean text; escaped anyway so the output is always JSON
      out->append("\\u00");
      out->push_back(kHex[u >> 4]);
      out->push_back(kHex[u & 15]);
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

std::string CountsJson(const viewer::Document& doc) {
  std::string out = "{\"lines\":" + std::to_string(doc.line_count());
  const auto add = [&](const char* name, const std::array<size_t, viewer::kSeverityLevels>& c) {
    out += ",\"";
    out += name;
    out += "\":{";
    for (int level = 0; level < viewer::kSeverityLevels; ++level) {
      if (level > 0) out += ',';
      out += '"';
      out += viewer::SeverityName(static_cast<Severity>(level));
      out += "\":" + std::to_string(c[level]);
    }
    out += '}';
  };
  add("effective", doc.severity_counts());
  add("own", doc.stated_counts());
  out += "}\n";
  return out;
}

bool UseColor(ColorMode mode) {
  if (mode != ColorMode::kAuto) return mode == ColorMode::kAlways;
  const char* term = std::getenv("TERM");
  const char* no_color = std::getenv("NO_COLOR");  // no-color.org
  return isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
         !(term && std::string_view(term) == "dumb");
}

// Everything one run needs while lines stream in.
class Shower {
 public:
  Shower(const ShowOptions& options, std::optional<viewer::SearchPattern> pattern)
      : options_(options),
        pattern_(std::move(pattern)),
        window_(options.context.value_or(0)),
        color_(!options.json && UseColor(options.color)) {}

  viewer::Document& doc() { return doc_; }
  Output& out() { return out_; }

  // Decides and prints every line completed since the last call. False when stdout is gone.
  bool ShowNewLines() {
    if (options_.count) return true;
    // Only rows that can no longer change: a terminal capture's rows settle as later lines
    // leave its window, and all of them at Finish().
    // Until then, the last TerminalScreen::kWindowRows lines are held back too: a later line
    // that moves the cursor up can still redraw them (the screen starts that far above it).
    size_t count = doc_.stable_line_count();
    if (!doc_.is_terminal() && !doc_.index().finished()) {
      count -= std::min(count, viewer::TerminalScreen::kWindowRows);
    }
    for (; processed_ < count; ++processed_) {
      window_.Add(processed_, Keeps(processed_),
                  [this](size_t line, bool ctx, bool gap) { Print(line, ctx, gap); });
      if (!out_.MaybeFlush()) return false;
    }
    return out_.ok();
  }

  void PrintCounts() { out_.buffer() += CountsJson(doc_); }

 private:
  const viewer::CleanLine& Clean(size_t line) {
    if (clean_line_ != line) {
      if (line >= doc_.first_screen_line()) {
        // A terminal screen's row: the text the screen left there, not raw line `line`.
        doc_.CleanText(line, &clean_);
        clean_line_ = line;
        return clean_;
      }
      const std::string_view raw = doc_.index().line_text(line);
      if (viewer::NeedsScrubbing(raw)) {
        viewer::ScrubLine(raw, &clean_);
      } else {
        clean_.text.assign(raw);
        clean_.styles.clear();
        clean_.links.clear();
      }
      clean_line_ = line;
    }
    return clean_;
  }

  bool Keeps(size_t line) {
    if (options_.min_severity &&
        !viewer::PassesMinSeverity(doc_.severity(line), *options_.min_severity)) {
      return false;
    }
    if (!pattern_) return true;
    marks_.clear();
    viewer::FindInText(*pattern_, Clean(line).text, &marks_);
    marks_line_ = line;
    return !marks_.empty();
  }

  void Print(size_t line, bool is_context, bool after_gap) {
    std::string& b = out_.buffer();
    const viewer::CleanLine& clean = Clean(line);
    if (options_.json) {
      b += "{\"line\":" + std::to_string(line + 1) + ",\"severity\":\"";
      b += viewer::SeverityName(doc_.severity(line));
      b += doc_.states_severity(line) ? "\",\"own\":true" : "\",\"own\":false";
      if (is_context) b += ",\"context\":true";
      b += ",\"text\":";
      AppendJsonString(clean.text, &b);
      // The time the page's &t= and timeline use (viewer/timestamp.h), as written: no zone; a
      // time without a year has the year of the file's date.
      if (const viewer::Timestamp ts = doc_.timestamp(line); ts.ok) {
        b += ",\"time\":\"" + viewer::FormatNaiveTime(ts.unix_us) + "\"";
      }
      b += "}\n";
      return;
    }
    // As grep: "--" between runs only when context was asked for.
    if (after_gap && options_.context) b += color_ ? "\x1b[36m--\x1b[0m\n" : "--\n";
    if (options_.line_numbers) {
      if (color_) b += "\x1b[32m";
      b += std::to_string(line + 1);
      if (color_) b += "\x1b[0m";
      b += is_context ? '-' : ':';
    }
    if (color_) {
      // Matches are marked on the lines the search kept (context lines hold none).
      static const std::vector<ByteRange> kNone;
      const bool marked = pattern_ && !is_context && marks_line_ == line;
      viewer::AppendTerminalLine(clean, doc_.severity(line), marked ? marks_ : kNone, &b);
    } else {
      b += clean.text;
    }
    b += '\n';
  }

  using ByteRange = viewer::ByteRange;
  const ShowOptions& options_;
  std::optional<viewer::SearchPattern> pattern_;
  viewer::Document doc_;
  viewer::ContextWindow window_;
  Output out_;
  bool color_;
  size_t processed_ = 0;
  viewer::CleanLine clean_;
  size_t clean_line_ = SIZE_MAX;
  std::vector<ByteRange> marks_;
  size_t marks_line_ = SIZE_MAX;
};

}  // namespace

int RunShow(const ShowOptions& options) {
  std::optional<viewer::SearchPattern> pattern;
  if (options.search) {
    pattern.emplace(*options.search, viewer::SearchOptions{.case_insensitive = options.ignore_case,
                                                           .literal = options.fixed_strings});
    if (!pattern->ok()) {
      throw UsageError("--search '" + Printable(*options.search) +
                       "' is not an RE2 pattern: " + Printable(pattern->error()) +
                       " (RE2 syntax: github.com/google/re2/wiki/Syntax; -F searches for text)");
    }
  }
  // A closed pipe must become EPIPE on write, not a signal that kills us mid-line.
  std::signal(SIGPIPE, SIG_IGN);

  Shower shower(options, std::move(pattern));
  bool too_big = false;
  // A file that is not a log is refused as the web viewer refuses it (viewer/binary_check.h),
  // before a line is printed: its first kBinaryCheckBytes decide (all of it when shorter).
  enum class Kind { kUnknown, kText, kBinary } kind = Kind::kUnknown;
  const auto decide = [&] {
    const std::string_view bytes = shower.doc().index().bytes();
    kind = viewer::LooksBinary(bytes) ? Kind::kBinary : Kind::kText;
  };
  LogReadCallbacks callbacks;
  callbacks.on_size = [&](uint64_t size) { shower.doc().Reserve(size); };
  // A time written without a year takes it from here (without one: now, the core's default).
  callbacks.on_file_date = [&](int64_t unix_s) { shower.doc().set_file_date(unix_s); };
  callbacks.on_bytes = [&](std::string_view bytes) {
    char* to = shower.doc().PrepareAppend(bytes.size());
    if (to == nullptr) {
      too_big = true;
      return false;
    }
    std::memcpy(to, bytes.data(), bytes.size());
    shower.doc().CommitAppend(bytes.size());
    if (kind == Kind::kUnknown) {
      if (shower.doc().index().size_in_bytes() < viewer::kBinaryCheckBytes) return true;
      decide();
      if (kind == Kind::kBinary) return false;
    }
    return shower.ShowNewLines() && shower.out().Flush();
  };
  const LogReadResult read = ReadLog(options.source, callbacks);
  if (read.stopped && shower.out().closed_pipe()) return kExitOk;  // `| head` has what it wanted
  if (!shower.out().ok()) {
    PrintError(std::string("cannot write to standard output: ") +
               std::strerror(shower.out().error()));
    return kExitUsage;
  }
  if (too_big) {
    PrintError(Printable(options.source) +
               " is larger than 4 GiB, the most the viewer core indexes");
    return kExitUsage;
  }
  if (!read.ok && !read.started) throw UsageError(Printable(read.error));
  if (kind == Kind::kUnknown) decide();
  if (kind == Kind::kBinary) {
    throw UsageError(Printable(options.source) +
                     " looks like a binary file, not a log (an archive, image or executable by its "
                     "first bytes, or many control bytes); nothing was shown. Open it with a tool "
                     "for its type");
  }

  // Print what arrived, even when the log broke off part-way, then say so.
  shower.doc().Finish();
  shower.ShowNewLines();
  if (options.count) shower.PrintCounts();
  shower.out().Flush();
  if (shower.out().closed_pipe()) return kExitOk;
  if (!shower.out().ok()) {
    PrintError(std::string("cannot write to standard output: ") +
               std::strerror(shower.out().error()));
    return kExitUsage;
  }
  if (!read.ok) {
    PrintError(Printable(read.error) + " (the lines before the break were shown)");
    return kExitPartialFailure;
  }
  return kExitOk;
}

void RegisterShowCommand(CLI::App& app, Command& selected) {
  auto o = std::make_shared<ShowOptions>();
  auto level = std::make_shared<std::string>();
  auto color = std::make_shared<std::string>("auto");
  CLI::App* cmd = app.add_subcommand(
      "show",
      "Print a log as the web viewer reads it (the same core: severities, ANSI handling, RE2 "
      "search), from a file, a .gz, - (stdin) or an http(s) URL. Exit 0 done, 1 the log broke "
      "off part-way, 2 bad arguments or an unreadable log");
  cmd->add_option("source", o->source, "A file (plain or gzip), - for stdin, or an http(s) URL")
      ->required();
  CLI::Option* min = cmd->add_option(
      "--min-severity", *level,
      "Only lines at LEVEL and up (effective level: continuation lines count with their "
      "message; TRACE lines count as errors), as the page's filter: TRACE, DEBUG, INFO, AUDIT, "
      "WARNING, ERROR, CRITICAL");
  CLI::Option* context =
      cmd->add_option("-C,--context", o->context, "Also N lines before and after each (grep -C)")
          ->check(CLI::Range(0, 1000000));
  CLI::Option* search = cmd->add_option("--search", o->search,
                                        "Only lines whose shown text matches this RE2 pattern");
  CLI::Option* icase = cmd->add_flag("-i,--ignore-case", o->ignore_case, "Search ignoring case");
  CLI::Option* fixed =
      cmd->add_flag("-F,--fixed-strings", o->fixed_strings, "--search is text, not a pattern");
  CLI::Option* numbers = cmd->add_flag("-n,--line-numbers", o->line_numbers,
                                       "Prefix line numbers (N: kept, N- context), as the page's");
  CLI::Option* json = cmd->add_flag(
      "--json", o->json,
      "One JSON object per line: {\"line\":N,\"severity\":\"ERROR\",\"own\":true,\"text\":...} "
      "(\"context\":true on context lines)");
  CLI::Option* count = cmd->add_flag(
      "--count", o->count,
      "Print the lines per effective and per own level of the whole log as one JSON object");
  cmd->add_option("--color", *color, "Severity colours: auto (on a terminal), always, never")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "always", "never"}));
  icase->needs(search);
  fixed->needs(search);
  json->excludes(numbers);
  for (CLI::Option* other : {min, context, search, numbers, json}) count->excludes(other);
  cmd->callback([&selected, o, level, color] {
    // Checked when the command runs, so a bad value is a "logstow: error:" like any other.
    selected = [o, level, color] {
      if (!level->empty()) {
        Severity min_level;
        if (!viewer::ParseSeverityName(*level, &min_level) || min_level == Severity::kNone) {
          throw UsageError("--min-severity '" + Printable(*level) +
                           "' is not a level: give TRACE, DEBUG, INFO, AUDIT, WARNING, ERROR or "
                           "CRITICAL");
        }
        o->min_severity = min_level;
      }
      o->color = *color == "always"  ? ColorMode::kAlways
                 : *color == "never" ? ColorMode::kNever
                                     : ColorMode::kAuto;
      return RunShow(*o);
    };
  });
}

}  // namespace logstow::cli
