#include "sweep/sweep_range.h"

#include <cctype>
#include <string>

#include <fmt/format.h>

namespace eccn {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  return s;
}

Expected<Number> NonNegative(std::string_view text, const SweepKnob& knob) {
  auto number = ParseDecimal(Trim(text));
  if (!number) return Unexpected(fmt::format("{}: '{}': {}", knob.name, Trim(text), number.error()));
  if (*number < 0)
    return Unexpected(fmt::format("{}: '{}' is negative; every knob is a size or a rate", knob.name, Trim(text)));
  return *number;
}

Expected<void> ParseList(std::string_view numbers, SweepKnob& knob) {
  while (true) {
    const size_t comma = numbers.find(',');
    auto value = NonNegative(numbers.substr(0, comma), knob);
    if (!value) return Unexpected(value.error());
    knob.values.push_back(*value);
    if (comma == std::string_view::npos) return {};
    numbers.remove_prefix(comma + 1);
  }
}

Expected<void> ParseSpan(std::string_view numbers, size_t dots, SweepKnob& knob) {
  auto lo = NonNegative(numbers.substr(0, dots), knob);
  if (!lo) return Unexpected(lo.error());
  std::string_view rest = numbers.substr(dots + 2);
  const size_t step_at = rest.find_first_of(":/");
  auto hi = NonNegative(rest.substr(0, step_at), knob);
  if (!hi) return Unexpected(hi.error());
  if (*hi < *lo) return Unexpected(fmt::format("{}: the range ends below its start", knob.name));
  knob.lo = *lo;
  knob.hi = *hi;
  if (step_at == std::string_view::npos) return {};  // continuous: random sampling only
  const std::string_view after = Trim(rest.substr(step_at + 1));
  if (rest[step_at] == ':') {
    auto step = NonNegative(after, knob);
    if (!step) return Unexpected(step.error());
    if (*step == 0) return Unexpected(fmt::format("{}: the step must be positive", knob.name));
    const Number intervals = (*hi - *lo) / *step;
    if (intervals >= Number(kMaxKnobValues))
      return Unexpected(fmt::format("{}: more than {} values; use a larger step", knob.name, kMaxKnobValues));
    knob.step = *step;
    knob.steps = static_cast<size_t>(boost::multiprecision::numerator(intervals) /
                                     boost::multiprecision::denominator(intervals)) +
                 1;  // lo, and every whole step up to hi
    return {};
  }
  size_t count = 0;
  for (char c : after) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0 || count > kMaxKnobValues)
      return Unexpected(fmt::format("{}: after '/' expected a count of values from 1 to {}, got '{}'", knob.name,
                                    kMaxKnobValues, after));
    count = count * 10 + static_cast<size_t>(c - '0');
  }
  if (count == 0 || count > kMaxKnobValues)
    return Unexpected(fmt::format("{}: after '/' expected a count of values from 1 to {}, got '{}'", knob.name,
                                  kMaxKnobValues, after));
  knob.step = count == 1 ? Number(0) : (*hi - *lo) / Number(count - 1);
  knob.steps = count;
  return {};
}

}  // namespace

Expected<void> ParseKnobRange(std::string_view text, const Dimension& dimension, SweepKnob& knob) {
  text = Trim(text);
  // The unit starts at the first letter; numbers here have no exponent.
  size_t unit_at = 0;
  while (unit_at < text.size() && std::isalpha(static_cast<unsigned char>(text[unit_at])) == 0) ++unit_at;
  const std::string_view numbers = Trim(text.substr(0, unit_at));
  const std::string_view unit_text = Trim(text.substr(unit_at));
  if (dimension.IsNone()) {
    if (!unit_text.empty())
      return Unexpected(fmt::format("{}: a pure number takes no unit, got '{}'", knob.name, unit_text));
  } else {
    if (unit_text.empty())
      return Unexpected(
          fmt::format("{}: expected a unit, {}, after the range", knob.name, DescribeDimension(dimension)));
    auto unit = ParseUnit(unit_text);
    if (!unit) return Unexpected(fmt::format("{}: {}", knob.name, unit.error()));
    if (unit->dimension != dimension)
      return Unexpected(fmt::format("{}: '{}' is not {}", knob.name, unit_text, DescribeDimension(dimension)));
    knob.unit = std::string(unit_text);
    knob.scale = unit->scale;
  }
  if (numbers.empty()) return Unexpected(fmt::format("{}: expected a value or a range such as 1..10:1", knob.name));
  const size_t dots = numbers.find("..");
  if (dots == std::string_view::npos) return ParseList(numbers, knob);
  return ParseSpan(numbers, dots, knob);
}

Expected<void> ParseMarkets(std::string_view text, SweepKnob& knob) {
  constexpr std::array kMarkets = {Market::kDatacenter, Market::kConsumer, Market::kWorkstation, Market::kEmbedded};
  while (true) {
    const size_t comma = text.find(',');
    const std::string_view name = Trim(text.substr(0, comma));
    bool found = false;
    for (Market m : kMarkets) {
      if (Name(m) == name) {
        knob.markets.push_back(m);
        found = true;
      }
    }
    if (!found)
      return Unexpected(
          fmt::format("market: unknown market '{}', expected datacenter, consumer, workstation or embedded", name));
    if (comma == std::string_view::npos) return {};
    text.remove_prefix(comma + 1);
  }
}

}  // namespace eccn
