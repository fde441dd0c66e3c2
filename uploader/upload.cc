#include "uploader/upload.h"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include "common/error.h"
#include "common/large_object.h"
#include "common/time_format.h"
#include "common/utf8.h"
#include "common/viewer_link.h"
#include "tokens/scope.h"
#include "uploader/classify.h"
#include "uploader/delete_after.h"
#include "uploader/generated_objects.h"
#include "uploader/job_manifest.h"
#include "uploader/open_beneath.h"
#include "uploader/processing.h"
#include "uploader/size_plan.h"
#include "uploader/spool.h"
#include "uploader/storage_urls.h"
#include "uploader/swift_client.h"
#include "uploader/token_redactor.h"
#include "uploader/transfer_runner.h"
#include "uploader/walk.h"

namespace logstow::uploader {

namespace {

constexpr size_t kSniffBytes = 8192;

// The first bytes of a file, read beneath the folder (no link followed); "" when unreadable
// (the upload then says why).
std::string ReadHead(const RootFolder& root, const std::string& target) {
  return ReadHeadBeneath(root.fd(), target, kSniffBytes);
}

UploadPlan Plan(const RootFolder& root, const UploadOptions& options,
                uint64_t max_object_name_length) {
  WalkResult walk = Walk(root);
  UploadPlan plan;
  for (const WalkWarning& w : walk.skipped) {
    plan.skipped.push_back({w.relative_path, w.reason});
    plan.warnings.push_back("skipped " + w.relative_path + ": " + w.reason);
  }
  for (const WalkWarning& w : walk.unreadable)
    plan.unreadable.push_back({w.relative_path, w.reason});
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

// The report entries and jobs of a file sent as segments: the file's entry (settled by
// SettleSegmentedFiles after the run), then one entry and one job per segment, each a window of
// the body the file would be sent as. Segments are application/octet-stream without
// Content-Encoding (a slice of a gzip stream decodes only with the rest) and carry no size
// metadata (they are no files); they expire with the build.
void AddSegments(const PlannedObject& object, const UploadOptions& options,
                 std::optional<int64_t> delete_after, int root_fd,
                 std::shared_ptr<const RedactionPatterns> redact, UploadReport& report,
                 std::vector<TransferJob>& jobs) {
  const std::string& prefix = options.token.scope.prefix;
  for (size_t k = 0; k < object.segments; ++k) {
    const std::string name = SegmentName(object.name, k);
    const uint64_t skip = k * object.segment_bytes;
    const uint64_t take = std::min(object.segment_bytes, object.encoded_bytes - skip);
    std::string problem = ObjectNameProblem(prefix + name, SwiftLimits{}.max_object_name_length);
    report.objects.push_back({.name = name,
                              .object = prefix + name,
                              .content_type = "application/octet-stream",
                              .size_bytes = take,
                              .mtime_unix_s = object.mtime_unix_s,
                              .error = problem,
                              .segment_of = object.name});
    if (!problem.empty()) continue;
    std::vector<std::string> headers = {"Content-Type: application/octet-stream"};
    if (delete_after) headers.push_back("X-Delete-After: " + std::to_string(*delete_after));
    jobs.push_back(
        {.name = name,
         .source = object.target,
         .gzip_level = object.compress ? object.gzip_level.value_or(options.gzip_level) : 0,
         .headers = std::move(headers),
         .size_bytes = take,
         .file_size_bytes = object.size_bytes,
         .report_index = report.objects.size() - 1,
         .root_fd = object.source_fd >= 0 ? object.source_fd : root_fd,
         .redact = redact,
         .redact_patterns = object.redact_patterns,
         .window = TransferJob::Window{skip, take}});
  }
}

// A segmented file whose segments all landed is kSegmented; else it failed, naming the first
// segment that did not land.
void SettleSegmentedFiles(UploadReport& report) {
  for (size_t i = 0; i < report.objects.size(); ++i) {
    ObjectResult& file = report.objects[i];
    if (!file.segment_of.empty() || i + 1 >= report.objects.size() ||
        report.objects[i + 1].segment_of != file.name) {
      continue;
    }
    size_t count = 0, failed = 0;
    const ObjectResult* first_failed = nullptr;
    for (size_t j = i + 1; j < report.objects.size() && report.objects[j].segment_of == file.name;
         ++j, ++count) {
      if (report.objects[j].status == ObjectStatus::kLanded) continue;
      ++failed;
      if (first_failed == nullptr) first_failed = &report.objects[j];
    }
    // Each segment's body ran from the file's start: the last one saw every replacement.
    ObjectResult& last = report.objects[i + count];
    file.redactions = last.redactions;
    file.pattern_redactions = last.pattern_redactions;
    for (size_t j = i + 1; j <= i + count; ++j) {
      report.objects[j].redactions = 0;
      report.objects[j].pattern_redactions = 0;
    }
    if (failed == 0) {
      file.status = ObjectStatus::kSegmented;
      file.error.clear();
      file.grew = last.grew;
      if (file.grew) {
        report.warnings.push_back(file.name + " grew while it was uploaded: stored its first " +
                                  std::to_string(file.size_bytes) +
                                  " bytes, as large as it was when the folder was read");
      }
      report.warnings.push_back(file.name + " is over Swift's max_file_size: sent as " +
                                std::to_string(count) +
                                " segments, joined under its name once "
                                "`logstow finalize` has run after the job");
    } else {
      file.status = ObjectStatus::kFailed;
      file.error = std::to_string(failed) + " of its " + std::to_string(count) +
                   " segments did not land (" + first_failed->name + ": " + first_failed->error +
                   ")";
    }
  }
}

// The files of this run that landed (or went as segments), by relative path.
std::set<std::string> LandedFiles(const UploadReport& report) {
  std::set<std::string> names;
  for (const ObjectResult& o : report.objects) {
    if (!o.generated && o.segment_of.empty() &&
        (o.status == ObjectStatus::kLanded || o.status == ObjectStatus::kSegmented)) {
      names.insert(o.name);
    }
  }
  return names;
}

// Why the job's own manifest cannot be published as it is, read as it would be sent (beneath
// the folder, or from the spool after a command stage). "" when it can, and when it cannot be
// read: then it is sent, and fails by name as any unreadable file does.
std::string JobManifestProblemOf(const TransferJob& job, const UploadReport& report) {
  constexpr uint64_t kMostManifestBytes = 64u << 20;  // far over any real manifest
  if (job.size_bytes > kMostManifestBytes) {
    return "is over 64 MiB, more than logstow reads to check a manifest";
  }
  const std::string text = ReadHeadBeneath(job.root_fd, job.source, job.size_bytes);
  if (text.empty() && job.size_bytes > 0) return "";
  return JobManifestProblem(text, LandedFiles(report));
}

size_t SegmentCount(const UploadReport& report, const ObjectResult& file) {
  size_t n = 0;
  for (const ObjectResult& o : report.objects) n += o.segment_of == file.name;
  return n;
}

}  // namespace

std::vector<std::string> ObjectHeaders(const std::string& content_type, bool gzip,
                                       std::optional<int64_t> delete_after_s, uint64_t size_bytes) {
  std::vector<std::string> headers = {
      "Content-Type: " + content_type,
      std::string(kSizeMetaHeader) + ": " + std::to_string(size_bytes)};
  if (gzip) headers.push_back("Content-Encoding: gzip");
  if (delete_after_s) headers.push_back("X-Delete-After: " + std::to_string(*delete_after_s));
  return headers;
}

std::string ObjectNameProblem(std::string_view name, uint64_t max_object_name_length) {
  if (!IsValidUtf8(name)) {
    return "its name is not valid UTF-8, which Swift refuses; rename the file";
  }
  if (name.find('\0') != std::string_view::npos)
    return "its name holds a NUL byte, which Swift refuses";
  if (name.size() > max_object_name_length) {
    return "its object name is " + std::to_string(name.size()) +
           " bytes, over Swift's "
           "max_object_name_length of " +
           std::to_string(max_object_name_length) + " (token prefix included); shorten the path";
  }
  return "";
}

UploadPlan PlanUpload(const UploadOptions& options) {
  RootFolder root(options.folder);
  UploadPlan plan = Plan(root, options, SwiftLimits{}.max_object_name_length);
  // Commands are not run (spool null): skip, rename, redact and gzip show as they would apply.
  if (options.processing) {
    ApplyProcessing(*options.processing,
                    {.root_fd = root.fd(),
                     .prefix = options.token.scope.prefix,
                     .gzip_level = options.gzip_level,
                     .max_object_name_length = SwiftLimits{}.max_object_name_length},
                    plan);
  }
  return plan;
}

UploadReport Upload(const UploadOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const tokens::TokenScope& scope = options.token.scope;
  UploadReport report;
  report.prefix_url = tokens::PrefixUrl(scope);
  report.viewer_url = scope.viewer_url ? ViewerLink(*scope.viewer_url, report.prefix_url)
                                       : report.prefix_url + kIndexName;

  RootFolder root(options.folder);
  // /info from the first proxy that answers, retried as a PUT is (5xx, 408, 429, no answer;
  // same --retry-for budget): read wrongly, every file over max_file_size would fail with 413
  // instead of going as segments.
  SwiftLimits limits;
  const StorageUrls proxies(scope, options.fallback_storage_urls);
  RetryPolicy info_retry(options.retry);
  for (int attempts = 1;; ++attempts) {
    for (const std::string& url : proxies.all()) {
      limits = FetchSwiftLimits(url);
      if (limits.info_error.empty()) break;
    }
    if (limits.info_error.empty()) break;
    std::optional<std::chrono::milliseconds> wait = info_retry.NextDelay(
        {.http_status = limits.info_status, .transport_error = limits.info_transport_error},
        attempts,
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                              started));
    if (!wait) break;
    std::this_thread::sleep_for(*wait);
  }
  UploadPlan plan = Plan(root, options, limits.max_object_name_length);
  std::shared_ptr<const RedactionPatterns> redact =
      options.redact_token ? PatternsForToken(options.token, options.token_text) : nullptr;
  const size_t threads = options.compress_threads > 0
                             ? options.compress_threads
                             : std::max(1u, std::thread::hardware_concurrency());
  // Command stages' outputs live here until every transfer (and retry) is done.
  std::optional<SpoolFolder> spool;
  if (options.processing) {
    const auto& rules = options.processing->rules;
    if (std::any_of(rules.begin(), rules.end(),
                    [](const ProcessingRule& r) { return r.command.has_value(); })) {
      spool.emplace(options.spool_parent.empty() ? SpoolFolder::DefaultParent()
                                                 : options.spool_parent);
    }
    ApplyProcessing(*options.processing,
                    {.root_fd = root.fd(),
                     .spool = spool ? &*spool : nullptr,
                     .prefix = scope.prefix,
                     .gzip_level = options.gzip_level,
                     .threads = threads,
                     .max_object_name_length = limits.max_object_name_length,
                     .redact = redact},
                    plan);
  }
  report.warnings = plan.warnings;
  if (!limits.info_error.empty()) {
    report.warnings.push_back("could not read Swift's /info (" + limits.info_error +
                              "): sizes are not checked before sending; a file Swift refuses as "
                              "too large (HTTP 413) fails without retries");
  }
  FitToLimits(plan.objects, limits, scope.max_file_size,
              {.root_fd = root.fd(),
               .gzip_level = options.gzip_level,
               .prefix = scope.prefix,
               .redact = redact,
               .threads = threads},
              report.warnings);
  DeleteAfterChoice retention = ChooseDeleteAfter(options.delete_after_s, scope.delete_after_s);
  if (!retention.warning.empty()) report.warnings.push_back(retention.warning);
  const std::optional<int64_t> delete_after = retention.delete_after_s;
  report.container = scope.container;
  if (delete_after) report.delete_at_unix_s = NowUnixSeconds() + *delete_after;

