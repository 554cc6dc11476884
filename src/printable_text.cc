#include "printable_text.h"

#include <fmt/format.h>

#include <cstdint>
#include <cstring>

namespace eccn {
namespace {

// The byte text[i], or 0 past the end.
unsigned char ByteAt(std::string_view text, size_t i) {
  return i < text.size() ? static_cast<unsigned char>(text[i]) : 0;
}

// The length in bytes of the control character at text[i], or 0: C0 and DEL;
// C1 (U+0080 to U+009F, 0xC2 0x80 to 0xC2 0x9F in UTF-8); and the characters
// Unicode marks Bidi_Control, which reorder what a terminal shows (a name
// could display as another): U+061C, U+200E, U+200F, U+202A to U+202E and
// U+2066 to U+2069.
size_t ControlAt(std::string_view text, size_t i) {
  const unsigned char c = ByteAt(text, i);
  const unsigned char next = ByteAt(text, i + 1);
  const unsigned char third = ByteAt(text, i + 2);
  if (c < 0x20 || c == 0x7F) return 1;
  if ((c == 0xC2 && next >= 0x80 && next <= 0x9F) || (c == 0xD8 && next == 0x9C)) return 2;
  if (c == 0xE2 && next == 0x80 && (third == 0x8E || third == 0x8F || (third >= 0xAA && third <= 0xAE))) return 3;
  if (c == 0xE2 && next == 0x81 && third >= 0xA6 && third <= 0xA9) return 3;
  return 0;
}

// The code point of the two- or three-byte UTF-8 sequence at text[i].
unsigned CodePointAt(std::string_view text, size_t i, size_t length) {
  const unsigned lead = ByteAt(text, i);
  if (length == 2) return (lead & 0x1FU) << 6 | (ByteAt(text, i + 1) & 0x3FU);
  return (lead & 0x0FU) << 12 | (ByteAt(text, i + 1) & 0x3FU) << 6 | (ByteAt(text, i + 2) & 0x3FU);
}

// Whether eight bytes are all printable ASCII (0x20 to 0x7E), as nearly every
// byte of a catalog is. A byte below 0x20 borrows into its high bit when 0x20
// is taken from it (bytes above it may borrow too, after a true find); DEL is
// found as a zero byte of x ^ 0x7F..7F.
bool AllPrintableAscii(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101;
  constexpr uint64_t kHigh = kOnes * 0x80;
  const uint64_t del = x ^ (kOnes * 0x7F);
  return ((x | (x - kOnes * 0x20)) & kHigh) == 0 && ((del - kOnes) & ~del & kHigh) == 0;
}

}  // namespace

size_t FirstControlCharacter(std::string_view text) {
  size_t i = 0;
  for (uint64_t block = 0; i + sizeof block <= text.size(); i += sizeof block) {
    std::memcpy(&block, text.data() + i, sizeof block);
    if (!AllPrintableAscii(block)) break;
  }
  for (; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) - 0x20U < 0x5FU) continue;  // printable ASCII
    if (ControlAt(text, i) != 0) return i;
  }
  return std::string_view::npos;
}

size_t FirstControlCharacterInMultilineText(std::string_view text) {
  for (size_t from = 0; from < text.size();) {
    const size_t at = FirstControlCharacter(text.substr(from));
    if (at == std::string_view::npos) break;
    const char c = text[from + at];
    if (c != '\n' && c != '\t') return from + at;
    from += at + 1;
  }
  return std::string_view::npos;
}

std::string EscapedControlCharacterAt(std::string_view text, size_t at) {
  return EscapeControlCharacters(text.substr(at, ControlAt(text, at)));
}

std::string EscapeControlCharacters(std::string_view text) {
  const size_t first = FirstControlCharacter(text);
  if (first == std::string_view::npos) return std::string(text);
  std::string out(text.substr(0, first));
  for (size_t i = first; i < text.size();) {
    const size_t length = ControlAt(text, i);
    const auto c = static_cast<unsigned char>(text[i]);
    if (length == 0) {
      out += text[i++];
    } else if (length > 1) {
      out += fmt::format("\\u{:04x}", CodePointAt(text, i, length));
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += fmt::format("\\x{:02x}", c);
    }
    i += length;
  }
  return out;
}

}  // namespace eccn
