#include "viewer/listing.h"

#include <nlohmann/json.hpp>

namespace logstow::viewer {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

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

std::string PercentEncodeName(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(name.size());
  for (const char ch : name) {
    const unsigned char c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
        HexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

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
                         {"last_modified", e.last_modified}});
    }
    out = {{"ok", true},
           {"source", SourceName(result.folder.source)},
           {"path", result.folder.path},
           {"maybe_more", result.folder.maybe_more},
           {"next_marker", result.folder.next_marker},
           {"page_items", result.folder.page_items},
           {"marker_seen", result.folder.marker_seen},
           {"entries", std::move(entries)}};
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace logstow::viewer