  // 1. The files. The job's own zuul-manifest.json waits for them (step 2), unless logstow
  // writes no manifest.
  std::vector<TransferJob> jobs;
  std::set<std::string> own_indexes;  // folders whose index.html comes from the job itself
  std::vector<TransferJob> job_manifest;
  for (const PlannedObject& object : plan.objects) {
    report.objects.push_back({.name = object.name,
                              .object = object.object,
                              .content_type = object.content_type,
                              .content_encoding = object.compress ? "gzip" : "",
                              .size_bytes = object.size_bytes,
                              .mtime_unix_s = object.mtime_unix_s,
                              .processing = object.processing,
                              .renamed_from = object.renamed_from});
    size_t slash = object.name.rfind('/');
    std::string folder = slash == std::string::npos ? "" : object.name.substr(0, slash + 1);
    if (object.name.substr(folder.size()) == kIndexName) own_indexes.insert(folder);
    if (!object.problem.empty()) {
      report.objects.back().status = ObjectStatus::kFailed;
      report.objects.back().error = object.problem;
      continue;
    }
    if (object.segments > 0) {
      AddSegments(object, options, delete_after, root.fd(), object.text ? redact : nullptr, report,
                  jobs);
      continue;
    }
    const bool rescan = object.rescanned_bytes.has_value();
    const uint64_t published = object.rescanned_bytes.value_or(object.size_bytes);
    report.objects.back().size_bytes = published;
    const bool held = object.name == kManifestName && options.write_manifest;
    (held ? job_manifest : jobs)
        .push_back({.name = object.name,
                    .source = object.target,
                    .gzip_level = object.compress ? object.gzip_level.value_or(options.gzip_level)
                                  : rescan        ? std::max(options.gzip_level, 1)
                                                  : 0,
                    .headers = ObjectHeaders(object.content_type, object.compress, delete_after,
                                             published),
                    .size_bytes = object.size_bytes,
                    .file_size_bytes = object.size_bytes,
                    .report_index = report.objects.size() - 1,
                    .root_fd = object.source_fd >= 0 ? object.source_fd : root.fd(),
                    .redact = object.text || rescan ? redact : nullptr,
                    .inflate_first = rescan,
                    .redact_patterns = object.redact_patterns});
  }
  for (const SkippedEntry& unreadable : plan.unreadable) {
    report.objects.push_back({.name = unreadable.name,
                              .object = scope.prefix + unreadable.name,
                              .status = ObjectStatus::kFailed,
                              .error = unreadable.reason});
  }
  for (const SkippedEntry& skipped : plan.skipped) {
    report.objects.push_back({.name = skipped.name,
                              .object = scope.prefix + skipped.name,
                              .status = ObjectStatus::kSkipped,
                              .error = skipped.reason});
  }
  TransferRunner runner(options, report);
  bool go_on = runner.Run(jobs, "files");
  SettleSegmentedFiles(report);
  for (const ObjectResult& o : report.objects) {
    if (o.redactions > 0) {
      report.warnings.push_back(
          "replaced the upload token in " + o.name + " (" + std::to_string(o.redactions) +
          (o.redactions == 1 ? " time)" : " times)") + ": the job printed it; it is not published");
    }
  }

