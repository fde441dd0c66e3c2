#include "uploader/build_index.h"

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "common/error.h"
#include "common/time_format.h"
#include "common/viewer_link.h"
#include "tokens/scope.h"
#include "tokens/tempurl.h"
#include "tokens/token_error.h"
#include "uploader/index_writer.h"
#include "uploader/manifest_writer.h"
#include "uploader/transfer_runner.h"

namespace logstow::uploader {

namespace {

constexpr char kIndexName[] = "index.html";
constexpr char kManifestName[] = "zuul-manifest.json";

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
};

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
    if (text("status") != "landed") continue;
    if (o.contains("generated") && o["generated"] == true) continue;  // pages are rewritten
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
    Candidate c{.from = report.label};
    if (o.contains("size") && o["size"].is_number_unsigned())
      c.size_bytes = o["size"].get<uint64_t>();
    candidates.emplace(object.substr(build_prefix.size()), c);
  }
}

}  // namespace

UploadReport BuildIndex(const BuildIndexOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const tokens::TokenScope& scope = options.token.scope;
  for (const UploaderReport& r : options.reports) CheckSubPrefix(r.sub_prefix);
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
  std::vector<ObjectCheck> checks = CheckObjects(options.token, signable, options.check);
  std::vector<ListedObject> listed;
  std::vector<ManifestEntry> manifest_entries;
  std::set<std::string> own_indexes;
  bool own_manifest = false;
  for (const ObjectCheck& check : checks) {
    ObjectResult result{.name = check.name,
                        .object = scope.prefix + check.name,
                        .attempts = check.attempts,
                        .http_status = check.http_status};
    if (check.presence == ObjectPresence::kMissing) {
      result.status = ObjectStatus::kSkipped;
      result.error =
          "in " + candidates[check.name].from + " but not in Swift (HTTP 404); not listed";
    } else if (check.presence == ObjectPresence::kUnknown) {
      result.status = ObjectStatus::kFailed;
      result.error = "could not be checked (" + check.error + "); not listed";
      if (check.http_status == 401 && report.aborted.empty()) {
        report.aborted =
            "Swift refused the token (HTTP 401): it expired or does not cover " + scope.prefix;
      }
    } else {
      result.status = ObjectStatus::kLanded;
      result.stored_bytes = check.stored_bytes;
      // The file's own size: Swift's metadata when its TempURL answer keeps it, else the report.
      result.size_bytes = check.size_meta.value_or(candidates[check.name].size_bytes);
      result.mtime_unix_s = check.last_modified_unix_s.value_or(0);
      listed.push_back({result.name, result.size_bytes, result.mtime_unix_s});
      manifest_entries.push_back({result.name, result.size_bytes, result.mtime_unix_s});
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
  const std::optional<int64_t> delete_after =
      options.delete_after_s ? options.delete_after_s : scope.delete_after_s;
  auto generated = [&](const std::string& name, std::string body, const std::string& type) {
    const bool gzip = options.gzip_level > 0;
    const uint64_t size_bytes = body.size();
    report.objects.push_back({.name = name,
                              .object = scope.prefix + name,
                              .content_type = type,
                              .content_encoding = gzip ? "gzip" : "",
                              .size_bytes = size_bytes,
                              .mtime_unix_s = NowUnixSeconds(),
                              .generated = true});
    return TransferJob{.name = name,
                       .bytes = std::make_shared<const std::string>(std::move(body)),
                       .gzip_level = options.gzip_level,
                       .headers = ObjectHeaders(type, gzip, delete_after, size_bytes),
                       .report_index = report.objects.size() - 1};
  };
  std::vector<TransferJob> jobs;
  if (options.write_indexes) {
    IndexContext context{
        .title = scope.prefix, .prefix_url = report.prefix_url, .viewer_url = scope.viewer_url};
    for (auto& [folder, html] :
         BuildIndexes(listed, context, {own_indexes.begin(), own_indexes.end()})) {
      jobs.push_back(generated(folder + kIndexName, std::move(html), "text/html; charset=utf-8"));
    }
  }
  if (options.write_manifest) {
    if (own_manifest) {
      report.warnings.push_back(std::string("kept the job's own ") + kManifestName +
                                " instead of writing one");
    } else {
      jobs.push_back(generated(kManifestName, BuildManifest(manifest_entries, options.write_indexes), "application/json"));
    }
  }
  TransferRunner runner(put_options, report);
  runner.Run(jobs, "indexes");
  report.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace logstow::uploader
