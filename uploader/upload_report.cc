#include "uploader/upload_report.h"

#include <map>
#include <nlohmann/json.hpp>

namespace logstow::uploader {

const char* ObjectStatusName(ObjectStatus status) {
  switch (status) {
    case ObjectStatus::kLanded:
      return "landed";
    case ObjectStatus::kFailed:
      return "failed";
    case ObjectStatus::kSkipped:
      return "skipped";
    case ObjectStatus::kSegmented:
      return "segmented";
  }
  return "failed";
}

int UploadReport::count(ObjectStatus status) const {
  int n = 0;
  for (const ObjectResult& o : objects) {
    n += !o.generated && o.segment_of.empty() && o.status == status;
  }
  return n;
}

uint64_t UploadReport::logical_bytes() const {
  uint64_t n = 0;
  for (const ObjectResult& o : objects) {
    if (!o.generated && o.segment_of.empty() &&
        (o.status == ObjectStatus::kLanded || o.status == ObjectStatus::kSegmented)) {
      n += o.size_bytes;
    }
  }
  return n;
}

uint64_t UploadReport::stored_bytes() const {
  uint64_t n = 0;
  for (const ObjectResult& o : objects) {
    if (o.status == ObjectStatus::kLanded) n += o.stored_bytes;
  }
  return n;
}

std::vector<std::string> UploadReport::redacted() const {
  std::vector<std::string> names;
  for (const ObjectResult& o : objects) {
    if (o.redactions > 0) names.push_back(o.name);
  }
  return names;
}

bool UploadReport::ok() const {
  if (!aborted.empty()) return false;
  for (const ObjectResult& o : objects) {
    if (o.status == ObjectStatus::kFailed) return false;
  }
  return true;
}

std::string UploadReport::ToJson() const {
  using nlohmann::json;
  json objects_json = json::array();
  std::map<std::string, json> segments;  // file name -> its segments, in order
  for (const ObjectResult& o : objects) {
    if (o.segment_of.empty()) continue;
    segments[o.segment_of].push_back(
        {{"object", o.object}, {"etag", o.etag}, {"size", o.stored_bytes}});
  }
  for (const ObjectResult& o : objects) {
    json j = {
        {"name", o.name},
        {"object", o.object},
        {"status", ObjectStatusName(o.status)},
        {"content_type", o.content_type},
        {"content_encoding", o.content_encoding.empty() ? json(nullptr) : json(o.content_encoding)},
        {"size", o.size_bytes},
        {"stored_bytes", o.stored_bytes},
        {"attempts", o.attempts},
        {"http_status", o.http_status}};
    if (!o.etag.empty()) j["etag"] = o.etag;
    if (!o.error.empty()) j["error"] = o.error;
    if (o.generated) j["generated"] = true;
    if (o.redactions > 0) j["redactions"] = o.redactions;
    if (o.grew) j["grew"] = true;
    if (!o.segment_of.empty()) j["segment_of"] = o.segment_of;
    if (!o.processing.empty()) j["processing"] = o.processing;
    if (!o.renamed_from.empty()) j["renamed_from"] = o.renamed_from;
    if (o.pattern_redactions > 0) j["pattern_redactions"] = o.pattern_redactions;
    if (o.status == ObjectStatus::kSegmented) j["segments"] = segments[o.name];
    objects_json.push_back(std::move(j));
  }
  json j = {
      {"ok", ok()},
      {"prefix_url", prefix_url},
      {"viewer_url", viewer_url.empty() ? json(nullptr) : json(viewer_url)},
      {"files",
       {{"landed", count(ObjectStatus::kLanded)},
        {"failed", count(ObjectStatus::kFailed)},
        {"skipped", count(ObjectStatus::kSkipped)},
        {"segmented", count(ObjectStatus::kSegmented)}}},
      {"bytes", {{"logical", logical_bytes()}, {"stored", stored_bytes()}, {"sent", sent_bytes}}},
      {"redacted", redacted()},
      {"requests", requests},
      {"retries", retries},
      {"token_refreshes", token_refreshes},
      {"wall_seconds", wall_seconds},
      {"cpu_seconds",
       {{"process", process_cpu_seconds},
        {"compression", compress_cpu_seconds},
        {"http_and_other", std::max(0.0, process_cpu_seconds - compress_cpu_seconds)}}},
      {"peak_rss_bytes", peak_rss_bytes},
      {"warnings", warnings},
      {"objects", std::move(objects_json)}};
  if (!aborted.empty()) j["aborted"] = aborted;
  j["container"] = container;
  if (delete_at_unix_s) j["delete_at"] = *delete_at_unix_s;
  // File names are bytes from the disk: invalid UTF-8 becomes U+FFFD rather than an exception.
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace logstow::uploader