  // 2. The job's own manifest, published only when every file it names landed; else logstow
  // writes its own. Nothing is listed when no file landed: an earlier run's pages and manifest
  // (a rerun under the same prefix) stay as they were rather than being emptied.
  const bool any_landed =
      report.count(ObjectStatus::kLanded) > 0 || report.count(ObjectStatus::kSegmented) > 0;
  bool own_manifest = false;
  if (!job_manifest.empty()) {
    ObjectResult& entry = report.objects[job_manifest.front().report_index];
    std::string problem;
    if (!go_on) {
      entry.error = "not sent: " + report.aborted;
    } else if (!any_landed) {
      entry.status = ObjectStatus::kSkipped;
      entry.error = "not sent: no other file landed, so there is nothing for it to list";
    } else if (!(problem = JobManifestProblemOf(job_manifest.front(), report)).empty()) {
      entry.status = ObjectStatus::kSkipped;
      entry.error =
          problem + "; not published: logstow's own " + kManifestName + " takes its place";
      report.warnings.push_back("the job's own " + std::string(kManifestName) + " " + problem +
                                ": not published; logstow writes its own, listing what landed");
    } else {
      go_on = runner.Run(job_manifest, "manifest");
      own_manifest = entry.status == ObjectStatus::kLanded;
    }
  }
  if (go_on && !any_landed && (options.write_indexes || options.write_manifest)) {
    report.warnings.push_back(std::string("no file landed, so no index page or ") + kManifestName +
                              " was written; what an earlier upload wrote under the prefix is "
                              "left as it was");
  }

