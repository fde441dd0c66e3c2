// Portable FindLiteral (literal_search.h): a plain loop, for targets without SSE2 or simd128.
#include <cstring>

#include "viewer/literal_search.h"
#include "viewer/literal_search_verify.h"

namespace logstow::viewer {

size_t FindLiteral(std::string_view haystack, std::string_view needle, size_t from, bool ascii_fold,
                   bool guard_unicode_fold) {
  const size_t n = needle.size();
  for (size_t i = from; i < haystack.size(); ++i) {
    if (guard_unicode_fold && UnicodeFoldAt(haystack, i)) return kUnicodeFoldHit;
    if (i + n <= haystack.size() && LiteralAt(haystack.data() + i, needle, ascii_fold)) return i;
  }
  return std::string_view::npos;
}

}  // namespace logstow::viewer
