// ApplyProcessing on a planned folder, with real commands (coreutils) and a real spool folder.
#include "uploader/processing.h"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "tests/testing/temp_dir.h"

namespace logstow::uploader {
namespace {

using ::testing::HasSubstr;

struct Folder {
  testing::TempDir dir, tmp;
  int fd = -1;
  UploadPlan plan;
  Folder() = default;
  ~Folder() {
    if (fd >= 0) close(fd);
  }
  void Add(const std::string& name, const std::string& bytes, const std::string& type) {
    dir.Write(name, bytes);
    PlannedObject o;
    o.name = o.target = name;
    o.object = "p/" + name;
    o.content_type = type;
    o.text = true;
    o.size_bytes = bytes.size();
    plan.objects.push_back(o);
  }
  void Apply(const std::string& rules_json, bool run_commands = true) {
    fd = open(dir.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    rules = ParseProcessingRules(rules_json, "p.json");
    if (run_commands) spool.emplace(tmp.path());
    ApplyProcessing(rules, {.root_fd = fd, .spool = spool ? &*spool : nullptr, .prefix = "p/"},
                    plan);
  }
  const PlannedObject* Find(const std::string& name) const {
    for (const PlannedObject& o : plan.objects) {
      if (o.name == name) return &o;
    }
    return nullptr;
  }
  std::string Read(const PlannedObject& o) const {
    int f = openat(o.source_fd >= 0 ? o.source_fd : fd, o.target.c_str(), O_RDONLY | O_CLOEXEC);
    std::string out;
    char buffer[4096];
    ssize_t n;
    while ((n = read(f, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(n));
    close(f);
    return out;
  }
  ProcessingRules rules;
  std::optional<SpoolFolder> spool;
};

TEST(Processing, CommandOutputIsSpooledAndReclassified) {
  Folder f;
  f.Add("a.out", "hello\n", "application/octet-stream");
  f.Add("b.txt", "as is\n", "text/plain; charset=utf-8");
  f.Apply(R"({"logstow_processing": 1, "rules": [{"glob": "*.out", "stages": [
      {"stage": "command", "argv": ["tr", "a-z", "A-Z"]},
      {"stage": "rename", "match": "\\.out$", "replace": ".txt"}]}]})");
  ASSERT_EQ(f.plan.objects.size(), 2u);
  const PlannedObject* a = f.Find("a.txt");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->renamed_from, "a.out");
  EXPECT_EQ(a->object, "p/a.txt");
  EXPECT_EQ(a->source_fd, f.spool->fd());
  EXPECT_EQ(a->size_bytes, 6u);
  EXPECT_EQ(f.Read(*a), "HELLO\n");
  EXPECT_EQ(a->content_type, "text/plain; charset=utf-8") << "typed by its new name";
  EXPECT_EQ(a->processing, "rule 1: command, rename");
  const PlannedObject* b = f.Find("b.txt");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->source_fd, -1);
  EXPECT_EQ(b->processing, "");
}

TEST(Processing, AFailedCommandDoesWhatTheRuleSays) {
  Folder f;
  f.Add("fail.log", "x\n", "text/plain");
  f.Add("skip.log", "x\n", "text/plain");
  f.Add("raw.log", "raw\n", "text/plain");
  f.Apply(R"({"logstow_processing": 1, "rules": [
      {"glob": "fail.log", "stages": [{"stage": "command", "shell": "echo nope >&2; exit 4"}]},
      {"glob": "skip.log", "stages": [{"stage": "command", "argv": ["false"],
                                       "on_failure": "skip"}]},
      {"name": "keep", "glob": "raw.log", "stages": [{"stage": "command", "argv": ["false"],
                                       "on_failure": "upload-unprocessed"},
                                      {"stage": "gzip", "level": 1}]}]})");
  const PlannedObject* failed = f.Find("fail.log");
  ASSERT_NE(failed, nullptr);
  EXPECT_EQ(failed->problem,
            "command 'echo nope >&2; exit 4' (/bin/sh -c) failed (exit status 4): nope (processing "
            "rule 1)");
  EXPECT_EQ(f.Find("skip.log"), nullptr);
  ASSERT_EQ(f.plan.skipped.size(), 1u);
  EXPECT_EQ(f.plan.skipped[0].name, "skip.log");
  EXPECT_EQ(f.plan.skipped[0].reason,
            "command 'false' failed (exit status 1) (processing rule 2); skipped as the rule says");
  const PlannedObject* raw = f.Find("raw.log");
  ASSERT_NE(raw, nullptr);
  EXPECT_EQ(raw->problem, "");
  EXPECT_EQ(f.Read(*raw), "raw\n");
  EXPECT_TRUE(raw->compress);
  EXPECT_EQ(raw->gzip_level, 1);
  EXPECT_THAT(f.plan.warnings,
              ::testing::Contains(HasSubstr("raw.log: command 'false' failed (exit status 1) "
                                            "(processing rule 3 'keep'); uploaded without the "
                                            "command, as the rule says")));
}

TEST(Processing, SkipRedactGzipAndRenameCollisions) {
  Folder f;
  f.Add("capture.pcap", "bin", "application/octet-stream");
  f.Add("a.conf", "password=x\n", "text/plain");
  f.Add("a.txt", "already here\n", "text/plain");
  f.Add("plain.log", "x\n", "text/plain");
  f.Apply(R"({"logstow_processing": 1, "rules": [
      {"name": "pcap", "glob": "*.pcap", "stages": [{"stage": "skip"}]},
      {"glob": "*.conf", "stages": [{"stage": "redact", "patterns": ["password=\\S+"]},
                                    {"stage": "rename", "match": "\\.conf$", "replace": ".txt"}]},
      {"glob": "*.log", "stages": [{"stage": "gzip", "level": 0}]}]})",
          false);
  ASSERT_EQ(f.plan.skipped.size(), 1u);
  EXPECT_EQ(f.plan.skipped[0].reason, "skipped by processing rule 1 'pcap'");
  ASSERT_EQ(f.plan.objects.size(), 3u);
  // Both would be "a.txt": the file that had the name keeps it; the renamed one fails, reported
  // under its own name so that a report keyed by name names each file once.
  EXPECT_EQ(f.plan.objects[0].name, "a.conf");
  EXPECT_EQ(f.plan.objects[1].name, "a.txt");
  const PlannedObject& renamed = f.plan.objects[0];
  EXPECT_TRUE(renamed.renamed_from.empty());
  EXPECT_EQ(f.plan.objects[1].problem, "");
  EXPECT_EQ(renamed.problem,
            "rename gives 'a.txt', the name of another file; not sent (processing rule 2)");
  EXPECT_NE(renamed.redact_patterns, nullptr);
  const PlannedObject* plain = f.Find("plain.log");
  EXPECT_FALSE(plain->compress);
}

}  // namespace
}  // namespace logstow::uploader
