#include "viewer/listing.h"

#include <nlohmann/json.hpp>

namespace logstow::viewer {

namespace {

std::string_view SourceName(ListingSource source) {
  switch (source) {
    case ListingSource::kSwiftJson:
      return "swift";
    case ListingSource::kZuulManifest:
      return "zuul-manifest";
    case ListingSource::kHtmlIndex:
      return "html-index";
  }
  return "swift";
}

std::string_view CodeName(ListingError::Code code) {
  switch (code) {
    case ListingError::Code::kNone:
      return "none";
    case ListingError::Code::kBadJson:
      return "bad-json";
    case ListingError::Code::kNotAListing:
      return "not-a-listing";
    case ListingError::Code::kNoSuchFolder:
      return "no-such-folder";
  }
  return "none";
}

}  // namespace

std::string ListingToJson(const ListingResult& result) {
  nlohmann::json out;
  if (!result.ok()) {
    out = {{"ok", false}, {"error", result.error.message}, {"code", CodeName(result.error.code)}};
  } else {
    nlohmann::json entries = nlohmann::json::array();
    for (const FolderEntry& e : result.folder.entries) {
      entries.push_back({{"name", e.name},
                         {"type", e.type == EntryType::kFolder ? "folder" : "file"},
                         {"href", e.href},
                         {"size", e.size_bytes},
                         {"size_approximate", e.size_approximate},
                         {"content_type", e.content_type},
                         {"content_encoding", e.content_encoding},
                         {"last_modified", e.last_modified},
                         {"segments", e.segments}});
    }
    out = {{"ok", true},
           {"source", SourceName(result.folder.source)},
           {"path", result.folder.path},
           {"maybe_more", result.folder.maybe_more},
           {"next_marker", result.folder.next_marker},
           {"page_items", result.folder.page_items},
           {"marker_seen", result.folder.marker_seen},
           {"segment_folder_seen", result.folder.segment_folder_seen},
           {"entries", std::move(entries)}};
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace logstow::viewer
