#include "common/viewer_link.h"

#include "common/percent_encode.h"

namespace logstow {

std::string ViewerLink(std::string_view viewer_url, std::string_view target_url) {
  return std::string(viewer_url) + "?q=" + PercentEncode(target_url);
}

}  // namespace logstow
