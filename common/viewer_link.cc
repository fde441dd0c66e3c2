#include "common/viewer_link.h"

#include "common/percent_encode.h"

namespace logstow {

std::string ViewerLink(std::string_view viewer_url, std::string_view target_url) {
  // A viewer page given with a query of its own keeps it; q joins it with '&'.
  const char* join = viewer_url.find('?') == std::string_view::npos ? "?q=" : "&q=";
  return std::string(viewer_url) + join + PercentEncode(target_url);
}

std::string ViewerUrlProblem(std::string_view viewer_url) {
  if ((!viewer_url.starts_with("https://") && !viewer_url.starts_with("http://")) ||
      viewer_url.find_first_of(" \t\r\n") != std::string_view::npos) {
    return "is not an http(s) URL";
  }
  if (viewer_url.find('#') != std::string_view::npos) {
    return "has a fragment ('#...'): the viewer's q= would land in it";
  }
  return "";
}

}  // namespace logstow
