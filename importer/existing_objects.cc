#include "importer/existing_objects.h"

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/percent_encode.h"

namespace logstow::importer {

std::map<std::string, StoredObject> ListStoredObjects(setup::SwiftSession& session,
                                                      const std::string& container,
                                                      const std::string& prefix, int* requests) {
  std::map<std::string, StoredObject> stored;
  std::string marker;
  while (true) {
    std::string path = "/" + PercentEncode(container) +
                       "?format=json&prefix=" + PercentEncode(prefix) +
                       "&marker=" + PercentEncode(marker);
    setup::SwiftResponse r = session.Request("GET", path);
    if (requests != nullptr) ++*requests;
    if (r.status == 404) {
      throw Error("import.container",
                  "Swift has no container '" + container +
                      "' (HTTP 404): create it with `logstow swift-setup`, or name another "
                      "with --container");
    }
    if (r.status == 204) break;  // an empty page without a body
    if (r.status != 200) {
      throw Error("import.container", "Swift refused to list container '" + container + "' (HTTP " +
                                          std::to_string(r.status) +
                                          "): check that the credentials own the account");
    }
    nlohmann::json page = nlohmann::json::parse(r.body, nullptr, false);
    if (!page.is_array()) {
      throw Error("import.container", "the listing of container '" + container +
                                          "' is not a JSON array: is the storage URL a Swift?");
    }
    if (page.empty()) break;
    for (const nlohmann::json& entry : page) {
      // Pseudo-folder entries ("subdir") appear only with a delimiter, which is not asked for.
      if (!entry.contains("name") || !entry["name"].is_string()) continue;
      StoredObject object;
      object.bytes = entry.value("bytes", uint64_t{0});
      object.etag = entry.value("hash", std::string());
      marker = entry["name"].get<std::string>();
      stored[marker] = std::move(object);
    }
  }
  return stored;
}

}  // namespace logstow::importer
