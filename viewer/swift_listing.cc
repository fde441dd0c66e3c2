// ParseSwiftListing (listing.h): Swift's JSON container listing.
#include <nlohmann/json.hpp>

#include "common/large_object.h"
#include "common/percent_encode.h"
#include "viewer/json_parse.h"
#include "viewer/listing.h"

namespace logstow::viewer {

namespace {

// "2026-11-30T03:46:34.109600" -> "2026-11-30T03:46:34".
std::string SwiftDate(std::string date) {
  const size_t dot = date.find('.');
  if (dot != std::string::npos) date.erase(dot);
  return date;
}

// application/directory (Swift's own marker type; also "text/directory" from old clients).
bool IsDirectoryMarker(const nlohmann::json& item) {
  const std::string type = JsonString(item, "content_type");
  const std::string base = type.substr(0, type.find(';'));
  return base == "application/directory" || base == "text/directory";
}

}  // namespace

bool ReadSwiftListingArray(std::string_view json, nlohmann::json* items, ListingResult* result) {
  std::string parse_error;
  if (!ParseJson(json, items, &parse_error)) {
    result->error = {ListingError::Code::kBadJson, "Swift listing is not JSON: " + parse_error};
    return false;
  }
  if (!items->is_array()) {
    result->error = {ListingError::Code::kNotAListing,
                     "not a Swift container listing: expected a JSON array of objects"};
    return false;
  }
  return true;
}

ListingResult ParseSwiftListing(std::string_view json, std::string_view prefix, size_t limit) {
  ListingResult result;
  result.folder.source = ListingSource::kSwiftJson;
  result.folder.path = std::string(prefix);
  nlohmann::json items;
  if (!ReadSwiftListingArray(json, &items, &result)) return result;
  size_t seen = 0;
  for (const nlohmann::json& item : items) {
    if (!item.is_object()) {
      result.error = {
          ListingError::Code::kNotAListing,
          "not a Swift container listing: entry " + std::to_string(seen + 1) + " is not an object"};
      return result;
    }
    ++seen;
    const std::string subdir = JsonString(item, "subdir");
    const std::string name = subdir.empty() ? JsonString(item, "name") : subdir;
    if (name.empty()) {
      result.error = {ListingError::Code::kNotAListing, "not a Swift container listing: entry " +
                                                            std::to_string(seen) +
                                                            " has neither \"name\" nor \"subdir\""};
      return result;
    }
    result.folder.next_marker = name;
    if (name.size() < prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    if (name.size() == prefix.size()) {  // the folder's own marker object ("build1/")
      if (subdir.empty()) result.folder.marker_seen = true;
      continue;
    }
    std::string relative = name.substr(prefix.size());
    FolderEntry entry;
    if (!subdir.empty() || relative.back() == '/' || IsDirectoryMarker(item)) {
      entry.type = EntryType::kFolder;
      // One trailing '/' is the delimiter; "a//" under "a/" is the folder named "".
      if (relative.back() == '/') relative.pop_back();
      entry.href = relative.empty() ? "/" : PercentEncode(relative) + "/";
    } else {
      entry.href = PercentEncode(relative);
      entry.size_bytes = JsonCount(item, "bytes");
      entry.content_type = JsonString(item, "content_type");
      entry.last_modified = SwiftDate(JsonString(item, "last_modified"));
    }
    if (relative == "." || relative == "..") continue;
    // The parts of large files (common/large_object.h) are no entries of the folder.
    if (entry.type == EntryType::kFolder && relative == kSegmentFolder) {
      result.folder.segment_folder_seen = true;
      continue;
    }
    entry.name = std::move(relative);
    result.folder.entries.push_back(std::move(entry));
  }
  result.folder.page_items = seen;
  result.folder.maybe_more = limit > 0 && seen >= limit;
  return result;
}

}  // namespace logstow::viewer
