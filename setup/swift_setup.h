// What an operator sets on Swift once for logstow, done idempotently (`logstow swift-setup`):
//  - the Temp-URL key (the secret the scheduler signs tokens with) on the account or on the
//    logs container, optionally rotating the previous key into Key-2;
//  - the logs container: public read with listings (X-Container-Read: .r:*,.rlistings), CORS
//    for the viewer's origin(s), and no staticweb (it would turn anonymous JSON listings into
//    HTML pages the viewer cannot read); or a set of partition containers set up alike;
//  - the viewer container: public read, staticweb (X-Container-Meta-Web-Index: index.html).
// Each step reads first and writes only what differs. Tested by tests/swift/swift_setup_test.cc.
#pragma once

#include <string>
#include <vector>

#include "setup/swift_session.h"

namespace logstow::setup {

struct SetupOptions {
  std::string tempurl_key;        // the secret; never printed
  bool key_on_container = false;  // set it on the logs container instead of the account
  bool rotate = false;            // keep the current key as Key-2 when it differs
  std::string logs_container = "logs";
  std::string viewer_container = "logviewer";
  // Origins a viewer served from elsewhere is on; empty leaves the CORS metadata as it is.
  std::vector<std::string> cors_origins;
  // 0: one logs container. 1..3: instead, one per value of the build uuid's first N hex
  // characters, "<logs_container>_<hex>" (16, 256 or 4096 containers), each set up as the logs
  // container is (key too, with key_on_container): the containers the logstow-token role's
  // zuul_log_partition writes to, so no single container database holds every build.
  int partition_chars = 0;
};

// "<logs_container>_<hex>" for every hex string of `chars` characters, sorted ("logs_0" ..
// "logs_f" for 1); {logs_container} for 0. REQUIRES: 0 <= chars <= 3.
std::vector<std::string> LogsContainers(const std::string& logs_container, int chars);

struct SetupResult {
  std::vector<std::string> changes;  // one sentence per change; empty when all was in place
  std::string viewer_url;            // <storage>/<viewer container>/index.html
  std::string logs_url;              // <storage>/<logs container> (the first partition's)
};

// Throws SwiftError ("swift.request") when Swift refuses a step, naming it, the status and
// what to do (e.g. 403: the user is not an operator (.admin / ResellerAdmin)); Error
// "setup.origin" (before anything is sent) when a CORS origin is not an origin (setup/origin.h).
SetupResult SetupSwift(SwiftSession& session, const SetupOptions& options);

// Headers the viewer reads cross-origin, for X-Container-Meta-Access-Control-Expose-Headers.
// X-Object-Meta-Logstow-Size is the uploader's size metadata (uploader/upload.h
// kSizeMetaHeader), which the viewer sizes its buffer from. Swift 2.30 exposes every
// X-Object-Meta-* an object carries by itself (proxy/controllers/base.py cors_validation); it is
// named here too for proxies and versions that expose only what the container lists.
inline constexpr char kExposeHeaders[] =
    "Content-Length Content-Encoding Content-Type Etag Last-Modified X-Object-Meta-Mtime "
    "X-Object-Meta-Logstow-Size";

}  // namespace logstow::setup
