// Puts the built viewer (web/: page, JS, CSS, the Wasm module) into the viewer container, so
// the viewer is `<storage>/<viewer container>/index.html?q=...` and needs no web server
// (`logstow publish-viewer`). Writes config.json beside it naming the origins whose logs the
// page may fetch. Text and Wasm go gzipped (Content-Encoding: gzip), the Wasm as
// application/wasm so browsers compile it while it streams.
//
// Origins: jobs upload .html/.svg that Swift serves as text/html / image/svg+xml, so a job's page
// runs script in whatever origin serves the logs. The viewer must live in another origin, or that
// script could drive a viewer window showing another build's logs. Swift does not care which host
// name it is reached by, so one Swift serves both: the viewer as https://viewer.example/v1/…/
// logviewer/index.html, the logs as https://swift.example/v1/…/logs/… (README "Deployment").
// PublishViewer refuses when the viewer's origin is the storage's or a log origin, unless
// allow_same_origin says the operator accepts that. Tested by tests/swift/swift_setup_test.cc
// and tests/unit/setup/publish_viewer_test.cc.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "setup/swift_session.h"

namespace logstow::setup {

struct PublishOptions {
  std::filesystem::path web_dir;  // the built site (build/wasm/web)
  std::string viewer_container = "logviewer";
  std::vector<std::string> log_origins;  // config.json allowed_origins; empty: the storage's
  // The origin readers reach the viewer by ("https://viewer.example"); "" = the storage URL's.
  std::string viewer_origin;
  bool allow_same_origin = false;  // publish even when viewer_origin serves the logs
};

struct PublishResult {
  std::vector<std::string> objects;      // names written
  std::string viewer_url;                // <viewer origin><storage path>/<container>/index.html
  std::vector<std::string> log_origins;  // what config.json allows
};

// Throws SwiftError when a PUT is refused; Error "publish.web_dir" when web_dir lacks index.html
// or logstow_viewer.wasm (build with LOGSTOW_WASM=ON first); Error "publish.same_origin" (before
// anything is sent) when the viewer's origin is the storage's or a log origin and
// allow_same_origin is false; Error "setup.origin" (before anything is sent) when a log origin
// or the viewer origin is not an origin (setup/origin.h).
// Empty log_origins mean the storage URL's origin.
PublishResult PublishViewer(SwiftSession& session, const PublishOptions& options);

// "https://swift.example:8080/v1/AUTH_x" -> "https://swift.example:8080".
std::string OriginOfUrl(const std::string& url);

// The viewer URL when `storage_url`'s Swift is reached through `viewer_origin` ("" = as is).
std::string ViewerUrl(const std::string& storage_url, const std::string& viewer_origin,
                      const std::string& viewer_container);

// The refusal PublishViewer throws, or "" when the viewer's origin serves no logs (or it is
// allowed). The logs container is served at `storage_origin` whatever `log_origins` (the origins
// config.json lets the viewer read) says, so both count.
std::string SameOriginProblem(const std::string& viewer_origin, const std::string& storage_origin,
                              const std::vector<std::string>& log_origins, bool allow_same_origin);

// The Content-Type a viewer file is served with, by extension.
std::string ViewerContentType(const std::filesystem::path& file);

// config.json's text: {"allowed_origins": [...]}.
std::string ViewerConfigJson(const std::vector<std::string>& log_origins);

}  // namespace logstow::setup
