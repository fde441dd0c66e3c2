#include "viewer/rules.h"

#include <re2/re2.h>

#include <cassert>
#include <string>
#include <tuple>

#include "viewer/json_parse.h"
#include "viewer/oslo_level_prefix.h"

namespace logstow::viewer {

namespace {

using nlohmann::json;

constexpr int kMaxDefinitionDepth = 8;

struct RawRule {
  std::string name;
  std::string match;
  std::string level_or_kind;
  std::map<std::string, std::string, std::less<>> continues;  // severity rules: "continues"
  std::string block;                                          // severity rules: "block"
  int number = 0;                                             // 1-based position in its file
  bool built_in = false;
};

struct RawFile {
  std::map<std::string, std::string, std::less<>> define;
  std::map<std::string, std::string, std::less<>> levels;
  std::vector<RawRule> severity;
  std::vector<RawRule> continuations;
  std::vector<RawRule> records;
  std::vector<RawRule> spans;
  bool keep_defaults = true;
};

// What the third field of a rule is: "level" (severity rules), "kind" (span rules) or nothing
// (continuation and record rules).
enum class RuleShape { kSeverity, kSpan, kLine };

RuleError Fail(RuleError::Code code, std::string message) { return RuleError{code, message}; }

std::string RuleLabel(const char* what, const RawRule& rule) {
  std::string label = std::string(what) + " rule " + std::to_string(rule.number);
  if (!rule.name.empty()) label += " (\"" + rule.name + "\")";
  return label;
}

// `where` names the map in messages: 'rule file: "levels"'.
bool ReadStringMap(const json& map, const std::string& where,
                   std::map<std::string, std::string, std::less<>>* out, RuleError* error) {
  if (!map.is_object()) {
    *error = Fail(RuleError::Code::kBadShape, where + " must be an object of strings");
    return false;
  }
  for (const auto& [name, value] : map.items()) {
    if (!value.is_string()) {
      *error = Fail(RuleError::Code::kBadShape, where + " entry \"" + name + "\" must be a string");
      return false;
    }
    (*out)[name] = value.get_ref<const std::string&>();
  }
  return true;
}

bool ReadRules(const json& file, const char* key, const char* what, RuleShape shape,
               std::vector<RawRule>* out, RuleError* error) {
  const json* list = JsonField(file, key);
  if (list == nullptr) return true;
  if (!list->is_array()) {
    *error = Fail(RuleError::Code::kBadShape,
                  std::string("rule file: \"") + key + "\" must be an array of rules");
    return false;
  }
  int number = 0;
  for (const json& item : *list) {
    RawRule rule;
    rule.number = ++number;
    if (!item.is_object()) {
      *error = Fail(RuleError::Code::kBadShape, RuleLabel(what, rule) + ": must be an object");
      return false;
    }
    rule.name = JsonString(item, "name");
    const json* match = JsonField(item, "match");
    if (match == nullptr || !match->is_string()) {
      *error = Fail(RuleError::Code::kBadShape,
                    RuleLabel(what, rule) + ": \"match\" must be a string (an RE2 pattern)");
      return false;
    }
    rule.match = match->get_ref<const std::string&>();
    if (shape != RuleShape::kLine) {
      const char* field = shape == RuleShape::kSpan ? "kind" : "level";
      const json* value = JsonField(item, field);
      if (value == nullptr || !value->is_string()) {
        *error = Fail(RuleError::Code::kBadShape,
                      RuleLabel(what, rule) + ": \"" + field + "\" must be a string");
        return false;
      }
      rule.level_or_kind = value->get_ref<const std::string&>();
    }
    if (shape == RuleShape::kSeverity) {
      if (const json* continues = JsonField(item, "continues");
          continues != nullptr &&
          !ReadStringMap(*continues, RuleLabel(what, rule) + ": \"continues\"", &rule.continues,
                         error)) {
        return false;
      }
      if (const json* block = JsonField(item, "block"); block != nullptr) {
        if (!block->is_string()) {
          *error = Fail(RuleError::Code::kBadShape,
                        RuleLabel(what, rule) + ": \"block\" must be a string");
          return false;
        }
        rule.block = block->get_ref<const std::string&>();
      }
    }
    out->push_back(std::move(rule));
  }
  return true;
}

bool ReadFileMap(const json& file, const char* key,
                 std::map<std::string, std::string, std::less<>>* out, RuleError* error) {
  const json* map = JsonField(file, key);
  return map == nullptr ||
         ReadStringMap(*map, std::string("rule file: \"") + key + "\"", out, error);
}

bool ReadFile(std::string_view text, RawFile* out, RuleError* error) {
  json file;
  std::string parse_error;
  if (!ParseJson(text, &file, &parse_error)) {
    *error = Fail(RuleError::Code::kBadJson, "rule file is not JSON: " + parse_error);
    return false;
  }
  if (!file.is_object()) {
    *error = Fail(RuleError::Code::kBadShape, "rule file: must be a JSON object");
    return false;
  }
  if (const json* version = JsonField(file, "logstow_rules");
      version != nullptr && !(version->is_number_integer() && version->get<int64_t>() == 1)) {
    *error = Fail(RuleError::Code::kBadVersion,
                  "rule file: \"logstow_rules\" must be 1 (the only format version)");
    return false;
  }
  if (const json* keep = JsonField(file, "defaults"); keep != nullptr) {
    if (!keep->is_boolean()) {
      *error = Fail(RuleError::Code::kBadShape, "rule file: \"defaults\" must be true or false");
      return false;
    }
    out->keep_defaults = keep->get<bool>();
  }
  return ReadFileMap(file, "define", &out->define, error) &&
         ReadFileMap(file, "levels", &out->levels, error) &&
         ReadRules(file, "severity", "severity", RuleShape::kSeverity, &out->severity, error) &&
         ReadRules(file, "continuations", "continuation", RuleShape::kLine, &out->continuations,
                   error) &&
         ReadRules(file, "records", "record", RuleShape::kLine, &out->records, error) &&
         ReadRules(file, "spans", "span", RuleShape::kSpan, &out->spans, error);
}

// Replaces every {{name}} in `pattern` by its definition, recursively.
bool Expand(std::string_view pattern, const std::map<std::string, std::string, std::less<>>& define,
            int depth, std::string* out, std::string* problem) {
  if (depth > kMaxDefinitionDepth) {
    *problem = "definitions nest more than " + std::to_string(kMaxDefinitionDepth) +
               " deep (a {{name}} that uses itself?)";
    return false;
  }
  size_t at = 0;
  while (at < pattern.size()) {
    const size_t open = pattern.find("{{", at);
    if (open == std::string_view::npos) break;
    const size_t close = pattern.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out->append(pattern.substr(at, open - at));
    const std::string_view name = pattern.substr(open + 2, close - open - 2);
    const auto it = define.find(name);
    if (it == define.end()) {
      *problem = "undefined {{" + std::string(name) + "}}";
      return false;
    }
    if (!Expand(it->second, define, depth + 1, out, problem)) return false;
    at = close + 2;
  }
  out->append(pattern.substr(at));
  return true;
}

std::shared_ptr<const re2::RE2> CompilePattern(const std::string& pattern, std::string* problem) {
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<const RE2>(pattern, options);
  if (!re->ok()) {
    *problem = re->error();
    return nullptr;
  }
  return re;
}

}  // namespace

std::string_view SpanKindName(SpanKind kind) {
  switch (kind) {
    case SpanKind::kSeverity:
      return "severity";
    case SpanKind::kTimestamp:
      return "timestamp";
    case SpanKind::kRequestId:
      return "request-id";
    case SpanKind::kUrl:
      return "url";
    case SpanKind::kPath:
      return "path";
    case SpanKind::kTask:
      return "task";
    case SpanKind::kMatch:
      return "match";
  }
  return "match";
}

bool ParseSpanKind(std::string_view name, SpanKind* kind) {
  for (int k = static_cast<int>(SpanKind::kSeverity); k <= static_cast<int>(SpanKind::kMatch);
       ++k) {
    if (SpanKindName(static_cast<SpanKind>(k)) == name) {
      *kind = static_cast<SpanKind>(k);
      return true;
    }
  }
  return false;
}

LazyRe2::LazyRe2(std::string pattern) : pattern_(std::move(pattern)) {}

LazyRe2::LazyRe2(std::shared_ptr<const re2::RE2> re) : re_(std::move(re)) {
  assert(re_ != nullptr);
  std::call_once(once_, [] {});  // get() then never compiles
}

LazyRe2::~LazyRe2() = default;

const re2::RE2& LazyRe2::get() const {
  std::call_once(once_, [this] {
    RE2::Options options;
    options.set_log_errors(false);
    re_ = std::make_shared<const RE2>(pattern_, options);
  });
  return *re_;
}

Rules::~Rules() = default;

Severity Rules::LevelOfWord(std::string_view word) const {
  const auto it = words_.find(word);
  return it == words_.end() ? Severity::kNone : it->second;
}

std::shared_ptr<const Rules> Rules::Defaults() {
  static const std::shared_ptr<const Rules> defaults = [] {
    RuleError error;
    return Compile("", &error);  // tested: the built-in file always compiles
  }();
  return defaults;
}

std::shared_ptr<const Rules> Rules::Compile(std::string_view user_json, RuleError* error) {
  *error = RuleError{};
  RawFile defaults, user;
  if (!ReadFile(DefaultRulesJson(), &defaults, error)) {
    error->message = "built-in " + error->message;
    return nullptr;
  }
  for (auto* list :
       {&defaults.severity, &defaults.continuations, &defaults.records, &defaults.spans}) {
    for (RawRule& rule : *list) rule.built_in = true;
  }
  if (!user_json.empty() && !ReadFile(user_json, &user, error)) return nullptr;

  auto define = defaults.define;
  for (const auto& [name, value] : user.define) define[name] = value;
  std::shared_ptr<Rules> rules(new Rules());
  for (const auto* levels : {&defaults.levels, &user.levels}) {
    for (const auto& [word, level_name] : *levels) {
      Severity level;
      if (!ParseSeverityName(level_name, &level) || level == Severity::kNone) {
        *error = Fail(RuleError::Code::kBadLevel, "rule file: \"levels\" entry \"" + word +
                                                      "\": unknown level \"" + level_name + "\"");
        return nullptr;
      }
      rules->words_[word] = level;
    }
  }

  // User rules first, then the built-in ones unless the user file drops them.
  const auto in_order = [&](std::vector<RawRule> RawFile::*list) {
    std::vector<const RawRule*> out;
    for (const RawRule& rule : user.*list) out.push_back(&rule);
    if (user.keep_defaults) {
      for (const RawRule& rule : defaults.*list) out.push_back(&rule);
    }
    return out;
  };
  // Rules from the built-in file are named as such in messages.
  const auto label = [](const char* what, const RawRule* rule) {
    return (rule->built_in ? std::string("built-in ") : std::string()) + RuleLabel(what, *rule);
  };
  // Expands and compiles one rule's pattern; on failure fills *error.
  const auto compile = [&](const char* what, const RawRule* raw, std::string* pattern) {
    std::string problem;
    if (!Expand(raw->match, define, 0, pattern, &problem)) {
      *error = Fail(RuleError::Code::kBadDefinition, label(what, raw) + ": " + problem);
      return std::shared_ptr<const RE2>();
    }
    auto re = CompilePattern(*pattern, &problem);
    if (re == nullptr)
      *error = Fail(RuleError::Code::kBadPattern, label(what, raw) + ": " + problem);
    return re;
  };
  const char* const kLevelNames =
      "(one of DEBUG, INFO, AUDIT, WARNING, ERROR, CRITICAL, TRACE, or \"$word\")";

  RE2::Options options;
  options.set_log_errors(false);
  // The combined patterns are as large as their parts together; give them room.
  options.set_max_mem(64 << 20);
  // Every line rule goes into the Set in the order rules are tried; Add parses the pattern, so a
  // built-in severity rule (compiled alone only on first use) is checked here.
  rules->line_rules_ = std::make_unique<RE2::Set>(options, RE2::ANCHOR_START);
  size_t line_patterns = 0;
  const auto add_line_pattern = [&](const std::string& rule_label, const std::string& pattern) {
    std::string problem;
    if (rules->line_rules_->Add(pattern, &problem) < 0) {
      *error = Fail(RuleError::Code::kBadPattern, rule_label + ": " + problem);
      return false;
    }
    ++line_patterns;
    return true;
  };
  for (const RawRule* raw : in_order(&RawFile::severity)) {
    SeverityRule rule;
    rule.name = raw->name;
    if (raw->level_or_kind == "$word") {
      rule.from_word = true;
    } else if (!ParseSeverityName(raw->level_or_kind, &rule.level) ||
               rule.level == Severity::kNone) {
      *error = Fail(RuleError::Code::kBadLevel, label("severity", raw) + ": unknown level \"" +
                                                    raw->level_or_kind + "\" " + kLevelNames);
      return nullptr;
    }
    for (const auto& [given, record] : raw->continues) {
      Severity from, to;
      if (!ParseSeverityName(given, &from) || from == Severity::kNone ||
          !ParseSeverityName(record, &to) || to == Severity::kNone) {
        *error = Fail(RuleError::Code::kBadLevel,
                      label("severity", raw) + ": \"continues\" entry \"" + given + "\": \"" +
                          record + "\" names an unknown level");
        return nullptr;
      }
      rule.continues_from[static_cast<int>(from)] = to;
    }
    if (raw->block == "traceback") {
      rule.opens_traceback = true;
    } else if (!raw->block.empty()) {
      *error = Fail(RuleError::Code::kBadBlock, label("severity", raw) + ": unknown block \"" +
                                                    raw->block + "\" (the only one is traceback)");
      return nullptr;
    }
    std::string pattern;
    if (raw->built_in) {  // compiled on first use (LazyRe2); its syntax is checked by the Set
      std::string problem;
      if (!Expand(raw->match, define, 0, &pattern, &problem)) {
        *error = Fail(RuleError::Code::kBadDefinition, label("severity", raw) + ": " + problem);
        return nullptr;
      }
      rule.pattern = std::make_shared<const LazyRe2>(pattern);
    } else {
      auto re = compile("severity", raw, &pattern);
      if (re == nullptr) return nullptr;
      rule.pattern = std::make_shared<const LazyRe2>(std::move(re));
    }
    if (!add_line_pattern(label("severity", raw), pattern)) return nullptr;
    rule.oslo_level_prefix = pattern == kOsloLevelPattern;
    for (size_t k = 0; rule.oslo_level_prefix && k < kOsloLevelWords.size(); ++k) {
      rule.oslo_word_levels[k] = rules->LevelOfWord(kOsloLevelWords[k]);
    }
    rules->severity_.push_back(std::move(rule));
  }
  for (const auto& [list, what, out] :
       {std::tuple(&RawFile::continuations, "continuation", &rules->continuations_),
        std::tuple(&RawFile::records, "record", &rules->records_)}) {
    for (const RawRule* raw : in_order(list)) {
      std::string pattern;
      LineRule rule{raw->name, compile(what, raw, &pattern)};
      if (rule.pattern == nullptr || !add_line_pattern(label(what, raw), pattern)) return nullptr;
      out->push_back(std::move(rule));
    }
  }

  std::string any_span;
  for (const RawRule* raw : in_order(&RawFile::spans)) {
    SpanRule rule;
    rule.name = raw->name;
    if (!ParseSpanKind(raw->level_or_kind, &rule.kind)) {
      *error = Fail(RuleError::Code::kBadKind,
                    label("span", raw) + ": unknown kind \"" + raw->level_or_kind +
                        "\" (one of request-id, url, path, task, timestamp, severity, match)");
      return nullptr;
    }
    std::string pattern;
    rule.pattern = compile("span", raw, &pattern);
    if (rule.pattern == nullptr) return nullptr;
    if (!rules->spans_.empty()) any_span += '|';
    any_span += "(?:" + pattern + ")";
    rules->spans_.push_back(std::move(rule));
  }
  // With no span rules at all this matches nothing.
  if (rules->spans_.empty()) any_span = "[^\\x00-\\x{10FFFF}]";

  rules->any_span_ = std::make_unique<RE2>(any_span, options);
  if (!rules->any_span_->ok()) {
    *error = Fail(
        RuleError::Code::kBadPattern,
        "rule file: the span rules together are too large for RE2: " + rules->any_span_->error());
    return nullptr;
  }
  // An empty Set does not compile; a line then matches no rule (severity.cc checks the size).
  if (line_patterns > 0 && !rules->line_rules_->Compile()) {
    *error = Fail(RuleError::Code::kBadPattern,
                  "rule file: the line rules together are too large for RE2");
    return nullptr;
  }
  return rules;
}

}  // namespace logstow::viewer
