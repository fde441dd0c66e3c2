// Puts the built viewer (web/: page, JS, CSS, the Wasm module) into the viewer container, so
// the viewer is `<storage>/<viewer container>/index.html?q=...` and needs no web server
// (`logstow publish-viewer`). Writes config.json beside it naming the origins whose logs the
// page may fetch. Text and Wasm go gzipped (Content-Encoding: gzip), the Wasm as
// application/wasm so browsers compile it while it streams. Tested by
// tests/swift/swift_setup_test.cc.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "setup/swift_session.h"

namespace logstow::setup {

struct PublishOptions {
  std::filesystem::path web_dir;         // the built site (build/wasm/web)
  std::string viewer_container = "logviewer";
  std::vector<std::string> log_origins;  // config.json allowed_origins; empty: any http(s)
};

struct PublishResult {
  std::vector<std::string> objects;  // names written
  std::string viewer_url;            // <storage>/<container>/index.html
};

// Throws SwiftError when a PUT is refused, and Error ("publish.web_dir") when web_dir lacks
// index.html or logstow_viewer.wasm (build with LOGSTOW_WASM=ON first).
PublishResult PublishViewer(SwiftSession& session, const PublishOptions& options);

// The Content-Type a viewer file is served with, by extension.
std::string ViewerContentType(const std::filesystem::path& file);

// config.json's text: {"allowed_origins": [...]}.
std::string ViewerConfigJson(const std::vector<std::string>& log_origins);

}  // namespace logstow::setup
