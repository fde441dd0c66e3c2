// ParseSegmentListing (listing.h): the segments of large files not joined yet, one entry a file.
#include <nlohmann/json.hpp>

#include "common/percent_encode.h"
#include "viewer/json_parse.h"
#include "viewer/listing.h"

namespace logstow::viewer {

namespace {

// "<relative name>/<8 digits>" -> the relative name, "" when `name` is no segment's.
std::string_view SegmentOwner(std::string_view name) {
  constexpr size_t kDigits = 8;  // common/large_object.h SegmentName
  if (name.size() < kDigits + 2 || name[name.size() - kDigits - 1] != '/') return {};
  for (const char c : name.substr(name.size() - kDigits)) {
    if (c < '0' || c > '9') return {};
  }
  return name.substr(0, name.size() - kDigits - 1);
}

}  // namespace

ListingResult ParseSegmentListing(std::string_view json, std::string_view segment_prefix,
                                  size_t limit) {
  ListingResult result;
  result.folder.source = ListingSource::kSwiftJson;
  result.folder.path = std::string(segment_prefix);
  nlohmann::json items;
  if (!ReadSwiftListingArray(json, &items, &result)) return result;
  for (const nlohmann::json& item : items) {
    ++result.folder.page_items;
    const std::string name = JsonString(item, "name");
    if (!name.empty()) result.folder.next_marker = name;
    if (name.size() <= segment_prefix.size() ||
        name.compare(0, segment_prefix.size(), segment_prefix) != 0) {
      continue;
    }
    const std::string_view owner =
        SegmentOwner(std::string_view(name).substr(segment_prefix.size()));
    if (owner.empty()) continue;
    const int64_t bytes = JsonCount(item, "bytes");
    std::string modified = JsonString(item, "last_modified");
    modified = modified.substr(0, modified.find('.'));
    std::vector<FolderEntry>& entries = result.folder.entries;
    if (entries.empty() || entries.back().name != owner) {  // a file's segments come in a row
      FolderEntry entry;
      entry.name = std::string(owner);
      entry.href = PercentEncode(entry.name);
      entry.size_bytes = 0;
      entries.push_back(std::move(entry));
    }
    FolderEntry& entry = entries.back();
    ++entry.segments;
    if (entry.size_bytes >= 0) entry.size_bytes = bytes >= 0 ? entry.size_bytes + bytes : -1;
    if (modified > entry.last_modified) entry.last_modified = std::move(modified);
  }
  result.folder.maybe_more = limit > 0 && result.folder.page_items >= limit;
  return result;
}

}  // namespace logstow::viewer
