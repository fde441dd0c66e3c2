#include "common/log_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <vector>

#include "common/gzip.h"
#include "common/http_client.h"
#include "common/percent_encode.h"

namespace logstow {

namespace {

// Decides plain or gzip from the first two bytes, then passes bytes on, inflated if need be.
class Decoder {
 public:
  explicit Decoder(const LogReadCallbacks& callbacks) : callbacks_(callbacks) {}

  // The size the bytes will have if they turn out not to be gzip (a file's size, an unencoded
  // Content-Length): reported through on_size once that is known.
  void set_plain_size(uint64_t size) { plain_size_ = size; }
  // The same for gzip content: a .gz file's trailer says how big its (last) member inflates.
  void set_gzip_size(uint64_t size) { gzip_size_ = size; }

  // Bytes before the decision are kept (at most 1) and replayed once two are known.
  bool Write(std::string_view bytes) {
    if (decided_) return Pass(bytes);
    const size_t take = std::min(bytes.size(), 2 - head_.size());
    head_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    if (head_.size() < 2) return true;
    Decide();
    std::string head;
    head.swap(head_);
    return Pass(head) && Pass(bytes);
  }

  // The input ended; true when it ended cleanly.
  bool End() {
    if (!decided_) {
      Decide();
      std::string head;
      head.swap(head_);
      if (!Pass(head)) return false;
    }
    return !gzip_ || inflater_.Finish();
  }

  bool stopped() const { return stopped_; }
  bool started() const { return started_; }
  std::string error() const { return gzip_ ? inflater_.error() : std::string(); }

 private:
  // Hands bytes on (inflating gzip); false to stop.
  bool Pass(std::string_view bytes) {
    if (!gzip_) {
      if (bytes.empty()) return true;
      started_ = true;
      if (!callbacks_.on_bytes(bytes)) return Stop();
      return true;
    }
    const bool fed = inflater_.Feed(bytes, [this](std::string_view block) {
      started_ = true;
      if (!callbacks_.on_bytes(block)) {
        stopped_ = true;
        return false;
      }
      return true;
    });
    return fed;
  }

  void Decide() {
    decided_ = true;
    gzip_ = HasGzipMagic(head_);
    const std::optional<uint64_t>& size = gzip_ ? gzip_size_ : plain_size_;
    if (size && callbacks_.on_size) callbacks_.on_size(*size);
  }
  bool Stop() {
    stopped_ = true;
    return false;
  }

