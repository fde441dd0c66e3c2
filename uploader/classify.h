// What an object is, for Swift and the browser: its Content-Type, and whether the uploader
// gzips it on the way (sent with Content-Encoding: gzip, which browsers decode transparently).
// Decided by the name's extension first, then by the first bytes (text or binary).
// Objects that are already compressed (".gz", ".tar.gz", ".xz", ".zip", images, ...) are sent as
// they are and never get a Content-Encoding: a ".txt.gz" stays the gzip file it is.
// Thread-safe (pure functions). Tested by tests/unit/uploader/classify_test.cc.
#pragma once

#include <string>
#include <string_view>

namespace logstow::uploader {

struct Classification {
  // Sent as Content-Type; text types carry "; charset=utf-8" ("text/plain; charset=utf-8").
  std::string content_type;
  bool text = false;      // shown as text by the viewer
  bool compress = false;  // gzip on the way, Content-Encoding: gzip
};

// name: the object's relative path (only its last segment matters).
// head: the file's first bytes (up to 8 KiB is plenty); used when the extension says nothing.
Classification Classify(std::string_view name, std::string_view head);

// True when gzip at `level` makes `bytes` smaller. The uploader asks it of a text file's first
// 8 KiB (the whole file when it is that small): a 1-byte file, or text that does not compress,
// goes as it is instead of growing by gzip's 18+ bytes of framing. A bigger file whose head
// shrinks is gzipped while it streams, as before (text that compresses at its start does on).
bool GzipShrinks(std::string_view bytes, int level);

// True when `head` looks like text: no NUL byte, and at most 5% control characters other than
// line breaks, tabs, form feeds, backspaces and ESC (ANSI colours). Any 8-bit encoding counts.
bool LooksLikeText(std::string_view head);

}  // namespace logstow::uploader
