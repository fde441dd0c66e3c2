// `logstow import`: an SCP-era log tree (served by Apache autoindex from one big disk) into
// Swift under one prefix, with the rules of `logstow upload`, resumable, and the redirects
// that keep its old links working.
//   1. Plan: walk and classify the tree as `upload` does (uploader::PlanUpload: same object
//      names, content types, gzip of text, a ".txt.gz" stored as it is); find the build folders
//      (importer/build_folders.h).
//   2. Resume: list what Swift holds under the prefix (importer/existing_objects.h); a file
//      whose object is there with the size and ETag its body would have
//      (importer/body_fingerprint.h) is not sent again.
//   3. Send the rest with the uploader's transfer runner (parallel PUTs, retries, ETag checks),
//      signed with a TempURL token for the prefix that Import() issues itself in memory from
//      the Temp-URL key the operator's credentials read (so the same code path as a job's).
//   4. Per build folder: index.html pages and one zuul-manifest.json of everything of the build
//      in Swift (sent now or before), each skipped when Swift has it already, byte for byte.
//   5. Redirects: every old file path and folder path (with and without its trailing '/') of
//      an object in Swift to its viewer URL; "x.txt" too for a stored "x.txt.gz" when the tree
//      has no "x.txt" (the old server's gzip rule answered both; docs/import.md).
// Not thread-safe. Tested against a real Swift (and Debian's apache2 with the map) by
// tests/swift/import_test.cc.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "importer/build_folders.h"
#include "importer/redirect_map.h"
#include "setup/swift_session.h"
#include "uploader/retry_policy.h"
#include "uploader/upload.h"
#include "uploader/upload_report.h"

namespace logstow::importer {

struct ImportOptions {
  std::filesystem::path root;  // the old tree's root folder
  std::string container = "logs";
  // Object-name prefix the tree goes under ("old/"): an old path P becomes prefix + P.
  // REQUIRES: not empty, ends in '/' (a TempURL prefix cannot be the whole container).
  std::string prefix;
  BuildRule build_rule;
  // The viewer page ("https://viewer.example/v1/AUTH_ci/logviewer/index.html"): index pages
  // link to it, and redirects go to it. Unset: no redirects are made.
  std::optional<std::string> viewer_url;
  // The URL path the old server served the root at ("/" or "/logs/"); ends in '/'.
  std::string old_base_path = "/";
  // The Temp-URL key; "" = read with the session from the container, else the account.
  std::string tempurl_key;
  size_t parallel = 64;
  int gzip_level = 6;
  std::optional<int64_t> delete_after_s;
  uploader::RetryLimits retry;
  std::chrono::seconds stall_timeout{30};
  // Called on the import thread about 5 times a second and at each phase's end; phases:
  // "checking" (fingerprints of stored objects), "files", "indexes", "manifest".
  std::function<void(const uploader::UploadProgress&)> on_progress;
};

struct ImportReport {
  // The objects sent in this run (files, index pages, manifests) with their outcome, the
  // requests, retries and bytes on the wire; warnings of the walk and the run.
  uploader::UploadReport transfers;
  size_t files = 0;                 // files in the tree (that Swift can name)
  size_t builds = 0;                // build folders found
  size_t outside_builds = 0;        // files in no build folder (sent; no index or manifest)
  size_t files_stored = 0;          // files already in Swift, same size and ETag: not sent
  size_t pages_unchanged = 0;       // index pages and manifests already in Swift, byte for byte
  int listing_requests = 0;         // GETs of the container listing
  std::vector<Redirect> redirects;  // sorted by old path

  bool ok() const { return transfers.ok(); }
};

// Runs the import. Throws logstow::Error "import.root" (the root is not a readable folder),
// "import.container" (no such container, listing refused), "import.tempurl_key" (no Temp-URL
// key set or readable); SwiftError when Swift cannot be reached. Objects that fail are in the
// report (check ok()); a rerun sends only what is missing.
ImportReport Import(setup::SwiftSession& session, const ImportOptions& options);

// The redirects of an import: `stored` holds the relative paths of the files in Swift (sorted);
// `object_url` is the public URL of the prefix (ends in '/'). Pure; used by Import().
std::vector<Redirect> MakeRedirects(const std::vector<std::string>& stored,
                                    const std::string& old_base_path, const std::string& prefix_url,
                                    const std::string& viewer_url);

}  // namespace logstow::importer
