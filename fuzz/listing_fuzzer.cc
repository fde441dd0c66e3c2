// Fuzzes the listing parsers (Swift JSON and its large-file segments, zuul-manifest.json, HTML
// index pages) and their JSON output. The first byte picks the parser. Checks, besides sanitizers:
// the result serialises to valid UTF-8 JSON; every href is relative (no scheme, no leading '/', no
// "..").
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/utf8.h"
#include "viewer/listing.h"

namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace logstow::viewer;
  using logstow::SanitizeUtf8;
  if (size < 1 || size > (1 << 20)) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  ListingResult result;
  switch (data[0] % 3) {
    case 0:
      result = data[0] & 8 ? ParseSegmentListing(text, data[0] & 4 ? "b/.logstow-segments/" : "",
                                                 1 + data[0] % 7)
                           : ParseSwiftListing(text, data[0] & 4 ? "job1/" : "", 1 + data[0] % 7);
      break;
    case 1:
      result = ParseZuulManifest(text, data[0] & 4 ? "logs/" : "");
      break;
    default:
      result = ParseHtmlIndex(text);
      break;
  }
  const std::string json = ListingToJson(result);
  Check(SanitizeUtf8(json) == json, "listing JSON is not valid UTF-8");
  for (const FolderEntry& entry : result.folder.entries) {
    Check(entry.href.find(':') == std::string::npos, "href with a scheme");
    // "/" alone is the folder with an empty name ("a//" under "a/"), which web/url_state.js
    // childUrl() appends as it is; any other leading '/' would leave the folder.
    const bool empty_named_folder = entry.href == "/" && entry.type == EntryType::kFolder;
    Check(entry.href.empty() || entry.href[0] != '/' || empty_named_folder, "absolute href");
    Check(entry.href.find('<') == std::string::npos && entry.href.find('"') == std::string::npos,
          "unencoded href");
  }
  return 0;
}
