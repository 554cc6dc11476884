// SHA-256 against FIPS 180-4 / NIST example vectors and padding edges, and
// the rule-set content digest built on it.
#include <string>

#include <gtest/gtest.h>

#include <eccn/rules.h>
#include "sha256.h"

namespace eccn {
namespace {

TEST(Sha256, MatchesTheStandardsExamples) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// Lengths around the 56-byte padding limit and the 64-byte block (values from Python's hashlib).
TEST(Sha256, PadsEveryLengthAroundABlockBoundary) {
  EXPECT_EQ(Sha256Hex(std::string(55, 'x')), "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072");
  EXPECT_EQ(Sha256Hex(std::string(56, 'x')), "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e");
  EXPECT_EQ(Sha256Hex(std::string(63, 'x')), "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2");
  EXPECT_EQ(Sha256Hex(std::string(64, 'x')), "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c");
  EXPECT_EQ(Sha256Hex(std::string(65, 'x')), "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9");
  EXPECT_EQ(Sha256Hex(std::string(119, 'x')), "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c");
}

constexpr const char* kFormats = "kind: formats\nformats:\n  - {name: int8, bits: 8}\n";

std::string PackText(const std::string& threshold) {
  return "kind: pack\nid: p\ntitle: t\njurisdiction: US\nregulation: r\nstatus: in_force\n"
         "citation: {text: c}\neffective: 2023-11-17\n"
         "metrics:\n  - {id: tpp, title: t, unit: '', expr: 'max(f in formats: f.rate / 1 TOPS * f.bits)'}\n"
         "entries:\n  - {id: E, title: t, text: t, reasons_for_control: [RS], when: 'tpp >= " +
         threshold + "'}\n";
}

std::string DigestOf(const std::vector<RuleSource>& sources) {
  const Loaded<RuleSet> rules = ParseRules(sources);
  EXPECT_TRUE(rules.ok());
  return rules.ok() ? rules.value->ContentDigest() : std::string();
}

TEST(RuleSetDigest, ChangesWithContentNotWithNamesOrOrder) {
  const std::string base = DigestOf({{"formats.yaml", kFormats}, {"p.yaml", PackText("4800")}});
  EXPECT_EQ(base.size(), 64U);
  EXPECT_EQ(DigestOf({{"p.yaml", PackText("4800")}, {"formats.yaml", kFormats}}), base);
  EXPECT_EQ(DigestOf({{"elsewhere/f.yaml", kFormats}, {"q.yaml", PackText("4800")}}), base);
  EXPECT_NE(DigestOf({{"formats.yaml", kFormats}, {"p.yaml", PackText("4801")}}), base);
}

TEST(RuleSetDigest, ListsEveryFileWithItsOwnDigest) {
  const Loaded<RuleSet> rules =
      ParseRules(std::vector<RuleSource>{{"formats.yaml", kFormats}, {"p.yaml", PackText("4800")}});
  ASSERT_TRUE(rules.ok());
  ASSERT_EQ(rules.value->files().size(), 2U);
  EXPECT_EQ(rules.value->files()[0].file, "formats.yaml");
  EXPECT_EQ(rules.value->files()[0].sha256, Sha256Hex(kFormats));
  EXPECT_EQ(rules.value->files()[1].sha256, Sha256Hex(PackText("4800")));
}

}  // namespace
}  // namespace eccn
