// `logstow swift-setup` and `logstow publish-viewer`: the operator's one-off set-up.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/credentials.h"
#include "cli/number_flag.h"
#include "cli/output.h"
#include "cli/secrets.h"
#include "setup/origin.h"
#include "setup/publish_viewer.h"
#include "setup/swift_setup.h"

namespace logstow::cli {

namespace {

namespace fs = std::filesystem;

struct SetupFlags {
  std::optional<std::string> credentials;
  std::optional<std::string> key_file;
  bool key_on_container = false;
  bool rotate = false;
  std::string logs_container = "logs";
  std::string viewer_container = "logviewer";
  std::vector<std::string> cors_origins;
  std::string partitions = "0";
};

struct PublishFlags {
  std::optional<std::string> credentials;
  std::optional<std::string> web_dir;
  std::string viewer_container = "logviewer";
  std::vector<std::string> log_origins;
  std::optional<std::string> viewer_origin;
  bool allow_same_origin = false;
};

// The built site beside this binary (build/cli/logstow -> build/wasm/web), else the
// installed one.
fs::path DefaultWebDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  for (fs::path candidate :
       {exe.parent_path().parent_path() / "wasm" / "web", fs::path("/usr/share/logstow/web")}) {
    if (fs::is_regular_file(candidate / "index.html", ec)) return candidate;
  }
  return exe.parent_path().parent_path() / "wasm" / "web";
}

int RunSetup(const SetupFlags& f) {
  setup::CheckOrigins("--cors-origin", f.cors_origins);  // before the login
  setup::SetupOptions options;
  const char* env_key = std::getenv("LOGSTOW_TEMPURL_KEY");
  if (f.key_file || (env_key != nullptr && *env_key != '\0')) {
    options.tempurl_key = LoadKey(f.key_file, "LOGSTOW_TEMPURL_KEY");
  } else {
    PrintWarning("no Temp-URL key given (--key-file or LOGSTOW_TEMPURL_KEY): left as it is");
  }
  options.key_on_container = f.key_on_container;
  options.rotate = f.rotate;
  options.logs_container = f.logs_container;
  options.viewer_container = f.viewer_container;
  options.cors_origins = f.cors_origins;
  options.partition_chars = static_cast<int>(ParseNumberFlag("--partitions", f.partitions, 0, 3));
  setup::SwiftSession session(LoadCredentials(f.credentials));
  setup::SetupResult result = setup::SetupSwift(session, options);
  for (const std::string& change : result.changes) std::cout << change << '\n';
  if (result.changes.empty()) std::cout << "nothing to change: Swift is set up for logstow\n";
  if (options.partition_chars > 0) {
    const auto names = setup::LogsContainers(options.logs_container, options.partition_chars);
    std::cout << "logs:   " << names.size() << " partition containers, " << names.front() << " .. "
              << names.back() << '\n';
  }
  std::cout << "logs:   " << result.logs_url << "/\n"
            << "viewer: " << result.viewer_url << '\n';
  return kExitOk;
}

int RunPublish(const PublishFlags& f) {
  setup::CheckOrigins("--log-origin", f.log_origins);
  if (f.viewer_origin) setup::CheckOrigins("--viewer-origin", {*f.viewer_origin});
  // Checked before logging in: nothing is sent for a refused set-up. (The storage URL is known
  // only after the login; PublishViewer checks the viewer origin against it too.)
  if (f.viewer_origin && !f.log_origins.empty()) {
    std::string problem =
        setup::SameOriginProblem(*f.viewer_origin, "", f.log_origins, f.allow_same_origin);
    if (!problem.empty()) throw UsageError(problem);
  }
  setup::SwiftSession session(LoadCredentials(f.credentials));
  setup::PublishOptions options;
  options.web_dir = f.web_dir ? fs::path(*f.web_dir) : DefaultWebDir();
  options.viewer_container = f.viewer_container;
  options.log_origins = f.log_origins;
  options.viewer_origin = f.viewer_origin.value_or("");
  options.allow_same_origin = f.allow_same_origin;
  setup::PublishResult result = setup::PublishViewer(session, options);
  std::cerr << "logstow: published " << result.objects.size() << " files from "
            << options.web_dir.string() << "; config.json allows logs from";
  for (const std::string& origin : result.log_origins) std::cerr << ' ' << origin;
  std::cerr << "\n";
  std::cout << result.viewer_url << '\n';
  return kExitOk;
}

}  // namespace