  // 3. Index pages, then the manifest: only what landed, and only after the files.
  std::vector<ListedObject> listed;
  std::vector<ManifestEntry> manifest_entries;
  for (const ObjectResult& o : report.objects) {
    // A segmented file is listed under its own name (its object exists once finalize ran);
    // its segments never are.
    if (!o.segment_of.empty()) continue;
    if (o.status != ObjectStatus::kLanded && o.status != ObjectStatus::kSegmented) continue;
    const size_t segments = o.status == ObjectStatus::kSegmented ? SegmentCount(report, o) : 0;
    listed.push_back({o.name, o.size_bytes, o.mtime_unix_s, segments});
    manifest_entries.push_back({o.name, o.size_bytes, o.mtime_unix_s, segments});
  }
  const GeneratedObjects generated =
      GeneratedFor(scope, report.prefix_url, options.gzip_level, delete_after);
  if (go_on && any_landed && options.write_indexes) {
    std::vector<TransferJob> index_jobs = IndexPageJobs(generated, listed, own_indexes, report);
    for (const std::string& folder : own_indexes) {
      report.warnings.push_back("kept the job's own " + folder + kIndexName +
                                " instead of writing one");
    }
    go_on = runner.Run(index_jobs, "indexes");
  }
  if (go_on && any_landed && options.write_manifest) {
    std::vector<TransferJob> manifest_jobs =
        ManifestJobs(generated, manifest_entries, options.write_indexes, own_manifest, report);
    if (!manifest_jobs.empty()) runner.Run(manifest_jobs, "manifest");
  }
  // No link when nothing landed: it would open an empty folder, or one an earlier run filled.
  // Without a viewer, the root index page is the link to give out, but only if it landed.
  if (!any_landed) {
    report.viewer_url.clear();
  } else if (!scope.viewer_url) {
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
