// A job's own zuul-manifest.json (a file in the folder it uploads), checked before `logstow
// upload` publishes it in place of the one it would write: Zuul web lists a build's logs from
// it, so an entry with no object behind it is a dead link there, and the README promises a
// manifest "listing only what landed". Kept only when every file it names landed in this run;
// otherwise logstow writes its own (uploader/upload.cc).
// Paths as Zuul builds them (zuul-jobs' generate_manifest.py): each node's "name" is one path
// segment under its parent's; a node with "children" (or of type application/directory) is a
// folder, any other a file. Thread-safe. Tested by tests/unit/uploader/job_manifest_test.cc.
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace logstow::uploader {

// Why the manifest `text` cannot be published as it is, given the relative paths of the files
// that landed (or went as segments) in this run; "" when every file it names is among them.
// The first problem met, depth first in the manifest's order, as the end of a sentence that
// starts with the file's name: "names ghost.txt, which did not land in this run", "is not a
// Zuul manifest (JSON with a "tree" list)", "names the entry 'a/b', which is not one path
// segment".
std::string JobManifestProblem(std::string_view text, const std::set<std::string>& landed);

}  // namespace logstow::uploader
