// A fresh temporary folder for one test, removed with everything in it afterwards.
#pragma once

#include <filesystem>
#include <string>

namespace logstow::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `contents` to path()/relative, creating folders on the way; returns the full path.
  std::filesystem::path Write(const std::string& relative, const std::string& contents) const;

 private:
  std::filesystem::path path_;
};

// The whole contents of a file ("" if it cannot be read).
std::string ReadFile(const std::filesystem::path& path);

// gzip-decodes `bytes` (a gzip container); nullopt-like empty + ok=false on bad input.
bool Gunzip(const std::string& bytes, std::string* out);

// `bytes` as one gzip member (level 6), as gzip(1) writes a file.
std::string Gzip(const std::string& bytes);

}  // namespace logstow::testing
