#include "uploader/processing_rules.h"

#include <re2/re2.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "common/duration.h"
#include "common/error.h"
#include "uploader/glob.h"

namespace logstow::uploader {

namespace {

using nlohmann::json;

constexpr char kCode[] = "processing.file";

// Throws the error for the file; `where` is "" or "rule 2 'scrub', stage 1".
[[noreturn]] void Fail(const std::string& file, const std::string& where, const std::string& what) {
  throw Error(kCode, "processing file '" + file + "': " + (where.empty() ? "" : where + ": ") +
                         what + " (docs/processing.md)");
}

std::string Quoted(const json& value) {
  std::string text = value.dump();
  return text.size() > 80 ? text.substr(0, 80) + "..." : text;
}

void CheckKeys(const json& object, const std::set<std::string>& allowed, const std::string& file,
               const std::string& where) {
  for (const auto& [key, value] : object.items()) {
    if (allowed.count(key) == 0) {
      std::string names;
      for (const std::string& a : allowed) names += (names.empty() ? "" : ", ") + a;
      Fail(file, where, "unknown key \"" + key + "\" (allowed: " + names + ")");
    }
  }
}

std::string StringField(const json& object, const char* key, const std::string& file,
                        const std::string& where) {
  const json& v = object.at(key);
  if (!v.is_string()) Fail(file, where, std::string("\"") + key + "\" must be a string");
  return v.get<std::string>();
}

std::vector<std::string> StringList(const json& v, const char* key, const std::string& file,
                                    const std::string& where) {
  std::vector<std::string> out;
  if (v.is_string()) {
    out.push_back(v.get<std::string>());
  } else if (v.is_array() && !v.empty()) {
    for (const json& item : v) {
      if (!item.is_string()) {
        Fail(file, where,
             std::string("\"") + key + "\" must hold strings only, got " + Quoted(item));
      }
      out.push_back(item.get<std::string>());
    }
  } else {
    Fail(file, where,
         std::string("\"") + key + "\" must be a string or a non-empty list of strings");
  }
  return out;
}

void ReadCommand(const json& stage, ProcessingRule& rule, const std::string& file,
                 const std::string& where) {
  CheckKeys(stage, {"stage", "argv", "shell", "timeout", "on_failure"}, file, where);
  CommandStage command;
  if (stage.contains("argv") == stage.contains("shell")) {
    Fail(file, where,
         "a command stage needs \"argv\" (a list: program and arguments, run without a shell) "
         "or \"shell\" (a string run by /bin/sh -c), not both");
  }
  if (stage.contains("argv")) {
    command.argv = StringList(stage["argv"], "argv", file, where);
    if (!stage["argv"].is_array() || command.argv[0].empty()) {
      Fail(file, where, "\"argv\" must be a list whose first entry names the program");
    }
  } else {
    std::string text = StringField(stage, "shell", file, where);
    if (text.empty()) Fail(file, where, "\"shell\" is empty");
    command.argv = {"/bin/sh", "-c", text};
    constexpr size_t kLabelChars = 60;
    command.label = "'" + (text.size() > kLabelChars ? text.substr(0, kLabelChars) + "…" : text) +
                    "' (/bin/sh -c)";
  }
  if (stage.contains("timeout")) {
    std::string text = stage["timeout"].is_string()   ? stage["timeout"].get<std::string>()
                       : stage["timeout"].is_number() ? stage["timeout"].dump()
                                                      : "";
    std::optional<std::chrono::seconds> t = ParseDuration(text);
    if (!t || t->count() < 1 || *t > std::chrono::hours(24)) {
      Fail(file, where,
           "\"timeout\" must be a duration from 1 s to 1 d (e.g. 30, \"90s\", \"5m\"), got " +
               Quoted(stage["timeout"]));
    }
    command.timeout = *t;
  }
  if (stage.contains("on_failure")) {
    const json& v = stage["on_failure"];
    std::string text = v.is_string() ? v.get<std::string>() : "";
    if (text == "fail") {
      command.on_failure = OnCommandFailure::kFail;
    } else if (text == "skip") {
      command.on_failure = OnCommandFailure::kSkip;
    } else if (text == "upload-unprocessed") {
      command.on_failure = OnCommandFailure::kUploadUnprocessed;
    } else {
      Fail(file, where,
           "\"on_failure\" must be \"fail\", \"skip\" or \"upload-unprocessed\", got " + Quoted(v));
    }
  }
  rule.command = std::move(command);
}

void ReadStage(const json& stage, ProcessingRule& rule, const std::string& file,
               const std::string& where) {
  if (!stage.is_object()) Fail(file, where, "must be an object with a \"stage\" key");
  if (!stage.contains("stage") || !stage["stage"].is_string()) {
    Fail(file, where,
         "needs \"stage\": one of \"gzip\", \"redact\", \"skip\", \"rename\", \"command\"");
  }
  const std::string kind = stage["stage"].get<std::string>();
  auto once = [&](bool already) {
    if (already) Fail(file, where, "a second '" + kind + "' stage (each kind at most once a rule)");
  };
  if (kind == "gzip") {
    once(rule.gzip_level.has_value());
    CheckKeys(stage, {"stage", "level"}, file, where);
    int level = 6;
    if (stage.contains("level")) {
      const json& v = stage["level"];
      if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > 9) {
        Fail(file, where,
             "\"level\" must be a whole number 0..9 (0: never gzip), got " + Quoted(v));
      }
      level = v.get<int>();
    }
    rule.gzip_level = level;
  } else if (kind == "redact") {
    once(rule.redact != nullptr);
    CheckKeys(stage, {"stage", "patterns", "replacement"}, file, where);
    if (!stage.contains("patterns")) Fail(file, where, "a redact stage needs \"patterns\"");
    std::vector<std::string> patterns = StringList(stage["patterns"], "patterns", file, where);
    for (const std::string& pattern : patterns) {
      // An empty pattern matches everywhere and nothing: surely a mistake.
      if (pattern.empty()) Fail(file, where, "a redact pattern is empty: remove it or write one");
    }
    std::string replacement = "[redacted]";
    if (stage.contains("replacement")) replacement = StringField(stage, "replacement", file, where);
    auto compiled = std::make_shared<const RedactPatterns>(patterns, replacement);
    if (!compiled->ok()) Fail(file, where, compiled->error());
    rule.redact = std::move(compiled);
  } else if (kind == "skip") {
    once(rule.skip);
    CheckKeys(stage, {"stage"}, file, where);
    rule.skip = true;
  } else if (kind == "rename") {
    once(rule.rename.has_value());
    CheckKeys(stage, {"stage", "match", "replace"}, file, where);
    if (!stage.contains("match") || !stage.contains("replace")) {
      Fail(file, where, "a rename stage needs \"match\" (RE2) and \"replace\" (\\1 for groups)");
    }
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_shared<const RE2>(StringField(stage, "match", file, where), options);
    if (!re->ok()) Fail(file, where, "\"match\" does not compile: " + re->error());
    RenameStage rename{re, StringField(stage, "replace", file, where)};
    std::string problem;
    if (!re->CheckRewriteString(rename.replace, &problem)) {
      Fail(file, where, "\"replace\" is not usable: " + problem);
    }
    rule.rename = std::move(rename);
  } else if (kind == "command") {
    once(rule.command.has_value());
    ReadCommand(stage, rule, file, where);
  } else {
    Fail(file, where,
         "unknown stage '" + kind + "' (expected gzip, redact, skip, rename or command)");
  }
}

}  // namespace

