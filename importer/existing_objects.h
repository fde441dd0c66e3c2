// What Swift already holds under a prefix, for `logstow import` to resume: name -> stored
// bytes and ETag, from the container's JSON listing (GET <container>?format=json&prefix=P,
// paged with marker). One listing request returns up to container_listing_limit (10,000 by
// default) names with their size and MD5, read from the container database; a HEAD per object
// would cost one request per file, each reaching the object servers. A listing can lag just-made
// writes (Swift updates container databases asynchronously): an object it does not show yet is
// sent again, which is harmless. Not thread-safe (the session is not). Tested against a real
// Swift by tests/swift/import_test.cc.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "setup/swift_session.h"

namespace logstow::importer {

struct StoredObject {
  uint64_t bytes = 0;
  std::string etag;  // lower-case hex MD5 of the stored bytes ("hash" in the listing)
};

// Every object whose name starts with `prefix` (names relative to the container, not
// encoded). `requests` (when given) counts the listing requests made. Throws logstow::Error
// "import.container" when the container does not exist (404) or the listing is refused;
// SwiftError "swift.request" when Swift cannot be reached.
std::map<std::string, StoredObject> ListStoredObjects(setup::SwiftSession& session,
                                                      const std::string& container,
                                                      const std::string& prefix,
                                                      int* requests = nullptr);

}  // namespace logstow::importer
