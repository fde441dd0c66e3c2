#include "uploader/upload.h"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <set>

#include "common/error.h"
#include "common/time_format.h"
#include "common/utf8.h"
#include "common/viewer_link.h"
#include "uploader/classify.h"
#include "uploader/delete_after.h"
#include "uploader/index_writer.h"
#include "uploader/manifest_writer.h"
#include "tokens/scope.h"
#include "uploader/open_beneath.h"
#include "uploader/swift_client.h"
#include "uploader/token_redactor.h"
#include "uploader/transfer_runner.h"
#include "uploader/walk.h"

namespace logstow::uploader {

namespace {

constexpr size_t kSniffBytes = 8192;
constexpr char kIndexName[] = "index.html";
constexpr char kManifestName[] = "zuul-manifest.json";

// The first bytes of a file, read beneath the folder (no link followed); "" when unreadable
// (the upload then says why).
std::string ReadHead(const RootFolder& root, const std::string& target) {
  int fd = OpenBeneath(root.fd(), target);
  if (fd < 0) return "";
  std::string head(kSniffBytes, '\0');
  size_t got = 0;
  while (got < head.size()) {
    ssize_t n = read(fd, head.data() + got, head.size() - got);
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  close(fd);
  head.resize(got);
  return head;
}

UploadPlan Plan(const RootFolder& root, const UploadOptions& options,
                uint64_t max_object_name_length) {
  WalkResult walk = Walk(root);
  UploadPlan plan;
  for (const WalkWarning& w : walk.skipped) {
    plan.skipped.push_back({w.relative_path, w.reason});
    plan.warnings.push_back("skipped " + w.relative_path + ": " + w.reason);
  }
  for (const WalkEntry& entry : walk.files) {
    PlannedObject object;
    object.name = entry.relative_path;
    object.object = options.token.scope.prefix + entry.relative_path;
    object.target = entry.target;
    object.size_bytes = entry.size_bytes;
    object.mtime_unix_s = entry.mtime_unix_s;
    object.problem = ObjectNameProblem(object.object, max_object_name_length);
    // A link's type is its target's: "current.log -> job-output.txt.gz" is gzip data.
    const std::string head = ReadHead(root, entry.target);
    Classification c = Classify(entry.target, head);
    object.content_type = c.content_type;
    object.text = c.text;
    // Empty files stay 0 bytes; files whose first 8 KiB (all of a small file) gzip does not
    // shrink go as they are (classify.h GzipShrinks).
    object.compress = c.compress && options.gzip_level > 0 && entry.size_bytes > 0 &&
                      GzipShrinks(head, options.gzip_level);
    plan.objects.push_back(std::move(object));
  }
  return plan;
}

// `size_bytes`: the bytes as read (before gzip), stored as object metadata so a reader can size
// its buffer before the body arrives (the viewer does; Content-Length is the gzip size).
std::vector<std::string> Headers(const std::string& content_type, bool gzip,
                                 std::optional<int64_t> delete_after_s, uint64_t size_bytes) {
  std::vector<std::string> headers = {"Content-Type: " + content_type,
                                      std::string(kSizeMetaHeader) + ": " +
                                          std::to_string(size_bytes)};
  if (gzip) headers.push_back("Content-Encoding: gzip");
  if (delete_after_s) headers.push_back("X-Delete-After: " + std::to_string(*delete_after_s));
  return headers;
}

double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](timeval t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

uint64_t PeakRssBytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<uint64_t>(usage.ru_maxrss) * 1024;
}

// Marks files over Swift's max_file_size or the token's as failed, each with its size and the
// limit; the rest still goes. Compression may shrink a file below the limit, but that is not
// known before sending, and Swift checks the bytes sent.
void FailOversized(UploadPlan& plan, const SwiftLimits& limits,
                   std::optional<int64_t> token_max) {
  for (PlannedObject& object : plan.objects) {
    if (!object.problem.empty()) continue;
    const std::string size = std::to_string(object.size_bytes) + " bytes";
    if (limits.max_file_size && object.size_bytes > *limits.max_file_size) {
      object.problem = "too large: " + size + ", over Swift's max_file_size of " +
                       std::to_string(*limits.max_file_size) +
                       " bytes; not sent (split or compress it, or leave it out)";
    } else if (token_max && object.size_bytes > static_cast<uint64_t>(*token_max)) {
      object.problem = "too large: " + size + ", over the token's max_file_size of " +
                       std::to_string(*token_max) +
                       " bytes; not sent (split or compress it, or leave it out)";
    }
  }
}

}  // namespace

std::string ObjectNameProblem(std::string_view name, uint64_t max_object_name_length) {
  if (!IsValidUtf8(name)) {
    return "its name is not valid UTF-8, which Swift refuses; rename the file";
  }
  if (name.find('\0') != std::string_view::npos) return "its name holds a NUL byte, which Swift refuses";
  if (name.size() > max_object_name_length) {
    return "its object name is " + std::to_string(name.size()) + " bytes, over Swift's "
           "max_object_name_length of " + std::to_string(max_object_name_length) +
           " (token prefix included); shorten the path";
  }
  return "";
}

UploadPlan PlanUpload(const UploadOptions& options) {
  RootFolder root(options.folder);
  return Plan(root, options, SwiftLimits{}.max_object_name_length);
}

UploadReport Upload(const UploadOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const tokens::TokenScope& scope = options.token.scope;
  UploadReport report;
  report.prefix_url = tokens::PrefixUrl(scope);
  report.viewer_url = scope.viewer_url ? ViewerLink(*scope.viewer_url, report.prefix_url)
                                       : report.prefix_url + kIndexName;

  RootFolder root(options.folder);
  SwiftLimits limits = FetchSwiftLimits(scope.storage_url);
  UploadPlan plan = Plan(root, options, limits.max_object_name_length);
  report.warnings = plan.warnings;
  if (!limits.info_error.empty()) {
    report.warnings.push_back("could not read Swift's /info (" + limits.info_error +
                              "): sizes are not checked before sending; a file Swift refuses as "
                              "too large (HTTP 413) fails without retries");
  }
  FailOversized(plan, limits, scope.max_file_size);
  std::shared_ptr<const RedactionPatterns> redact =
      options.redact_token ? PatternsForToken(options.token, options.token_text) : nullptr;
  DeleteAfterChoice retention = ChooseDeleteAfter(options.delete_after_s, scope.delete_after_s);
  if (!retention.warning.empty()) report.warnings.push_back(retention.warning);
  const std::optional<int64_t> delete_after = retention.delete_after_s;

  // 1. The files.
  std::vector<TransferJob> jobs;
  std::set<std::string> own_indexes;  // folders whose index.html comes from the job itself
  bool own_manifest = false;
  for (const PlannedObject& object : plan.objects) {
    report.objects.push_back({.name = object.name,
                              .object = object.object,
                              .content_type = object.content_type,
                              .content_encoding = object.compress ? "gzip" : "",
                              .size_bytes = object.size_bytes,
                              .mtime_unix_s = object.mtime_unix_s});
    size_t slash = object.name.rfind('/');
    std::string folder = slash == std::string::npos ? "" : object.name.substr(0, slash + 1);
    if (object.name.substr(folder.size()) == kIndexName) own_indexes.insert(folder);
    if (object.name == kManifestName) own_manifest = true;
    if (!object.problem.empty()) {
      report.objects.back().status = ObjectStatus::kFailed;
      report.objects.back().error = object.problem;
      continue;
    }
    jobs.push_back({.name = object.name,
                    .source = object.target,
                    .gzip_level = object.compress ? options.gzip_level : 0,
                    .headers = Headers(object.content_type, object.compress, delete_after,
                                       object.size_bytes),
                    .size_bytes = object.size_bytes,
                    .report_index = report.objects.size() - 1,
                    .root_fd = root.fd(),
                    .redact = object.text ? redact : nullptr});
  }
  for (const SkippedEntry& skipped : plan.skipped) {
    report.objects.push_back({.name = skipped.name,
                              .object = scope.prefix + skipped.name,
                              .status = ObjectStatus::kSkipped,
                              .error = skipped.reason});
  }
  TransferRunner runner(options, report);
  bool go_on = runner.Run(jobs, "files");
  for (const ObjectResult& o : report.objects) {
    if (o.redactions > 0) {
      report.warnings.push_back("replaced the upload token in " + o.name + " (" +
                                std::to_string(o.redactions) +
                                (o.redactions == 1 ? " time)" : " times)") +
                                ": the job printed it; it is not published");
    }
  }

  // 2. Index pages, then the manifest: only what landed, and only after the files.
  std::vector<ListedObject> listed;
  std::vector<ManifestEntry> manifest_entries;
  for (const ObjectResult& o : report.objects) {
    if (o.status != ObjectStatus::kLanded) continue;
    listed.push_back({o.name, o.size_bytes, o.mtime_unix_s});
    manifest_entries.push_back(
        {o.name, o.content_type, o.content_encoding, o.size_bytes, o.mtime_unix_s});
  }
  auto generated = [&](const std::string& name, std::string body, const std::string& type) {
    const bool gzip = options.gzip_level > 0;
    const uint64_t size_bytes = body.size();
    report.objects.push_back({.name = name,
                              .object = scope.prefix + name,
                              .content_type = type,
                              .content_encoding = gzip ? "gzip" : "",
                              .size_bytes = body.size(),
                              .mtime_unix_s = NowUnixSeconds(),
                              .generated = true});
    return TransferJob{.name = name,
                       .bytes = std::make_shared<const std::string>(std::move(body)),
                       .gzip_level = options.gzip_level,
                       .headers = Headers(type, gzip, delete_after, size_bytes),
                       .report_index = report.objects.size() - 1};
  };
  if (go_on && options.write_indexes) {
    IndexContext context{.title = scope.prefix,
                         .prefix_url = report.prefix_url,
                         .viewer_url = scope.viewer_url};
    std::vector<TransferJob> index_jobs;
    for (auto& [folder, html] :
         BuildIndexes(listed, context, {own_indexes.begin(), own_indexes.end()})) {
      index_jobs.push_back(generated(folder + kIndexName, std::move(html),
                                     "text/html; charset=utf-8"));
    }
    for (const std::string& folder : own_indexes) {
      report.warnings.push_back("kept the job's own " + folder + kIndexName +
                                " instead of writing one");
    }
    go_on = runner.Run(index_jobs, "indexes");
  }
  if (go_on && options.write_manifest) {
    if (own_manifest) {
      report.warnings.push_back(std::string("kept the job's own ") + kManifestName +
                                " instead of writing one");
    } else {
      std::vector<TransferJob> manifest_job = {
          generated(kManifestName, BuildManifest(manifest_entries), "application/json")};
      runner.Run(manifest_job, "manifest");
    }
  }
  // Without a viewer, the root index page is the link to give out, but only if it landed.
  if (!scope.viewer_url) {
    bool root_index = false;
    for (const ObjectResult& o : report.objects) {
      root_index |= o.name == kIndexName && o.status == ObjectStatus::kLanded;
    }
    if (!root_index) report.viewer_url = report.prefix_url;
  }
  report.compress_cpu_seconds = runner.compress_cpu_seconds();
  report.process_cpu_seconds = ProcessCpuSeconds();
  report.peak_rss_bytes = PeakRssBytes();
  report.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace logstow::uploader
