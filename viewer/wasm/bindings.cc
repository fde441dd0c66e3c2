// The viewer core's JavaScript face: the only file that includes <emscripten/...>. Its JS shape
// is documented in viewer_module.d.ts beside it (keep the two in step).
// Bytes come in once, written by JS straight into the document's buffer (prepareAppend returns
// a pointer into HEAPU8); bulk results go out as typed-array views of Wasm memory, valid until the
// next call that may grow memory (any append/search/render). Failures come back as values
// ({ok, error}); nothing here throws (-sDISABLE_EXCEPTION_CATCHING, a throw would abort).
// Tested by tests/browser/viewer_core.spec.js (and natively, everything below it, by
// tests/unit/viewer/).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <memory>
#include <optional>
#include <string>

#include "viewer/baseline_diff.h"
#include "viewer/binary_check.h"
#include "viewer/document.h"
#include "viewer/growable_buffer.h"
#include "viewer/line_index.h"
#include "viewer/listing.h"
#include "viewer/newline_scan.h"
#include "viewer/render.h"
#include "viewer/rules.h"
#include "viewer/search.h"
#include "viewer/severity.h"
#include "viewer/time_overview.h"

namespace {

using emscripten::val;
namespace viewer = logstow::viewer;

std::string ClassifySeverity(const std::string& line) {
  static const viewer::SeverityClassifier classifier;
  return std::string(viewer::SeverityName(classifier.Classify(line)));
}

val Outcome(bool ok, const std::string& error) {
  val out = val::object();
  out.set("ok", ok);
  out.set("error", error);
  return out;
}

// {ok, error} for a rule file (empty = only the built-in rules).
val CheckRules(const std::string& json) {
  viewer::RuleError error;
  const bool ok = viewer::Rules::Compile(json, &error) != nullptr;
  return Outcome(ok, error.message);
}

std::string DefaultRulesJson() { return std::string(viewer::DefaultRulesJson()); }

// viewer/binary_check.h; `head` arrives as bytes (embind copies a Uint8Array into the string).
bool LooksBinary(const std::string& head) { return viewer::LooksBinary(head); }

// The log's bytes as a Uint8Array view of Wasm memory.
val BytesView(std::string_view bytes) {
  return val(
      emscripten::typed_memory_view(bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data())));
}

val HitObject(const std::optional<viewer::SearchHit>& hit) {
  if (!hit) return val::null();
  val out = val::object();
  out.set("line", hit->line);
  out.set("begin", hit->bytes.begin);
  out.set("end", hit->bytes.end);
  return out;
}

// A line index without severities (the fastest way to split; also what the benchmarks time).
class JsLineIndex {
 public:
  bool reserve(double total_bytes) { return index_.Reserve(static_cast<size_t>(total_bytes)); }
  uintptr_t prepareAppend(double size) {
    return reinterpret_cast<uintptr_t>(index_.PrepareAppend(static_cast<size_t>(size)));
  }
  double commitAppend(double size) {
    return static_cast<double>(index_.CommitAppend(static_cast<size_t>(size)));
  }
  void finish() { index_.Finish(); }
  double lineCount() const { return static_cast<double>(index_.line_count()); }
  double byteLength() const { return static_cast<double>(index_.size_in_bytes()); }
  val lineStarts() const {
    return val(emscripten::typed_memory_view(index_.line_count() + 1, index_.line_starts()));
  }
  val bytes() const { return BytesView(index_.bytes()); }

 private:
  viewer::LineIndex index_;
};

