// JsonWriter and AppendIndented write what nlohmann::json's dump() and
// dump(2) write for the same document: JSON output's bytes are part of its
// stable schema, and the writer replaced building a tree and dumping it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "cli/json_writer.h"
#include "cli/render_json.h"

namespace eccn::cli {
namespace {

using Json = nlohmann::ordered_json;

// Random text with what needs care: quotes, backslashes, control
// characters, DEL, and two-, three- and four-byte UTF-8.
std::string RandomText(std::mt19937_64& random) {
  static const std::vector<std::string> kPieces{"a",
                                                "Z",
                                                " ",
                                                "\"",
                                                "\\",
                                                "/",
                                                "\n",
                                                "\t",
                                                "\r",
                                                "\b",
                                                "\f",
                                                std::string(1, '\0'),
                                                "\x01",
                                                "\x1f",
                                                "\x7f",
                                                "\xc3\xa9",
                                                "\xe2\x82\xac",
                                                "\xf0\x9f\x98\x80",
                                                "0123456789abcdefghij"};
  std::uniform_int_distribution<size_t> count(0, 12);
  std::uniform_int_distribution<size_t> piece(0, kPieces.size() - 1);
  std::string out;
  for (size_t n = count(random); n > 0; --n) out += kPieces[piece(random)];
  return out;
}

double RandomNumber(std::mt19937_64& random) {
  static const std::vector<double> kSpecial{0.0,
                                            -0.0,
                                            1.0,
                                            4800.0,
                                            1e15,
                                            1e16,
                                            1e17,
                                            1e-4,
                                            1e-5,
                                            0.1,
                                            -2.5,
                                            1e300,
                                            5e-324,
                                            std::numeric_limits<double>::quiet_NaN(),
                                            std::numeric_limits<double>::infinity(),
                                            1.0768318509106312};
  std::uniform_int_distribution<int> kind(0, 2);
  switch (kind(random)) {
    case 0:
      return kSpecial[std::uniform_int_distribution<size_t>(0, kSpecial.size() - 1)(random)];
    case 1:
      return std::uniform_real_distribution<double>(-1e6, 1e6)(random);
    default:
      return std::ldexp(std::uniform_real_distribution<double>(0.5, 1)(random),
                        std::uniform_int_distribution<int>(-1000, 1000)(random));
  }
}

// Writes a random value with `w` and builds the same value as a tree.
Json WriteRandom(JsonWriter& w, std::mt19937_64& random, int depth) {
  std::uniform_int_distribution<int> kind(0, depth < 4 ? 6 : 4);
  std::uniform_int_distribution<int> size(0, 4);
  switch (kind(random)) {
    case 0: {
      const std::string text = RandomText(random);
      w.String(text);
      return text;
    }
    case 1: {
      const double value = RandomNumber(random);
      w.Number(value);
      return value;
    }
    case 2: {
      const bool value = random() % 2 == 0;
      w.Bool(value);
      return value;
    }
    case 3:
      w.Null();
      return nullptr;
    case 4: {
      std::vector<std::string> texts(static_cast<size_t>(size(random)));
      for (std::string& text : texts) text = RandomText(random);
      w.Strings(texts);
      return texts;
    }
    case 5: {
      Json out = Json::array();
      w.BeginArray();
      for (int n = size(random); n > 0; --n) out.push_back(WriteRandom(w, random, depth + 1));
      w.EndArray();
      return out;
    }
    default: {
      Json out = Json::object();
      w.BeginObject();
      for (int n = size(random); n > 0; --n) {
        const std::string key = RandomText(random) + std::to_string(n);  // keys differ
        w.Key(key);
        out[key] = WriteRandom(w, random, depth + 1);
      }
      w.EndObject();
      return out;
    }
  }
}

TEST(JsonWriter, WritesWhatDumpWrites) {
  std::mt19937_64 random(2026);
  for (int i = 0; i < 3000; ++i) {
    std::string written;
    JsonWriter w(written);
    const Json tree = WriteRandom(w, random, 0);
    ASSERT_EQ(written, tree.dump()) << "document " << i;
    std::string indented;
    AppendIndented(indented, written, "");
    ASSERT_EQ(indented, tree.dump(2)) << "document " << i;
  }
}

TEST(JsonWriter, IndentsEveryLineAfterTheFirstByTheMargin) {
  std::string out;
  AppendIndented(out, R"({"a":[1,{}],"b":"x,y:{"})", "    ");
  EXPECT_EQ(out, "{\n      \"a\": [\n        1,\n        {}\n      ],\n      \"b\": \"x,y:{\"\n    }");
}

TEST(JsonWriter, RefusesTextThatIsNotUtf8AsDumpDoes) {
  for (const std::string bad : {"\xff", "a\xc3", "\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82"}) {
    std::string out;
    JsonWriter w(out);
    EXPECT_THROW(w.String(bad), Json::type_error) << bad.size();
    EXPECT_THROW((void)Json(bad).dump(), Json::type_error);
  }
}

// "metrics" holds a metric id that several packs share once, at its first
// place, with the value of its last: what assigning the same key of an
// object again gave when the chip's JSON was built as a tree.
TEST(JsonWriter, ChipMetricsSharedByPacksKeepTheirFirstPlaceAndLastValue) {
  Classification chip;
  chip.chip = "x";
  const auto metric = [](std::string id, Interval value) {
    MetricValue m;
    m.id = std::move(id);
    m.value = std::move(value);
    return m;
  };
  const Interval unknown = Interval::AtLeast(Number(3));
  chip.metrics = {metric("tpp", Interval::Exact(Number(1))), metric("pd", unknown),
                  metric("area", Interval::Exact(Number(2))), metric("tpp", unknown),
                  metric("pd", Interval::Exact(Number(5)))};
  std::string out;
  AppendChipJson(out, chip);
  const Json written = Json::parse(out);
  EXPECT_EQ(written["metrics"].dump(), R"({"tpp":null,"pd":5.0,"area":2.0})");
  EXPECT_EQ(written["metric_ranges"].dump(), R"({"pd":[3.0,null],"tpp":[3.0,null]})");
}

}  // namespace
}  // namespace eccn::cli
