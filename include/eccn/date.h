// Calendar dates, as regulations use them (no time zone, no time of day).
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace eccn {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  // Accepts exactly "YYYY-MM-DD" naming a real calendar day.
  static std::optional<Date> Parse(std::string_view text);
  // Today in UTC.
  static Date Today();
  std::string ToString() const;
  // The following and the preceding calendar day.
  Date NextDay() const;
  Date PreviousDay() const;

  friend auto operator<=>(const Date&, const Date&) = default;
};

}  // namespace eccn