// A good build's log, as its shapes (baseline_diff.h): built from its bytes, then asked about
// other logs, either a document (JsLogDocument.newLines) or bytes streamed through count*().
class JsLineShapes {
 public:
  void append(const std::string& bytes) { shapes_.Append(bytes); }
  void finish() { shapes_.Finish(); }
  double shapeCount() const { return static_cast<double>(shapes_.shape_count()); }
  double lineCount() const { return static_cast<double>(shapes_.line_count()); }
  // Counting another log's new lines: countStart(), countAppend(bytes)..., countFinish() ->
  // {lines, newLines}. REQUIRES: finish() was called.
  void countStart() {
    shapes_.Finish();
    counter_ = std::make_unique<viewer::NewLineCounter>(shapes_);
  }
  void countAppend(const std::string& bytes) {
    if (counter_) counter_->Append(bytes);
  }
  val countFinish() {
    val out = val::object();
    if (!counter_) return out;
    counter_->Finish();
    out.set("lines", static_cast<double>(counter_->line_count()));
    out.set("newLines", static_cast<double>(counter_->new_line_count()));
    counter_.reset();
    return out;
  }
  const viewer::LineShapeSet& shapes() const { return shapes_; }

 private:
  viewer::LineShapeSet shapes_;
  std::unique_ptr<viewer::NewLineCounter> counter_;
};

// A new typed array holding a copy of `values` (no view into memory that may move).
template <typename T>
val CopyOut(const char* type, const std::vector<T>& values) {
  return val::global(type).call<val>(
      "from", val(emscripten::typed_memory_view(values.size(), values.data())));
}

// The document a viewer page works on.
class JsLogDocument {
 public:
  // `rules_json`: a user rule file ("" for the built-in rules). If it does not compile, the
  // document uses the built-in rules and rulesError() says why.
  explicit JsLogDocument(const std::string& rules_json) {
    std::shared_ptr<const viewer::Rules> rules = viewer::Rules::Defaults();
    if (!rules_json.empty()) {
      viewer::RuleError error;
      if (auto compiled = viewer::Rules::Compile(rules_json, &error)) {
        rules = std::move(compiled);
      } else {
        rules_error_ = error.message;
      }
    }
    document_ = std::make_unique<viewer::Document>(std::move(rules));
  }

  std::string rulesError() const { return rules_error_; }
  void skipSeverity() { document_->SkipSeverity(); }

  bool reserve(double total_bytes) { return document_->Reserve(static_cast<size_t>(total_bytes)); }
  uintptr_t prepareAppend(double size) {
    return reinterpret_cast<uintptr_t>(document_->PrepareAppend(static_cast<size_t>(size)));
  }
  double commitAppend(double size) {
    return static_cast<double>(document_->CommitAppend(static_cast<size_t>(size)));
  }
  // Copies a Uint8Array in (prepareAppend + set + commitAppend). -1 if refused (too large or
  // finished).
  double append(const val& bytes) {
    const size_t size = bytes["length"].as<size_t>();
    char* out = document_->PrepareAppend(size);
    if (out == nullptr) return -1;
    val(emscripten::typed_memory_view(size, reinterpret_cast<uint8_t*>(out)))
        .call<void>("set", bytes);
    return static_cast<double>(document_->CommitAppend(size));
  }
  void finish() { document_->Finish(); }
  bool finished() const { return document_->index().finished(); }

