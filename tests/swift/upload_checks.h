// What every upload fault test checks after its run, against the real Swift: a job-like tree to
// upload, and the invariant that each object the report calls landed reads back as the file was,
// while no index page or zuul-manifest.json names an object that did not land. Shared by
// upload_fault_test.cc (one node) and cluster_fault_test.cc (three nodes, two proxies).
#pragma once

#include <map>
#include <set>
#include <string>

#include "tests/testing/swift_container.h"
#include "tests/testing/temp_dir.h"
#include "uploader/upload_report.h"

namespace logstow::uploader {

// Writes `small` logs under logs/node0..3/ and `big` files large enough to stream (chunked);
// returns name -> content. Deterministic.
std::map<std::string, std::string> MakeTree(const testing::TempDir& dir, int small, int big);

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