void RegisterSetupCommands(CLI::App& app, Command& selected) {
  auto s = std::make_shared<SetupFlags>();
  CLI::App* setup_cmd = app.add_subcommand(
      "swift-setup",
      "Operator: set the Temp-URL key, create the public logs container (listings, CORS, no "
      "staticweb) and the viewer container (staticweb). Idempotent; prints what it changed. "
      "Credentials from the environment or --credentials, never the command line");
  setup_cmd->add_option("--credentials", s->credentials,
                        "File of NAME=value lines: LOGSTOW_SWIFT_AUTH_URL, LOGSTOW_SWIFT_USER, "
                        "LOGSTOW_SWIFT_KEY (or OS_STORAGE_URL, OS_AUTH_TOKEN)");
  setup_cmd->add_option("--key-file", s->key_file,
                        "File holding the Temp-URL key to set (default: $LOGSTOW_TEMPURL_KEY)");
  setup_cmd->add_flag("--key-on-container", s->key_on_container,
                      "Set the key on the logs container instead of the account");
  setup_cmd->add_flag("--rotate-key", s->rotate,
                      "Keep the current key as Key-2 so tokens already issued keep working");
  setup_cmd->add_option("--logs-container", s->logs_container)->capture_default_str();
  setup_cmd->add_option("--viewer-container", s->viewer_container)->capture_default_str();
  setup_cmd->add_option("--cors-origin", s->cors_origins,
                        "Origin(s) of a viewer served from elsewhere, allowed to read the logs "
                        "(e.g. https://logs.example); not needed for the viewer in Swift itself");
  setup_cmd
      ->add_option("--partitions", s->partitions,
                   "0: one logs container; 1-3: instead, one per first 1-3 hex characters "
                   "of the build uuid, <logs-container>_<hex> (16, 256 or 4096 containers), "
                   "for the Zuul role's zuul_log_partition")
      ->capture_default_str();
  setup_cmd->callback([&selected, s] { selected = [s] { return RunSetup(*s); }; });

  auto p = std::make_shared<PublishFlags>();
  CLI::App* publish_cmd = app.add_subcommand(
      "publish-viewer",
      "Operator: upload the built viewer into the viewer container and print its URL; "
      "readers then open <URL>?q=<log or folder URL>");
  publish_cmd->add_option("--credentials", p->credentials, "As for swift-setup");
  publish_cmd->add_option("--web-dir", p->web_dir,
                          "The built viewer (default: build/wasm/web beside this binary)");
  publish_cmd->add_option("--viewer-container", p->viewer_container)->capture_default_str();
  publish_cmd->add_option("--log-origin", p->log_origins,
                          "Origins the viewer may fetch logs from, written to config.json "
                          "(default: this Swift's origin)");
  publish_cmd->add_option("--viewer-origin", p->viewer_origin,
                          "The origin readers reach the viewer by: another host name for this "
                          "Swift (e.g. https://viewer.example), so job-written HTML never runs "
                          "in the viewer's origin (default: the storage URL's; then refused "
                          "unless --allow-same-origin)");
  publish_cmd->add_flag("--allow-same-origin", p->allow_same_origin,
                        "Publish even when the viewer's origin is a log origin (job-written "
                        "HTML could then script the viewer)");
  publish_cmd->callback([&selected, p] { selected = [p] { return RunPublish(*p); }; });
}

}  // namespace logstow::cli
