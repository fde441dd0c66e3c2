// `logstow index`: flags into BuildIndexOptions, uploader::BuildIndex(), the report printed, the
// exit code chosen. No indexing logic here.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/number_flag.h"
#include "cli/output.h"
#include "cli/report_spec.h"
#include "cli/secrets.h"
#include "cli/storage_url_flag.h"
#include "tokens/token_codec.h"
#include "uploader/build_index.h"
#include "uploader/index_writer.h"

namespace logstow::cli {

namespace {

using uploader::ObjectStatus;

struct IndexFlags {
  std::optional<std::string> token;
  std::optional<std::string> token_file;
  std::vector<std::string> reports;  // "[SUB-PREFIX=]FILE"
  std::optional<std::string> json_file;
  std::string parallel = "16";
  std::string gzip_level = "6";
  bool no_index = false;
  bool no_manifest = false;
  std::vector<std::string> fallback_storage_urls;
};

std::string ReadReport(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  return std::string(std::istreambuf_iterator<char>(in), {});
}

int RunIndex(const IndexFlags& f) {
  uploader::BuildIndexOptions o;
  o.check.parallel = static_cast<size_t>(ParseNumberFlag("--parallel", f.parallel, 1, 256));
  o.gzip_level = static_cast<int>(ParseNumberFlag("--gzip-level", f.gzip_level, 0, 9));
  o.write_indexes = !f.no_index;
  o.write_manifest = !f.no_manifest;
  for (const std::string& spec : f.reports) {
    ReportSpec split = SplitReportSpec(spec);
    uploader::UploaderReport r;
    r.sub_prefix = std::move(split.sub_prefix);
    const std::string path = std::move(split.file);
    r.label = path;
    // A report that cannot be read (the node never wrote it) is one the run reports, not a stop.
    r.json = ReadReport(path);
    o.reports.push_back(std::move(r));
  }
  // Open the report first: a path that cannot be written must stop the run before it starts.
  std::ofstream json_out;
  if (f.json_file) {
    json_out.open(*f.json_file);
    if (!json_out) throw UsageError("cannot write the report to '" + *f.json_file + "'");
  }
  o.token = tokens::DecodeToken(LoadToken(f.token, f.token_file));
  o.fallback_storage_urls = f.fallback_storage_urls;
  CheckFallbackStorageUrls(o.token.scope, o.fallback_storage_urls);

  uploader::UploadReport report = uploader::BuildIndex(o);
  for (const std::string& w : report.warnings) PrintWarning(Printable(w));
  for (const uploader::ObjectResult& r : report.objects) {
    if (r.status == ObjectStatus::kFailed) {
      std::cerr << "logstow: failed: " << Printable(r.name) << ": " << Printable(r.error) << '\n';
    } else if (r.status == ObjectStatus::kSkipped) {
      std::cerr << "logstow: dropped: " << Printable(r.name) << ": " << Printable(r.error) << '\n';
    }
  }
  int listed = 0;
  for (const uploader::ObjectResult& r : report.objects) {
    listed += r.status == ObjectStatus::kLanded && !r.generated;
  }
  std::cerr << "logstow: indexed " << listed << (listed == 1 ? " object" : " objects") << " of "
            << o.reports.size() << (o.reports.size() == 1 ? " report" : " reports") << ", "
            << report.count(ObjectStatus::kSkipped) << " dropped, "
            << report.count(ObjectStatus::kFailed) << " failed\n";
  if (!report.aborted.empty()) PrintError("index stopped: " + report.aborted);
  // The build's address only once its pages or manifest are there: a script that takes stdout
  // as the build's log_url must not get one for a build nothing was written for.
  const bool wrote = std::any_of(report.objects.begin(), report.objects.end(), [](const auto& r) {
    return r.generated && r.status == ObjectStatus::kLanded;
  });
  if (wrote) std::cout << report.prefix_url << std::endl;
  if (f.json_file) {
    json_out << report.ToJson() << '\n';
    json_out.close();
    if (!json_out) {
      PrintError("could not write the report to '" + *f.json_file + "'");
      return kExitUsage;
    }
  }
  return report.ok() ? kExitOk : kExitPartialFailure;
}

}  // namespace

void RegisterIndexCommand(CLI::App& app, Command& selected) {
  auto f = std::make_shared<IndexFlags>();
  CLI::App* cmd = app.add_subcommand(
      "index",
      "Write the index.html pages and zuul-manifest.json of a build uploaded by several "
      "uploaders (`logstow upload --no-index --no-manifest --json REPORT` on each node), from "
      "their reports: each report's entries are kept only under that uploader's sub-prefix, and "
      "only when Swift has the object (HEAD). Needs a token for the whole build prefix. Prints "
      "the build's prefix URL once a page or the manifest is written. Exit 0 when all went well, 1 "
      "when a report was unreadable or "
      "something failed, 2 on bad input");
  cmd->add_option("--report", f->reports,
                  "[SUB-PREFIX=]FILE: an upload report and the sub-prefix (relative to the "
                  "token's prefix, ending in '/') its uploader's token covered; no SUB-PREFIX: "
                  "the whole prefix (write =FILE when FILE holds '='). Repeat per uploader")
      ->required();
  cmd->add_option("--token", f->token,
                  "The token (default: $LOGSTOW_TOKEN); prefer the environment or --token-file");
  cmd->add_option("--token-file", f->token_file, "Read the token from this file");
  cmd->add_option("--json", f->json_file, "Write a JSON report here");
  cmd->add_option("--parallel", f->parallel, "HEADs and PUTs in flight, 1-256")
      ->capture_default_str();
  cmd->add_option("--gzip-level", f->gzip_level, "gzip level for the pages, 1-9; 0: none")
      ->capture_default_str();
  AddFallbackStorageUrlOption(cmd, &f->fallback_storage_urls);
  cmd->add_flag("--no-index", f->no_index, "Do not write index.html pages");
  cmd->add_flag("--no-manifest", f->no_manifest, "Do not write zuul-manifest.json");
  cmd->callback([&selected, f] { selected = [f] { return RunIndex(*f); }; });
}

}  // namespace logstow::cli
