#include "uploader/generated_objects.h"

#include <memory>

#include "common/time_format.h"
#include "uploader/upload.h"

namespace logstow::uploader {

namespace {

TransferJob Generated(const GeneratedObjects& generated, const std::string& name, std::string body,
                      const std::string& content_type, UploadReport& report) {
  const bool gzip = generated.gzip_level > 0;
  const uint64_t size_bytes = body.size();
  report.objects.push_back({.name = name,
                            .object = generated.prefix + name,
                            .content_type = content_type,
                            .content_encoding = gzip ? "gzip" : "",
                            .size_bytes = size_bytes,
                            .mtime_unix_s = NowUnixSeconds(),
                            .generated = true});
  return TransferJob{
      .name = name,
      .bytes = std::make_shared<const std::string>(std::move(body)),
      .gzip_level = generated.gzip_level,
      .headers = ObjectHeaders(content_type, gzip, generated.delete_after_s, size_bytes),
      .report_index = report.objects.size() - 1};
}

}  // namespace

GeneratedObjects GeneratedFor(const tokens::TokenScope& scope, const std::string& prefix_url,
                              int gzip_level, std::optional<int64_t> delete_after_s) {
  return {
      .prefix = scope.prefix,
      .index = {.title = scope.prefix, .prefix_url = prefix_url, .viewer_url = scope.viewer_url},
      .gzip_level = gzip_level,
      .delete_after_s = delete_after_s};
}

std::vector<TransferJob> IndexPageJobs(const GeneratedObjects& generated,
                                       const std::vector<ListedObject>& listed,
                                       const std::set<std::string>& own_indexes,
                                       UploadReport& report) {
  std::vector<TransferJob> jobs;
  for (auto& [folder, html] :
       BuildIndexes(listed, generated.index, {own_indexes.begin(), own_indexes.end()})) {
    jobs.push_back(Generated(generated, folder + kIndexName, std::move(html),
                             "text/html; charset=utf-8", report));
  }
  return jobs;
}

std::vector<TransferJob> ManifestJobs(const GeneratedObjects& generated,
                                      const std::vector<ManifestEntry>& entries, bool index_links,
                                      bool own, UploadReport& report) {
  if (own) {
    report.warnings.push_back(std::string("kept the job's own ") + kManifestName +
                              " instead of writing one");
    return {};
  }
  std::vector<TransferJob> jobs;
  jobs.push_back(Generated(generated, kManifestName, BuildManifest(entries, index_links),
                           "application/json", report));
  return jobs;
}

}  // namespace logstow::uploader
