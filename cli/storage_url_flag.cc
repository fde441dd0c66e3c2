#include "cli/storage_url_flag.h"

#include "uploader/storage_urls.h"

namespace logstow::cli {

void AddFallbackStorageUrlOption(CLI::App* cmd, std::vector<std::string>* urls) {
  cmd->add_option("--fallback-storage-url", *urls,
                  "Another proxy of the same Swift: the token's account URL at another origin "
                  "(e.g. http://proxy2.example:8080/v1/AUTH_ci). When a connection to the "
                  "current proxy cannot be made, requests move on to the next; repeatable")
      ->allow_extra_args(false);  // one URL per flag: a folder after it stays the folder
}

void CheckFallbackStorageUrls(const tokens::TokenScope& scope,
                              const std::vector<std::string>& urls) {
  [[maybe_unused]] const uploader::StorageUrls checked(scope, urls);
}

}  // namespace logstow::cli
