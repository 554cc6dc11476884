// Control characters from input files reach a terminal only escaped.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include <eccn/diagnostic.h>

#include "printable_text.h"

namespace eccn {
namespace {

TEST(PrintableText, FindsTheFirstControlCharacter) {
  EXPECT_EQ(FirstControlCharacter("NVIDIA H100"), std::string_view::npos);
  EXPECT_EQ(FirstControlCharacter(""), std::string_view::npos);
  // Not controls: backslashes, non-ASCII letters, U+00A0 (0xC2 0xA0, next to C1), a lone 0xC2 at the end.
  EXPECT_EQ(FirstControlCharacter("a\\b caf\xc3\xa9 \xc2\xa0 \xe8\x8a\xaf\xc2"), std::string_view::npos);
  EXPECT_EQ(FirstControlCharacter(std::string_view("A\0B", 3)), 1u);
  EXPECT_EQ(FirstControlCharacter("AB\x1f"), 2u);
  EXPECT_EQ(FirstControlCharacter("AB \x7f"), 3u);
  EXPECT_EQ(FirstControlCharacter("\xc3\xa9\xc2\x80"), 2u);  // U+0080, the first C1
  EXPECT_EQ(FirstControlCharacter("\xc2\x9f"), 0u);          // U+009F, the last
}

TEST(PrintableText, MultilineTextMayHoldLineBreaksAndTabs) {
  EXPECT_EQ(FirstControlCharacterInMultilineText("two\tcolumns\nand lines\n"), std::string_view::npos);
  EXPECT_EQ(FirstControlCharacterInMultilineText("a\nb\r\n"), 3u);  // a carriage return moves the cursor back
  EXPECT_EQ(FirstControlCharacterInMultilineText("a\n\n\x1b[2J"), 3u);
  EXPECT_EQ(FirstControlCharacterInMultilineText("\t\xe2\x80\xae"), 1u);
  EXPECT_EQ(FirstControlCharacterInMultilineText(""), std::string_view::npos);
}

// The scan takes eight bytes at a time: on random text from bytes at the
// edges of each class, it finds what a byte-by-byte reading finds.
TEST(PrintableText, TheBlockScanAgreesWithAByteByByteOne) {
  // Each control character as UTF-8, looked for at every offset.
  std::vector<std::string> controls;
  controls.reserve(0x20 + 1 + 0x20 + 12);
  for (int c = 0; c < 0x20; ++c) controls.emplace_back(1, static_cast<char>(c));
  controls.emplace_back("\x7f");
  for (int c = 0x80; c <= 0x9F; ++c) controls.push_back(std::string("\xc2") + static_cast<char>(c));
  for (const char* bidi :
       {"\xd8\x9c", "\xe2\x80\x8e", "\xe2\x80\x8f", "\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac", "\xe2\x80\xad",
        "\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8", "\xe2\x81\xa9"}) {
    controls.emplace_back(bidi);
  }
  const auto reference = [&](std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
      for (const std::string& control : controls) {
        if (text.substr(i).starts_with(control)) return i;
      }
    }
    return std::string_view::npos;
  };
  // Bytes at the edges of each class, and the bytes of the longer controls.
  const std::string edges(
      "\x00\x1f\x20\x21\x7e\x7f\x80\x81\x8e\x9c\x9f\xa0\xa6\xa9\xaa\xae\xaf\xc2\xd8\xe2\xff"
      "Az",
      23);
  std::mt19937 random(4180);
  for (int round = 0; round < 50000; ++round) {
    // Mostly printable, so that controls, whole or in pieces, land anywhere in runs of blocks.
    std::string text;
    for (size_t n = random() % 40; n > 0; --n) {
      const unsigned draw = random() % 16;
      if (draw == 0) {
        text += controls[random() % controls.size()];
      } else if (draw < 4) {
        text += edges[random() % edges.size()];
      } else {
        text += 'a';
      }
    }
    ASSERT_EQ(FirstControlCharacter(text), reference(text)) << ::testing::PrintToString(text);
  }
}

TEST(PrintableText, EscapesEachControlCharacter) {
  EXPECT_EQ(EscapeControlCharacters("plain \\ text \xc2\xa0"), "plain \\ text \xc2\xa0");
  EXPECT_EQ(EscapeControlCharacters("a\nb\rc\td"), "a\\nb\\rc\\td");
  EXPECT_EQ(EscapeControlCharacters("\x1b[2J\x1b]0;title\x07"), "\\x1b[2J\\x1b]0;title\\x07");
  EXPECT_EQ(EscapeControlCharacters(std::string_view("\0\x7f", 2)), "\\x00\\x7f");
  EXPECT_EQ(EscapeControlCharacters("x\xc2\x9b"
                                    "31m\xc2\x85"),
            "x\\u009b31m\\u0085");
  // Right-to-left override and isolate: "H20" that a terminal would show reordered.
  EXPECT_EQ(EscapeControlCharacters("H\xe2\x80\xae"
                                    "02\xe2\x81\xa9"),
            "H\\u202e02\\u2069");
  EXPECT_EQ(EscapeControlCharacters("\xd8\x9c\xe2\x80\x8f"), "\\u061c\\u200f");
  // Neighbours that are not controls: U+2029 (paragraph separator), U+202F, U+2065, U+061B.
  EXPECT_EQ(FirstControlCharacter("\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5\xd8\x9b"), std::string_view::npos);
}

TEST(PrintableText, ADiagnosticIsOneLineWhateverItQuotes) {
  const Diagnostic d{Severity::kError, {"chips\n.jsonl", 3, 2}, "unknown key 'nam\x1b[8me'"};
  EXPECT_EQ(d.ToString(), "chips\\n.jsonl:3:2: error: unknown key 'nam\\x1b[8me'");
  const Diagnostic no_line{Severity::kWarning, {"a\tb"}, "x\ny"};
  EXPECT_EQ(no_line.ToString(), "a\\tb: warning: x\\ny");
}

}  // namespace
}  // namespace eccn
