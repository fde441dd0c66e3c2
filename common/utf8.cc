#include "common/utf8.h"

#include <cassert>

namespace logstow {

Utf8Step DecodeUtf8(std::string_view bytes) {
  assert(!bytes.empty());
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(bytes[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {lead, 1, true};
  size_t needed;
  char32_t cp;
  unsigned char lower = 0x80, upper = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    needed = 1;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    needed = 2;
    cp = lead & 0x0F;
    if (lead == 0xE0) lower = 0xA0;
    if (lead == 0xED) upper = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    needed = 3;
    cp = lead & 0x07;
    if (lead == 0xF0) lower = 0x90;
    if (lead == 0xF4) upper = 0x8F;  // <= U+10FFFF
  } else {
    return {kReplacementCharacter, 1, false};
  }
  size_t i = 1;
  for (; i <= needed; ++i) {
    if (i >= bytes.size()) return {kReplacementCharacter, static_cast<uint32_t>(i), false};
    const unsigned char c = byte(i);
    if (c < lower || c > upper) return {kReplacementCharacter, static_cast<uint32_t>(i), false};
    lower = 0x80;
    upper = 0xBF;
    cp = (cp << 6) | (c & 0x3F);
  }
  return {cp, static_cast<uint32_t>(i), true};
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string SanitizeUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  size_t i = 0;
  while (i < bytes.size()) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    const Utf8Step step = DecodeUtf8(bytes.substr(i));
    if (step.valid) {
      out.append(bytes.substr(i, step.length));
    } else {
      AppendUtf8(kReplacementCharacter, &out);
    }
    i += step.length;
  }
  return out;
}

bool IsValidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const Utf8Step step = DecodeUtf8(text.substr(i));
    if (!step.valid) return false;
    i += step.length;
  }
  return true;
}

bool HasControlCharacter(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

std::string ReplaceUnprintable(std::string_view text, char replacement) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out.push_back(c < 0x20 || c == 0x7F ? replacement : static_cast<char>(c));
      ++i;
      continue;
    }
    const Utf8Step step = DecodeUtf8(text.substr(i));
    if (!step.valid || step.code_point <= 0x9F) {
      out.push_back(replacement);
    } else {
      out.append(text.substr(i, step.length));
    }
    i += step.length;
  }
  return out;
}

size_t Utf16Length(std::string_view text) {
  size_t units = 0;
  for (const char ch : text) units += Utf16UnitsOfByte(static_cast<unsigned char>(ch));
  return units;
}

}  // namespace logstow
