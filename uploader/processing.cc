#include "uploader/processing.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <map>

#include "uploader/classify.h"
#include "uploader/command_filter.h"
#include "uploader/open_beneath.h"
#include "uploader/worker_pool.h"

namespace logstow::uploader {

namespace {

constexpr size_t kSniffBytes = 8192;

std::string ReadHead(int dir_fd, const std::string& relative) {
  return ReadHeadBeneath(dir_fd, relative, kSniffBytes);
}

struct CommandRun {
  std::string spool_name;  // the output, beneath the spool folder
  uint64_t output_bytes = 0;
  std::string error;  // "" when it ran to success
};

CommandRun RunCommand(const CommandStage& stage, const PlannedObject& object,
                      const ProcessingContext& context) {
  CommandRun run;
  int in = OpenBeneath(context.root_fd, object.target);
  if (in < 0) {
    run.error = "cannot read it: " + OpenBeneathError(in);
    return run;
  }
  int out = context.spool->Create(&run.spool_name);
  if (out < 0) {
    close(in);
    run.error = "cannot write its output to the spool folder " + context.spool->path().string() +
                ": " + OpenBeneathError(out);
    return run;
  }
  FilterOutcome outcome = RunFilter({.argv = stage.argv,
                                     .timeout = stage.timeout,
                                     .extra_env = {"LOGSTOW_NAME=" + object.name},
                                     .label = stage.label},
                                    in, out);
  struct stat st {};
  if (outcome.ok && fstat(out, &st) != 0) outcome = {.error = "cannot size its output"};
  close(in);
  close(out);
  if (!outcome.ok) {
    run.error = "command " + outcome.error;
    if (context.redact)
      run.error = std::string(TokenRedactor(context.redact).Process(run.error, true));
    // A failed output is not uploaded: free its disk now.
    unlinkat(context.spool->fd(), run.spool_name.c_str(), 0);
    return run;
  }
  run.output_bytes = static_cast<uint64_t>(st.st_size);
  return run;
}

void Reclassify(PlannedObject& object, int read_fd, const ProcessingContext& context) {
  const std::string head = ReadHead(read_fd, object.target);
  Classification c = Classify(object.name, head);
  object.content_type = c.content_type;
  object.text = c.text;
  object.compress = c.compress && context.gzip_level > 0 && object.size_bytes > 0 &&
                    GzipShrinks(head, context.gzip_level);
}

}  // namespace

void ApplyProcessing(const ProcessingRules& rules, const ProcessingContext& context,
                     UploadPlan& plan) {
  std::vector<const ProcessingRule*> rule_of(plan.objects.size(), nullptr);
  for (size_t i = 0; i < plan.objects.size(); ++i) {
    if (plan.objects[i].problem.empty()) rule_of[i] = rules.Match(plan.objects[i].name);
  }
  // 1. Commands, several at once; the spool holds each output until the run ends.
  std::vector<CommandRun> runs(plan.objects.size());
  if (context.spool != nullptr) {
    WorkerPool pool(std::max<size_t>(1, context.threads));
    for (size_t i = 0; i < plan.objects.size(); ++i) {
      if (rule_of[i] == nullptr || !rule_of[i]->command) continue;
      pool.Submit([&, i] { runs[i] = RunCommand(*rule_of[i]->command, plan.objects[i], context); });
    }
  }  // the pool's destructor waits for every command

  std::vector<PlannedObject> kept;
  std::vector<bool> renamed;
  for (size_t i = 0; i < plan.objects.size(); ++i) {
    PlannedObject& object = plan.objects[i];
    const ProcessingRule* rule = rule_of[i];
    if (rule == nullptr) {
      kept.push_back(std::move(object));
      renamed.push_back(false);
      continue;
    }
    object.processing = rule->Label() + ": " + rule->StageList();
    if (rule->skip) {
      plan.skipped.push_back({object.name, "skipped by processing " + rule->Label()});
      continue;
    }
    bool reclassify = false;
    if (rule->command && context.spool != nullptr) {
      const CommandRun& run = runs[i];
      if (run.error.empty()) {
        object.target = run.spool_name;
        object.source_fd = context.spool->fd();
        object.size_bytes = run.output_bytes;
        reclassify = true;
      } else {
        const std::string why = run.error + " (processing " + rule->Label() + ")";
        switch (rule->command->on_failure) {
          case OnCommandFailure::kFail:
            object.problem = why;
            break;
          case OnCommandFailure::kSkip:
            plan.skipped.push_back({object.name, why + "; skipped as the rule says"});
            plan.warnings.push_back("skipped " + object.name + ": " + why);
            continue;
          case OnCommandFailure::kUploadUnprocessed:
            plan.warnings.push_back(object.name + ": " + why +
                                    "; uploaded without the command, as the rule says");
            object.processing += " (command failed: uploaded without it)";
            break;
        }
      }
    }
    if (rule->rename && object.problem.empty()) {
      std::string problem;
      std::string name = ApplyRename(*rule->rename, object.name, &problem);
      if (name.empty()) {
        object.problem = problem + " (processing " + rule->Label() + ")";
      } else if (name != object.name) {
        object.renamed_from = object.name;
        object.name = name;
        object.object = context.prefix + name;
        object.problem = ObjectNameProblem(object.object, context.max_object_name_length);
        reclassify = true;
      }
    }
    if (reclassify && object.problem.empty()) {
      Reclassify(object, object.source_fd >= 0 ? object.source_fd : context.root_fd, context);
    }
    object.redact_patterns = rule->redact;
    if (rule->gzip_level) {
      object.compress = *rule->gzip_level > 0 && object.size_bytes > 0;
      object.gzip_level = *rule->gzip_level;
    }
    renamed.push_back(!object.renamed_from.empty());
    kept.push_back(std::move(object));
  }
  // A renamed file may land on another's name: the renamed one fails, the other goes.
  std::map<std::string, size_t> owner;
  for (size_t i = 0; i < kept.size(); ++i) {
    if (!renamed[i]) owner.emplace(kept[i].name, i);
  }
  for (size_t i = 0; i < kept.size(); ++i) {
    if (!renamed[i]) continue;
    auto [at, fresh] = owner.emplace(kept[i].name, i);
    if (!fresh && kept[i].problem.empty()) {
      kept[i].problem =
          "rename gives '" + kept[i].name + "', the name of " +
          (renamed[at->second] ? "another renamed file ('" + kept[at->second].renamed_from + "')"
                               : "another file") +
          "; not sent (processing " + kept[i].processing.substr(0, kept[i].processing.find(':')) +
          ")";
      // Reported under its own name: the other file's name belongs to the one that landed.
      kept[i].object = context.prefix + kept[i].renamed_from;
      kept[i].name = std::move(kept[i].renamed_from);
      kept[i].renamed_from.clear();
    }
  }
  std::stable_sort(kept.begin(), kept.end(),
                   [](const PlannedObject& a, const PlannedObject& b) { return a.name < b.name; });
  plan.objects = std::move(kept);
}

}  // namespace logstow::uploader
