#include "viewer/document.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "common/time_format.h"
#include "viewer/ansi.h"
#include "viewer/literal_search.h"
#include "viewer/terminal_control_scan.h"

namespace logstow::viewer {

Document::Document() : file_date_unix_s_(NowUnixSeconds()) {}

Document::Document(std::shared_ptr<const Rules> rules)
    : classifier_(std::move(rules)), file_date_unix_s_(NowUnixSeconds()) {}

size_t Document::CommitAppend(size_t size) {
  const size_t completed = index_.CommitAppend(size);
  Update();
  return completed;
}

size_t Document::Append(std::string_view chunk) {
  const size_t completed = index_.Append(chunk);
  Update();
  return completed;
}

void Document::Finish() {
  index_.Finish();
  Update();
}

void Document::Update() {
  FeedTerminal();
  if (terminal_ && index_.finished()) terminal_->Finish();
  ForgetUnstableLines();
  ClassifyNewLines();
  classified_stable_ = stable_line_count();
}

void Document::ClassifyNewLines() {
  const size_t count = line_count();
  if (severities_.capacity() < count) severities_.reserve(count + count / 2);
  CleanLine clean, shown;
  std::string plain;
  // Raw lines are checked for bytes they may not show as they are by one scan over many lines
  // (most logs hold none): `special` is the first byte that is not plain text (terminal control,
  // other C0 control, DEL, non-ASCII) at or after the line being classified; only a line holding
  // one is read again.
  const std::string_view bytes = index_.bytes();
  const size_t raw_end = terminal_ ? std::min(count, first_screen_line()) : count;
  size_t special = 0;
  bool scanned = false;
  for (size_t n = severities_.size(); n < count; ++n) {
    std::string_view line;
    bool shown_other = false;  // the line does not show as its bytes
    if (n < raw_end) {
      const ByteRange range = index_.line(n);
      line = bytes.substr(range.begin, range.size());
      if (!scanned || special < range.begin) {
        special = FindNonPlainByte(bytes, range.begin);
        scanned = true;
      }
      if (special < range.end) shown_other = !ShowsAsItsBytes(line.substr(special - range.begin));
      // "\r\n": the '\r' is raw bytes between two shown lines; a raw search would match it
      // and '$' would not anchor at the shown end (search.h searches such lines one by one).
      const bool crlf = index_.line_starts()[n + 1] > range.end + 1;
      if (shown_other || crlf) MarkShownOther(n);
    } else {
      line = RawOrShownText(n, &shown);
      shown_other = !ShowsAsItsBytes(line);
    }
    if (shown_other) hides_text_ = true;
    if (!classify_severity_) {
      ++stated_counts_[0];
      ++effective_counts_[0];
      severities_.push_back(0);
      continue;
    }
    if (shown_other) {
      if (ShownTextWithoutCursor(line, &plain)) {  // SGR only, invalid UTF-8: no cells needed
        line = plain;
      } else {
        ScrubLine(line, &clean);
        line = clean.text;
      }
    }
    const LineSeverity level = records_.Next(classifier_.Match(line, /*want_token=*/false));
    const int value = static_cast<int>(level.level);
    ++stated_counts_[level.own ? value : 0];
    ++effective_counts_[value];
    severities_.push_back(static_cast<uint8_t>(level.own ? value | kOwnLevelBit : value));
  }
}

void Document::MarkShownOther(size_t n) {
  hides_text_ = true;
  if (shown_other_.size() <= n / 64) {
    // Grown for every line there is (1 bit a line), so a log of many such lines grows it rarely.
    shown_other_.resize(std::max(n / 64 + 1, index_.line_count() / 64 + 1), 0);
  }
  shown_other_[n / 64] |= uint64_t{1} << (n % 64);
}

bool Document::shows_its_bytes(size_t n) const {
  if (n >= first_screen_line() || index_.cr_lines()) return false;
  return n / 64 >= shown_other_.size() || ((shown_other_[n / 64] >> (n % 64)) & 1) == 0;
}

// Until a line moves the cursor across lines, lines are raw lines: only lines holding an ESC
// (found 16 bytes at a time) are parsed. From the first one on, every raw line goes through a
// TerminalScreen, which starts kWindowRows lines above it (those rows are still its own lines,
// so nothing shown so far changes).
void Document::FeedTerminal() {
  const size_t count = index_.line_count();
  if (!terminal_) {
    const std::string_view bytes = index_.bytes();
    size_t at = index_.line_starts()[fed_lines_];
    const size_t end = index_.line_starts()[count];
    while (at < end) {
      const size_t esc = FindLiteral(bytes.substr(0, end), "\x1b", at, false);
      if (esc == std::string_view::npos) break;
      const size_t n = index_.LineAt(static_cast<uint32_t>(esc));
      if (TerminalScreen::MovesAcrossLines(index_.line_text(n))) {
        const size_t first = n > TerminalScreen::kWindowRows ? n - TerminalScreen::kWindowRows : 0;
        terminal_ = std::make_unique<TerminalScreen>(static_cast<uint32_t>(first));
        hides_text_ = true;
        fed_lines_ = first;
        classified_stable_ = std::min(classified_stable_, first);
        break;
      }
      at = index_.line_starts()[n + 1];
    }
    if (!terminal_) {
      fed_lines_ = count;
      return;
    }
  }
  for (; fed_lines_ < count; ++fed_lines_) {
    terminal_->AddLine(index_, static_cast<uint32_t>(fed_lines_));
  }
}

// A terminal capture's lines after the stable ones may have changed since they were classified:
// their severities are taken back (and the counts with them) to be classified again.
void Document::ForgetUnstableLines() {
  if (!terminal_) return;
  const size_t from = std::min(classified_stable_, severities_.size());
  for (size_t n = from; n < severities_.size(); ++n) {
    const uint8_t value = severities_[n];
    --stated_counts_[(value & kOwnLevelBit) ? (value & kLevelMask) : 0];
    --effective_counts_[value & kLevelMask];
  }
  severities_.resize(from);
  records_.Restart(from > 0 ? severity(from - 1) : Severity::kNone);
}

RowSource Document::row_source(size_t n) const {
  if (!terminal_ || n < terminal_->first_line()) {
    return RowSource{static_cast<uint32_t>(n), static_cast<uint32_t>(n), true};
  }
  return terminal_->source(n - terminal_->first_line());
}

ByteRange Document::row_bytes(size_t n) const {
  const RowSource source = row_source(n);
  return ByteRange{index_.line(source.first_line).begin, index_.line(source.last_line).end};
}

std::string_view Document::RawOrShownText(size_t n, CleanLine* scratch) const {
  if (!terminal_ || n < terminal_->first_line()) return index_.line_text(n);
  const size_t row = n - terminal_->first_line();
  const RowSource source = terminal_->source(row);
  if (source.raw) return index_.line_text(source.first_line);
  terminal_->RowText(index_, row, scratch);
  return scratch->text;
}

void Document::CleanText(size_t n, CleanLine* out) const {
  if (!terminal_ || n < terminal_->first_line()) {
    ScrubLine(index_.line_text(n), out);
    return;
  }
  terminal_->RowText(index_, n - terminal_->first_line(), out);
}

Timestamp Document::timestamp(size_t n) const {
  CleanLine shown;
  const std::string_view line = RawOrShownText(n, &shown);
  if (!HasTerminalControls(line)) return ParseTimestamp(line, file_date_unix_s_);
  CleanLine clean;
  ScrubLine(line, &clean);
  return ParseTimestamp(clean.text, file_date_unix_s_);
}

size_t Document::LineAtTime(int64_t unix_us) const {
  const size_t count = line_count();
  if (time_blocks_lines_ != count || time_blocks_file_date_ != file_date_unix_s_ ||
      time_blocks_.size() != (count + kTimeBlockLines - 1) / kTimeBlockLines) {
    time_blocks_.assign((count + kTimeBlockLines - 1) / kTimeBlockLines, INT64_MIN);
    for (size_t n = 0; n < count; ++n) {
      const Timestamp ts = timestamp(n);
      int64_t& latest = time_blocks_[n / kTimeBlockLines];
      if (ts.ok && ts.unix_us > latest) latest = ts.unix_us;
    }
    time_blocks_lines_ = count;
    time_blocks_file_date_ = file_date_unix_s_;
  }
  for (size_t block = 0; block < time_blocks_.size(); ++block) {
    if (time_blocks_[block] < unix_us) continue;  // INT64_MIN: no time in it
    const size_t end = std::min(count, (block + 1) * kTimeBlockLines);
    for (size_t n = block * kTimeBlockLines; n < end; ++n) {
      const Timestamp ts = timestamp(n);
      if (ts.ok && ts.unix_us >= unix_us) return n;
    }
  }
  return count;
}

}  // namespace logstow::viewer
