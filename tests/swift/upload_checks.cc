#include "tests/swift/upload_checks.h"

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <random>

#include "common/percent_encode.h"
#include "tests/testing/http_client.h"

namespace logstow::uploader {

// A job-like tree: many small logs and a few big enough to stream (chunked) through the proxy.
std::map<std::string, std::string> MakeTree(const testing::TempDir& dir, int small, int big) {
  std::mt19937 random(11);
  std::map<std::string, std::string> files;
  auto text = [&](size_t lines) {
    std::string t;
    for (size_t i = 0; i < lines; ++i) {
      t += "2013-09-10 12:34:56." + std::to_string(random() % 1000) + " 4242 INFO nova.api [req-" +
           std::to_string(random()) + "] GET /v2/servers/" + std::to_string(random()) + "\n";
    }
    return t;
  };
  for (int i = 0; i < small; ++i) {
    std::string name =
        "logs/node" + std::to_string(i % 4) + "/service-" + std::to_string(i) + ".log";
    files[name] = text(20 + random() % 200);
  }
  for (int i = 0; i < big; ++i) files["big-" + std::to_string(i) + ".txt"] = text(30000);
  for (const auto& [name, body] : files) dir.Write(name, body);
  return files;
}

std::map<std::string, nlohmann::json> ManifestFiles(const nlohmann::json& manifest) {
  std::map<std::string, nlohmann::json> files;
  std::function<void(const nlohmann::json&, const std::string&)> walk =
      [&](const nlohmann::json& tree, const std::string& folder) {
        for (const auto& node : tree) {
          const std::string path = folder + node["name"].get<std::string>();
          if (node.contains("children")) {
            walk(node["children"], path + "/");
          } else {
            files[path] = node;
          }
        }
      };
  walk(manifest["tree"], "");
  return files;
}

tokens::Token TreeWithAFileOverTheLimit(const testing::SwiftContainer& c,
                                        const testing::TempDir& dir, const std::string& prefix,
                                        const std::string& big_name) {
  dir.Write("small.txt", "x\n");
  dir.Write(big_name, std::string(5000, 'x'));
  tokens::Token token = c.Token(prefix);
  token.scope.max_file_size = 1000;
  return token;
}

std::set<std::string> ListedInIndexesAndManifest(const testing::SwiftContainer& c,
                                                 const std::string& prefix,
                                                 const std::set<std::string>& objects,
                                                 std::set<std::string>* folders_seen) {
  std::set<std::string> listed;
  for (const std::string& object : objects) {
    std::string name = object.substr(prefix.size());
    if (name.ends_with("index.html")) {
      std::string folder = name.substr(0, name.size() - 10);
      folders_seen->insert(folder);
      std::string page = c.ReadObjectDecoded(object);
      size_t at = 0;
      while ((at = page.find("<tr class=\"file\"><td><a href=\"", at)) != std::string::npos) {
        at += 30;
        std::string href = page.substr(at, page.find('"', at) - at);
        listed.insert(folder + PercentDecode(href).value_or(href));
      }
    } else if (name == "zuul-manifest.json") {
      for (const auto& [path, node] :
           ManifestFiles(nlohmann::json::parse(c.ReadObjectDecoded(object)))) {
        listed.insert(path);
      }
    }
  }
  return listed;
}

// The invariant every faulty run must keep.
void ExpectConsistent(const UploadReport& report, const std::map<std::string, std::string>& files,
                      const testing::SwiftContainer& c, const std::string& prefix) {
  std::set<std::string> landed;
  for (const ObjectResult& o : report.objects) {
    SCOPED_TRACE(o.name);
    if (o.status == ObjectStatus::kLanded) {
      // Stored as reported: the MD5 of the stored bytes is their ETag and the report's.
      testing::HttpResponse r;
      std::string decoded = c.ReadObjectDecoded(prefix + o.name, &r);
      EXPECT_EQ(testing::Md5Hex(r.body), o.etag);
      EXPECT_EQ(r.header("etag"), o.etag);
      if (o.generated) continue;
      landed.insert(o.name);
      EXPECT_EQ(decoded, files.at(o.name)) << "landed but differs";
    } else if (!o.generated) {
      EXPECT_FALSE(o.error.empty()) << "a file that did not land must say why";
    }
  }
  EXPECT_EQ(report.objects.size() >= files.size(), true);
  // The container listing and the pages the report wrote: in a cluster a listing may miss
  // objects until the container replicas converge (docs/swift-cluster.md).
  std::vector<std::string> listing = c.List(prefix);
  std::set<std::string> objects(listing.begin(), listing.end());
  for (const ObjectResult& o : report.objects) {
    if (o.generated && o.status == ObjectStatus::kLanded) objects.insert(prefix + o.name);
  }
  std::set<std::string> folders;
  for (const std::string& name : ListedInIndexesAndManifest(c, prefix, objects, &folders)) {
    EXPECT_TRUE(landed.contains(name)) << name << " is listed but did not land";
  }
}

}  // namespace logstow::uploader
