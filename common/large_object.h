// Where a file too large for one Swift object is kept until `logstow finalize` joins it.
// A job token can only PUT plain objects under its prefix (Swift's tempurl middleware drops
// `multipart-manifest=put`, docs/swift-notes.md), so `logstow upload` stores such a file as
// segment objects in one reserved folder at the root of the build's prefix:
//   <prefix>.logstow-segments/<relative name>/<segment number, 8 digits from 00000000>
// and the trusted side PUTs the Static Large Object manifest at <prefix><relative name>.
// One reserved folder (not segments beside each file) because it is the one name that folder
// pages, the zuul manifest and the viewer have to recognise and hide; it sits under the prefix
// because that is all the token may write, and it expires with the build (same X-Delete-After).
// Header only: the uploader, `finalize` and the viewer (hides it in Swift listings) share it.
// Thread-safe (constants and pure functions).
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace logstow {

// The reserved folder's name (one path segment, no '/').
inline constexpr std::string_view kSegmentFolder = ".logstow-segments";

// "<segment folder>/<relative name>/<number>": the segment's name relative to the prefix.
// `index` counts from 0.
inline std::string SegmentName(std::string_view relative_name, size_t index) {
  char number[24];
  std::snprintf(number, sizeof number, "%08zu", index);
  return std::string(kSegmentFolder) + "/" + std::string(relative_name) + "/" + number;
}

// True when `relative_name` (relative to the prefix, '/'-separated) lies in the reserved folder.
inline bool IsInSegmentFolder(std::string_view relative_name) {
  return relative_name.size() > kSegmentFolder.size() &&
         relative_name.substr(0, kSegmentFolder.size()) == kSegmentFolder &&
         relative_name[kSegmentFolder.size()] == '/';
}

// True when any folder of `relative_name` is the reserved one: an uploader whose token covered
// a sub-prefix (a Zuul node's "logs/node-a/") keeps its segments under that sub-prefix.
inline bool HasSegmentFolder(std::string_view relative_name) {
  for (size_t at = 0; at < relative_name.size();) {
    const size_t slash = relative_name.find('/', at);
    if (slash == std::string_view::npos) return false;  // the last part is the file's own name
    if (relative_name.substr(at, slash - at) == kSegmentFolder) return true;
    at = slash + 1;
  }
  return false;
}

}  // namespace logstow
