#include "bulk/json_escapes.h"

#include <cstdint>

#include "ascii.h"

namespace eccn::bulk {
namespace {

// The character that a backslash and `c` stand for, or '\0' for no such escape (\u aside).
char EscapedCharacter(char c) {
  switch (c) {
    case '"':
    case '\\':
    case '/':
      return c;
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    default:
      return '\0';
  }
}

// Four hex digits at `from` (before `end`), as a UTF-16 code unit.
bool Hex4(const char* from, const char* end, uint32_t& unit) {
  if (end - from < 4) return false;
  unit = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = from[i];
    uint32_t digit = 0;
    if (IsAsciiDigit(c)) {
      digit = static_cast<uint32_t>(c - '0');
    } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
      digit = static_cast<uint32_t>((c | 0x20) - 'a' + 10);
    } else {
      return false;
    }
    unit = unit * 16 + digit;
  }
  return true;
}

void AppendUtf8(uint32_t code, std::string& out) {
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

}  // namespace

const char* AppendUnescaped(const char* from, const char* end, std::string& out) {
  const char* at = from;
  while (at < end && *at != '"') {
    if (static_cast<unsigned char>(*at) < 0x20) return nullptr;
    if (*at != '\\') {
      out.push_back(*at++);
      continue;
    }
    if (end - at < 2) return nullptr;
    if (at[1] != 'u') {
      const char c = EscapedCharacter(at[1]);
      if (c == '\0') return nullptr;
      out.push_back(c);
      at += 2;
      continue;
    }
    uint32_t code = 0;
    if (!Hex4(at + 2, end, code)) return nullptr;
    at += 6;
    if (code >= 0xDC00 && code <= 0xDFFF) return nullptr;
    if (code >= 0xD800 && code <= 0xDBFF) {
      uint32_t low = 0;
      if (end - at < 6 || at[0] != '\\' || at[1] != 'u' || !Hex4(at + 2, end, low) || low < 0xDC00 || low > 0xDFFF)
        return nullptr;
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
      at += 6;
    }
    AppendUtf8(code, out);
  }
  return at < end ? at : nullptr;
}

}  // namespace eccn::bulk
