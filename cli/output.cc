#include "cli/output.h"

#include <iostream>

namespace logstow::cli {

void PrintError(std::string_view message) { std::cerr << "logstow: error: " << message << '\n'; }

std::string Printable(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  }
  return out;
}

void PrintWarning(std::string_view message) {
  std::cerr << "logstow: warning: " << message << '\n';
}

}  // namespace logstow::cli