  double lineCount() const { return static_cast<double>(document_->line_count()); }
  double byteLength() const { return static_cast<double>(document_->index().size_in_bytes()); }
  double memoryBytes() const { return static_cast<double>(document_->memory_bytes()); }
  // Raw lines (lineCount() counts shown lines: a terminal capture's rows).
  double rawLineCount() const { return static_cast<double>(document_->index().line_count()); }
  double stableLineCount() const { return static_cast<double>(document_->stable_line_count()); }
  bool isTerminal() const { return document_->is_terminal(); }
  // {firstLine, lastLine, raw, begin, end}: the raw lines (0-based) and bytes that wrote a line.
  val lineSource(double line) const {
    const size_t n = static_cast<size_t>(line);
    if (n >= document_->line_count()) return val::null();
    const viewer::RowSource source = document_->row_source(n);
    const viewer::ByteRange bytes = document_->row_bytes(n);
    val out = val::object();
    out.set("firstLine", source.first_line);
    out.set("lastLine", source.last_line);
    out.set("raw", source.raw);
    out.set("begin", bytes.begin);
    out.set("end", bytes.end);
    return out;
  }
  val lineStarts() const {
    return val(emscripten::typed_memory_view(document_->index().line_count() + 1,
                                             document_->index().line_starts()));
  }
  // Every byte appended so far (the page's "download"), as a view of Wasm memory.
  val bytes() const { return BytesView(document_->index().bytes()); }
  val severities() const {
    return val(emscripten::typed_memory_view(document_->line_count(), document_->severity_bytes()));
  }
  std::string severityOf(double line) const {
    const size_t n = static_cast<size_t>(line);
    if (n >= document_->line_count()) return "NONE";
    return std::string(viewer::SeverityName(document_->severity(n)));
  }
  val severityCounts() const {
    val out = val::object();
    for (int level = 0; level < viewer::kSeverityLevels; ++level) {
      out.set(std::string(viewer::SeverityName(static_cast<viewer::Severity>(level))),
              static_cast<double>(document_->severity_counts()[level]));
    }
    return out;
  }
  std::string lineText(double line) const {
    const size_t n = static_cast<size_t>(line);
    if (n >= document_->line_count()) return "";
    viewer::CleanLine clean;
    document_->CleanText(n, &clean);
    return clean.text;
  }
  std::string renderRowsJson(double first, double last) const {
    std::string out;
    viewer::RenderRowsJson(*document_, static_cast<size_t>(first), static_cast<size_t>(last),
                           search_.get(), &out);
    return out;
  }
  // Compiles and runs a search over the complete lines; rows drawn afterwards mark its hits.
  // {ok, error, matchCount, lineCount}.
  val setSearch(const std::string& pattern, bool case_insensitive, bool literal) {
    auto search = std::make_unique<viewer::SearchPattern>(
        pattern, viewer::SearchOptions{case_insensitive, literal});
    val out = Outcome(search->ok(), search->error());
    if (!search->ok()) {
      search_.reset();
      hits_ = {};
      return out;
    }
    search_ = std::move(search);
    hits_ = viewer::SearchShown(*document_, *search_, kMaxHits);
    out.set("matchCount", static_cast<double>(hits_.match_count));
    out.set("lineCount", static_cast<double>(hits_.line_count));
    return out;
  }
  void clearSearch() {
    search_.reset();
    hits_ = {};
  }
  // The first `max` hits of the last setSearch as a new Uint32Array [line, begin, end, ...].
  val searchHits(double max) const {
    const size_t count = std::min(hits_.hits.size(), static_cast<size_t>(max));
    std::vector<uint32_t> flat;
    flat.reserve(count * 3);
    for (size_t i = 0; i < count; ++i) {
      flat.insert(flat.end(),
                  {hits_.hits[i].line, hits_.hits[i].bytes.begin, hits_.hits[i].bytes.end});
    }
    return val::global("Uint32Array")
        .call<val>("from", val(emscripten::typed_memory_view(flat.size(), flat.data())));
  }
  val searchNext(double line, bool wrap) const {
    if (!search_) return val::null();
    return HitObject(viewer::FindNextShown(*document_, *search_, static_cast<size_t>(line), wrap));
  }
  val searchPrevious(double line, bool wrap) const {
    if (!search_) return val::null();
    return HitObject(
        viewer::FindPreviousShown(*document_, *search_, static_cast<size_t>(line), wrap));
  }
  // Document::set_file_date, in Unix seconds; a value no date has (NaN, past year ±300,000) is
  // ignored.
  void setFileDate(double unix_s) {
    if (std::isfinite(unix_s) && std::fabs(unix_s) < 1e13) {
      document_->set_file_date(static_cast<int64_t>(unix_s));
    }
  }
  double fileDate() const { return static_cast<double>(document_->file_date()); }
  // Milliseconds (timestamp.h's naive wall-clock time / 1000), NaN without a timestamp.
  double timestampMs(double line) const {
    const size_t n = static_cast<size_t>(line);
    if (n >= document_->line_count()) return NAN;
    const viewer::Timestamp t = document_->timestamp(n);
    return t.ok ? static_cast<double>(t.unix_us) / 1000.0 : NAN;
  }
  bool timestampYearless(double line) const {
    const size_t n = static_cast<size_t>(line);
    if (n >= document_->line_count()) return false;
    const viewer::Timestamp t = document_->timestamp(n);
    return t.ok && t.has_date && !t.has_year;
  }
  double lineAtTime(double ms) const {
    return static_cast<double>(document_->LineAtTime(static_cast<int64_t>(ms * 1000.0)));
  }
  // time_overview.h: Float64Array [line, gapMs, line, gapMs, ...].
  val timeGaps(double min_gap_ms, double max) const {
    std::vector<double> flat;
    for (const viewer::TimeGap& gap : viewer::FindTimeGaps(
             *document_, static_cast<int64_t>(min_gap_ms * 1000.0), static_cast<size_t>(max))) {
      flat.insert(flat.end(),
                  {static_cast<double>(gap.line), static_cast<double>(gap.gap_us) / 1000});
    }
    return CopyOut("Float64Array", flat);
  }
  // {startMs, bucketMs, buckets, timedLines, yearlessLines, counts: Uint32Array[bucket * 8 +
  // level]}.
  val timeBuckets(double count) const {
    const viewer::TimeBuckets b = viewer::BucketRecords(*document_, static_cast<size_t>(count));
    val out = val::object();
    out.set("startMs", static_cast<double>(b.start_us) / 1000);
    out.set("bucketMs", static_cast<double>(b.bucket_us) / 1000);
    out.set("buckets", static_cast<double>(b.bucket_count));
    out.set("timedLines", static_cast<double>(b.timed_lines));
    out.set("yearlessLines", static_cast<double>(b.yearless_lines));
    out.set("counts", CopyOut("Uint32Array", b.counts));
    return out;
  }
  // baseline_diff.h NewLines: the lines new against `baseline`, a Uint32Array.
  val newLines(JsLineShapes& baseline) const {
    baseline.finish();
    return CopyOut("Uint32Array", viewer::NewLines(*document_, baseline.shapes()));
  }

