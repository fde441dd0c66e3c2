#include "uploader/manifest_type.h"

#include <gtest/gtest.h>

namespace logstow::uploader {
namespace {

// What Python 3.11's mimetypes.MimeTypes(filenames=()).guess_type() answers for each name, the
// call zuul-jobs' generate_manifest.py makes.
TEST(GuessManifestType, AnswersAsPythonMimetypes) {
  struct Case {
    const char* name;
    const char* mimetype;
    const char* encoding;
  } cases[] = {
      {"job-output.txt", "text/plain", ""},
      {"job-output.json", "application/json", ""},
      {"logs/report.html", "text/html", ""},
      {"screen-n-api.txt.gz", "text/plain", "gzip"},
      {"devstack.log", "text/plain", ""},         // unknown: text/plain
      {"devstack.log.gz", "text/plain", "gzip"},  // unknown inside gzip
      {"Makefile", "text/plain", ""},
      {".bashrc", "text/plain", ""},                  // a leading dot is no extension
      {"a.TXT", "text/plain", ""},                    // types: case-insensitive
      {"a.json.GZ", "text/plain", ""},                // encodings: case-sensitive (.GZ unknown)
      {"stackviz.tgz", "application/x-tar", "gzip"},  // suffix_map
      {"pic.svgz", "image/svg+xml", "gzip"},
      {"x.tar.bz2", "application/x-tar", "bzip2"},
      {"x.html.xz", "text/html", "xz"},
      {"x.Z", "text/plain", "compress"},
      {"x.br", "text/plain", "br"},
      {"x.xml", "text/xml", ""},
      {"x.py", "text/x-python", ""},
      {"x.sh", "application/x-sh", ""},
      {"x.png", "image/png", ""},
      {"dir.d/noext", "text/plain", ""},  // a dot in a folder name is not the file's
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ManifestType type = GuessManifestType(c.name);
    EXPECT_EQ(type.mimetype, c.mimetype);
    EXPECT_EQ(type.encoding, c.encoding);
  }
}

}  // namespace
}  // namespace logstow::uploader
