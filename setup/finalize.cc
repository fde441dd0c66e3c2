#include "setup/finalize.h"

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/large_object.h"
#include "common/percent_encode.h"

namespace logstow::setup {

namespace {

using nlohmann::json;

[[noreturn]] void Bad(const std::string& what) {
  throw Error("finalize.report", "the upload report " + what +
                                     ": give the file `logstow upload --json` wrote for this "
                                     "build, with the build's --container and --prefix");
}

std::string StringField(const json& j, const char* field, const std::string& where) {
  if (!j.contains(field) || !j[field].is_string()) {
    Bad("has no text field '" + std::string(field) + "' in " + where);
  }
  return j[field].get<std::string>();
}

uint64_t CountField(const json& j, const char* field, const std::string& where) {
  if (!j.contains(field) || !j[field].is_number_unsigned()) {
    Bad("has no whole-number field '" + std::string(field) + "' in " + where);
  }
  return j[field].get<uint64_t>();
}

// An object name is sent as a URL path: '.', '..' or empty segments would be resolved or
// collapsed on the way, so such a name could land elsewhere.
bool HasDotSegment(const std::string& name) {
  size_t start = 0;
  while (true) {
    size_t slash = name.find('/', start);
    std::string segment = name.substr(start, slash == std::string::npos ? slash : slash - start);
    if (segment.empty() || segment == "." || segment == "..") return true;
    if (slash == std::string::npos) return false;
    start = slash + 1;
  }
}

bool IsMd5Hex(const std::string& text) {
  if (text.size() != 32) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// A header value from the report goes into a request sent with operator credentials: a CR or
// LF in it would add headers of the job's choosing (X-Object-Manifest, X-Copy-From, ...).
bool IsHeaderSafe(const std::string& value) {
  if (value.empty() || value.size() > 256) return false;
  for (char c : value) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return value.front() != ' ' && value.back() != ' ';
}

// Swift's SLO errors say what is wrong on the lines after "Errors:"; keep them, on one line.
std::string OneLine(const std::string& text) {
  std::string line;
  for (char c : text) {
    if (c == '\r') continue;
    if (c == '\n') {
      if (!line.empty() && line.back() != ' ') line += line.back() == ':' ? " " : "; ";
      continue;
    }
    line += c;
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == ';')) line.pop_back();
  return line.size() > 300 ? line.substr(0, 300) + "..." : line;
}

}  // namespace

FinalizePlan ReadFinalizePlan(std::string_view report_json, const std::string& container,
                              const std::string& prefix) {
  json report = json::parse(report_json, nullptr, false);
  if (report.is_discarded() || !report.is_object() || !report.contains("objects") ||
      !report["objects"].is_array()) {
    Bad("is not JSON with an \"objects\" list");
  }
  FinalizePlan plan;
  plan.container = StringField(report, "container", "the report");
  if (plan.container != container) {
    Bad("is for the container '" + plan.container + "', not '" + container + "'");
  }
  if (report.contains("delete_at") && !report["delete_at"].is_null()) {
    if (!report["delete_at"].is_number_integer()) Bad("has a 'delete_at' that is not a number");
    plan.delete_at_unix_s = report["delete_at"].get<int64_t>();
  }
  for (const json& o : report["objects"]) {
    if (!o.is_object() || !o.contains("status") || o["status"] != "segmented") continue;
    LargeObject large;
    large.name = StringField(o, "name", "an object");
    const std::string where = "'" + large.name + "'";
    large.object = StringField(o, "object", where);
    if (large.object != prefix + large.name || HasDotSegment(large.name) ||
        IsInSegmentFolder(large.name)) {
      Bad("names the object '" + large.object + "', which is not a file under the prefix '" +
          prefix + "'");
    }
    large.content_type = StringField(o, "content_type", where);
    if (!IsHeaderSafe(large.content_type)) {
      Bad("gives " + where + " a content_type that is not printable ASCII of 1-256 characters");
    }
    if (o.contains("content_encoding") && !o["content_encoding"].is_null()) {
      // The uploader writes only gzip here (its segments are one gzip stream) or null.
      if (o["content_encoding"] != "gzip") {
        Bad("gives " + where + " a content_encoding other than \"gzip\" or null");
      }
      large.content_encoding = "gzip";
    }
    large.size_bytes = CountField(o, "size", where);
    if (!o.contains("segments") || !o["segments"].is_array() || o["segments"].empty()) {
      Bad("lists no segments for " + where);
    }
    const std::string segment_folder =
        prefix + std::string(kSegmentFolder) + "/" + large.name + "/";
    for (const json& s : o["segments"]) {
      if (!s.is_object()) Bad("has a segment of " + where + " that is not an object");
      LargeObjectSegment segment{.object = StringField(s, "object", "a segment of " + where),
                                 .etag = StringField(s, "etag", "a segment of " + where),
                                 .size_bytes = CountField(s, "size", "a segment of " + where)};
      if (!segment.object.starts_with(segment_folder) || HasDotSegment(segment.object)) {
        Bad("names the segment '" + segment.object + "' of " + where + " outside '" +
            segment_folder + "'");
      }
      if (!IsMd5Hex(segment.etag)) {
        Bad("gives the segment '" + segment.object + "' an etag that is not 32 hex digits");
      }
      large.segments.push_back(std::move(segment));
    }
    plan.objects.push_back(std::move(large));
  }
  return plan;
}

std::string ManifestBody(const std::string& container, const LargeObject& object) {
  json list = json::array();
  for (const LargeObjectSegment& s : object.segments) {
    // The SLO middleware quotes the path itself: it is given as the plain name.
    list.push_back({{"path", "/" + container + "/" + s.object},
                    {"etag", s.etag},
                    {"size_bytes", s.size_bytes}});
  }
  return list.dump();
}

std::vector<FinalizeOutcome> Finalize(SwiftSession& session, const FinalizePlan& plan) {
  std::vector<FinalizeOutcome> outcomes;
  for (const LargeObject& object : plan.objects) {
    std::vector<std::string> headers = {
        "Content-Type: " + object.content_type,
        "X-Object-Meta-Logstow-Size: " + std::to_string(object.size_bytes)};
    if (!object.content_encoding.empty()) {
      headers.push_back("Content-Encoding: " + object.content_encoding);
    }
    if (plan.delete_at_unix_s) {
      headers.push_back("X-Delete-At: " + std::to_string(*plan.delete_at_unix_s));
    }
    SwiftResponse r =
        session.Request("PUT",
                        "/" + PercentEncode(plan.container) + "/" +
                            PercentEncodePath(object.object) + "?multipart-manifest=put",
                        headers, ManifestBody(plan.container, object));
    FinalizeOutcome outcome{.name = object.name, .http_status = r.status};
    if (r.status != 201) {
      outcome.error = "HTTP " + std::to_string(r.status) + ": " + OneLine(r.body);
    }
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

}  // namespace logstow::setup
