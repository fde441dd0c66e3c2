#include "uploader/build_index.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "common/error.h"
#include "common/large_object.h"
#include "common/time_format.h"
#include "common/viewer_link.h"
#include "tokens/scope.h"
#include "tokens/tempurl.h"
#include "tokens/token_error.h"
#include "uploader/generated_objects.h"
#include "uploader/storage_urls.h"
#include "uploader/transfer_runner.h"

namespace logstow::uploader {

namespace {

void CheckSubPrefix(const std::string& sub_prefix) {
  if (sub_prefix.empty()) return;
  bool bad = sub_prefix.back() != '/' || sub_prefix.front() == '/';
  size_t start = 0;
  while (!bad && start < sub_prefix.size()) {
    size_t slash = sub_prefix.find('/', start);
    std::string segment = sub_prefix.substr(start, slash - start);
    bad = segment.empty() || segment == "." || segment == "..";
    start = slash + 1;
  }
  if (bad) {
    throw Error("index.sub_prefix",
                "the sub-prefix '" + sub_prefix +
                    "' is not a relative path ending in '/' (no empty, '.' or '..' parts): "
                    "write e.g. logs/node-a/, or nothing for the whole prefix");
  }
}

struct Candidate {
  uint64_t size_bytes = 0;  // the report's "size": the file's own bytes
  std::string from;         // the report's label
  // A file the report says is "segmented": its segments, relative to the build prefix, in
  // order. It is listed when its joined object exists (finalize ran) or all of these do.
  std::vector<std::string> segments;
};

// The segments of a "segmented" entry, relative to the build prefix, each where the uploader
// must have put it (common/large_object.h, under the report's own scope); "" and *why when the
// entry names none or any other object.
bool TakeSegments(const nlohmann::json& entry, const std::string& scope,
                  const std::string& build_prefix, const std::string& name_in_scope,
                  std::vector<std::string>& segments, std::string* why) {
  if (!entry.contains("segments") || !entry["segments"].is_array() || entry["segments"].empty()) {
    *why = "names no segments";
    return false;
  }
  for (const nlohmann::json& segment : entry["segments"]) {
    const std::string expected = scope + SegmentName(name_in_scope, segments.size());
    if (!segment.is_object() || !segment.contains("object") || !segment["object"].is_string() ||
        segment["object"].get<std::string>() != expected) {
      *why = "names a segment other than " + expected;
      return false;
    }
    segments.push_back(expected.substr(build_prefix.size()));
  }
  return true;
}

// The landed, non-generated entries of one report that lie under its sub-prefix, by name
// relative to the build prefix. Everything else becomes a skipped entry saying why.
void TakeEntries(const UploaderReport& report, const std::string& build_prefix,
                 std::map<std::string, Candidate>& candidates, UploadReport& out) {
  nlohmann::json parsed = nlohmann::json::parse(report.json, nullptr, false);
  const nlohmann::json* objects = nullptr;
  if (!parsed.is_discarded() && parsed.is_object() && parsed.contains("objects") &&
      parsed["objects"].is_array()) {
    objects = &parsed["objects"];
  }
  if (objects == nullptr) {
    out.objects.push_back({.name = report.sub_prefix,
                           .object = build_prefix + report.sub_prefix,
                           .status = ObjectStatus::kFailed,
                           .error = "the upload report " + report.label +
                                    " is not a logstow upload report (JSON with \"objects\"); "
                                    "its files are not listed"});
    return;
  }
  const std::string scope = build_prefix + report.sub_prefix;
  for (const nlohmann::json& o : *objects) {
    if (!o.is_object()) continue;
    auto text = [&o](const char* key) {
      return o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : std::string();
    };
    const std::string status = text("status");
    if (status != "landed" && status != "segmented") continue;
    if (o.contains("generated") && o["generated"] == true) continue;  // pages are rewritten
    if (!text("segment_of").empty()) continue;  // a part of a segmented file, listed with it
    const std::string object = text("object");
    if (object.size() <= scope.size() || object.compare(0, scope.size(), scope) != 0) {
      out.objects.push_back({.name = object,
                             .object = object,
                             .status = ObjectStatus::kSkipped,
                             .error = "listed by " + report.label + " but outside its " +
                                      (report.sub_prefix.empty() ? "prefix" : report.sub_prefix) +
                                      "; not listed"});
      continue;
    }
    const std::string name = object.substr(build_prefix.size());
    if (HasSegmentFolder(name)) {
      out.objects.push_back({.name = name,
                             .object = object,
                             .status = ObjectStatus::kSkipped,
                             .error = "listed by " + report.label + " in a " +
                                      std::string(kSegmentFolder) +
                                      " folder (parts of large files); not listed"});
      continue;
    }
    Candidate c{.from = report.label};
    if (o.contains("size") && o["size"].is_number_unsigned())
      c.size_bytes = o["size"].get<uint64_t>();
    std::string why;
    if (status == "segmented" &&
        !TakeSegments(o, scope, build_prefix, object.substr(scope.size()), c.segments, &why)) {
      out.objects.push_back(
          {.name = name,
           .object = object,
           .status = ObjectStatus::kSkipped,
           .error = "segmented in " + report.label + " but " + why + "; not listed"});
      continue;
    }
    candidates.emplace(name, std::move(c));
  }
}

}  // namespace

UploadReport BuildIndex(const BuildIndexOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const tokens::TokenScope& scope = options.token.scope;
  for (const UploaderReport& r : options.reports) CheckSubPrefix(r.sub_prefix);
  // The proxies (--fallback-storage-url), checked before anything is sent; the HEADs move along
  // them and the PUTs start where the HEADs got an answer.
  StorageUrls proxies(scope, options.fallback_storage_urls);
  UploadReport report;
  report.prefix_url = tokens::PrefixUrl(scope);
  report.viewer_url =
      scope.viewer_url ? ViewerLink(*scope.viewer_url, report.prefix_url) : report.prefix_url;

  // 1. What the reports say landed, each within its own sub-prefix.
  std::map<std::string, Candidate> candidates;
  for (const UploaderReport& r : options.reports) {
    TakeEntries(r, scope.prefix, candidates, report);
  }
  std::vector<std::string> names;
  for (auto& [name, c] : candidates) names.push_back(name);

  // 2. Only what Swift has. A name the token cannot sign ("a//b", "..") is dropped.
  std::vector<std::string> signable;
  for (const std::string& name : names) {
    try {
      tokens::SignedObjectUrl(options.token, tokens::Method::kPut, name);
      signable.push_back(name);
    } catch (const tokens::TokenError& e) {
      report.objects.push_back({.name = name,
                                .object = scope.prefix + name,
                                .status = ObjectStatus::kSkipped,
                                .error = std::string("not a usable object name: ") + e.what()});
    }
  }
  std::vector<ObjectCheck> checks =
      CheckObjects(options.token, signable, options.check, &proxies, &report.warnings);
  // A segmented file whose joined object is not there (finalize has not run): its segments.
  std::vector<std::string> segment_names;
  for (const ObjectCheck& check : checks) {
    const Candidate& c = candidates[check.name];
    if (check.presence == ObjectPresence::kMissing && !c.segments.empty()) {
      segment_names.insert(segment_names.end(), c.segments.begin(), c.segments.end());
    }
  }
  std::map<std::string, ObjectCheck> segment_checks;
  const bool refused = std::any_of(checks.begin(), checks.end(), [](const ObjectCheck& c) {
    return c.presence == ObjectPresence::kUnknown && c.http_status == 401;
  });
  if (!segment_names.empty() && !refused) {
    for (ObjectCheck& check :
         CheckObjects(options.token, segment_names, options.check, &proxies, &report.warnings)) {
      segment_checks.emplace(check.name, std::move(check));
    }
  }
  std::vector<ListedObject> listed;
  std::vector<ManifestEntry> manifest_entries;
  std::set<std::string> own_indexes;
  bool own_manifest = false;
  for (ObjectCheck check : checks) {
    const Candidate& candidate = candidates[check.name];
    bool as_segments = false;
    uint64_t segment_bytes = 0;
    if (check.presence == ObjectPresence::kMissing && !candidate.segments.empty()) {
      // Listed as segments only when every one of them is there.
      as_segments = true;
      for (const std::string& segment : candidate.segments) {
        auto found = segment_checks.find(segment);
        ObjectCheck part = found != segment_checks.end()
                               ? found->second
                               : ObjectCheck{.name = segment,
                                             .http_status = 401,
                                             .error = "HTTP 401: Swift refused the token"};
        check.attempts += part.attempts;
        segment_bytes += part.stored_bytes;
        if (part.presence != ObjectPresence::kPresent) {
          check.presence = part.presence;
          check.http_status = part.http_status;
          check.error = part.error;
          as_segments = false;
          break;
        }
      }
      if (as_segments) {
        check.presence = ObjectPresence::kPresent;
        check.http_status = 200;
      }
    }
    ObjectResult result{.name = check.name,
                        .object = scope.prefix + check.name,
                        .attempts = check.attempts,
                        .http_status = check.http_status};
    if (check.presence == ObjectPresence::kMissing) {
      result.status = ObjectStatus::kSkipped;
      result.error = candidate.segments.empty()
                         ? "in " + candidate.from + " but not in Swift (HTTP 404); not listed"
                         : "segmented in " + candidate.from +
                               " but neither joined nor all its segments in Swift (HTTP 404); "
                               "not listed";
    } else if (check.presence == ObjectPresence::kUnknown) {
      result.status = ObjectStatus::kFailed;
      result.error = "could not be checked (" + check.error + "); not listed";
      if (check.http_status == 401 && report.aborted.empty()) {
        report.aborted =
            "Swift refused the token (HTTP 401): it expired or does not cover " + scope.prefix;
      }
    } else {
      // Joined (finalize ran) or still in segments: either way one file of that many parts.
      result.status = as_segments ? ObjectStatus::kSegmented : ObjectStatus::kLanded;
      result.stored_bytes = as_segments ? segment_bytes : check.stored_bytes;
      // The file's own size: Swift's metadata when its TempURL answer keeps it, else the report.
      result.size_bytes = check.size_meta.value_or(candidate.size_bytes);
      result.mtime_unix_s = check.last_modified_unix_s.value_or(0);
      const size_t parts = candidate.segments.size();
      listed.push_back({result.name, result.size_bytes, result.mtime_unix_s, parts});
      manifest_entries.push_back({result.name, result.size_bytes, result.mtime_unix_s, parts});
      const size_t slash = result.name.rfind('/');
      const std::string folder = slash == std::string::npos ? "" : result.name.substr(0, slash + 1);
      if (result.name.substr(folder.size()) == kIndexName) own_indexes.insert(folder);
      if (result.name == kManifestName) own_manifest = true;
    }
    report.objects.push_back(std::move(result));
  }
  if (!report.aborted.empty()) return report;

  // 3. The pages and the manifest, through the same PUT machinery as `logstow upload`.
  UploadOptions put_options;
  put_options.token = options.token;
  put_options.redact_token = false;
  put_options.parallel = options.check.parallel;
  put_options.retry = options.check.retry;
  put_options.stall_timeout = options.check.stall_timeout;
  put_options.connect_timeout = options.check.connect_timeout;
  put_options.gzip_level = options.gzip_level;
  // The proxy that answered the HEADs first, then the others in their order (signatures cover
  // only the path: any of them takes the same signed URL).
  for (size_t i = 0; i < proxies.size(); ++i) {
    const std::string& url = proxies.all()[(proxies.current() + i) % proxies.size()];
    if (i == 0)
      put_options.token.scope.storage_url = url;
    else
      put_options.fallback_storage_urls.push_back(url);
  }
  const GeneratedObjects generated =
      GeneratedFor(scope, report.prefix_url, options.gzip_level,
                   options.delete_after_s ? options.delete_after_s : scope.delete_after_s);
  std::vector<TransferJob> jobs;
  if (options.write_indexes) jobs = IndexPageJobs(generated, listed, own_indexes, report);
  if (options.write_manifest) {
    for (TransferJob& job :
         ManifestJobs(generated, manifest_entries, options.write_indexes, own_manifest, report)) {
      jobs.push_back(std::move(job));
    }
  }
  TransferRunner runner(put_options, report);
  runner.Run(jobs, "indexes");
  report.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace logstow::uploader