 private:
  static constexpr size_t kMaxHits = 100000;
  std::unique_ptr<viewer::Document> document_;
  std::string rules_error_;
  std::unique_ptr<viewer::SearchPattern> search_;
  viewer::SearchSummary hits_;
};

std::string ParseSwiftListing(const std::string& json, const std::string& prefix, double limit) {
  return viewer::ListingToJson(viewer::ParseSwiftListing(json, prefix, static_cast<size_t>(limit)));
}
std::string ParseSegmentListing(const std::string& json, const std::string& prefix, double limit) {
  return viewer::ListingToJson(
      viewer::ParseSegmentListing(json, prefix, static_cast<size_t>(limit)));
}
std::string ParseZuulManifest(const std::string& json, const std::string& folder) {
  return viewer::ListingToJson(viewer::ParseZuulManifest(json, folder));
}
std::string ParseHtmlIndex(const std::string& html) {
  return viewer::ListingToJson(viewer::ParseHtmlIndex(html));
}
std::string NewlineScan() { return viewer::NewlineScanName(); }
// Log buffers moved because malloc took the memory above them (growable_buffer.h); 0 when every
// log grew in place.
double BufferRelocations() { return static_cast<double>(viewer::GrowableBuffer::relocations()); }

}  // namespace

EMSCRIPTEN_BINDINGS(logstow_viewer) {
  emscripten::function("classifySeverity", &ClassifySeverity);
  emscripten::function("checkRules", &CheckRules);
  emscripten::function("looksBinary", &LooksBinary);
  emscripten::function("defaultRulesJson", &DefaultRulesJson);
  emscripten::function("parseSwiftListing", &ParseSwiftListing);
  emscripten::function("parseSegmentListing", &ParseSegmentListing);
  emscripten::function("parseZuulManifest", &ParseZuulManifest);
  emscripten::function("parseHtmlIndex", &ParseHtmlIndex);
  emscripten::function("newlineScan", &NewlineScan);
  emscripten::function("bufferRelocations", &BufferRelocations);

  emscripten::class_<JsLineIndex>("LineIndex")
      .constructor<>()
      .function("reserve", &JsLineIndex::reserve)
      .function("prepareAppend", &JsLineIndex::prepareAppend)
      .function("commitAppend", &JsLineIndex::commitAppend)
      .function("finish", &JsLineIndex::finish)
      .function("lineCount", &JsLineIndex::lineCount)
      .function("byteLength", &JsLineIndex::byteLength)
      .function("lineStarts", &JsLineIndex::lineStarts)
      .function("bytes", &JsLineIndex::bytes);

  emscripten::class_<JsLogDocument>("LogDocument")
      .constructor<std::string>()
      .function("rulesError", &JsLogDocument::rulesError)
      .function("skipSeverity", &JsLogDocument::skipSeverity)
      .function("reserve", &JsLogDocument::reserve)
      .function("prepareAppend", &JsLogDocument::prepareAppend)
      .function("commitAppend", &JsLogDocument::commitAppend)
      .function("append", &JsLogDocument::append)
      .function("finish", &JsLogDocument::finish)
      .function("finished", &JsLogDocument::finished)
      .function("lineCount", &JsLogDocument::lineCount)
      .function("byteLength", &JsLogDocument::byteLength)
      .function("memoryBytes", &JsLogDocument::memoryBytes)
      .function("lineStarts", &JsLogDocument::lineStarts)
      .function("rawLineCount", &JsLogDocument::rawLineCount)
      .function("stableLineCount", &JsLogDocument::stableLineCount)
      .function("isTerminal", &JsLogDocument::isTerminal)
      .function("lineSource", &JsLogDocument::lineSource)
      .function("bytes", &JsLogDocument::bytes)
      .function("severities", &JsLogDocument::severities)
      .function("severityOf", &JsLogDocument::severityOf)
      .function("severityCounts", &JsLogDocument::severityCounts)
      .function("lineText", &JsLogDocument::lineText)
      .function("renderRowsJson", &JsLogDocument::renderRowsJson)
      .function("setSearch", &JsLogDocument::setSearch)
      .function("clearSearch", &JsLogDocument::clearSearch)
      .function("searchHits", &JsLogDocument::searchHits)
      .function("searchNext", &JsLogDocument::searchNext)
      .function("searchPrevious", &JsLogDocument::searchPrevious)
      .function("setFileDate", &JsLogDocument::setFileDate)
      .function("fileDate", &JsLogDocument::fileDate)
      .function("timestampMs", &JsLogDocument::timestampMs)
      .function("timestampYearless", &JsLogDocument::timestampYearless)
      .function("lineAtTime", &JsLogDocument::lineAtTime)
      .function("timeGaps", &JsLogDocument::timeGaps)
      .function("timeBuckets", &JsLogDocument::timeBuckets)
      .function("newLines", &JsLogDocument::newLines);

  emscripten::class_<JsLineShapes>("LineShapes")
      .constructor<>()
      .function("append", &JsLineShapes::append)
      .function("finish", &JsLineShapes::finish)
      .function("shapeCount", &JsLineShapes::shapeCount)
      .function("lineCount", &JsLineShapes::lineCount)
      .function("countStart", &JsLineShapes::countStart)
      .function("countAppend", &JsLineShapes::countAppend)
      .function("countFinish", &JsLineShapes::countFinish);
}
