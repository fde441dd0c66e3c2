#include "uploader/size_plan.h"

#include <algorithm>
#include <cctype>

#include "common/large_object.h"
#include "uploader/body_encoder.h"
#include "uploader/worker_pool.h"

namespace logstow::uploader {

namespace {

bool EndsWithNoCase(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  // `suffix` is lower case; the name's letters are lowered.
  return std::equal(suffix.begin(), suffix.end(), text.end() - suffix.size(), [](char s, char t) {
    return std::tolower(static_cast<unsigned char>(t)) == s;
  });
}

std::string TooLarge(const PlannedObject& object, const std::string& whose, uint64_t limit,
                     const std::string& what_to_do) {
  return "too large: " + std::to_string(object.size_bytes) + " bytes, over " + whose +
         " max_file_size of " + std::to_string(limit) + " bytes; not sent (" + what_to_do + ")";
}

constexpr char kSplitOrCompress[] = "split or compress it, or leave it out";

}  // namespace

bool IsGzippedText(std::string_view name) {
  return EndsWithNoCase(name, ".txt.gz") || EndsWithNoCase(name, ".log.gz");
}

void FitToLimits(std::vector<PlannedObject>& objects, const SwiftLimits& limits,
                 std::optional<int64_t> token_max_file_size, const SizeContext& context,
                 std::vector<std::string>& warnings) {
  // What needs measuring: files over the limit that gzip, and gzipped text to scan.
  std::vector<PlannedObject*> oversized, rescan;
  for (PlannedObject& object : objects) {
    if (!object.problem.empty()) continue;
    if (IsInSegmentFolder(object.name)) {
      object.problem = "its name is in the folder " + std::string(kSegmentFolder) +
                       "/ that logstow keeps for the parts of large files; rename the folder";
      continue;
    }
    if (token_max_file_size && object.size_bytes > static_cast<uint64_t>(*token_max_file_size)) {
      object.problem = TooLarge(object, "the token's", *token_max_file_size, kSplitOrCompress);
      continue;
    }
    if (limits.max_file_size && object.size_bytes > *limits.max_file_size) {
      oversized.push_back(&object);
    } else if (context.redact && IsGzippedText(object.name) && object.size_bytes > 0) {
      rescan.push_back(&object);
    }
  }
  std::vector<MeasuredBody> measured(oversized.size() + rescan.size());
  {
    WorkerPool pool(std::max<size_t>(1, context.threads));
    for (size_t i = 0; i < measured.size(); ++i) {
      const bool is_rescan = i >= oversized.size();
      const PlannedObject& object = is_rescan ? *rescan[i - oversized.size()] : *oversized[i];
      if (!is_rescan && !object.compress) continue;  // sent as it is: its size is its size
      pool.Submit([&, i, is_rescan] {
        const int level = object.gzip_level.value_or(context.gzip_level);
        BodyEncoder encoder(object.source_fd >= 0 ? object.source_fd : context.root_fd,
                            object.target, is_rescan ? std::max(level, 1) : level);
        if (object.text || is_rescan) encoder.RedactWith(context.redact);
        encoder.RedactPatternsWith(object.redact_patterns);
        if (is_rescan) encoder.InflateFirst();
        // What will be sent: the file as large as the walk saw it, even if it grows meanwhile.
        encoder.ExpectSize(object.size_bytes);
        measured[i] = MeasureBody(encoder);
      });
    }
  }  // the pool's destructor waits for every measurement

  for (size_t i = 0; i < oversized.size(); ++i) {
    PlannedObject& object = *oversized[i];
    const uint64_t limit = *limits.max_file_size;
    if (!measured[i].error.empty()) {
      object.problem = measured[i].error;
      continue;
    }
    object.encoded_bytes = object.compress ? measured[i].bytes : object.size_bytes;
    if (object.encoded_bytes <= limit) continue;  // gzip makes it fit: one object
    if (!limits.max_manifest_segments) {
      object.problem = TooLarge(
          object, "Swift's", limit,
          "Swift has no slo middleware for large objects; " + std::string(kSplitOrCompress));
      continue;
    }
    object.segment_bytes = limit;
    object.segments = static_cast<size_t>((object.encoded_bytes + limit - 1) / limit);
    if (object.segments > *limits.max_manifest_segments) {
      object.problem =
          TooLarge(object, "Swift's", limit,
                   "it would take " + std::to_string(object.segments) +
                       " segments, over Swift's max_manifest_segments of " +
                       std::to_string(*limits.max_manifest_segments) + "; " + kSplitOrCompress);
      object.segments = 0;
    }
  }
  for (size_t j = 0; j < rescan.size(); ++j) {
    PlannedObject& object = *rescan[j];
    const MeasuredBody& m = measured[oversized.size() + j];
    if (!m.error.empty()) {
      warnings.push_back("could not scan " + object.name + " for the token (" + m.error +
                         "): sent as it is");
    } else if (m.redactions > 0) {
      object.rescanned_bytes = m.bytes;
    }
  }
}

}  // namespace logstow::uploader
