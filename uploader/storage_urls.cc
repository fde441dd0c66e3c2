#include "uploader/storage_urls.h"

#include "common/error.h"

namespace logstow::uploader {

StorageUrls::StorageUrls(const tokens::TokenScope& scope, const std::vector<std::string>& fallbacks)
    : urls_{scope.storage_url} {
  const std::string path = tokens::AccountPath(scope);
  for (std::string url : fallbacks) {
    while (url.ends_with('/')) url.pop_back();
    tokens::TokenScope other = scope;
    other.storage_url = url;
    bool valid = true;
    try {
      tokens::ValidateScope(other);
    } catch (const Error&) {
      valid = false;
    }
    if (!valid || tokens::AccountPath(other) != path) {
      throw Error("upload.storage_url",
                  "--fallback-storage-url '" + url +
                      "' is not the token's account at another "
                      "proxy: give an http(s) URL ending in the token's path " +
                      path +
                      " (the signatures cover only the path), e.g. http://proxy2.example:8080" +
                      path);
    }
    bool known = false;
    for (const std::string& u : urls_) known |= u == url;
    if (!known) urls_.push_back(url);
  }
}

std::string StorageUrls::Rebase(const std::string& url) const {
  if (current_ == 0 || !url.starts_with(urls_[0])) return url;
  return urls_[current_] + url.substr(urls_[0].size());
}

std::string StorageUrls::MoveOnWithWarning(size_t tried, const std::string& error) {
  const std::string from = urls_[tried];
  if (!MoveOn(tried)) return "";
  return "could not connect to " + from + " (" + error + "); continuing with " + current_url();
}

bool StorageUrls::MoveOn(size_t tried) {
  if (urls_.size() < 2 || tried != current_) return false;
  current_ = (current_ + 1) % urls_.size();
  return true;
}

}  // namespace logstow::uploader
