#include "setup/publish_viewer.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/gzip.h"
#include "common/percent_encode.h"
#include "setup/origin.h"

namespace logstow::setup {

namespace fs = std::filesystem;

namespace {

std::string ReadWhole(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void Put(SwiftSession& session, const std::string& container, const std::string& name,
         const std::string& body, const std::string& type) {
  std::vector<std::string> headers = {"Content-Type: " + type, "Content-Encoding: gzip",
                                      // A republished viewer must reach readers at once.
                                      "Cache-Control: no-cache"};
  const std::string gzipped = GzipCompress(body);
  SwiftResponse r = session.Request(
      "PUT", "/" + PercentEncode(container) + "/" + PercentEncodePath(name), headers, gzipped);
  if (r.status != 201) {
    // 413: the file (gzipped) is over Swift's max_file_size; set-up would not help.
    const std::string hint = r.status == 413
                                 ? " (" + std::to_string(gzipped.size()) +
                                       " bytes gzipped, over Swift's max_file_size: raise it in "
                                       "swift.conf [swift-constraints])"
                                 : " (run `logstow swift-setup` first?)";
    throw SwiftError("swift.request", "uploading " + name + " to " + container +
                                          " failed with HTTP " + std::to_string(r.status) + hint);
  }
}

}  // namespace

std::string OriginOfUrl(const std::string& url) {
  const size_t scheme = url.find("://");
  return url.substr(0, url.find('/', scheme == std::string::npos ? 0 : scheme + 3));
}

std::string ViewerUrl(const std::string& storage_url, const std::string& viewer_origin,
                      const std::string& viewer_container) {
  const std::string origin = OriginOfUrl(storage_url);
  const std::string path = storage_url.substr(origin.size());
  return (viewer_origin.empty() ? origin : viewer_origin) + path + "/" +
         PercentEncode(viewer_container) + "/index.html";
}

std::string SameOriginProblem(const std::string& viewer_origin, const std::string& storage_origin,
                              const std::vector<std::string>& log_origins, bool allow_same_origin) {
  const bool serves_logs =
      viewer_origin == storage_origin ||
      std::find(log_origins.begin(), log_origins.end(), viewer_origin) != log_origins.end();
  if (allow_same_origin || !serves_logs) return "";
  return "the viewer would be served from " + viewer_origin +
         ", an origin that also serves the logs: a job's .html or .svg (served as such) would then "
         "run "
         "script in the viewer's origin and could drive a viewer window showing another build's "
         "logs. Reach the same Swift by a second host name for the viewer (e.g. "
         "--viewer-origin https://viewer.example, a DNS name for the same proxy), or pass "
         "--allow-same-origin to accept the risk (README \"Deployment\")";
}

std::string ViewerContentType(const fs::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".wasm") return "application/wasm";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  return "application/octet-stream";
}

std::string ViewerConfigJson(const std::vector<std::string>& log_origins) {
  return nlohmann::json({{"allowed_origins", log_origins}}).dump(2) + "\n";
}

PublishResult PublishViewer(SwiftSession& session, const PublishOptions& options) {
  CheckOrigins("log origin", options.log_origins);
  if (!options.viewer_origin.empty()) CheckOrigins("viewer origin", {options.viewer_origin});
  const std::string storage_origin = OriginOfUrl(session.storage_url());
  const std::string viewer_origin =
      options.viewer_origin.empty() ? storage_origin : options.viewer_origin;
  std::vector<std::string> log_origins = options.log_origins;
  if (log_origins.empty()) log_origins = {storage_origin};
  if (std::string problem =
          SameOriginProblem(viewer_origin, storage_origin, log_origins, options.allow_same_origin);
      !problem.empty()) {
    throw Error("publish.same_origin", problem);
  }
  for (const char* needed : {"index.html", "logstow_viewer.wasm"}) {
    if (!fs::is_regular_file(options.web_dir / needed)) {
      throw Error("publish.web_dir",
                  "'" + options.web_dir.string() + "' holds no " + needed +
                      ": give the built viewer (build/wasm/web after a build with "
                      "LOGSTOW_WASM=ON) with --web-dir");
    }
  }
  PublishResult result;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(options.web_dir)) {
    if (entry.is_regular_file() && entry.path().filename() != "config.json" &&
        entry.path().extension() != ".txt" && entry.path().extension() != ".cmake" &&
        entry.path().string().find("CMakeFiles") == std::string::npos &&
        entry.path().filename() != "Makefile") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  // index.html last: a reader who loads it mid-publish already finds its scripts in place.
  std::stable_partition(files.begin(), files.end(),
                        [](const fs::path& f) { return f.filename() != "index.html"; });
  const std::string config = ViewerConfigJson(log_origins);
  result.log_origins = log_origins;
  Put(session, options.viewer_container, "config.json", config, "application/json");
  result.objects.push_back("config.json");
  for (const fs::path& file : files) {
    std::string name = fs::relative(file, options.web_dir).generic_string();
    Put(session, options.viewer_container, name, ReadWhole(file), ViewerContentType(file));
    result.objects.push_back(name);
  }
  result.viewer_url =
      ViewerUrl(session.storage_url(), options.viewer_origin, options.viewer_container);
  return result;
}

}  // namespace logstow::setup
