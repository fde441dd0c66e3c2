// Portable FindLiteral (literal_search.h): a plain loop, for targets without SSE2 or simd128.
#include <cstring>

#include "viewer/literal_search.h"
#include "viewer/literal_search_verify.h"

namespace logstow::viewer {

size_t FindLiteral(std::string_view haystack, std::string_view needle, size_t from,
                   bool ascii_fold) {
  const size_t n = needle.size();
  if (n > haystack.size()) return std::string_view::npos;
  for (size_t i = from; i + n <= haystack.size(); ++i) {
    if (LiteralAt(haystack.data() + i, needle, ascii_fold)) return i;
  }
  return std::string_view::npos;
}

}  // namespace logstow::viewer
