// What every upload fault test checks after its run, against the real Swift: a job-like tree to
// upload, and the invariant that each object the report calls landed reads back as the file was,
// while no index page or zuul-manifest.json names an object that did not land. Shared by
// upload_fault_test.cc (one node) and cluster_fault_test.cc (three nodes, two proxies); the
// manifest reader and the over-the-limit tree by upload_test.cc, upload_edge_test.cc and
// index_test.cc too.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "tests/testing/swift_container.h"
#include "tests/testing/temp_dir.h"
#include "tokens/token.h"
#include "uploader/upload_report.h"

namespace logstow::uploader {

// Writes `small` logs under logs/node0..3/ and `big` files large enough to stream (chunked);
// returns name -> content. Deterministic.
std::map<std::string, std::string> MakeTree(const testing::TempDir& dir, int small, int big);

// The files of a zuul-manifest.json, by path ("logs/a.txt") -> their node ({"name", "size", ...}).
std::map<std::string, nlohmann::json> ManifestFiles(const nlohmann::json& manifest);

// A tree of small.txt and a 5000-byte `big_name`, and a token for `prefix` of `c` whose
// max_file_size is 1000 bytes: one file over the token's limit.
tokens::Token TreeWithAFileOverTheLimit(const testing::SwiftContainer& c,
                                        const testing::TempDir& dir, const std::string& prefix,
                                        const std::string& big_name);

// Objects named in the index pages (their hrefs) and manifests among `objects` (full names),
// relative to `prefix`; the folders that have an index page go to `folders_seen`.
std::set<std::string> ListedInIndexesAndManifest(const testing::SwiftContainer& c,
                                                 const std::string& prefix,
                                                 const std::set<std::string>& objects,
                                                 std::set<std::string>* folders_seen);

// The invariant (GTest expectations): landed objects read back equal to `files`, with the MD5 of
// the stored bytes equal to their ETag and the report's (index pages and manifest too); failed
// ones say why; the indexes and manifest list only landed objects.
void ExpectConsistent(const UploadReport& report, const std::map<std::string, std::string>& files,
                      const testing::SwiftContainer& c, const std::string& prefix);

}  // namespace logstow::uploader
