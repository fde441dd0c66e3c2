#include "uploader/classify.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "common/gzip.h"

namespace logstow::uploader {

namespace {

struct Rule {
  std::string_view suffix;  // lower-case, matched at the end of the name
  std::string_view type;
  bool text;
};

// Longest suffixes first where they overlap (".tar.gz" before ".gz").
constexpr std::array kRules = {
    // Already compressed: sent as is.
    Rule{".tar.gz", "application/gzip", false}, Rule{".tgz", "application/gzip", false},
    Rule{".gz", "application/gzip", false}, Rule{".xz", "application/x-xz", false},
    Rule{".bz2", "application/x-bzip2", false}, Rule{".zst", "application/zstd", false},
    Rule{".zip", "application/zip", false}, Rule{".7z", "application/x-7z-compressed", false},
    Rule{".png", "image/png", false}, Rule{".jpg", "image/jpeg", false},
    Rule{".jpeg", "image/jpeg", false}, Rule{".gif", "image/gif", false},
    Rule{".webp", "image/webp", false}, Rule{".ico", "image/vnd.microsoft.icon", false},
    Rule{".pdf", "application/pdf", false}, Rule{".woff2", "font/woff2", false},
    // Text the browser renders or the viewer shows.
    Rule{".html", "text/html", true}, Rule{".htm", "text/html", true},
    Rule{".json", "application/json", true}, Rule{".svg", "image/svg+xml", true},
    Rule{".css", "text/css", true}, Rule{".xml", "application/xml", true},
    Rule{".csv", "text/csv", true}, Rule{".log", "text/plain", true},
    Rule{".txt", "text/plain", true}, Rule{".yaml", "text/plain", true},
    Rule{".yml", "text/plain", true}, Rule{".conf", "text/plain", true},
    Rule{".cfg", "text/plain", true}, Rule{".ini", "text/plain", true},
    Rule{".sh", "text/plain", true}, Rule{".py", "text/plain", true},
    Rule{".out", "text/plain", true}, Rule{".err", "text/plain", true},
    Rule{".md", "text/plain", true}, Rule{".rst", "text/plain", true},
    Rule{".js", "text/plain", true},  // shown, never run: a log's .js is data
};

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

Classification Make(std::string_view type, bool text) {
  Classification c;
  c.content_type = std::string(type);
  c.text = text;
  c.compress = text;
  if (text) c.content_type += "; charset=utf-8";
  return c;
}

}  // namespace

bool LooksLikeText(std::string_view head) {
  if (head.find('\0') != std::string_view::npos) return false;
  // Text has few control characters besides line breaks, tabs, form feeds and ANSI escapes;
  // binaries (ELF headers, images) have many. UTF-8 or legacy 8-bit text both count as text.
  size_t controls = std::count_if(head.begin(), head.end(), [](char ch) {
    unsigned char c = static_cast<unsigned char>(ch);
    return (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x1B && c != '\f' &&
            c != '\b') ||
           c == 0x7F;
  });
  return controls * 20 <= head.size();
}

Classification Classify(std::string_view name, std::string_view head) {
  std::string base = Lower(name.substr(name.rfind('/') + 1));
  for (const Rule& rule : kRules) {
    if (base.size() > rule.suffix.size() && base.ends_with(rule.suffix)) {
      return Make(rule.type, rule.text);
    }
  }
  return LooksLikeText(head) ? Make("text/plain", true) : Make("application/octet-stream", false);
}

bool GzipShrinks(std::string_view bytes, int level) {
  if (bytes.empty()) return false;
  return GzipCompress(bytes, level).size() < bytes.size();
}

}  // namespace logstow::uploader
