// Whether a file is a log at all, from its first bytes: the rule the web viewer's worker
// (web/worker_load.js) and `logstow show` (cli/cmd_show.cc) share, through this one function
// (the worker calls it as core.looksBinary), so the page and the terminal refuse the same files.
// Pure function, thread-safe. Tested by tests/unit/viewer/binary_check_test.cc.
#pragma once

#include <cstddef>
#include <string_view>

namespace logstow::viewer {

// How many leading bytes LooksBinary reads.
inline constexpr size_t kBinaryCheckBytes = 8192;

// True when `head` (a file's first bytes, after HTTP and gzip decoding; only the first
// kBinaryCheckBytes are read) starts with the magic of an archive, image, document, executable
// or compressed file (zip, ELF, PDF, PNG, GIF, JPEG, bzip2, xz, 7z, zstd; a tar's "ustar" at
// offset 257), or when more than 1 byte in 20 of it is a control character text does not use
// (all below 0x20 but tab, LF, CR, form feed, backspace and ESC; and DEL). A stray NUL in a log
// does not decide it alone (the uploader's LooksLikeText is stricter). False for empty input.
// O(kBinaryCheckBytes).
bool LooksBinary(std::string_view head);

}  // namespace logstow::viewer
