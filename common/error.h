// logstow::Error: the base of every error that stops an operation in the native parts
// (tokens, uploader, CLI). Each subclass carries a stable code (listed in docs/errors.md) and a
// message that says what is wrong, the value at fault, and what to do. The viewer core never
// throws (Emscripten aborts on a throw); it returns errors as values.
#pragma once

#include <stdexcept>
#include <string>

namespace logstow {

class Error : public std::runtime_error {
 public:
  // code: stable identifier, e.g. "token.format" (docs/errors.md); message: one or two
  // sentences for a human.
  Error(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}

  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

}  // namespace logstow
