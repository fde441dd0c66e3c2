// The objects logstow writes itself once the files are in: each folder's index.html
// (uploader/index_writer.h) and zuul-manifest.json (uploader/manifest_writer.h). Each is
// recorded in the report as a generated object and returned as a job for the transfer runner,
// so `logstow upload` (Upload()) and `logstow index` (BuildIndex()) write them the same way.
// Thread-safe (no shared state). Tested through tests/swift/upload_test.cc and index_test.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tokens/scope.h"
#include "uploader/index_writer.h"
#include "uploader/manifest_writer.h"
#include "uploader/transfer_runner.h"
#include "uploader/upload_report.h"

namespace logstow::uploader {

inline constexpr char kIndexName[] = "index.html";
inline constexpr char kManifestName[] = "zuul-manifest.json";

// Where and how the generated objects go.
struct GeneratedObjects {
  std::string prefix;                     // the token's prefix ("zuul/42/")
  IndexContext index;                     // title, prefix URL and viewer of the pages
  int gzip_level = 0;                     // 0: sent as they are
  std::optional<int64_t> delete_after_s;  // X-Delete-After, when set
};

// The objects of a run under `scope` whose prefix is at `prefix_url`: pages titled with the
// prefix, linking to the token's viewer.
GeneratedObjects GeneratedFor(const tokens::TokenScope& scope, const std::string& prefix_url,
                              int gzip_level, std::optional<int64_t> delete_after_s);

// The index pages of the folders holding `listed` objects, except the folders in
// `own_indexes` (the job wrote its own index.html there); each recorded in report.objects.
std::vector<TransferJob> IndexPageJobs(const GeneratedObjects& generated,
                                       const std::vector<ListedObject>& listed,
                                       const std::set<std::string>& own_indexes,
                                       UploadReport& report);

// zuul-manifest.json of `entries` (index_links: its entries point at the index pages), recorded
// in report.objects; none, and a warning in the report, when the job wrote its own (`own`).
std::vector<TransferJob> ManifestJobs(const GeneratedObjects& generated,
                                      const std::vector<ManifestEntry>& entries, bool index_links,
                                      bool own, UploadReport& report);

}  // namespace logstow::uploader
