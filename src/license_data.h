// The license rules as loaded, private to the library (docs/license.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <eccn/license.h>
#include <eccn/number.h>

namespace eccn {

// Where a rule applies: any of the groups or codes, minus those in `except`.
// Empty `any_of` with `everywhere` set: every destination.
struct DestinationSet {
  bool everywhere = false;
  std::vector<std::string> any_of;
  std::vector<std::string> except;
};

// When a rule applies, as for packs (PackInfo): effective and end dates, a
// status from kPackStatuses and the day enforcement stopped.
struct RuleDates {
  std::optional<Date> effective;  // nullopt: in force since before the data's coverage
  std::optional<Date> end;
  std::string status = "in_force";
  std::optional<Date> not_enforced_from;

  bool InForceOn(const Date& date) const { return (!effective || *effective <= date) && (!end || date <= *end); }
  bool AppliesOn(const Context& context) const;
};

struct GroupMember {
  std::string code;
  std::optional<Date> from, certain_from, until, certain_until;
  std::string source;
};

struct CountryGroup {
  std::string id;  // "D:5"
  std::string title;
  std::vector<GroupMember> members;
};

struct ReviewRule {
  std::string policy;
  std::optional<DestinationSet> destinations;  // nullopt: wherever the requirement applies
  bool review_zone = false;                    // only for chips inside a review-policy zone
  RuleDates dates;
  std::string citation;
  std::vector<std::string> conditions;
};

struct Requirement {
  std::string id;
  std::string title;
  std::vector<std::string> entries;  // entry ids, "*" (any item) or "ccl" (any CCL item)
  std::string reason;                // RS, AT, embargo, sanctions
  RuleDates dates;
  DestinationSet destinations;
  std::optional<DestinationSet> headquarters;  // the headquarters rule: where the end user is headquartered
  std::string citation;
  std::vector<std::string> exceptions;
  std::vector<ReviewRule> review;
  std::vector<std::string> notes;
};

// Items an exception covers, with the condition on the chip it adds.
struct ExceptionItems {
  std::vector<std::string> entries;
  bool not_datacenter = false;  // only items not designed or marketed for datacenters
  std::string metric;           // only when this metric is below `below`
  std::optional<Number> below;
};

struct ExceptionRule {
  std::string id;
  std::string title;
  RuleDates dates;
  std::string citation;
  std::vector<ExceptionItems> items;
  std::optional<DestinationSet> destinations;
  std::optional<DestinationSet> headquartered_in;      // also available for such end users, wherever
  std::optional<DestinationSet> not_headquartered_in;  // never for such end users
  std::vector<std::string> obligations;
  std::vector<std::string> conditions;
};

struct LicenseData {
  std::vector<Country> countries;
  std::vector<CountryGroup> groups;
  std::string groups_citation;
  std::vector<Requirement> requirements;
  std::vector<ExceptionRule> exceptions;
  std::vector<LicenseCaveat> caveats;
  std::optional<Date> covers_from;  // no answers before this day

  const Country* Find(std::string_view code) const;
  const CountryGroup* Group(std::string_view id) const;
};

}  // namespace eccn