std::string ProcessingRule::Label() const {
  return "rule " + std::to_string(number) + (name.empty() ? "" : " '" + name + "'");
}

std::string ProcessingRule::StageList() const {
  std::string out;
  auto add = [&out](const char* s) { out += (out.empty() ? "" : ", ") + std::string(s); };
  if (skip) add("skip");
  if (command) add("command");
  if (redact) add("redact");
  if (rename) add("rename");
  if (gzip_level) add("gzip");
  return out;
}

const ProcessingRule* ProcessingRules::Match(std::string_view relative_path) const {
  for (const ProcessingRule& rule : rules) {
    for (const std::string& glob : rule.globs) {
      if (GlobMatches(glob, relative_path)) return &rule;
    }
  }
  return nullptr;
}

ProcessingRules ParseProcessingRules(std::string_view json_text, const std::string& file) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::parse_error& e) {
    Fail(file, "", std::string("not JSON: ") + e.what());  // the parser's message says where
  }
  if (!doc.is_object()) Fail(file, "", "must be a JSON object");
  CheckKeys(doc, {"logstow_processing", "rules", "comment"}, file, "");
  if (!doc.contains("logstow_processing") || doc["logstow_processing"] != 1) {
    Fail(file, "", "\"logstow_processing\" must be 1 (the only format version)");
  }
  if (!doc.contains("rules") || !doc["rules"].is_array()) {
    Fail(file, "", "\"rules\" must be a list of rules");
  }
  ProcessingRules out;
  out.file = file;
  for (size_t i = 0; i < doc["rules"].size(); ++i) {
    const json& r = doc["rules"][i];
    ProcessingRule rule;
    rule.number = i + 1;
    std::string where = "rule " + std::to_string(rule.number);
    if (!r.is_object()) Fail(file, where, "must be an object");
    if (r.contains("name")) {
      rule.name = StringField(r, "name", file, where);
      where = rule.Label();
    }
    CheckKeys(r, {"name", "glob", "stages", "comment"}, file, where);
    if (!r.contains("glob")) Fail(file, where, "needs \"glob\": a glob or a list of globs");
    rule.globs = StringList(r["glob"], "glob", file, where);
    for (const std::string& glob : rule.globs) {
      std::string problem = GlobProblem(glob);
      if (!problem.empty()) Fail(file, where, "glob '" + glob + "' " + problem);
    }
    if (!r.contains("stages") || !r["stages"].is_array() || r["stages"].empty()) {
      Fail(file, where, "needs \"stages\": a non-empty list");
    }
    for (size_t k = 0; k < r["stages"].size(); ++k) {
      ReadStage(r["stages"][k], rule, file, where + ", stage " + std::to_string(k + 1));
    }
    if (rule.skip && r["stages"].size() > 1) {
      Fail(file, where, "'skip' must be the rule's only stage (a skipped file is not read)");
    }
    out.rules.push_back(std::move(rule));
  }
  return out;
}

ProcessingRules LoadProcessingRules(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw Error(kCode, "processing file '" + path.string() +
                           "' is a folder: give the path of a JSON processing file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(kCode, "processing file '" + path.string() +
                           "' cannot be read: give the path of a JSON processing file");
  }
  std::stringstream text;
  text << in.rdbuf();
  return ParseProcessingRules(text.str(), path.string());
}

std::string ApplyRename(const RenameStage& stage, const std::string& relative_path,
                        std::string* problem) {
  std::string name = relative_path;
  RE2::Replace(&name, *stage.match, stage.replace);
  auto bad = [&](const std::string& why) {
    *problem = "rename gives '" + name + "', " + why;
    return std::string();
  };
  if (name.empty()) return bad("an empty name");
  if (name.front() == '/') return bad("which starts with '/' (names are relative)");
  if (name.back() == '/') return bad("which ends with '/' (a folder, not a file)");
  std::stringstream segments(name);
  for (std::string s; std::getline(segments, s, '/');) {
    if (s.empty() || s == "." || s == "..") return bad("which has an empty, '.' or '..' segment");
  }
  return name;
}

}  // namespace logstow::uploader
