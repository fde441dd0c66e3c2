// `logstow import ROOT`: flags into ImportOptions, importer::Import(), the summary and the
// redirect maps written, the exit code chosen. No import logic here.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/credentials.h"
#include "cli/number_flag.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "cli/secrets.h"
#include "common/duration.h"
#include "common/error.h"
#include "common/human_size.h"
#include "common/utf8.h"
#include "common/viewer_link.h"
#include "importer/import.h"

namespace logstow::cli {

namespace {

using uploader::ObjectStatus;

struct ImportFlags {
  std::string root;
  std::string prefix;
  std::string container = "logs";
  std::optional<std::string> credentials;
  std::optional<std::string> key_file;
  std::optional<std::string> viewer_url;
  std::string old_base_path = "/";
  std::optional<std::string> build_depth;
  std::vector<std::string> build_markers;
  std::optional<std::string> apache_map;
  std::optional<std::string> nginx_map;
  std::string parallel = "64";
  std::string gzip_level = "6";
  std::optional<std::string> delete_after;
  std::string timeout_s = "30";
  std::string retry_for = "5m";
  std::string progress = "auto";
  std::optional<std::string> json_file;
};

// A map file is written beside its destination and renamed over it at the end, so a map that
// cannot be written stops the run before anything is sent, and a stopped run leaves the old
// map in place.
class MapOutput {
 public:
  explicit MapOutput(const std::optional<std::string>& path) {
    if (!path) return;
    path_ = *path;
    // The rename at the end cannot replace a folder (or a device): refuse it now.
    std::error_code ec;
    const auto status = std::filesystem::status(path_, ec);
    if (std::filesystem::is_directory(status)) {
      throw Error("import.map", "the redirect map '" + Printable(path_) +
                                    "' is a folder: give a file path, e.g. '" +
                                    Printable((std::filesystem::path(path_) / "logstow-moved.map")
                                                  .lexically_normal()
                                                  .string()) +
                                    "'");
    }
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
      throw Error("import.map", "the redirect map '" + Printable(path_) +
                                    "' is not a regular file: give the path of a file to write");
    }
    // A killed run's leftover temp file is truncated here and reused.
    temp_ = path_ + ".logstow-tmp";
    out_.open(temp_, std::ios::binary | std::ios::trunc);
    if (!out_) {
      const int err = errno;
      throw Error("import.map", "cannot write the redirect map '" + Printable(path_) + "' (" +
                                    std::strerror(err) +
                                    "): check that its folder exists and is writable");
    }
  }
  ~MapOutput() {
    if (!temp_.empty() && !done_) std::filesystem::remove(temp_);
  }
  bool wanted() const { return !path_.empty(); }
  // Writes `text` and moves it into place; false (with the error and its reason printed) when
  // it failed.
  bool Commit(const std::string& text) {
    errno = 0;
    out_ << text;
    out_.close();
    std::string why = out_ ? "" : (errno != 0 ? std::strerror(errno) : "the write failed");
    std::error_code ec;
    if (why.empty()) std::filesystem::rename(temp_, path_, ec);
    if (ec) why = ec.message();
    if (!why.empty()) {
      PrintError("could not write the redirect map '" + Printable(path_) + "': " + why +
                 ": fix that and rerun the import (objects already in Swift are not sent again)");
      return false;
    }
    done_ = true;
    return true;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_, temp_;
  std::ofstream out_;
  bool done_ = false;
};

// The rules of a token's prefix (tokens/scope.cc), worded for the flag: import has no token.
void CheckPrefix(const std::string& prefix) {
  const std::string shown = "--prefix '" + Printable(prefix) + "'";
  if (prefix.empty() || prefix.back() != '/' || prefix.front() == '/') {
    throw UsageError(shown +
                     " must be a pseudo-folder such as 'old/' (not empty, ending in '/', no "
                     "leading '/'): the tree goes under it");
  }
  if (!IsValidUtf8(prefix) || HasControlCharacter(prefix) || prefix.size() > 900) {
    throw UsageError(shown +
                     " is not valid UTF-8, holds a control character or is longer than 900 "
                     "bytes: give a pseudo-folder such as 'old/'");
  }
  for (size_t start = 0; start < prefix.size();) {
    const size_t end = prefix.find('/', start);
    const std::string_view segment(prefix.data() + start, end - start);
    if (segment.empty() || segment == "." || segment == "..") {
      throw UsageError(shown +
                       " has an empty, '.' or '..' segment: give a pseudo-folder such as 'old/' "
                       "or 'old/2019/'");
    }
    start = end + 1;
  }
}

// Links are <viewer-url>?q=... (or &q= after the page's own query, common/viewer_link.h).
void CheckViewerUrl(const std::string& url) {
  const std::string problem = ViewerUrlProblem(url);
  if (problem.empty()) return;
  throw UsageError("--viewer-url '" + Printable(url) + "' " + problem +
                   ": give the viewer page as `logstow publish-viewer` printed it, e.g. "
                   "https://logs.example/logviewer/index.html");
}

// Both maps are renamed into place at the end: one path for both keeps only the last.
void CheckMapPaths(const ImportFlags& f) {
  if (!f.apache_map || !f.nginx_map) return;
  std::error_code ec1, ec2;
  const auto a = std::filesystem::weakly_canonical(std::filesystem::absolute(*f.apache_map), ec1);
  const auto n = std::filesystem::weakly_canonical(std::filesystem::absolute(*f.nginx_map), ec2);
  if (*f.apache_map == *f.nginx_map || (!ec1 && !ec2 && a == n)) {
    throw UsageError("--apache-map and --nginx-map are the same file '" + Printable(*f.apache_map) +
                     "': give each its own path (the second would overwrite the first)");
  }
}

importer::ImportOptions ToOptions(const ImportFlags& f) {
  importer::ImportOptions o;
  o.root = f.root;
  CheckPrefix(f.prefix);
  o.prefix = f.prefix;
  o.container = f.container;
  if (f.old_base_path.empty() || f.old_base_path.front() != '/' || f.old_base_path.back() != '/') {
    throw UsageError("--old-base-path '" + Printable(f.old_base_path) +
                     "' must be the URL path the old server served the tree at, starting and "
                     "ending in '/' (e.g. / or /logs/)");
  }
  o.old_base_path = f.old_base_path;
  if (f.viewer_url) CheckViewerUrl(*f.viewer_url);
  o.viewer_url = f.viewer_url;
  if (f.build_depth) {
    if (!f.build_markers.empty()) {
      throw UsageError("give either --build-depth or --build-marker, not both");
    }
    o.build_rule.depth =
        static_cast<size_t>(ParseNumberFlag("--build-depth", *f.build_depth, 1, 64));
  } else if (!f.build_markers.empty()) {
    o.build_rule.markers = f.build_markers;
  }
  o.parallel = static_cast<size_t>(ParseNumberFlag("--parallel", f.parallel, 1, 256));
  o.gzip_level = static_cast<int>(ParseNumberFlag("--gzip-level", f.gzip_level, 0, 9));
  o.stall_timeout = std::chrono::seconds(ParseNumberFlag("--timeout", f.timeout_s, 1, 3600));
  std::optional<std::chrono::seconds> retry_for = ParseDuration(f.retry_for);
  if (!retry_for || *retry_for > std::chrono::hours(24)) {
    throw UsageError("--retry-for '" + f.retry_for +
                     "' is not a duration up to 1d: write e.g. 0 (no retries), 90s, 5m or 1h");
  }
  o.retry.max_total = *retry_for;
  if (f.delete_after) {
    auto d = ParseDuration(*f.delete_after);
    if (!d || d->count() <= 0) {
      throw UsageError("--delete-after '" + *f.delete_after +
                       "' is not a duration: write e.g. 3600, 12h or 30d");
    }
    o.delete_after_s = d->count();
  }
  if ((f.apache_map || f.nginx_map) && !f.viewer_url) {
    throw UsageError(
        "--apache-map and --nginx-map need --viewer-url: the redirects go to the "
        "viewer (the URL `logstow publish-viewer` printed)");
  }
  CheckMapPaths(f);
  return o;
}

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

void PrintSummary(const importer::ImportReport& r) {
  const uploader::UploadReport& t = r.transfers;
  for (const std::string& w : t.warnings) PrintWarning(Printable(w));
  size_t pages_sent = 0;
  PrintFailedObjects(t);
  for (const uploader::ObjectResult& o : t.objects) {
    pages_sent += o.generated && o.status == ObjectStatus::kLanded;
  }
  char wall[32];
  std::snprintf(wall, sizeof wall, "%.1f", t.wall_seconds);
  std::cerr << "logstow: import: " << Plural(r.files, "file", "files") << " in "
            << Plural(r.builds, "build", "builds") << " (" << r.outside_builds
            << " outside any build): " << t.count(ObjectStatus::kLanded) << " sent, "
            << r.files_stored << " already in Swift, " << t.count(ObjectStatus::kFailed)
            << " failed, " << t.count(ObjectStatus::kSkipped) << " skipped; " << pages_sent
            << " index pages and manifests sent, " << r.pages_unchanged << " unchanged; "
            << Plural(static_cast<size_t>(t.requests), "PUT", "PUTs") << ", "
            << HumanSize(t.sent_bytes) << " sent in " << wall << " s, "
            << Plural(static_cast<size_t>(t.retries), "retry", "retries") << '\n';
  if (!t.aborted.empty()) PrintError("import stopped: " + t.aborted);
}

int RunImport(const ImportFlags& flags) {
  importer::ImportOptions options = ToOptions(flags);
  // Outputs first: a path that cannot be written stops the run before it starts.
  MapOutput apache(flags.apache_map), nginx(flags.nginx_map);
  std::ofstream json_out;
  if (flags.json_file) {
    json_out.open(*flags.json_file);
    if (!json_out) throw UsageError("cannot write the report to '" + *flags.json_file + "'");
  }
  if (flags.key_file) options.tempurl_key = LoadKey(flags.key_file, "LOGSTOW_TEMPURL_KEY");
  ProgressPrinter progress(ParseProgressMode(flags.progress));
  options.on_progress = [&progress](const uploader::UploadProgress& p) { progress.Update(p); };
  setup::SwiftSession session(LoadCredentials(flags.credentials));
  importer::ImportReport report = importer::Import(session, options);
  progress.Finish();
  PrintSummary(report);
  bool written = true;
  std::string maps_written;  // only the maps that are in place
  auto commit = [&](MapOutput& map, const std::string& text) {
    if (!map.wanted()) return;
    if (!map.Commit(text)) {
      written = false;
      return;
    }
    maps_written += (maps_written.empty() ? "" : ", ") + Printable(map.path());
  };
  commit(apache, importer::ApacheMapText(report.redirects));
  commit(nginx, importer::NginxMapText(report.redirects));
  if (!maps_written.empty()) {
    std::cerr << "logstow: " << Plural(report.redirects.size(), "redirect", "redirects")
              << " written (" << maps_written << ")\n";
  }
  std::cout << report.transfers.viewer_url << std::endl;
  if (flags.json_file) {
    json_out << report.transfers.ToJson() << '\n';
    json_out.close();
    written &= static_cast<bool>(json_out);
  }
  if (!written) return kExitUsage;
  return report.ok() ? kExitOk : kExitPartialFailure;
}

}  // namespace

void RegisterImportCommand(CLI::App& app, Command& selected) {
  auto f = std::make_shared<ImportFlags>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      "Operator: move an old (SCP-era) log tree into Swift under a prefix with upload's rules "
      "(gzip, types, index pages, a zuul-manifest.json per build folder), in parallel and "
      "resumable (objects Swift has with the same size and ETag are not sent again), then write "
      "Apache/nginx maps that redirect every old URL to the viewer (docs/import.md). "
      "Credentials as for swift-setup. Exit 1 when some files failed (rerun it)");
  cmd->add_option("root", f->root, "The old log tree's root folder")->required();
  cmd->add_option("--prefix", f->prefix, "Object-name prefix the tree goes under, e.g. old/")
      ->required();
  cmd->add_option("--container", f->container, "The logs container")->capture_default_str();
  cmd->add_option("--credentials", f->credentials, "As for swift-setup");
  cmd->add_option("--key-file", f->key_file,
                  "The Temp-URL key (default: read from the container, else the account)");
  cmd->add_option("--viewer-url", f->viewer_url,
                  "The viewer page (as publish-viewer printed it): index pages link to it and "
                  "the redirects go to it");
  cmd->add_option("--old-base-path", f->old_base_path,
                  "The URL path the old server served the root at")
      ->capture_default_str();
  cmd->add_option("--build-depth", f->build_depth,
                  "A build folder is every folder this many levels below the root (default: a "
                  "folder holding zuul-info, job-output.txt(.gz) or job-output.json(.gz))");
  cmd->add_option("--build-marker", f->build_markers,
                  "A name whose presence makes its folder a build folder; repeatable (replaces "
                  "the default markers)")
      ->allow_extra_args(false);
  cmd->add_option("--apache-map", f->apache_map, "Write an Apache RewriteMap (txt) here");
  cmd->add_option("--nginx-map", f->nginx_map, "Write nginx map lines here");
  cmd->add_option("--parallel", f->parallel, "PUTs in flight, 1-256")->capture_default_str();
  cmd->add_option("--gzip-level", f->gzip_level, "gzip level for text, 1-9; 0 turns gzip off")
      ->capture_default_str();
  cmd->add_option("--delete-after", f->delete_after,
                  "Swift deletes the objects after this long (X-Delete-After), e.g. 90d");
  cmd->add_option("--timeout", f->timeout_s, "Seconds a transfer may stall, 1-3600")
      ->capture_default_str();
  cmd->add_option("--retry-for", f->retry_for, "Time budget per file for retries")
      ->capture_default_str();
  cmd->add_option("--progress", f->progress, "auto, tty, plain or none")->capture_default_str();
  cmd->add_option("--json", f->json_file, "Write the JSON report of what was sent here");
  cmd->callback([&selected, f] { selected = [f] { return RunImport(*f); }; });
}

}  // namespace logstow::cli