  const LogReadCallbacks& callbacks_;
  std::optional<uint64_t> plain_size_;
  std::optional<uint64_t> gzip_size_;
  std::string head_;
  bool decided_ = false;
  bool gzip_ = false;
  bool stopped_ = false;
  bool started_ = false;
  GzipInflater inflater_;
};

std::string WithoutQuery(const std::string& url) {
  const size_t q = url.find_first_of("?#");
  return q == std::string::npos ? url : url.substr(0, q) + " (query not shown)";
}

std::string_view StripQuery(std::string_view url) { return url.substr(0, url.find_first_of("?#")); }

// A Swift object URL seen as a folder: the container's URL and the object name, decoded and
// ending in '/'.
struct FolderUrl {
  std::string_view container_url;
  std::string prefix;
};

// nullopt when `url` (its query dropped) is not …/v1/<account>/<container>/<name>. The path's
// first "/v1/" counts (a proxy may serve Swift under a path of its own, e.g. /swift/v1/).
std::optional<FolderUrl> SplitFolderUrl(std::string_view url) {
  url = StripQuery(url);
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::nullopt;
  const size_t path = url.find('/', scheme + 3);
  if (path == std::string_view::npos) return std::nullopt;
  const size_t v1 = url.find("/v1/", path);
  if (v1 == std::string_view::npos) return std::nullopt;
  const size_t account_end = url.find('/', v1 + 4);
  if (account_end == std::string_view::npos || account_end == v1 + 4) return std::nullopt;
  const size_t container_end = url.find('/', account_end + 1);
  if (container_end == std::string_view::npos || container_end == account_end + 1) {
    return std::nullopt;
  }
  std::string prefix = PercentDecodeLenient(url.substr(container_end + 1));
  if (prefix.empty() || prefix == "/") return std::nullopt;
  if (!prefix.ends_with('/')) prefix += '/';
  return FolderUrl{url.substr(0, container_end), std::move(prefix)};
}

// What a 404 on `url` says when it is a folder; "" when it is not (or cannot tell: not Swift,
// the listing refused). One listing request, and only for a Swift object URL.
std::string FolderExplanation(const std::string& url) {
  const std::string_view bare = StripQuery(url);
  const bool slash = bare.ends_with('/');
  const std::string folder = std::string(bare) + (slash ? "" : "/");
  std::optional<bool> listed;  // nullopt: no listing to go by
  std::string example;         // a file right in the folder
  if (const std::optional<FolderUrl> split = SplitFolderUrl(url)) {
    const HttpResponse got = SendHttp({.url = *FolderListingUrl(url),
                                       .max_body_bytes = 256 * 1024,
                                       .timeout = std::chrono::seconds(20),
                                       .connect_timeout = std::chrono::seconds(10)});
    const nlohmann::json entries =
        got.status == 200 ? nlohmann::json::parse(got.body, nullptr, /*allow_exceptions=*/false)
                          : nlohmann::json();
    if (got.error.empty() && got.status == 204) {
      listed = false;
    } else if (got.error.empty() && entries.is_array()) {
      listed = !entries.empty();
      const std::string& prefix = split->prefix;
      // A log, not the uploader's listing files, when the folder has one (they sort early).
      std::string listing_file;
      for (const nlohmann::json& entry : entries) {
        const auto name = entry.find("name");
        if (name == entry.end() || !name->is_string()) continue;
        const std::string& full = name->get_ref<const std::string&>();
        if (full.size() <= prefix.size() || !full.starts_with(prefix)) continue;
        const std::string file = full.substr(prefix.size());
        if (file == "index.html" || file == "zuul-manifest.json") {
          if (listing_file.empty()) listing_file = file;
          continue;
        }
        example = PercentEncodePath(file);
        break;
      }
      if (example.empty()) example = PercentEncodePath(listing_file);
    }
  }
  if (!slash && listed != true) return "";
  const std::string what = listed == true ? "it is a folder" : "a URL ending in '/' names a folder";
  std::string message = what + ", and `logstow show` reads one log, not a folder";
  if (listed == false) {
    return message +
           "; Swift lists nothing under this one (check the URL; expired logs are deleted)";
  }
  return message + ": give the URL of a file in it" +
         (example.empty() ? "" : ", e.g. " + folder + example) +
         ", or open the folder in the web viewer (its page with ?q=" + folder + ")";
}

LogReadResult Finish(Decoder& decoder, bool fed, const std::string& name) {
  LogReadResult r;
  r.started = decoder.started();
  if (decoder.stopped()) {
    r.stopped = true;
    return r;
  }
  if (!fed || !decoder.End()) {
    r.error = name + ": " + decoder.error();
    return r;
  }
  r.ok = true;
  return r;
}

LogReadResult ReadFd(int fd, const std::string& name, const LogReadCallbacks& callbacks) {
  Decoder decoder(callbacks);
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    decoder.set_plain_size(st.st_size);
    if (callbacks.on_file_date) callbacks.on_file_date(st.st_mtim.tv_sec);
    // gzip's ISIZE: the last member's inflated size mod 4 GiB, little-endian, in the last 4
    // bytes. Only a hint for sizing the buffer once (a wrong one costs growth, nothing else);
    // used when plausible (at least the compressed size).
    unsigned char tail[4];
    if (st.st_size >= 18 && pread(fd, tail, 4, st.st_size - 4) == 4) {
      const uint64_t isize = tail[0] | tail[1] << 8 | tail[2] << 16 | uint64_t{tail[3]} << 24;
      if (isize >= static_cast<uint64_t>(st.st_size)) decoder.set_gzip_size(isize);
    }
  }
  std::vector<char> block(256 * 1024);
  bool fed = true;
  for (;;) {
    const ssize_t n = read(fd, block.data(), block.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      LogReadResult r;
      r.started = decoder.started();
      r.error = "cannot read " + name + ": " + std::strerror(errno);
      return r;
    }
    if (n == 0) break;
    fed = decoder.Write({block.data(), static_cast<size_t>(n)});
    if (!fed) break;
  }
  return Finish(decoder, fed, name);
}

}  // namespace

