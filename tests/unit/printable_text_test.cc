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

// The scan takes eight bytes at a time: on random text from bytes at the
// edges of each class, it finds what a byte-by-byte reading finds.
TEST(PrintableText, TheBlockScanAgreesWithAByteByByteOne) {
  const auto reference = [](std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c < 0x20 || c == 0x7F) return i;
      if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
          static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
        return i;
      }
    }
    return std::string_view::npos;
  };
  const std::string edges(
      "\x00\x1f\x20\x21\x7e\x7f\x80\x9f\xa0\xc2\xff"
      "Az",
      13);
  std::mt19937 random(4180);
  for (int round = 0; round < 20000; ++round) {
    // Mostly printable, so that controls land anywhere in long runs of blocks.
    std::string text(random() % 40, 'a');
    for (char& c : text) {
      if (random() % 8 == 0) c = edges[random() % edges.size()];
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
}

TEST(PrintableText, ADiagnosticIsOneLineWhateverItQuotes) {
  const Diagnostic d{Severity::kError, {"chips\n.jsonl", 3, 2}, "unknown key 'nam\x1b[8me'"};
  EXPECT_EQ(d.ToString(), "chips\\n.jsonl:3:2: error: unknown key 'nam\\x1b[8me'");
  const Diagnostic no_line{Severity::kWarning, {"a\tb"}, "x\ny"};
  EXPECT_EQ(no_line.ToString(), "a\\tb: warning: x\\ny");
}

}  // namespace
}  // namespace eccn
