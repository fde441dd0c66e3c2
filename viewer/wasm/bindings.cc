// The viewer core's JavaScript face: the only file that includes <emscripten/...>.
// Module shape (LogstowViewer() resolves to it):
//   classifySeverity(line: string) -> string   "ERROR", "WARNING", ..., "NONE"
#include <emscripten/bind.h>

#include <string>

#include "viewer/severity.h"

namespace {

std::string ClassifySeverity(const std::string& line) {
  static const logstow::viewer::SeverityClassifier classifier;
  return std::string(logstow::viewer::SeverityName(classifier.Classify(line)));
}

}  // namespace

EMSCRIPTEN_BINDINGS(logstow_viewer) {
  emscripten::function("classifySeverity", &ClassifySeverity);
}
