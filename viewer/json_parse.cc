#include "viewer/json_parse.h"

#include <cmath>

namespace logstow::viewer {

namespace {

// nlohmann's DOM builder with exceptions off, keeping the parse error's message.
class DomBuilder : public nlohmann::detail::json_sax_dom_parser<nlohmann::json> {
 public:
  explicit DomBuilder(nlohmann::json* out)
      : nlohmann::detail::json_sax_dom_parser<nlohmann::json>(*out, false) {}

  template <class Exception>
  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                   const Exception& ex) {
    message = ex.what();
    failed = true;
    return false;
  }

  std::string message;
  bool failed = false;
};

}  // namespace

bool ParseJson(std::string_view text, nlohmann::json* out, std::string* error) {
  *out = nlohmann::json();
  DomBuilder builder(out);
  const bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &builder,
                                            nlohmann::json::input_format_t::json, true) &&
                  !builder.failed;
  if (ok) return true;
  std::string message = builder.message.empty() ? "invalid JSON" : builder.message;
  // "[json.exception.parse_error.101] parse error at ..." -> "parse error at ..."
  if (message.rfind("[json.exception.", 0) == 0) {
    const size_t close = message.find("] ");
    if (close != std::string::npos) message.erase(0, close + 2);
  }
  *error = message;
  *out = nlohmann::json();
  return false;
}

const nlohmann::json* JsonField(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string JsonString(const nlohmann::json& object, const char* key, std::string_view fallback) {
  const nlohmann::json* field = JsonField(object, key);
  if (field == nullptr || !field->is_string()) return std::string(fallback);
  return field->get_ref<const std::string&>();
}

int64_t JsonCount(const nlohmann::json& object, const char* key) {
  const nlohmann::json* field = JsonField(object, key);
  if (field == nullptr) return -1;
  if (field->is_number_unsigned()) {
    const uint64_t value = field->get<uint64_t>();
    return value > static_cast<uint64_t>(INT64_MAX) ? -1 : static_cast<int64_t>(value);
  }
  if (field->is_number_integer()) {
    const int64_t value = field->get<int64_t>();
    return value < 0 ? -1 : value;
  }
  if (field->is_number_float()) {
    const double value = field->get<double>();
    if (value >= 0 && value <= 9007199254740992.0 && std::floor(value) == value) {
      return static_cast<int64_t>(value);
    }
  }
  return -1;
}

}  // namespace logstow::viewer
