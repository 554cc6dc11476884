// LicenseRules: the lookups in the license data (a country by code, name or
// alias; a country's membership of a group on a day) and Determine, which
// hands a known destination to license_determination.cc (docs/license.md).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "expr/interval_math.h"
#include "license_data.h"
#include "license_determination.h"

namespace eccn {
namespace {

using expr::Or;

bool SameText(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

Truth MemberOn(const GroupMember& member, const Date& date) {
  if ((member.from && date < *member.from) || (member.until && *member.until < date)) return Truth::kFalse;
  if ((member.certain_from && date < *member.certain_from) || (member.certain_until && *member.certain_until < date)) {
    return Truth::kUnknown;
  }
  return Truth::kTrue;
}

}  // namespace

bool RuleDates::AppliesOn(const Context& context) const {
  if (status == "proposed" || !InForceOn(context.as_of)) return false;
  return context.posture == Posture::kCfrText || !not_enforced_from || context.as_of < *not_enforced_from;
}

const Country* LicenseData::Find(std::string_view code) const {
  for (const Country& country : countries) {
    if (country.code == code) return &country;
  }
  return nullptr;
}

const CountryGroup* LicenseData::Group(std::string_view id) const {
  for (const CountryGroup& group : groups) {
    if (group.id == id) return &group;
  }
  return nullptr;
}

LicenseRules::LicenseRules(std::shared_ptr<const LicenseData> data) : impl_(std::move(data)) {}

std::span<const Country> LicenseRules::countries() const { return impl_->countries; }
std::span<const LicenseCaveat> LicenseRules::caveats() const { return impl_->caveats; }

const Country* LicenseRules::FindCountry(std::string_view text, std::string& error) const {
  for (const Country& country : impl_->countries) {
    if (SameText(country.code, text) || SameText(country.name, text)) return &country;
  }
  for (const Country& country : impl_->countries) {
    for (const std::string& alias : country.aliases) {
      if (SameText(alias, text)) return &country;
    }
  }
  error = fmt::format(
      "unknown country '{}', expected an ISO 3166-1 alpha-2 code (e.g. CN, VN, DE), a region code "
      "(UA-43) or a country name",
      text);
  return nullptr;
}

Truth LicenseRules::InGroup(std::string_view code, std::string_view group, const Date& date) const {
  const Country* country = impl_->Find(code);
  std::string_view member = code;
  if (country != nullptr && !country->treated_as.empty()) member = country->treated_as;
  if (country != nullptr && !country->part_of.empty()) member = country->part_of;
  const CountryGroup* g = impl_->Group(group);
  if (g == nullptr) return Truth::kFalse;
  Truth t = Truth::kFalse;
  for (const GroupMember& m : g->members) {
    if (m.code == member) t = Or(t, MemberOn(m, date));
  }
  return t;
}

DestinationLicense LicenseRules::Determine(const ChipSpec& spec, const Classification& classification,
                                           const Shipment& shipment, const Context& context) const {
  const Country* country = impl_->Find(shipment.destination);
  if (country == nullptr) {
    DestinationLicense out;
    out.country = shipment.destination;
    out.reasons.push_back({fmt::format("unknown destination '{}'", shipment.destination), ""});
    return out;
  }
  return DetermineLicense(*impl_, *this, spec, classification, shipment, context, *country);
}

std::string_view Name(LicenseVerdict verdict) {
  switch (verdict) {
    case LicenseVerdict::kNotRequired:
      return "not_required";
    case LicenseVerdict::kException:
      return "exception";
    case LicenseVerdict::kRequired:
      return "required";
    case LicenseVerdict::kIndeterminate:
      break;
  }
  return "indeterminate";
}

}  // namespace eccn