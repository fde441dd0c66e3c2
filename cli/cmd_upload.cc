// `logstow upload DIR`: flags into UploadOptions, uploader::Upload(), the report printed, the
// exit code chosen. No upload logic here.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/number_flag.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "cli/secrets.h"
#include "cli/storage_url_flag.h"
#include "common/duration.h"
#include "common/human_size.h"
#include "common/time_format.h"
#include "tokens/token_codec.h"
#include "uploader/interrupt_cleanup.h"
#include "uploader/processing_rules.h"
#include "uploader/token_refresh.h"
#include "uploader/upload.h"
#include "uploader/upload_hook.h"

namespace logstow::cli {

namespace {

using uploader::ObjectStatus;

struct UploadFlags {
  std::string folder;
  std::optional<std::string> token;
  std::optional<std::string> token_file;
  // Numbers as text, parsed by ParseNumberFlag (decimal only, range-checked).
  std::string parallel = "64";  // as UploadOptions: far stores need many requests in flight
  std::string gzip_level = "6";
  std::optional<std::string> delete_after;
  std::optional<std::string> json_file;
  bool dry_run = false;
  std::string progress = "auto";
  std::string timeout_s = "30";
  std::optional<std::string> retries;  // no cap by default: --retry-for bounds the retries
  std::string retry_for = "5m";
  std::optional<std::string> token_command;
  bool no_index = false;
  bool no_manifest = false;
  std::vector<std::string> fallback_storage_urls;
  std::optional<std::string> processing_file;
  std::optional<std::string> on_uploaded;
  std::string on_uploaded_timeout = "60s";
};

uploader::UploadOptions ToOptions(const UploadFlags& f) {
  uploader::UploadOptions o;
  o.folder = f.folder;
  // Flags first: a typo is reported before anything is read.
  o.parallel = static_cast<size_t>(ParseNumberFlag("--parallel", f.parallel, 1, 256));
  o.gzip_level = static_cast<int>(ParseNumberFlag("--gzip-level", f.gzip_level, 0, 9));
  o.stall_timeout = std::chrono::seconds(ParseNumberFlag("--timeout", f.timeout_s, 1, 3600));
  if (f.retries) {
    o.retry.max_attempts = static_cast<int>(ParseNumberFlag("--retries", *f.retries, 0, 1000)) + 1;
  }
  std::optional<std::chrono::seconds> retry_for = ParseDuration(f.retry_for);
  if (!retry_for || *retry_for > std::chrono::hours(24)) {
    throw UsageError("--retry-for '" + f.retry_for +
                     "' is not a duration up to 1d: write e.g. "
                     "0 (no retries), 90s, 5m or 1h");
  }
  o.retry.max_total = *retry_for;
  o.token_text = LoadToken(f.token, f.token_file);
  o.token = tokens::DecodeToken(o.token_text);
  if (f.delete_after) {
    auto d = ParseDuration(*f.delete_after);
    if (!d || d->count() <= 0) {
      throw UsageError("--delete-after '" + *f.delete_after +
                       "' is not a duration: write e.g. 3600, 12h or 30d");
    }
    o.delete_after_s = d->count();  // Upload() caps it at the token's (uploader/delete_after.h)
  }
  if (f.token_command) {
    o.refresh_token = [command = *f.token_command] { return uploader::RunTokenCommand(command); };
  }
  o.write_indexes = !f.no_index;
  o.write_manifest = !f.no_manifest;
  o.fallback_storage_urls = f.fallback_storage_urls;
  if (f.processing_file) {
    o.processing = std::make_shared<const uploader::ProcessingRules>(
        uploader::LoadProcessingRules(*f.processing_file));
  }
  // Built here only to check them: a bad URL is a usage error now, not after the walk.
  CheckFallbackStorageUrls(o.token.scope, o.fallback_storage_urls);
  return o;
}

std::chrono::seconds HookTimeout(const std::string& text) {
  std::optional<std::chrono::seconds> t = ParseDuration(text);
  if (!t || t->count() < 1 || *t > std::chrono::hours(1)) {
    throw UsageError("--on-uploaded-timeout '" + text +
                     "' is not a duration from 1 s to 1 h: write e.g. 30s or 5m");
  }
  return *t;
}

int RunDryRun(const uploader::UploadOptions& options) {
  uploader::UploadPlan plan = uploader::PlanUpload(options);
  for (const std::string& w : plan.warnings) PrintWarning(Printable(w));
  uint64_t total = 0;
  std::cout << "# object\tcontent-type\tencoding\tsize\n";
  for (const uploader::PlannedObject& o : plan.objects) {
    std::cout << Printable(o.object) << '\t' << o.content_type << '\t'
              << (o.compress ? "gzip" : "-") << '\t' << o.size_bytes
              << (o.problem.empty() ? "" : "\tCANNOT UPLOAD: " + o.problem)
              << (o.processing.empty() ? "" : "\t" + o.processing) << '\n';
    total += o.size_bytes;
  }
  // What will not go at all (unreadable folders, processing skips, folder links, FIFOs), so the
  // plan names every file.
  for (const uploader::SkippedEntry& unreadable : plan.unreadable) {
    std::cout << Printable(options.token.scope.prefix + unreadable.name)
              << "\t-\t-\t-\tCANNOT UPLOAD: " << Printable(unreadable.reason) << '\n';
  }
  for (const uploader::SkippedEntry& skipped : plan.skipped) {
    std::cout << Printable(options.token.scope.prefix + skipped.name)
              << "\t-\t-\t-\tNOT SENT: " << Printable(skipped.reason) << '\n';
  }
  std::cerr << "logstow: dry run: " << plan.objects.size() << " files, " << HumanSize(total)
            << ", would go under " << tokens::PrefixUrl(options.token.scope)
            << (plan.unreadable.empty()
                    ? ""
                    : "; " + std::to_string(plan.unreadable.size()) + " cannot be read")
            << (plan.skipped.empty() ? "" : "; " + std::to_string(plan.skipped.size()) + " skipped")
            << "; nothing was sent\n";
  return kExitOk;
}

std::string Plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "; index pages and manifest: 2 failed" when some did not land (the failed lines name them);
// "" otherwise. Apart from the files' count, as the report's "files" counts them.
std::string GeneratedFailures(const uploader::UploadReport& report) {
  int failed = 0;
  for (const uploader::ObjectResult& o : report.objects) {
    failed += o.generated && o.status == ObjectStatus::kFailed;
  }
  return failed == 0 ? "" : "; index pages and manifest: " + std::to_string(failed) + " failed";
}

// "logstow: 8 B in 3 files, 1.2 KiB sent in 0.4 s; 0 retries, 0 failed, 2 skipped". Sent counts
// every byte on the wire: index pages, the manifest and failed attempts included. "failed"
// counts files (and unreadable folders), as the report's "files" does.
void PrintSummary(const uploader::UploadReport& report) {
  for (const std::string& w : report.warnings) PrintWarning(Printable(w));
  PrintFailedObjects(report);
  char wall[32];
  std::snprintf(wall, sizeof wall, "%.1f", report.wall_seconds);
  std::cerr << "logstow: " << HumanSize(report.logical_bytes()) << " in "
            << Plural(report.count(ObjectStatus::kLanded) + report.count(ObjectStatus::kSegmented),
                      "file", "files")
            << ", " << HumanSize(report.sent_bytes) << " sent in " << wall << " s; "
            << Plural(report.retries, "retry", "retries") << ", "
            << report.count(ObjectStatus::kFailed) << " failed, "
            << report.count(ObjectStatus::kSkipped) << " skipped" << GeneratedFailures(report)
            << '\n';
  if (!report.aborted.empty()) PrintError("upload stopped: " + report.aborted);
}

int RunUpload(const UploadFlags& flags) {
  // First, before any thread: SIGINT/SIGTERM/SIGHUP then kill the commands' process groups and
  // remove the spool folder before the process ends (docs/processing.md).
  uploader::InterruptCleanup interrupt_cleanup;
  uploader::UploadOptions options = ToOptions(flags);
  std::chrono::seconds hook_timeout = HookTimeout(flags.on_uploaded_timeout);
  if (!flags.on_uploaded && flags.on_uploaded_timeout != "60s") {
    throw UsageError(
        "--on-uploaded-timeout is given without --on-uploaded: name the command to "
        "run after the upload, or drop the timeout");
  }
  if (flags.dry_run) return RunDryRun(options);

  int64_t left = options.token.scope.expires_unix_s - NowUnixSeconds();
  if (left <= 0) {
    throw UsageError("the token expired at " +
                     FormatUnixTimeUtc(options.token.scope.expires_unix_s) +
                     ": ask the scheduler for a new one");
  }
  if (left < 300) PrintWarning("the token expires in " + std::to_string(left) + " s");

  // Open the report first: a path that cannot be written must stop the run before it starts.
  std::ofstream json_out;
  if (flags.json_file) {
    json_out.open(*flags.json_file);
    if (!json_out) throw UsageError("cannot write the report to '" + *flags.json_file + "'");
  }
  ProgressPrinter progress(ParseProgressMode(flags.progress));
  options.on_progress = [&progress](const uploader::UploadProgress& p) { progress.Update(p); };
  uploader::UploadReport report = uploader::Upload(options);
  progress.Finish();
  PrintSummary(report);
  // No address when no file landed (docs/cli.md): a script must not hand out an empty folder.
  if (!report.viewer_url.empty()) std::cout << report.viewer_url << std::endl;
  if (flags.json_file) {
    json_out << report.ToJson() << '\n';
    json_out.close();
    if (!json_out) {
      PrintError("could not write the report to '" + *flags.json_file + "'");
      return kExitUsage;
    }
  }
  if (flags.on_uploaded) {
    std::string warning =
        uploader::RunUploadHook(*flags.on_uploaded, report.ToJson(), hook_timeout);
    if (!warning.empty()) PrintWarning(Printable(warning));
  }
  return report.ok() ? kExitOk : kExitPartialFailure;
}

}  // namespace

void RegisterUploadCommand(CLI::App& app, Command& selected) {
  auto f = std::make_shared<UploadFlags>();
  CLI::App* cmd = app.add_subcommand(
      "upload",
      "Upload a job's log folder to Swift with a job-scoped token: files (text gzipped) in "
      "parallel with retries, then index.html pages and zuul-manifest.json listing what landed. "
      "Prints the viewer URL when a file landed. Exit 0 when everything landed, 1 when some or "
      "all files failed or the run stopped, 2 on bad input (nothing sent)");
  cmd->add_option("folder", f->folder, "The folder of logs to upload")->required();
  cmd->add_option("--token", f->token,
                  "The token (default: $LOGSTOW_TOKEN); prefer the environment or --token-file");
  cmd->add_option("--token-file", f->token_file, "Read the token from this file");
  cmd->add_option("--parallel", f->parallel, "PUTs in flight, 1-256")->capture_default_str();
  cmd->add_option("--gzip-level", f->gzip_level, "gzip level for text, 1-9; 0 turns gzip off")
      ->capture_default_str();
  cmd->add_option("--delete-after", f->delete_after,
                  "Swift deletes the objects after this long (X-Delete-After), e.g. 30d; "
                  "default: the token's");
  cmd->add_option("--json", f->json_file, "Write a JSON report here (for zuul_return)");
  cmd->add_flag("--dry-run", f->dry_run, "Print the plan (objects, types, encodings, sizes) only");
  cmd->add_option("--progress", f->progress, "auto, tty, plain or none")->capture_default_str();
  cmd->add_option("--timeout", f->timeout_s,
                  "Seconds a transfer may stall (under 1 KiB/s) before it fails and is retried, "
                  "1-3600")
      ->capture_default_str();
  cmd->add_option("--retry-for", f->retry_for,
                  "Time budget per file for retrying transient failures (5xx, 429, timeouts, "
                  "resets), with waits that grow from 0.5 s to 30 s: e.g. 90s, 5m, 1h")
      ->capture_default_str();
  cmd->add_option("--retries", f->retries,
                  "Also cap the retries per file, 0-1000 (default: only --retry-for bounds them)");
  cmd->add_option("--token-command", f->token_command,
                  "When the token expires mid-upload, run this command for a new token for the "
                  "same prefix (its stdout) and continue. Run without a shell: split on spaces "
                  "into a program and its arguments");
  AddFallbackStorageUrlOption(cmd, &f->fallback_storage_urls);
  cmd->add_option("--processing", f->processing_file,
                  "A processing file (JSON, docs/processing.md): globs mapped to stages run on "
                  "matching files as they are sent: gzip, redact, skip, rename, command");
  cmd->add_option("--on-uploaded", f->on_uploaded,
                  "After the run, run this command (by /bin/sh -c) with the JSON report on its "
                  "stdin, e.g. to post it with curl; its failure is only a warning");
  cmd->add_option("--on-uploaded-timeout", f->on_uploaded_timeout,
                  "Time the --on-uploaded command may take before it is killed, 1s-1h")
      ->capture_default_str();
  cmd->add_flag("--no-index", f->no_index, "Do not write index.html pages");
  cmd->add_flag("--no-manifest", f->no_manifest, "Do not write zuul-manifest.json");
  cmd->callback([&selected, f] { selected = [f] { return RunUpload(*f); }; });
}

}  // namespace logstow::cli
