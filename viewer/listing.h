// Folder listings, from wherever a log folder describes itself, into one Folder model the page
// draws (breadcrumbs, sizes, dates, sort, filter):
//   ParseSwiftListing  Swift's JSON container listing, GET <container>?format=json&prefix=P&
//                      delimiter=/ : [{"name","bytes","hash","content_type","last_modified"} |
//                      {"subdir"}], sorted by name, at most `limit` entries per page; the next page
//                      is asked for with &marker=<next_marker> (docs/swift-notes.md).
//   ParseZuulManifest  zuul-manifest.json as zuul-jobs' generate_manifest.py writes it:
//                      {"tree":[{name, mimetype, encoding, last_modified, size} | {name, mimetype,
//                      encoding, children:[...]}], "index_links": bool}; one folder of the tree.
//   ParseHtmlIndex     an HTML folder page: logstow's own index.html, Apache mod_autoindex
//                      "Index of /..." pages (table and <pre> layouts) and similar: the links to
//                      children ("name", "name/", "name/index.html"), with the size and date
//                      found beside each ("12 B", "5.5 MiB", "2.4M"; "2026-11-30T03:46:34Z",
//                      "2014-10-01 14:05", "28-Mar-2013 12:20").
//   ParseSegmentListing a Swift listing of a folder's ".logstow-segments/": the large files
//                      still kept as segments (common/large_object.h), one entry each.
// Names are decoded (what a person reads); hrefs are one relative URL segment, percent-encoded
// ('/' inside a name too), folders ending in '/'; entries named "." or ".." are skipped. In a Swift
// listing a folder with an empty name ("a//b" under "a/") is kept: name "", href "/"; the folder
// ".logstow-segments" (the parts of large files, common/large_object.h) is left out, and
// segment_folder_seen says it was there.
// Directory markers (an object named exactly the prefix, "build1/"; or any object whose
// content_type is application/directory, as older Swift clients make them) are never files:
// the folder's own marker sets marker_seen, a child's marker is a folder entry. Sizes
// are bytes (-1 unknown); autoindex sizes such as "2.4M" are approximate. Dates are
// "YYYY-MM-DDTHH:MM:SS" (UTC as Swift and Zuul give them; autoindex pages show the server's local
// time, kept as written), "" if unknown. Errors are values (ListingError), never exceptions. Pure
// functions, thread-safe. Tested by tests/unit/viewer/listing_test.cc; fuzzed by
// fuzz/listing_fuzzer.cc.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace logstow::viewer {

enum class EntryType : uint8_t { kFile, kFolder };

struct FolderEntry {
  std::string name;  // decoded, relative to the folder, no trailing '/'
  EntryType type = EntryType::kFile;
  std::string href;               // relative URL: percent-encoded name, + '/' for folders
  int64_t size_bytes = -1;        // -1: unknown
  bool size_approximate = false;  // "12K"-style sizes
  std::string content_type;       // e.g. "text/plain", "" unknown
  std::string content_encoding;   // e.g. "gzip" (zuul manifest), "" unknown/none
  std::string last_modified;      // "YYYY-MM-DDTHH:MM:SS", "" unknown
  // A large file kept as segment objects (common/large_object.h): their count, from a
  // zuul-manifest.json's "segments" or ParseSegmentListing; 0 for any other file.
  int64_t segments = 0;
};

enum class ListingSource : uint8_t { kSwiftJson, kZuulManifest, kHtmlIndex };

struct Folder {
  ListingSource source = ListingSource::kSwiftJson;
  std::string path;                  // the folder, relative, ending in '/' ("" = the root)
  std::vector<FolderEntry> entries;  // in the order of the source
  // Swift paging: when maybe_more (the page held `limit` items), GET the listing again with
  // &marker=<next_marker>; next_marker is the page's last raw name whenever it held any.
  bool maybe_more = false;
  std::string next_marker;
  size_t page_items = 0;     // raw items on this page (a page shorter than the limit is the last)
  bool marker_seen = false;  // Swift: an object named exactly the prefix (the folder's marker)
  // Swift: the folder holds the reserved ".logstow-segments/" (not an entry): some file of it
  // may exist only as segments until `logstow finalize` joins them; ParseSegmentListing reads them.
  bool segment_folder_seen = false;
};

struct ListingError {
  enum class Code {
    kNone,
    kBadJson,       // not JSON (message from the JSON parser)
    kNotAListing,   // JSON/HTML of another shape
    kNoSuchFolder,  // zuul manifest: the folder is not in the tree
  };
  Code code = Code::kNone;
  std::string message;
};

struct ListingResult {
  Folder folder;
  ListingError error;
  bool ok() const { return error.code == ListingError::Code::kNone; }
};

// `json`: one page of a container listing made with `prefix` (the folder, "" or ending in '/')
// and `limit`, the page size asked for (0: unknown, never maybe_more). Swift's default and
// maximum is its container_listing_limit (/info), 10000 unless the operator changed it. Entries
// outside `prefix` are skipped.
ListingResult ParseSwiftListing(std::string_view json, std::string_view prefix, size_t limit);

// `json`: a zuul-manifest.json; `folder`: the folder inside its tree ("" or "logs/controller/").
ListingResult ParseZuulManifest(std::string_view json, std::string_view folder);

// `html`: a folder's index page.
ListingResult ParseHtmlIndex(std::string_view html);

// `json`: one page of a container listing made with `segment_prefix` ("<folder>.logstow-segments/",
// common/large_object.h) and no delimiter, `limit` as for ParseSwiftListing. One file entry per
// large file whose segments ("<segment_prefix><relative name>/<8 digits>") are on the page, in
// listing order: name = the relative name (it may hold '/': a file in a sub-folder), href as for
// any file, segments = how many are on the page, size_bytes = their bytes together,
// last_modified = the latest; other names are skipped. A file's segments may run over two pages:
// the caller adds up entries of one name. Paging fields as ParseSwiftListing's.
ListingResult ParseSegmentListing(std::string_view json, std::string_view segment_prefix,
                                  size_t limit);

// The JSON array of a Swift container listing page, for the two parsers above: false, with
// result->error set (kBadJson, kNotAListing), when `json` is not one.
bool ReadSwiftListingArray(std::string_view json, nlohmann::json* items, ListingResult* result);

// The result as JSON for the page: {"ok":true,"source":"swift","path":"...","maybe_more":false,
// "next_marker":"","page_items":0,"marker_seen":false,"segment_folder_seen":false,"entries":[{"name",
// "type":"file"|"folder","href","size","size_approximate","content_type","content_encoding",
// "last_modified","segments"}]} or {"ok":false,"error":"...",
// "code":"bad-json"|"not-a-listing"|"no-such-folder"}.
std::string ListingToJson(const ListingResult& result);

}  // namespace logstow::viewer
