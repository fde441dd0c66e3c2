#include "importer/import.h"

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "common/error.h"
#include "common/percent_encode.h"
#include "common/time_format.h"
#include "common/viewer_link.h"
#include "importer/body_fingerprint.h"
#include "importer/existing_objects.h"
#include "tokens/issue.h"
#include "tokens/scope.h"
#include "tokens/token_codec.h"
#include "uploader/index_writer.h"
#include "uploader/manifest_writer.h"
#include "uploader/open_beneath.h"
#include "uploader/swift_client.h"
#include "uploader/transfer_runner.h"
#include "uploader/worker_pool.h"

namespace logstow::importer {

namespace {

using uploader::ObjectStatus;

constexpr char kIndexName[] = "index.html";
constexpr char kManifestName[] = "zuul-manifest.json";
// The in-memory token's lifetime; a longer import takes a new one (UploadOptions::refresh_token).
constexpr int64_t kTokenTtlS = 6 * 3600;

// The Temp-URL key Swift checks TempURLs with: the container's, else the account's (both are
// accepted by Swift's tempurl middleware; only their owner sees them).
std::string ReadTempUrlKey(setup::SwiftSession& session, const std::string& container) {
  setup::SwiftResponse c = session.Request("HEAD", "/" + PercentEncode(container));
  if (c.status == 404) {
    throw Error("import.container", "Swift has no container '" + container +
                                        "' (HTTP 404): create it with `logstow swift-setup`, "
                                        "or name another with --container");
  }
  if (c.status / 100 != 2) {
    throw Error("import.container", "Swift refused to read container '" + container + "' (HTTP " +
                                        std::to_string(c.status) +
                                        "): check that the credentials own the account");
  }
  for (const char* name : {"x-container-meta-temp-url-key", "x-container-meta-temp-url-key-2"}) {
    if (!c.header(name).empty()) return c.header(name);
  }
  setup::SwiftResponse a = session.Request("HEAD", "");
  for (const char* name : {"x-account-meta-temp-url-key", "x-account-meta-temp-url-key-2"}) {
    if (a.status / 100 == 2 && !a.header(name).empty()) return a.header(name);
  }
  throw Error("import.tempurl_key",
              "no Temp-URL key is readable on container '" + container +
                  "' or its account: set one with `logstow swift-setup --key-file F` (as the "
                  "account's owner), or give it with --key-file");
}

std::string FolderOf(const std::string& name) {
  size_t slash = name.rfind('/');
  return slash == std::string::npos ? "" : name.substr(0, slash + 1);
}

struct Fingerprinted {
  size_t plan_index;
  BodyFingerprint fingerprint;
};

}  // namespace

std::vector<Redirect> MakeRedirects(const std::vector<std::string>& stored,
                                    const std::string& old_base_path, const std::string& prefix_url,
                                    const std::string& viewer_url) {
  std::map<std::string, std::string> by_path;  // old path -> target
  const std::set<std::string> files(stored.begin(), stored.end());
  auto file_target = [&](const std::string& name) {
    return ViewerLink(viewer_url, prefix_url + PercentEncodePath(name));
  };
  for (const std::string& name : stored) {
    by_path[old_base_path + name] = file_target(name);
    // Old servers answered "x.txt" with "x.txt.gz" (and Content-Encoding: gzip); links to
    // either form keep working, unless the tree has an "x.txt" of its own.
    if (name.size() > 3 && name.ends_with(".gz")) {
      const std::string plain = name.substr(0, name.size() - 3);
      if (!files.contains(plain) && !plain.ends_with("/")) {
        by_path.emplace(old_base_path + plain, file_target(name));
      }
    }
    for (size_t slash = name.find('/'); slash != std::string::npos;
         slash = name.find('/', slash + 1)) {
      const std::string folder = name.substr(0, slash + 1);
      const std::string target = ViewerLink(viewer_url, prefix_url + PercentEncodePath(folder));
      by_path[old_base_path + folder] = target;
      // Without the slash (mod_dir redirected it), unless a file has that name.
      const std::string bare = folder.substr(0, folder.size() - 1);
      if (!files.contains(bare)) by_path[old_base_path + bare] = target;
    }
  }
  std::vector<Redirect> redirects;
  redirects.reserve(by_path.size());
  for (auto& [path, target] : by_path) redirects.push_back({path, std::move(target)});
  return redirects;
}

ImportReport Import(setup::SwiftSession& session, const ImportOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  std::error_code ec;
  if (!std::filesystem::is_directory(options.root, ec)) {
    throw Error("import.root", "the log tree '" + options.root.string() +
                                   "' is not a folder that can be read: give the root of the "
                                   "old log tree (e.g. /srv/static/logs)");
  }
  ImportReport out;
  uploader::UploadReport& report = out.transfers;

  // A token for the prefix, signed here: the PUTs take the same road as a job's upload.
  const std::string key = options.tempurl_key.empty() ? ReadTempUrlKey(session, options.container)
                                                      : options.tempurl_key;
  tokens::TokenScope scope;
  scope.storage_url = session.storage_url();
  scope.container = options.container;
  scope.prefix = options.prefix;
  scope.expires_unix_s = NowUnixSeconds() + kTokenTtlS;
  scope.viewer_url = options.viewer_url;
  uploader::UploadOptions upload;
  upload.folder = options.root;
  upload.token = tokens::IssueToken(scope, key);
  upload.redact_token = false;  // an old tree cannot hold a token made just now
  upload.refresh_token = [scope, key]() mutable {
    scope.expires_unix_s = NowUnixSeconds() + kTokenTtlS;
    return tokens::EncodeToken(tokens::IssueToken(scope, key));
  };
  upload.parallel = options.parallel;
  upload.gzip_level = options.gzip_level;
  upload.delete_after_s = options.delete_after_s;
  upload.retry = options.retry;
  upload.stall_timeout = options.stall_timeout;
  upload.on_progress = options.on_progress;
  report.prefix_url = tokens::PrefixUrl(scope);
  report.container = scope.container;
  report.viewer_url =
      options.viewer_url ? ViewerLink(*options.viewer_url, report.prefix_url) : report.prefix_url;
  if (options.delete_after_s) report.delete_at_unix_s = NowUnixSeconds() + *options.delete_after_s;

  // 1. Plan.
  uploader::UploadPlan plan = uploader::PlanUpload(upload);
  report.warnings = plan.warnings;
  const uploader::SwiftLimits limits = uploader::FetchSwiftLimits(scope.storage_url);
  std::vector<std::string> names;
  for (const uploader::PlannedObject& o : plan.objects) names.push_back(o.name);
  const std::vector<std::string> builds = FindBuildFolders(names, options.build_rule);
  out.builds = builds.size();
  out.files = plan.objects.size();

  // 2. What Swift has already; fingerprint those files (in parallel) to compare.
  const std::map<std::string, StoredObject> stored =
      ListStoredObjects(session, scope.container, scope.prefix, &out.listing_requests);
  uploader::RootFolder root(options.root);
  std::vector<Fingerprinted> checks;
  for (size_t i = 0; i < plan.objects.size(); ++i) {
    const uploader::PlannedObject& o = plan.objects[i];
    auto it = stored.find(o.object);
    if (!o.problem.empty() || it == stored.end()) continue;
    // Sent as is: the stored size must be the file's, so most changed files need no reading.
    if (!o.compress && it->second.bytes != o.size_bytes) continue;
    checks.push_back({i, {}});
  }
  {
    uploader::UploadProgress progress{.files_total = checks.size(), .phase = "checking"};
    for (const Fingerprinted& c : checks)
      progress.bytes_total += plan.objects[c.plan_index].size_bytes;
    std::mutex mutex;
    std::condition_variable done;
    size_t finished = 0;
    {
      uploader::WorkerPool pool(std::max(1u, std::thread::hardware_concurrency()));
      for (Fingerprinted& c : checks) {
        pool.Submit([&, &c = c] {
          const uploader::PlannedObject& o = plan.objects[c.plan_index];
          c.fingerprint = FingerprintFile(root.fd(), o.target, o.size_bytes,
                                          o.compress ? options.gzip_level : 0);
          std::lock_guard lock(mutex);
          ++finished;
          progress.bytes_done += o.size_bytes;
          done.notify_one();
        });
      }
      std::unique_lock lock(mutex);
      while (finished < checks.size()) {
        done.wait_for(lock, std::chrono::milliseconds(200));
        progress.files_done = finished;
        if (options.on_progress) options.on_progress(progress);
      }
    }
    if (options.on_progress) options.on_progress(progress);
  }
  std::vector<bool> already(plan.objects.size(), false);
  for (const Fingerprinted& c : checks) {
    const StoredObject& s = stored.at(plan.objects[c.plan_index].object);
    already[c.plan_index] = c.fingerprint.error.empty() && c.fingerprint.bytes == s.bytes &&
                            c.fingerprint.md5_hex == s.etag;
  }

  // 3. The files Swift lacks.
  struct InSwift {
    std::string name;
    uint64_t size_bytes;
    int64_t mtime_unix_s;
  };
  std::vector<InSwift> present;  // files stored before this run
  std::vector<uploader::TransferJob> jobs;
  std::set<std::string> own_pages;  // index.html and zuul-manifest.json the tree holds itself
  for (size_t i = 0; i < plan.objects.size(); ++i) {
    const uploader::PlannedObject& o = plan.objects[i];
    const std::string base = o.name.substr(FolderOf(o.name).size());
    if (base == kIndexName || base == kManifestName) own_pages.insert(o.name);
    if (BuildOf(o.name, builds).empty()) ++out.outside_builds;
    if (already[i]) {
      ++out.files_stored;
      present.push_back({o.name, o.size_bytes, o.mtime_unix_s});
      continue;
    }
    report.objects.push_back({.name = o.name,
                              .object = o.object,
                              .content_type = o.content_type,
                              .content_encoding = o.compress ? "gzip" : "",
                              .size_bytes = o.size_bytes,
                              .mtime_unix_s = o.mtime_unix_s});
    std::string problem = o.problem;
    if (problem.empty() && limits.max_file_size && o.size_bytes > *limits.max_file_size) {
      problem = "its " + std::to_string(o.size_bytes) + " bytes are over Swift's max_file_size (" +
                std::to_string(*limits.max_file_size) +
                "): import sends no large objects; upload its folder with `logstow upload` and "
                "`logstow finalize`";
    }
    if (!problem.empty()) {
      report.objects.back().error = problem;
      continue;
    }
    jobs.push_back({.name = o.name,  // relative to the token's prefix
                    .source = o.target,
                    .gzip_level = o.compress ? options.gzip_level : 0,
                    .headers = uploader::ObjectHeaders(o.content_type, o.compress,
                                                       options.delete_after_s, o.size_bytes),
                    .size_bytes = o.size_bytes,
                    .file_size_bytes = o.size_bytes,
                    .report_index = report.objects.size() - 1,
                    .root_fd = root.fd()});
  }
  for (const uploader::SkippedEntry& u : plan.unreadable) {
    report.objects.push_back({.name = u.name,
                              .object = scope.prefix + u.name,
                              .status = ObjectStatus::kFailed,
                              .error = u.reason});
  }
  for (const uploader::SkippedEntry& s : plan.skipped) {
    report.objects.push_back({.name = s.name,
                              .object = scope.prefix + s.name,
                              .status = ObjectStatus::kSkipped,
                              .error = s.reason});
  }
  uploader::TransferRunner runner(upload, report);
  bool go_on = runner.Run(jobs, "files");

  // Every file now in Swift, by build.
  std::vector<InSwift> in_swift = present;
  for (const uploader::ObjectResult& o : report.objects) {
    if (o.status == ObjectStatus::kLanded)
      in_swift.push_back({o.name, o.size_bytes, o.mtime_unix_s});
  }
  std::sort(in_swift.begin(), in_swift.end(),
            [](const InSwift& a, const InSwift& b) { return a.name < b.name; });

  // 4. Index pages and manifests per build, each sent only when Swift lacks it byte for byte.
  std::map<std::string, std::vector<const InSwift*>> by_build;
  for (const InSwift& f : in_swift) {
    const std::string build = BuildOf(f.name, builds);
    if (!build.empty()) by_build[build].push_back(&f);
  }
  auto generated = [&](const std::string& name, std::string body, const std::string& type,
                       std::vector<uploader::TransferJob>& into) {
    auto bytes = std::make_shared<const std::string>(std::move(body));
    auto it = stored.find(scope.prefix + name);
    if (it != stored.end()) {
      BodyFingerprint f = FingerprintBytes(bytes, options.gzip_level);
      if (f.bytes == it->second.bytes && f.md5_hex == it->second.etag) {
        ++out.pages_unchanged;
        return;
      }
    }
    const bool gzip = options.gzip_level > 0;
    report.objects.push_back({.name = name,
                              .object = scope.prefix + name,
                              .content_type = type,
                              .content_encoding = gzip ? "gzip" : "",
                              .size_bytes = bytes->size(),
                              .mtime_unix_s = NowUnixSeconds(),
                              .generated = true});
    into.push_back(
        {.name = name,
         .bytes = bytes,
         .gzip_level = options.gzip_level,
         .headers = uploader::ObjectHeaders(type, gzip, options.delete_after_s, bytes->size()),
         .report_index = report.objects.size() - 1});
  };
  std::vector<uploader::TransferJob> index_jobs, manifest_jobs;
  for (const auto& [build, files] : by_build) {
    std::vector<uploader::ListedObject> listed;
    std::vector<uploader::ManifestEntry> entries;
    std::vector<std::string> skip;
    for (const InSwift* f : files) {
      const std::string name = f->name.substr(build.size());
      listed.push_back({name, f->size_bytes, f->mtime_unix_s, 0});
      entries.push_back({name, f->size_bytes, f->mtime_unix_s, 0});
    }
    for (const std::string& own : own_pages) {
      if (own.starts_with(build) && own.ends_with(kIndexName)) {
        skip.push_back(FolderOf(own).substr(build.size()));
      }
    }
    const uploader::IndexContext context{.title = scope.prefix + build,
                                         .prefix_url = report.prefix_url + PercentEncodePath(build),
                                         .viewer_url = options.viewer_url};
    for (auto& [folder, html] : uploader::BuildIndexes(listed, context, skip)) {
      generated(build + folder + kIndexName, std::move(html), "text/html; charset=utf-8",
                index_jobs);
    }
    if (!own_pages.contains(build + kManifestName)) {
      generated(build + kManifestName, uploader::BuildManifest(entries, true), "application/json",
                manifest_jobs);
    }
  }
  if (go_on) go_on = runner.Run(index_jobs, "indexes");
  if (go_on) runner.Run(manifest_jobs, "manifest");

  // 5. Redirects to what is in Swift.
  if (options.viewer_url) {
    std::vector<std::string> stored_names;
    for (const InSwift& f : in_swift) stored_names.push_back(f.name);
    out.redirects =
        MakeRedirects(stored_names, options.old_base_path, report.prefix_url, *options.viewer_url);
  }
  report.compress_cpu_seconds = runner.compress_cpu_seconds();
  report.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

}  // namespace logstow::importer
