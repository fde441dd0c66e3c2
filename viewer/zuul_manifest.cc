// ParseZuulManifest (listing.h): zuul-manifest.json, as zuul-jobs' generate_manifest.py writes it.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/percent_encode.h"
#include "common/time_format.h"
#include "viewer/json_parse.h"
#include "viewer/listing.h"
#include "viewer/timestamp.h"

namespace logstow::viewer {

namespace {

// Unix seconds -> "YYYY-MM-DDTHH:MM:SS" (UTC), as listings show dates.
std::string UnixDate(int64_t seconds) {
  std::string text = FormatUnixTimeUtc(seconds);
  text.pop_back();  // the 'Z'
  return text;
}

}  // namespace

ListingResult ParseZuulManifest(std::string_view json, std::string_view folder) {
  ListingResult result;
  result.folder.source = ListingSource::kZuulManifest;
  result.folder.path = std::string(folder);
  nlohmann::json manifest;
  std::string parse_error;
  if (!ParseJson(json, &manifest, &parse_error)) {
    result.error = {ListingError::Code::kBadJson, "zuul-manifest.json is not JSON: " + parse_error};
    return result;
  }
  const nlohmann::json* tree = JsonField(manifest, "tree");
  if (tree == nullptr || !tree->is_array()) {
    result.error = {ListingError::Code::kNotAListing,
                    "not a zuul manifest: expected an object with a \"tree\" array"};
    return result;
  }
  // Walk down the folder's path, one name at a time.
  const nlohmann::json* level = tree;
  size_t at = 0;
  while (at < folder.size()) {
    size_t slash = folder.find('/', at);
    if (slash == std::string_view::npos) slash = folder.size();
    const std::string_view part = folder.substr(at, slash - at);
    at = slash + 1;
    if (part.empty()) continue;
    const nlohmann::json* next = nullptr;
    for (const nlohmann::json& node : *level) {
      const nlohmann::json* children = JsonField(node, "children");
      if (children != nullptr && children->is_array() && JsonString(node, "name") == part) {
        next = children;
        break;
      }
    }
    if (next == nullptr) {
      result.error = {ListingError::Code::kNoSuchFolder,
                      "the zuul manifest lists no folder \"" + std::string(folder) + "\""};
      return result;
    }
    level = next;
  }
  for (const nlohmann::json& node : *level) {
    const std::string name = JsonString(node, "name");
    if (name.empty() || name == "." || name == "..") continue;
    FolderEntry entry;
    entry.name = name;
    const nlohmann::json* children = JsonField(node, "children");
    if (children != nullptr && children->is_array()) {
      entry.type = EntryType::kFolder;
      entry.href = PercentEncode(name) + "/";
    } else {
      entry.href = PercentEncode(name);
      entry.size_bytes = JsonCount(node, "size");
      entry.content_type = JsonString(node, "mimetype");
      entry.content_encoding = JsonString(node, "encoding");
      entry.segments = std::max<int64_t>(0, JsonCount(node, "segments"));
      const int64_t modified = JsonCount(node, "last_modified");
      if (modified >= 0 && modified < int64_t{253402300800})
        entry.last_modified = UnixDate(modified);
    }
    result.folder.entries.push_back(std::move(entry));
  }
  return result;
}

}  // namespace logstow::viewer
