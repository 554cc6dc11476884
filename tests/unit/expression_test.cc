// Tests for the expression pipeline: expr/parser.h, expr/compiler.h and
// expr/evaluator.h. Expressions are parsed, compiled into a Program over a
// FormatTable, and evaluated over hand-built ChipValues laid out the way
// classifier.cc's Prepare() lays out a ChipSpec.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_printers.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <eccn/rules.h>
#include <eccn/spec.h>
#include "expr/compiler.h"
#include "expr/evaluator.h"
#include "expr/parser.h"
#include "units.h"

namespace eccn::expr {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

Number Pow10(int exponent) {
  Number result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

Number Tera(int value) { return Number(value) * Pow10(12); }

// ---------------------------------------------------------------------------
// Chip values, laid out as classifier.cc's Prepare() does.

Value KnownNumber(const Number& number) {
  Value v;
  v.number = Interval::Exact(number);
  return v;
}

// Every spec quantity is non-negative, so an unknown one is at least 0.
Value UnknownNumber() {
  Value v;
  v.number = Interval::AtLeast(0);
  return v;
}

Value NumberValue(const std::optional<Number>& number) { return number ? KnownNumber(*number) : UnknownNumber(); }

template <class Enum>
Value SymbolValue(std::optional<Enum> e) {
  Value v;
  v.symbol = e ? static_cast<int32_t>(*e) : -1;
  return v;
}

// A chip about which nothing is known: numbers at least 0, symbols -1, no
// throughput and no dies sections.
ChipValues UnknownChip() {
  ChipValues chip;
  for (const FieldInfo& field : TopLevelFields()) chip.field_paths.emplace_back(field.name);
  chip.fields.resize(chip.field_paths.size());
  chip.fields[kMarketedFor] = SymbolValue<Market>(std::nullopt);
  chip.fields[kKind] = SymbolValue<ChipKind>(std::nullopt);
  chip.fields[kMemoryBandwidth] = UnknownNumber();
  chip.fields[kMemoryCapacity] = UnknownNumber();
  chip.fields[kInterconnectBidirectional] = UnknownNumber();
  return chip;
}

Item FormatItem(const FormatTable& formats, std::string_view name, const std::optional<Number>& rate) {
  const OperandFormat* format = formats.Find(name);
  EXPECT_NE(format, nullptr) << name;
  Item item;
  item.path = "throughput." + std::string(name);
  if (format == nullptr) return item;
  item.fields[kFormatName].symbol = static_cast<int32_t>(format - formats.formats.data());
  item.fields[kFormatRate] = NumberValue(rate);
  item.fields[kFormatBits].number = Interval::Exact(format->bits);
  return item;
}

Item DieItem(size_t index, const std::optional<Number>& area, std::optional<DieRole> role,
             std::optional<TransistorArchitecture> transistors, int count = 1) {
  Item item;
  item.path = "dies[" + std::to_string(index) + "]";
  item.fields[kDieArea] = NumberValue(area);
  item.fields[kDieCount].number = Interval::Exact(count);
  item.fields[kDieRole] = SymbolValue(role);
  item.fields[kDieTransistors] = SymbolValue(transistors);
  return item;
}

// ---------------------------------------------------------------------------
// Fixture: one Program, one Compiler, expressions compiled into them.

class ExpressionTest : public ::testing::Test {
 protected:
  tl::expected<Compiled, ExprError> Compile(std::string_view text) {
    auto ast = Parse(text);
    if (!ast) return tl::make_unexpected(ast.error());
    return compiler_.Compile(*ast, text, locate_, comparisons_);
  }

  // Compiles `text`, failing the test if it does not compile.
  Compiled MustCompile(std::string_view text) {
    auto compiled = Compile(text);
    EXPECT_TRUE(compiled.has_value()) << text << ": offset " << compiled.error().offset << ": "
                                      << compiled.error().message;
    return compiled ? *compiled : Compiled{};
  }

  // Compiles `text` and binds it to `name`, as the pack loader does for metrics.
  void Define(const std::string& name, std::string_view text) {
    Compiled compiled = MustCompile(text);
    compiled.display.reset();
    compiler_.Bind(name, compiled);
  }

  // The error of an expression that must not compile (or parse).
  ExprError MustFail(std::string_view text) {
    auto compiled = Compile(text);
    EXPECT_FALSE(compiled.has_value()) << text << " compiled";
    return compiled ? ExprError{} : compiled.error();
  }

  // Runs the whole program over `chip`.
  const Evaluator& Run(const ChipValues& chip) {
    evaluator_.emplace(program_);
    evaluator_->Run(chip);
    return *evaluator_;
  }

  // The chip of the examples: fp16 at 148 TFLOPS and fp8 at 296 TFLOPS (TPP
  // 2368), one 814 mm2 finfet logic die, one planar logic die and one finfet
  // memory die, 4 TB/s of memory bandwidth, sold for data centres.
  ChipValues ExampleChip() const {
    ChipValues chip = UnknownChip();
    chip.fields[kMarketedFor] = SymbolValue<Market>(Market::kDatacenter);
    chip.fields[kKind] = SymbolValue<ChipKind>(ChipKind::kAccelerator);
    chip.fields[kMemoryBandwidth] = KnownNumber(Tera(4));
    chip.has_formats = true;
    chip.formats.push_back(FormatItem(formats_, "fp16", Tera(148)));
    chip.formats.push_back(FormatItem(formats_, "fp8", Tera(296)));
    chip.has_dies = true;
    chip.dies.push_back(DieItem(0, Number(814), DieRole::kLogic, TransistorArchitecture::kFinfet));
    chip.dies.push_back(DieItem(1, Number(500), DieRole::kLogic, TransistorArchitecture::kPlanar));
    chip.dies.push_back(DieItem(2, Number(110), DieRole::kMemory, TransistorArchitecture::kFinfet));
    return chip;
  }

  FormatTable formats_{{{"fp32", 32, ""}, {"fp16", 16, ""}, {"fp8", 8, ""}}};
  Program program_;
  Compiler compiler_{program_, formats_};
  std::vector<uint32_t> comparisons_;
  std::function<SourceLocation(size_t)> locate_ = [](size_t offset) {
    return SourceLocation{"rule.yaml", 3, static_cast<int>(offset) + 1};
  };
  std::optional<Evaluator> evaluator_;
};

constexpr std::string_view kTpp = "max(f in formats: f.rate / 1 TOPS * f.bits)";
constexpr std::string_view kApplicableDieArea =
    "sum(d in dies where d.role == 'logic' and d.transistors != 'planar': d.area * d.count)";

// ---------------------------------------------------------------------------
// Parser

TEST(Parse, NumberWithCompoundUnit) {
  auto ast = Parse("2 GB/s/mm2");
  ASSERT_TRUE(ast.has_value()) << ast.error().message;
  EXPECT_EQ(ast->kind, Ast::Kind::kNumber);
  EXPECT_EQ(ast->number, Number(2));
  EXPECT_EQ(ast->unit, "GB/s/mm2");
  EXPECT_EQ(ast->unit_offset, 2u);
  EXPECT_EQ(ast->begin, 0u);
  EXPECT_EQ(ast->end, 10u);
}

TEST(Parse, DecimalNumberIsExact) {
  auto ast = Parse("5.92");
  ASSERT_TRUE(ast.has_value()) << ast.error().message;
  EXPECT_EQ(ast->number, Number(592, 100));
  EXPECT_TRUE(ast->unit.empty());
}

TEST(Parse, KeywordAfterNumberIsNotAUnit) {
  auto ast = Parse("tpp >= 4800 and pd >= 5.92");
  ASSERT_TRUE(ast.has_value()) << ast.error().message;
  ASSERT_EQ(ast->kind, Ast::Kind::kBinary);
  EXPECT_EQ(ast->text, "and");
  const Ast& left = ast->children[0];
  ASSERT_EQ(left.kind, Ast::Kind::kBinary);
  EXPECT_EQ(left.text, ">=");
  EXPECT_EQ(left.children[1].kind, Ast::Kind::kNumber);
  EXPECT_TRUE(left.children[1].unit.empty());
}

TEST(Parse, AndBindsTighterThanOr) {
  auto ast = Parse("a or b and c");
  ASSERT_TRUE(ast.has_value()) << ast.error().message;
  EXPECT_EQ(ast->text, "or");
  EXPECT_EQ(ast->children[0].text, "a");
  EXPECT_EQ(ast->children[1].text, "and");
}

TEST(Parse, ProductBindsTighterThanSum) {
  auto ast = Parse("1 + 2 * 3");
  ASSERT_TRUE(ast.has_value()) << ast.error().message;
  EXPECT_EQ(ast->text, "+");
  EXPECT_EQ(ast->children[1].text, "*");
}

TEST(Parse, SubtractionIsLeftAssociative) {
  auto ast = Parse("10 - 4 - 3");
  ASSERT_TRUE(ast.has_value()) << ast.error().message;
  EXPECT_EQ(ast->text, "-");
  EXPECT_EQ(ast->children[0].text, "-");
  EXPECT_EQ(ast->children[1].kind, Ast::Kind::kNumber);
  EXPECT_EQ(ast->children[1].number, Number(3));
}

TEST(Parse, DottedName) {
  auto ast = Parse("memory.bandwidth");
  ASSERT_TRUE(ast.has_value()) << ast.error().message;
  EXPECT_EQ(ast->kind, Ast::Kind::kName);
  EXPECT_EQ(ast->text, "memory.bandwidth");
  EXPECT_EQ(ast->end, 16u);
}

TEST(Parse, AggregateWithFilterAndBody) {
  auto ast = Parse(kApplicableDieArea);
  ASSERT_TRUE(ast.has_value()) << ast.error().message;
  EXPECT_EQ(ast->kind, Ast::Kind::kAggregate);
  EXPECT_EQ(ast->text, "sum");
  EXPECT_EQ(ast->variable, "d");
  EXPECT_EQ(ast->collection, "dies");
  EXPECT_TRUE(ast->has_filter);
  ASSERT_EQ(ast->children.size(), 2u);
  EXPECT_EQ(ast->children[0].text, "and");
  EXPECT_EQ(ast->children[1].text, "*");
}

TEST(Parse, CountWithoutBody) {
  auto ast = Parse("count(d in dies)");
  ASSERT_TRUE(ast.has_value()) << ast.error().message;
  EXPECT_EQ(ast->kind, Ast::Kind::kAggregate);
  EXPECT_FALSE(ast->has_filter);
  EXPECT_THAT(ast->children, IsEmpty());
}

TEST(Parse, CallWithArguments) {
  auto ast = Parse("max(tpp, 2 * pd)");
  ASSERT_TRUE(ast.has_value()) << ast.error().message;
  EXPECT_EQ(ast->kind, Ast::Kind::kCall);
  EXPECT_EQ(ast->text, "max");
  ASSERT_EQ(ast->children.size(), 2u);
  EXPECT_EQ(ast->children[0].text, "tpp");
}

TEST(Parse, StringLiteral) {
  auto ast = Parse("marketed_for != \"datacenter\"");
  ASSERT_TRUE(ast.has_value()) << ast.error().message;
  EXPECT_EQ(ast->children[1].kind, Ast::Kind::kString);
  EXPECT_EQ(ast->children[1].text, "datacenter");
}

TEST(Parse, ErrorMissingOperand) {
  auto ast = Parse("tpp >= ");
  ASSERT_FALSE(ast.has_value());
  EXPECT_EQ(ast.error().offset, 7u);
  EXPECT_THAT(ast.error().message, HasSubstr("expected a value"));
  EXPECT_THAT(ast.error().message, HasSubstr("end of the expression"));
}

TEST(Parse, ErrorChainedComparison) {
  auto ast = Parse("a < b < c");
  ASSERT_FALSE(ast.has_value());
  EXPECT_EQ(ast.error().offset, 6u);
  EXPECT_THAT(ast.error().message, HasSubstr("do not chain"));
}

TEST(Parse, ErrorUnclosedParenthesis) {
  auto ast = Parse("(tpp");
  ASSERT_FALSE(ast.has_value());
  EXPECT_EQ(ast.error().offset, 4u);
  EXPECT_THAT(ast.error().message, HasSubstr("expected ')'"));
}

TEST(Parse, ErrorDoubleAmpersand) {
  auto ast = Parse("tpp && pd");
  ASSERT_FALSE(ast.has_value());
  EXPECT_EQ(ast.error().offset, 4u);
  EXPECT_THAT(ast.error().message, HasSubstr("use 'and' instead of '&&'"));
}

TEST(Parse, ErrorDoubleBar) {
  auto ast = Parse("tpp || pd");
  ASSERT_FALSE(ast.has_value());
  EXPECT_EQ(ast.error().offset, 4u);
  EXPECT_THAT(ast.error().message, HasSubstr("use 'or' instead of '||'"));
}

TEST(Parse, ErrorSingleEquals) {
  auto ast = Parse("tpp = 4800");
  ASSERT_FALSE(ast.has_value());
  EXPECT_EQ(ast.error().offset, 4u);
  EXPECT_THAT(ast.error().message, HasSubstr("'=='"));
}

TEST(Parse, ErrorBang) {
  auto ast = Parse("!tpp");
  ASSERT_FALSE(ast.has_value());
  EXPECT_EQ(ast.error().offset, 0u);
  EXPECT_THAT(ast.error().message, HasSubstr("'not'"));
}

TEST(Parse, ErrorUnterminatedString) {
  auto ast = Parse("marketed_for == 'cloud");
  ASSERT_FALSE(ast.has_value());
  EXPECT_EQ(ast.error().offset, 16u);
  EXPECT_THAT(ast.error().message, HasSubstr("unterminated string"));
}

TEST(Parse, ErrorTrailingToken) {
  auto ast = Parse("tpp >= 4800)");
  ASSERT_FALSE(ast.has_value());
  EXPECT_EQ(ast.error().offset, 11u);
  EXPECT_THAT(ast.error().message, HasSubstr("unexpected ')'"));
}

TEST(Parse, ErrorUnexpectedCharacter) {
  auto ast = Parse("tpp >= 4800 # comment");
  ASSERT_FALSE(ast.has_value());
  EXPECT_EQ(ast.error().offset, 12u);
  EXPECT_THAT(ast.error().message, HasSubstr("unexpected character '#'"));
}

TEST(Parse, ErrorBadNumber) {
  auto ast = Parse("pd >= 5.9.2");
  ASSERT_FALSE(ast.has_value());
  EXPECT_EQ(ast.error().offset, 6u);
  EXPECT_THAT(ast.error().message, HasSubstr("5.9.2"));
}

TEST(Parse, ErrorKeywordAsValue) {
  auto ast = Parse("tpp >= and");
  ASSERT_FALSE(ast.has_value());
  EXPECT_EQ(ast.error().offset, 7u);
  EXPECT_THAT(ast.error().message, HasSubstr("'and'"));
}

TEST(Parse, ErrorKeywordAsField) {
  auto ast = Parse("d.where");
  ASSERT_FALSE(ast.has_value());
  EXPECT_EQ(ast.error().offset, 2u);
  EXPECT_THAT(ast.error().message, HasSubstr("field name"));
}

TEST(Parse, ErrorUnclosedCall) {
  auto ast = Parse("max(tpp, pd");
  ASSERT_FALSE(ast.has_value());
  EXPECT_EQ(ast.error().offset, 11u);
  EXPECT_THAT(ast.error().message, HasSubstr("to close the call of 'max'"));
}

TEST(Parse, ErrorMissingCollection) {
  auto ast = Parse("sum(d in : d.area)");
  ASSERT_FALSE(ast.has_value());
  EXPECT_EQ(ast.error().offset, 9u);
  EXPECT_THAT(ast.error().message, HasSubstr("expected a collection"));
}

TEST(Parse, ErrorEmpty) {
  auto ast = Parse("");
  ASSERT_FALSE(ast.has_value());
  EXPECT_EQ(ast.error().offset, 0u);
  EXPECT_THAT(ast.error().message, HasSubstr("expected a value"));
}

TEST(Parse, ErrorNestingTooDeep) {
  const std::string text = std::string(200, '(') + "tpp" + std::string(200, ')');
  auto ast = Parse(text);
  ASSERT_FALSE(ast.has_value());
  EXPECT_THAT(ast.error().message, HasSubstr("nested too deeply"));
  ASSERT_LT(ast.error().offset, text.size());
  EXPECT_EQ(text[ast.error().offset], '(');
}

TEST(Parse, ErrorNestedNotTooDeep) {
  std::string text;
  for (int i = 0; i < kMaxNesting; ++i) text += "not ";
  text += "x";
  auto ast = Parse(text);
  ASSERT_FALSE(ast.has_value());
  EXPECT_THAT(ast.error().message, HasSubstr("nested too deeply"));
}

TEST(Parse, ModestNestingParses) {
  auto ast = Parse("((tpp >= 4800)) or (((pd >= 5.92)))");
  ASSERT_TRUE(ast.has_value()) << ast.error().message;
  EXPECT_EQ(ast->text, "or");
}

TEST(Parse, ThirtyNestedParenthesesParse) {
  // kMaxNesting counts parser levels; about eight per pair of parentheses.
  const std::string text = std::string(30, '(') + "tpp" + std::string(30, ')');
  auto ast = Parse(text);
  ASSERT_TRUE(ast.has_value()) << "offset " << ast.error().offset << ": " << ast.error().message;
  EXPECT_EQ(ast->kind, Ast::Kind::kName);
  EXPECT_EQ(ast->text, "tpp");
}

TEST(Parse, ErrorTooLong) {
  std::string text = "x";
  while (text.size() <= kMaxExpressionBytes) text += " + x";
  auto ast = Parse(text);
  ASSERT_FALSE(ast.has_value());
  EXPECT_EQ(ast.error().offset, 0u);
  EXPECT_THAT(ast.error().message, HasSubstr("longer than"));
}

// A number too large for the 256-bit Number is a parse error, not an exception.
TEST(Parse, HugeNumberIsAnErrorNotAnException) {
  const std::string text = "tpp >= " + std::string(40, '9') + "e40";
  EXPECT_NO_THROW({
    auto ast = Parse(text);
    ASSERT_FALSE(ast.has_value());
    EXPECT_EQ(ast.error().offset, 7u);
  });
}

// ---------------------------------------------------------------------------
// Constants and arithmetic with units

TEST_F(ExpressionTest, ConstantWithCompoundUnit) {
  const Compiled c = MustCompile("2 GB/s/mm2");
  EXPECT_EQ(c.type.kind, Type::Kind::kNumber);
  EXPECT_EQ(c.type.dimension, kBandwidth / kArea);
  ASSERT_TRUE(c.display.has_value());
  EXPECT_EQ(c.display->symbol, "GB/s/mm2");
  const Evaluator& e = Run(UnknownChip());
  // 2 GB/s/mm2 is 2e9 B/s per 1 mm2.
  EXPECT_EQ(e.value(c.node).number, Interval::Exact(Number(2) * Pow10(9) / 1));
}

TEST_F(ExpressionTest, ConstantsOfEqualValueInDifferentUnits) {
  const Compiled c = MustCompile("8 Gb/s == 1 GB/s");
  EXPECT_EQ(Run(UnknownChip()).value(c.node).truth, Truth::kTrue);
}

TEST_F(ExpressionTest, ArithmeticKeepsExactness) {
  const Compiled c = MustCompile("(1 + 2) / 3 * 5.92 - 0.92");
  EXPECT_EQ(c.type.dimension, kDimensionless);
  EXPECT_EQ(Run(UnknownChip()).value(c.node).number, Interval::Exact(5));
}

TEST_F(ExpressionTest, UnaryMinus) {
  const Compiled c = MustCompile("-2 TB/s + memory.bandwidth");
  EXPECT_EQ(c.type.dimension, kBandwidth);
  EXPECT_EQ(Run(ExampleChip()).value(c.node).number, Interval::Exact(Tera(2)));
}

TEST_F(ExpressionTest, FieldDividedByUnitIsPlainNumber) {
  const Compiled c = MustCompile("memory.bandwidth / 1 TB/s");
  EXPECT_TRUE(c.type.dimension.IsNone());
  EXPECT_EQ(Run(ExampleChip()).value(c.node).number, Interval::Exact(4));
}

TEST_F(ExpressionTest, UnitsMultiply) {
  const Compiled c = MustCompile("2 GB/s/mm2 * 814 mm2");
  EXPECT_EQ(c.type.dimension, kBandwidth);
  EXPECT_EQ(Run(UnknownChip()).value(c.node).number, Interval::Exact(Number(1628) * Pow10(9)));
}

TEST_F(ExpressionTest, MinAndMaxCalls) {
  const Compiled lo = MustCompile("min(3 TB/s, memory.bandwidth, 5 TB/s)");
  const Compiled hi = MustCompile("max(3 TB/s, memory.bandwidth, 5 TB/s)");
  const Evaluator& e = Run(ExampleChip());
  EXPECT_EQ(e.value(lo.node).number, Interval::Exact(Tera(3)));
  EXPECT_EQ(e.value(hi.node).number, Interval::Exact(Tera(5)));
}

TEST_F(ExpressionTest, ErrorAddingDifferentDimensions) {
  const ExprError error = MustFail("memory.bandwidth + 1 TFLOPS");
  EXPECT_EQ(error.offset, 19u);
  EXPECT_THAT(error.message, HasSubstr("cannot add"));
}

TEST_F(ExpressionTest, ErrorMinOfDifferentDimensions) {
  const ExprError error = MustFail("min(memory.bandwidth, 1 TFLOPS)");
  EXPECT_EQ(error.offset, 22u);
}

TEST_F(ExpressionTest, ErrorUnknownUnit) {
  const ExprError error = MustFail("memory.bandwidth >= 4 TB/fortnight");
  EXPECT_EQ(error.offset, 22u);
  EXPECT_THAT(error.message, HasSubstr("unknown unit 'fortnight'"));
}

// ---------------------------------------------------------------------------
// Fields and missing data

TEST_F(ExpressionTest, UnknownFieldIsAtLeastZeroAndReportedMissing) {
  const Compiled c = MustCompile("memory.capacity");
  const Evaluator& e = Run(ExampleChip());
  EXPECT_EQ(e.value(c.node).number, Interval::AtLeast(0));
  EXPECT_THAT(e.MissingAmong(c.reads), ElementsAre("memory.capacity"));
}

TEST_F(ExpressionTest, KnownFieldIsNotMissing) {
  const Compiled c = MustCompile("memory.bandwidth >= 4 TB/s");
  const Evaluator& e = Run(ExampleChip());
  EXPECT_EQ(e.value(c.node).truth, Truth::kTrue);
  EXPECT_THAT(e.MissingAmong(c.reads), IsEmpty());
}

// ---------------------------------------------------------------------------
// Aggregates

TEST_F(ExpressionTest, TppIsMaxOfRateTimesBits) {
  const Compiled tpp = MustCompile(kTpp);
  EXPECT_EQ(tpp.type.kind, Type::Kind::kNumber);
  EXPECT_TRUE(tpp.type.dimension.IsNone());
  const Evaluator& e = Run(ExampleChip());
  // fp16: 148 x 16 = 2368; fp8: 296 x 8 = 2368.
  EXPECT_EQ(e.value(tpp.node).number, Interval::Exact(2368));
  EXPECT_THAT(e.MissingAmong(tpp.reads), IsEmpty());
  EXPECT_FALSE(e.overflowed());
}

TEST_F(ExpressionTest, TppPicksTheLargestFormat) {
  const Compiled tpp = MustCompile(kTpp);
  ChipValues chip = ExampleChip();
  chip.formats.push_back(FormatItem(formats_, "fp32", Tera(100)));  // 3200
  EXPECT_EQ(Run(chip).value(tpp.node).number, Interval::Exact(3200));
}

TEST_F(ExpressionTest, TppWithUnknownRateIsAtLeastTheKnownPart) {
  const Compiled tpp = MustCompile(kTpp);
  ChipValues chip = ExampleChip();
  chip.formats[1] = FormatItem(formats_, "fp8", std::nullopt);
  const Evaluator& e = Run(chip);
  EXPECT_EQ(e.value(tpp.node).number, Interval::AtLeast(2368));
  EXPECT_THAT(e.MissingAmong(tpp.reads), ElementsAre("throughput.fp8"));
}

TEST_F(ExpressionTest, AggregateOverAbsentCollectionIsUnknown) {
  const Compiled area = MustCompile("sum(d in dies: d.area)");
  const Compiled big = MustCompile("sum(d in dies: d.area) >= 100 mm2");
  ChipValues chip = ExampleChip();
  chip.has_dies = false;
  chip.dies.clear();
  const Evaluator& e = Run(chip);
  EXPECT_FALSE(e.value(area.node).number.IsExact());
  EXPECT_EQ(e.value(area.node).number, Interval::Everything());
  EXPECT_EQ(e.value(big.node).truth, Truth::kUnknown);
  EXPECT_THAT(e.MissingAmong(area.reads), ElementsAre("dies"));
  EXPECT_THAT(e.MissingAmong(big.reads), ElementsAre("dies"));
}

TEST_F(ExpressionTest, AbsentThroughputIsReportedByItsSpecKey) {
  const Compiled tpp = MustCompile(kTpp);
  ChipValues chip = ExampleChip();
  chip.has_formats = false;
  chip.formats.clear();
  const Evaluator& e = Run(chip);
  EXPECT_EQ(e.value(tpp.node).number, Interval::Everything());
  EXPECT_THAT(e.MissingAmong(tpp.reads), ElementsAre("throughput"));
}

TEST_F(ExpressionTest, EmptyPresentCollection) {
  const Compiled sum = MustCompile("sum(d in dies: d.area)");
  const Compiled max = MustCompile("max(d in dies: d.area)");
  const Compiled count = MustCompile("count(d in dies)");
  const Compiled any = MustCompile("any(d in dies: d.role == 'logic')");
  const Compiled all = MustCompile("all(d in dies: d.role == 'logic')");
  ChipValues chip = ExampleChip();
  chip.dies.clear();
  const Evaluator& e = Run(chip);
  EXPECT_EQ(e.value(sum.node).number, Interval::Exact(0));
  EXPECT_EQ(e.value(max.node).number, Interval::Exact(0));
  EXPECT_EQ(e.value(count.node).number, Interval::Exact(0));
  EXPECT_EQ(e.value(any.node).truth, Truth::kFalse);
  EXPECT_EQ(e.value(all.node).truth, Truth::kTrue);
  EXPECT_THAT(e.missing(), IsEmpty());
}

TEST_F(ExpressionTest, SumWithWhereFilter) {
  const Compiled area = MustCompile(kApplicableDieArea);
  EXPECT_EQ(area.type.dimension, kArea);
  const Evaluator& e = Run(ExampleChip());
  // Only the finfet logic die counts: not the planar one, not the memory die.
  EXPECT_EQ(e.value(area.node).number, Interval::Exact(814));
  EXPECT_THAT(e.MissingAmong(area.reads), IsEmpty());
}

TEST_F(ExpressionTest, SumMultipliesByDieCount) {
  const Compiled area = MustCompile(kApplicableDieArea);
  ChipValues chip = ExampleChip();
  chip.dies.push_back(DieItem(3, Number(100), DieRole::kLogic, TransistorArchitecture::kGaa, 2));
  EXPECT_EQ(Run(chip).value(area.node).number, Interval::Exact(1014));
}

TEST_F(ExpressionTest, UnknownFilterWidensSum) {
  const Compiled area = MustCompile(kApplicableDieArea);
  ChipValues chip = ExampleChip();
  // A logic die whose transistor architecture is unknown may or may not count.
  chip.dies.push_back(DieItem(3, Number(200), DieRole::kLogic, std::nullopt));
  const Evaluator& e = Run(chip);
  EXPECT_EQ(e.value(area.node).number, Interval::Between(814, 1014));
  EXPECT_THAT(e.MissingAmong(area.reads), ElementsAre("dies[3].transistors"));
}

TEST_F(ExpressionTest, UnknownAreaOfCountedDieIsUnbounded) {
  const Compiled area = MustCompile(kApplicableDieArea);
  ChipValues chip = ExampleChip();
  chip.dies.push_back(DieItem(3, std::nullopt, DieRole::kLogic, TransistorArchitecture::kFinfet));
  const Evaluator& e = Run(chip);
  EXPECT_EQ(e.value(area.node).number, Interval::AtLeast(814));
  EXPECT_THAT(e.MissingAmong(area.reads), ElementsAre("dies[3].area"));
}

TEST_F(ExpressionTest, ExcludedDieWithUnknownAreaDoesNotChangeTheSum) {
  const Compiled area = MustCompile(kApplicableDieArea);
  ChipValues chip = ExampleChip();
  chip.dies[2] = DieItem(2, std::nullopt, DieRole::kMemory, TransistorArchitecture::kFinfet);
  EXPECT_EQ(Run(chip).value(area.node).number, Interval::Exact(814));
}

// Regression (fixed): the evaluator ran an aggregate's body for every item, also for items
// the `where` filter excludes, and records their unknown fields as missing.
// With dies [814 mm2 finfet logic, memory die of unknown area, 200 mm2 logic
// die of unknown architecture], applicable die area is [814, 1014] and
// MissingAmong(reads) is {"dies[1].area", "dies[2].transistors"}, so a report
// asks for the memory die's area, which cannot change the result. Expected:
// only "dies[2].transistors".
TEST_F(ExpressionTest, MissingOmitsDataOfExcludedItems) {
  const Compiled area = MustCompile(kApplicableDieArea);
  ChipValues chip = ExampleChip();
  chip.dies.clear();
  chip.dies.push_back(DieItem(0, Number(814), DieRole::kLogic, TransistorArchitecture::kFinfet));
  chip.dies.push_back(DieItem(1, std::nullopt, DieRole::kMemory, TransistorArchitecture::kFinfet));
  chip.dies.push_back(DieItem(2, Number(200), DieRole::kLogic, std::nullopt));
  const Evaluator& e = Run(chip);
  EXPECT_EQ(e.value(area.node).number, Interval::Between(814, 1014));
  EXPECT_THAT(e.MissingAmong(area.reads), ElementsAre("dies[2].transistors"));
}

TEST_F(ExpressionTest, CountWithFilter) {
  const Compiled logic = MustCompile("count(d in dies where d.role == 'logic')");
  EXPECT_TRUE(logic.type.dimension.IsNone());
  ChipValues chip = ExampleChip();
  EXPECT_EQ(Run(chip).value(logic.node).number, Interval::Exact(2));
  chip.dies.push_back(DieItem(3, Number(1), std::nullopt, std::nullopt));
  EXPECT_EQ(Run(chip).value(logic.node).number, Interval::Between(2, 3));
}

TEST_F(ExpressionTest, MaxAndMinOverDies) {
  const Compiled largest = MustCompile("max(d in dies: d.area)");
  const Compiled smallest = MustCompile("min(d in dies: d.area)");
  const Evaluator& e = Run(ExampleChip());
  EXPECT_EQ(e.value(largest.node).number, Interval::Exact(814));
  EXPECT_EQ(e.value(smallest.node).number, Interval::Exact(110));
}

TEST_F(ExpressionTest, MaxWithUnknownFilterCoversBothSelections) {
  const Compiled largest = MustCompile("max(d in dies where d.transistors == 'finfet': d.area)");
  ChipValues chip = ExampleChip();
  chip.dies.push_back(DieItem(3, Number(900), DieRole::kLogic, std::nullopt));
  EXPECT_EQ(Run(chip).value(largest.node).number, Interval::Between(814, 900));
}

TEST_F(ExpressionTest, MinOverMaybeSelectionCoversEmptyAndItem) {
  // No die is known to be gaa; one may be. The minimum of nothing is 0, of
  // that one die 900: both must be covered.
  const Compiled smallest = MustCompile("min(d in dies where d.transistors == 'gaa': d.area)");
  ChipValues chip = ExampleChip();
  chip.dies.push_back(DieItem(3, Number(900), DieRole::kLogic, std::nullopt));
  EXPECT_EQ(Run(chip).value(smallest.node).number, Interval::Between(0, 900));
}

TEST_F(ExpressionTest, MinWithUnknownFilterCoversBothSelections) {
  const Compiled smallest = MustCompile("min(d in dies where d.role == 'logic': d.area)");
  ChipValues chip = ExampleChip();
  chip.dies.push_back(DieItem(3, Number(50), std::nullopt, TransistorArchitecture::kFinfet));
  EXPECT_EQ(Run(chip).value(smallest.node).number, Interval::Between(50, 500));
}

TEST_F(ExpressionTest, AnyAndAll) {
  const Compiled any_planar = MustCompile("any(d in dies: d.transistors == 'planar')");
  const Compiled any_gaa = MustCompile("any(d in dies: d.transistors == 'gaa')");
  const Compiled all_logic = MustCompile("all(d in dies: d.role == 'logic')");
  const Compiled all_sized = MustCompile("all(d in dies: d.area > 0 mm2)");
  const Evaluator& e = Run(ExampleChip());
  EXPECT_EQ(e.value(any_planar.node).truth, Truth::kTrue);
  EXPECT_EQ(e.value(any_gaa.node).truth, Truth::kFalse);
  EXPECT_EQ(e.value(all_logic.node).truth, Truth::kFalse);
  EXPECT_EQ(e.value(all_sized.node).truth, Truth::kTrue);
}

TEST_F(ExpressionTest, AnyWithUnknownItemIsUnknown) {
  const Compiled any_gaa = MustCompile("any(d in dies: d.transistors == 'gaa')");
  ChipValues chip = ExampleChip();
  chip.dies.push_back(DieItem(3, Number(1), DieRole::kIo, std::nullopt));
  EXPECT_EQ(Run(chip).value(any_gaa.node).truth, Truth::kUnknown);
}

TEST_F(ExpressionTest, NestedAggregates) {
  // For each die, the number of dies at least as large: 1 + 2 + 3.
  const Compiled c = MustCompile("sum(d in dies: count(e in dies where e.area >= d.area))");
  EXPECT_EQ(Run(ExampleChip()).value(c.node).number, Interval::Exact(6));
}

// ---------------------------------------------------------------------------
// Metrics bound by name

TEST_F(ExpressionTest, PerformanceDensityIsExact) {
  Define("tpp", kTpp);
  Define("applicable_die_area", kApplicableDieArea);
  Define("pd", "tpp / (applicable_die_area / 1 mm2)");
  const Compiled pd = MustCompile("pd");
  const Compiled below = MustCompile("pd >= 5.92");
  const Compiled above = MustCompile("pd >= 1.6");
  const Evaluator& e = Run(ExampleChip());
  EXPECT_EQ(e.value(pd.node).number, Interval::Exact(Number(1184, 407)));
  EXPECT_EQ(e.value(below.node).truth, Truth::kFalse);
  EXPECT_EQ(e.value(above.node).truth, Truth::kTrue);
}

TEST_F(ExpressionTest, ThresholdTieIsExact) {
  Define("tpp", kTpp);
  const Compiled ge = MustCompile("tpp >= 2368");
  const Compiled gt = MustCompile("tpp > 2368");
  const Evaluator& e = Run(ExampleChip());
  EXPECT_EQ(e.value(ge.node).truth, Truth::kTrue);
  EXPECT_EQ(e.value(gt.node).truth, Truth::kFalse);
}

TEST_F(ExpressionTest, OrIsTrueWhenOneSideIsTrueAndTheOtherUnknown) {
  Define("a", kTpp);
  Define("b", "memory.capacity / 1 GB");  // unknown in the example chip
  const Compiled c = MustCompile("a >= 2368 or b >= 5.92");
  const Evaluator& e = Run(ExampleChip());
  EXPECT_EQ(e.value(c.node).truth, Truth::kTrue);
  // The second comparison on its own is unknown, and says why.
  ASSERT_EQ(comparisons_.size(), 2u);
  const ComparisonInfo& second = program_.comparisons[comparisons_[1]];
  EXPECT_EQ(second.text, "b >= 5.92");
  EXPECT_EQ(e.value(second.node).truth, Truth::kUnknown);
  EXPECT_THAT(e.MissingAmong(second.reads), ElementsAre("memory.capacity"));
}

TEST_F(ExpressionTest, FirstSideTrueWithTppThreshold) {
  Define("a", kTpp);
  Define("b", "memory.capacity / 1 GB");
  ChipValues chip = ExampleChip();
  chip.formats[0] = FormatItem(formats_, "fp16", Tera(300));  // 300 x 16 = 4800
  const Compiled c = MustCompile("a >= 4800 or b >= 5.92");
  EXPECT_EQ(Run(chip).value(c.node).truth, Truth::kTrue);
}

TEST_F(ExpressionTest, AndIsFalseWhenOneSideIsFalse) {
  Define("a", kTpp);
  Define("b", "memory.capacity / 1 GB");
  const Compiled left_false = MustCompile("a >= 4800 and b >= 5.92");
  const Compiled right_false = MustCompile("b >= 5.92 and a >= 4800");
  const Evaluator& e = Run(ExampleChip());
  EXPECT_EQ(e.value(left_false.node).truth, Truth::kFalse);
  EXPECT_EQ(e.value(right_false.node).truth, Truth::kFalse);
}

TEST_F(ExpressionTest, OrIsUnknownWhenOneSideIsFalseAndTheOtherUnknown) {
  Define("a", kTpp);
  Define("b", "memory.capacity / 1 GB");
  const Compiled c = MustCompile("a >= 4800 or b >= 5.92");
  const Compiled negated = MustCompile("not (a >= 4800 or b >= 5.92)");
  const Evaluator& e = Run(ExampleChip());
  EXPECT_EQ(e.value(c.node).truth, Truth::kUnknown);
  EXPECT_EQ(e.value(negated.node).truth, Truth::kUnknown);
  EXPECT_THAT(e.MissingAmong(c.reads), ElementsAre("memory.capacity"));
}

TEST_F(ExpressionTest, NotInvertsKnownTruth) {
  Define("tpp", kTpp);
  const Compiled c = MustCompile("not tpp >= 4800");
  EXPECT_EQ(Run(ExampleChip()).value(c.node).truth, Truth::kTrue);
}

TEST_F(ExpressionTest, BoolLiterals) {
  const Compiled c = MustCompile("true and not false");
  EXPECT_EQ(c.type.kind, Type::Kind::kBool);
  EXPECT_EQ(Run(UnknownChip()).value(c.node).truth, Truth::kTrue);
}

TEST_F(ExpressionTest, ComparisonIsRecordedForExplanations) {
  Define("tpp", kTpp);
  const Compiled c = MustCompile("tpp >= 4800");
  ASSERT_EQ(comparisons_.size(), 1u);
  const ComparisonInfo& info = program_.comparisons[comparisons_[0]];
  EXPECT_EQ(info.node, c.node);
  EXPECT_EQ(info.text, "tpp >= 4800");
  EXPECT_EQ(info.op, ">=");
  EXPECT_EQ(info.lhs_text, "tpp");
  EXPECT_EQ(info.rhs_text, "4800");
  EXPECT_FALSE(info.symbolic);
  EXPECT_EQ(info.location.file, "rule.yaml");
  EXPECT_EQ(info.location.column, 1);
}

TEST_F(ExpressionTest, ComparisonDisplaysInTheUnitWritten) {
  const Compiled c = MustCompile("true and memory.bandwidth >= 4800 GB/s");
  ASSERT_EQ(comparisons_.size(), 1u);
  const ComparisonInfo& info = program_.comparisons[comparisons_[0]];
  EXPECT_EQ(info.display.symbol, "GB/s");
  EXPECT_EQ(info.text, "memory.bandwidth >= 4800 GB/s");
  EXPECT_EQ(info.location.column, 10);
  EXPECT_EQ(Run(ExampleChip()).value(c.node).truth, Truth::kFalse);
}

TEST_F(ExpressionTest, ComparisonsInsideAggregatesAreNotRecorded) {
  MustCompile("any(d in dies: d.area >= 800 mm2)");
  EXPECT_THAT(comparisons_, IsEmpty());
}

// ---------------------------------------------------------------------------
// Named values (symbols)

TEST_F(ExpressionTest, SymbolEquality) {
  const Compiled is_dc = MustCompile("marketed_for == 'datacenter'");
  const Compiled not_dc = MustCompile("marketed_for != 'datacenter'");
  const Compiled embedded = MustCompile("'embedded' == marketed_for");
  const Evaluator& e = Run(ExampleChip());
  EXPECT_EQ(e.value(is_dc.node).truth, Truth::kTrue);
  EXPECT_EQ(e.value(not_dc.node).truth, Truth::kFalse);
  EXPECT_EQ(e.value(embedded.node).truth, Truth::kFalse);
}

TEST_F(ExpressionTest, UnknownSymbolIsUnknownAndMissing) {
  const Compiled is_dc = MustCompile("marketed_for == 'datacenter'");
  const Evaluator& e = Run(UnknownChip());
  EXPECT_EQ(e.value(is_dc.node).truth, Truth::kUnknown);
  EXPECT_THAT(e.MissingAmong(is_dc.reads), ElementsAre("marketed_for"));
}

TEST_F(ExpressionTest, SymbolComparisonIsRecorded) {
  MustCompile("kind == 'accelerator'");
  ASSERT_EQ(comparisons_.size(), 1u);
  const ComparisonInfo& info = program_.comparisons[comparisons_[0]];
  EXPECT_TRUE(info.symbolic);
  EXPECT_EQ(info.symbols, SymbolSet::kChipKind);
  EXPECT_EQ(info.rhs_symbol, "accelerator");
  EXPECT_EQ(info.rhs_text, "'accelerator'");
}

TEST_F(ExpressionTest, FormatNameComesFromTheFormatTable) {
  const Compiled fp8_rate = MustCompile("sum(f in formats where f.name == 'fp8': f.rate)");
  EXPECT_EQ(fp8_rate.type.dimension, kRate);
  EXPECT_EQ(Run(ExampleChip()).value(fp8_rate.node).number, Interval::Exact(Tera(296)));
}

TEST_F(ExpressionTest, ErrorInvalidSymbolListsValidValues) {
  const ExprError error = MustFail("marketed_for == 'cloud'");
  EXPECT_EQ(error.offset, 16u);
  EXPECT_THAT(error.message, HasSubstr("'cloud' is not a value of 'marketed_for'"));
  EXPECT_THAT(error.message, HasSubstr("datacenter, consumer, workstation, embedded"));
}

TEST_F(ExpressionTest, ErrorInvalidFormatListsTableFormats) {
  const ExprError error = MustFail("any(f in formats: f.name == 'fp4')");
  EXPECT_EQ(error.offset, 28u);
  EXPECT_THAT(error.message, HasSubstr("fp32, fp16, fp8"));
}

TEST_F(ExpressionTest, ErrorStringComparedWithNumber) {
  const ExprError error = MustFail("memory.bandwidth == 'fast'");
  EXPECT_EQ(error.offset, 0u);
  EXPECT_THAT(error.message, HasSubstr("only named fields"));
}

TEST_F(ExpressionTest, ErrorBareString) {
  const ExprError error = MustFail("true and 'datacenter'");
  EXPECT_EQ(error.offset, 9u);
  EXPECT_THAT(error.message, HasSubstr("can only be compared"));
}

TEST_F(ExpressionTest, ErrorSymbolOrderedComparison) {
  const ExprError error = MustFail("marketed_for < kind");
  EXPECT_EQ(error.offset, 0u);
  EXPECT_THAT(error.message, HasSubstr("compares numbers"));
}

// ---------------------------------------------------------------------------
// Compile errors

TEST_F(ExpressionTest, ErrorCompareBandwidthWithBareNumber) {
  const ExprError error = MustFail("memory.bandwidth >= 4800");
  EXPECT_EQ(error.offset, 20u);
  EXPECT_THAT(error.message, HasSubstr("cannot compare a bandwidth"));
  EXPECT_THAT(error.message, HasSubstr("write the number with a unit"));
}

TEST_F(ExpressionTest, ErrorCompareBandwidthWithThroughput) {
  const ExprError error = MustFail("memory.bandwidth > 1 TFLOPS");
  EXPECT_EQ(error.offset, 19u);
  EXPECT_THAT(error.message, HasSubstr("cannot compare a bandwidth such as GB/s with a throughput"));
  EXPECT_THAT(error.message, Not(HasSubstr("write the number with a unit")));
}

TEST_F(ExpressionTest, ErrorComparePlainNumberWithUnit) {
  Define("tpp", kTpp);
  const ExprError error = MustFail("tpp >= 4800 TOPS");
  EXPECT_EQ(error.offset, 7u);
  EXPECT_THAT(error.message, HasSubstr("cannot compare a plain number"));
}

TEST_F(ExpressionTest, ErrorUnknownNameSuggestsBoundMetric) {
  Define("tpp", kTpp);
  Define("pd", "tpp / 814");
  const ExprError error = MustFail("tpp >= 1600 and pdd >= 5.92");
  EXPECT_EQ(error.offset, 16u);
  EXPECT_THAT(error.message, HasSubstr("unknown name 'pdd'"));
  EXPECT_THAT(error.message, HasSubstr("did you mean 'pd'?"));
}

TEST_F(ExpressionTest, ErrorUnknownNameSuggestsField) {
  const ExprError error = MustFail("memory.bandwith >= 4 TB/s");
  EXPECT_EQ(error.offset, 0u);
  EXPECT_THAT(error.message, HasSubstr("did you mean 'memory.bandwidth'?"));
}

TEST_F(ExpressionTest, ErrorUnknownNameWithoutNearMatch) {
  const ExprError error = MustFail("zzzzzzzzzz >= 1");
  EXPECT_EQ(error.offset, 0u);
  EXPECT_THAT(error.message, HasSubstr("unknown name 'zzzzzzzzzz'"));
  EXPECT_THAT(error.message, Not(HasSubstr("did you mean")));
}

TEST_F(ExpressionTest, ErrorUnknownItemFieldSuggestsField) {
  const ExprError error = MustFail("sum(d in dies: d.aera)");
  EXPECT_EQ(error.offset, 15u);
  EXPECT_THAT(error.message, HasSubstr("'dies' has no field 'aera'; did you mean 'area'?"));
}

TEST_F(ExpressionTest, ErrorLoopVariableWithoutField) {
  const ExprError error = MustFail("sum(d in dies: d)");
  EXPECT_EQ(error.offset, 15u);
  EXPECT_THAT(error.message, HasSubstr("'d.area'"));
}

TEST_F(ExpressionTest, ErrorLoopVariableOutOfScope) {
  const ExprError error = MustFail("sum(d in dies: d.area) > d.area");
  EXPECT_EQ(error.offset, 25u);
  EXPECT_THAT(error.message, HasSubstr("unknown name 'd.area'"));
}

TEST_F(ExpressionTest, ErrorCollectionUsedAsValue) {
  const ExprError error = MustFail("dies");
  EXPECT_EQ(error.offset, 0u);
  EXPECT_THAT(error.message, HasSubstr("is a collection"));
}

TEST_F(ExpressionTest, ErrorForwardReference) {
  compiler_.Declare("later");
  const ExprError error = MustFail("1 + later");
  EXPECT_EQ(error.offset, 4u);
  EXPECT_THAT(error.message, HasSubstr("not defined yet"));
}

TEST_F(ExpressionTest, ErrorNotOnNumber) {
  const ExprError error = MustFail("not memory.bandwidth");
  EXPECT_EQ(error.offset, 4u);
  EXPECT_THAT(error.message, HasSubstr("'not' needs a condition"));
}

TEST_F(ExpressionTest, ErrorMinusOnCondition) {
  // The offset is that of the operand inside the parentheses.
  const ExprError error = MustFail("-(1 < 2)");
  EXPECT_EQ(error.offset, 2u);
  EXPECT_THAT(error.message, HasSubstr("'-' needs a number"));
}

TEST_F(ExpressionTest, ErrorAndOnNumbers) {
  const ExprError error = MustFail("true and memory.bandwidth");
  EXPECT_EQ(error.offset, 9u);
  EXPECT_THAT(error.message, HasSubstr("'and' needs conditions"));
}

TEST_F(ExpressionTest, ErrorArithmeticOnCondition) {
  const ExprError error = MustFail("1 + (2 < 3)");
  EXPECT_EQ(error.offset, 5u);
  EXPECT_THAT(error.message, HasSubstr("needs numbers"));
}

TEST_F(ExpressionTest, ErrorUnknownFunction) {
  const ExprError error = MustFail("avg(1, 2)");
  EXPECT_EQ(error.offset, 0u);
  EXPECT_THAT(error.message, HasSubstr("unknown function 'avg'"));
}

TEST_F(ExpressionTest, ErrorUnknownAggregate) {
  const ExprError error = MustFail("avg(d in dies: d.area)");
  EXPECT_EQ(error.offset, 0u);
  EXPECT_THAT(error.message, HasSubstr("unknown aggregate 'avg'"));
}

TEST_F(ExpressionTest, ErrorUnknownCollection) {
  const ExprError error = MustFail("sum(x in chips: 1)");
  EXPECT_THAT(error.message, HasSubstr("unknown collection 'chips'; expected one of: formats, dies"));
}

TEST_F(ExpressionTest, ErrorCountWithBody) {
  const ExprError error = MustFail("count(d in dies: d.area)");
  EXPECT_EQ(error.offset, 17u);
  EXPECT_THAT(error.message, HasSubstr("takes no ': expression'"));
}

TEST_F(ExpressionTest, ErrorAggregateWithoutBody) {
  const ExprError error = MustFail("sum(d in dies)");
  EXPECT_EQ(error.offset, 13u);
  EXPECT_THAT(error.message, HasSubstr("needs ': expression'"));
}

TEST_F(ExpressionTest, ErrorFilterIsNotACondition) {
  const ExprError error = MustFail("sum(d in dies where d.area: d.area)");
  EXPECT_EQ(error.offset, 20u);
  EXPECT_THAT(error.message, HasSubstr("'where' needs a condition"));
}

TEST_F(ExpressionTest, ErrorAnyOverNumbers) {
  const ExprError error = MustFail("any(d in dies: d.area)");
  EXPECT_EQ(error.offset, 15u);
  EXPECT_THAT(error.message, HasSubstr("'any' needs a condition"));
}

TEST_F(ExpressionTest, ErrorAggregatesNestedTooDeeply) {
  const ExprError error =
      MustFail("sum(a in dies: sum(b in dies: sum(c in dies: sum(d in dies: sum(e in dies: e.area)))))");
  EXPECT_THAT(error.message, HasSubstr("nested too deeply"));
}

TEST_F(ExpressionTest, ParseErrorsComeThroughWithOffsets) {
  const ExprError error = MustFail("tpp >= ");
  EXPECT_EQ(error.offset, 7u);
}

// ---------------------------------------------------------------------------
// Evaluator robustness

TEST_F(ExpressionTest, OverflowMakesValueUnknown) {
  const Compiled c = MustCompile("memory.capacity * memory.capacity * memory.capacity / 1 B / 1 B / 1 B");
  ChipValues chip = ExampleChip();
  chip.fields[kMemoryCapacity] = KnownNumber(Pow10(30));  // 1e90 overflows 256 bits
  const Evaluator& e = Run(chip);
  EXPECT_TRUE(e.overflowed());
  EXPECT_FALSE(e.value(c.node).number.IsExact());
}

TEST_F(ExpressionTest, RunTwiceResetsMissing) {
  const Compiled c = MustCompile("memory.capacity >= 1 GB");
  evaluator_.emplace(program_);
  evaluator_->Run(ExampleChip());
  EXPECT_THAT(evaluator_->MissingAmong(c.reads), ElementsAre("memory.capacity"));
  ChipValues chip = ExampleChip();
  chip.fields[kMemoryCapacity] = KnownNumber(Number(96) * Pow10(9));
  evaluator_->Run(chip);
  EXPECT_THAT(evaluator_->missing(), IsEmpty());
  EXPECT_EQ(evaluator_->value(c.node).truth, Truth::kTrue);
}

// Regression (fixed): Evaluator::Step binds `values_[node.a]` and `values_[node.b]` for every
// node, although for kConst, kField, kItemField and kSymbolEq/kSymbolNe those
// are a constant index, a field slot or a symbol index, not node indices. In a
// program with fewer nodes than that slot or symbol, this indexes values_ out
// of range (std::vector::operator[], undefined behaviour; with
// -D_GLIBCXX_ASSERTIONS as in the debug preset, the process aborts). Here:
// nodes = [kField a=0, kSymbolEq a=0 b=3] and values_[3] is read with size 2.
// Expected: the comparison evaluates to false for a data-centre chip.
TEST(Evaluator, TinyProgramReadingHighSlot) {
  FormatTable formats;
  Program program;
  Compiler compiler(program, formats);
  std::vector<uint32_t> comparisons;
  const std::function<SourceLocation(size_t)> locate = [](size_t) { return SourceLocation{}; };
  const std::string_view text = "marketed_for == 'embedded'";
  auto ast = Parse(text);
  ASSERT_TRUE(ast.has_value());
  auto compiled = compiler.Compile(*ast, text, locate, comparisons);
  ASSERT_TRUE(compiled.has_value()) << compiled.error().message;
  ASSERT_EQ(program.nodes.size(), 2u);
  ChipValues chip = UnknownChip();
  chip.fields[kMarketedFor] = SymbolValue<Market>(Market::kDatacenter);
  Evaluator evaluator(program);
  evaluator.Run(chip);
  EXPECT_EQ(evaluator.value(compiled->node).truth, Truth::kFalse);
}

}  // namespace
}  // namespace eccn::expr
