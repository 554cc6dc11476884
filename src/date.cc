#include <eccn/date.h>

#include <fmt/format.h>
#include <charconv>
#include <chrono>

#include "ascii.h"

namespace eccn {
namespace {

std::optional<int> ParseDigits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (!IsAsciiDigit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

Date AddDays(const Date& date, int days) {
  const std::chrono::sys_days day{std::chrono::year_month_day{std::chrono::year(date.year),
                                                              std::chrono::month(static_cast<unsigned>(date.month)),
                                                              std::chrono::day(static_cast<unsigned>(date.day))}};
  const std::chrono::year_month_day ymd{day + std::chrono::days(days)};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

}  // namespace

std::optional<Date> Date::Parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto year = ParseDigits(text.substr(0, 4));
  auto month = ParseDigits(text.substr(5, 2));
  auto day = ParseDigits(text.substr(8, 2));
  if (!year || !month || !day) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
                                  std::chrono::day(static_cast<unsigned>(*day))};
  if (!ymd.ok()) return std::nullopt;
  return Date{*year, *month, *day};
}

Date Date::Today() {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd{today};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

Date Date::NextDay() const { return AddDays(*this, 1); }
Date Date::PreviousDay() const { return AddDays(*this, -1); }

std::string Date::ToString() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

}  // namespace eccn
