#include "common/html_escape.h"

#include "common/utf8.h"

namespace logstow {

void AppendEscapedHtml(std::string_view bytes, std::string* out) {
  out->reserve(out->size() + bytes.size() + bytes.size() / 8);
  size_t i = 0;
  while (i < bytes.size()) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      switch (c) {
        case '&':
          out->append("&amp;");
          break;
        case '<':
          out->append("&lt;");
          break;
        case '>':
          out->append("&gt;");
          break;
        case '"':
          out->append("&quot;");
          break;
        case '\'':
          out->append("&#39;");
          break;
        case '\0':
          AppendUtf8(kReplacementCharacter, out);
          break;
        default:
          out->push_back(static_cast<char>(c));
      }
      ++i;
      continue;
    }
    const Utf8Step step = DecodeUtf8(bytes.substr(i));
    if (step.valid) {
      out->append(bytes.substr(i, step.length));
    } else {
      AppendUtf8(kReplacementCharacter, out);
    }
    i += step.length;
  }
}

std::string EscapeHtml(std::string_view bytes) {
  std::string out;
  AppendEscapedHtml(bytes, &out);
  return out;
}

}  // namespace logstow
