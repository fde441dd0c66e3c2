#include "cli/output.h"

#include <iostream>

namespace logstow::cli {

void PrintError(std::string_view message) {
  std::cerr << "logstow: error: " << message << '\n';
}

void PrintWarning(std::string_view message) {
  std::cerr << "logstow: warning: " << message << '\n';
}

}  // namespace logstow::cli