std::optional<std::string> FolderListingUrl(std::string_view url) {
  const std::optional<FolderUrl> folder = SplitFolderUrl(url);
  if (!folder) return std::nullopt;
  return std::string(folder->container_url) +
         "?format=json&delimiter=/&limit=20&prefix=" + PercentEncode(folder->prefix);
}

bool HasHttpScheme(std::string_view source) {
  auto starts = [&](std::string_view scheme) {
    if (source.size() < scheme.size()) return false;
    for (size_t i = 0; i < scheme.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(source[i])) != scheme[i]) return false;
    }
    return true;
  };
  return starts("http://") || starts("https://");
}

LogReadResult ReadLog(const std::string& source, const LogReadCallbacks& callbacks) {
  if (source == "-") return ReadFd(STDIN_FILENO, "standard input", callbacks);
  if (!HasHttpScheme(source)) {
    const int fd = open(source.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      LogReadResult r;
      r.error = "cannot open '" + source + "': " + std::strerror(errno);
      return r;
    }
    LogReadResult r = ReadFd(fd, "'" + source + "'", callbacks);
    close(fd);
    return r;
  }
  const std::string shown = WithoutQuery(source);
  Decoder decoder(callbacks);
  bool fed = true;
  std::string unsupported_encoding;
  // Redirects followed. Bodies arrive as sent, no Accept-Encoding asked: the decoder inflates a
  // gzip body, whether Swift sends it with Content-Encoding: gzip (what `logstow upload`
  // stores) or as a stored .gz, and so notices one cut short (libcurl's own decoding takes a
  // truncated gzip Content-Encoding for a complete body).
  const HttpResponse got = SendHttp(
      {.url = source,
       .on_body =
           [&](std::string_view bytes) {
             if (!unsupported_encoding.empty()) return false;
             fed = decoder.Write(bytes);
             return fed;
           },
       .on_headers =
           [&](const HttpResponse& response) {
             std::string encoding = response.header("content-encoding");
             std::transform(encoding.begin(), encoding.end(), encoding.begin(),
                            [](unsigned char c) { return std::tolower(c); });
             if (!encoding.empty() && encoding != "gzip" && encoding != "x-gzip" &&
                 encoding != "identity") {
               unsupported_encoding = encoding;
             }
             if (callbacks.on_file_date && response.headers.Has("last-modified")) {
               if (const auto date = ParseHttpDate(response.header("last-modified"))) {
                 callbacks.on_file_date(*date);
               }
             }
             const std::string length = response.header("content-length");
             if (encoding.empty() && !length.empty() &&
                 std::all_of(length.begin(), length.end(), ::isdigit) && length.size() < 20) {
               decoder.set_plain_size(std::stoull(length));
             }
           },
       .max_body_bytes = 2048,
       .connect_timeout = std::chrono::seconds(20),
       .stall_timeout = std::chrono::seconds(60),
       .follow_redirects = true});
  LogReadResult r;
  r.started = decoder.started();
  if (!unsupported_encoding.empty()) {
    r.error = "GET " + shown + " sent its body with Content-Encoding: " + unsupported_encoding +
              "; show reads gzip and unencoded bodies (fetch it with curl --compressed and " +
              "pipe it to 'logstow show -')";
    return r;
  }
  if (decoder.stopped()) {
    r.stopped = true;
    return r;
  }
  if (!got.error.empty() && !got.stopped) {
    r.error = "GET " + shown + " failed: " + got.error;
    return r;
  }
  if (got.status / 100 != 2) {
    r.error = "GET " + shown + " answered HTTP " + std::to_string(got.status);
    if (got.status == 401 || got.status == 403) {
      r.error +=
          ": the object is not public (the container needs X-Container-Read: .r:*) or "
          "its TempURL expired";
    } else if (got.status == 404) {
      const std::string folder = FolderExplanation(source);
      r.error += ": " + (folder.empty() ? "no such object (check the URL; expired logs are deleted)"
                                        : folder);
    }
    return r;
  }
  return Finish(decoder, fed, "GET " + shown);
}

}  // namespace logstow
