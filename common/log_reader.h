// Reads a log from a file path, "-" (standard input) or an http(s) URL and hands its bytes over
// block by block as they arrive, inflated when the content is gzip: a `.gz` file, a stored `.gz`
// object, or gzip piped in, detected by its magic bytes (never by name); a body sent with
// Content-Encoding: gzip is decoded by the HTTP layer first (common/http_client.h). Nothing is kept
// here beyond one block: the caller decides what to hold.
// Errors are values. Messages name the source (a URL without its query, which may hold a
// signature) and say what to do. Tested by tests/unit/cli/show_command_test.cc (files, stdin,
// gzip), tests/unit/common/log_reader_test.cc (FolderListingUrl) and tests/swift/show_url_test.cc
// (URLs against the real Swift).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace logstow {

struct LogReadResult {
  bool ok = false;
  bool stopped = false;  // the sink asked to stop; not an error
  bool started = false;  // some bytes reached the sink before an error
  std::string error;     // when !ok && !stopped
};

struct LogReadCallbacks {
  // The log's bytes (decoded); return false to stop reading.
  std::function<bool(std::string_view)> on_bytes;
  // The decoded size when known before the bytes (a plain file's size, an unencoded
  // Content-Length, a .gz file's ISIZE trailer), so the caller can size its buffer once; a hint,
  // the bytes may turn out more or fewer. Optional.
  std::function<void(uint64_t)> on_size = nullptr;
  // The log's date, Unix seconds, before its bytes, when there is one: a file's modification
  // time (stdin too when it is a regular file), a response's Last-Modified. Optional.
  std::function<void(int64_t)> on_file_date = nullptr;
};

// True for "http://..." and "https://..." (case-insensitive scheme): `source` names a URL, not
// a file. Only the scheme is looked at (viewer/http_url.h checks a whole URL for a link).
bool HasHttpScheme(std::string_view source);

// Reads `source` to its end (or until on_bytes returns false). A URL that answers 404 and is a
// folder (it ends in '/', or Swift lists objects under it + '/': one listing request, made only
// then) gets an error saying that a log is read, not a folder, with a file in it as an example.
LogReadResult ReadLog(const std::string& source, const LogReadCallbacks& callbacks);

// The Swift listing that tells whether the object URL `url` (…/v1/<account>/<container>/<name>,
// any query dropped) is a pseudo-folder: "…/v1/<account>/<container>?format=json&delimiter=/
// &limit=20&prefix=<name, ending in '/'>"; nullopt when `url` has no such shape or names no
// object. The prefix is sent percent-encoded (the URL's own escapes decoded first).
std::optional<std::string> FolderListingUrl(std::string_view url);

}  // namespace logstow
