// License determination: may this chip ship to this destination and end user, on this date?
//
// A classification says which entries control a chip; the license rules
// (`kind: countries`, `kind: country-groups` and `kind: license` files under
// rules/, docs/license.md) say where those entries need a license, which
// license exception can stand in for it and how an application is reviewed.
//
//   eccn::Loaded<eccn::LicenseRules> license = eccn::LoadLicenseRules("rules");
//   eccn::Shipment to_vietnam{"VN", "", ""};
//   eccn::DestinationLicense answer = license.value->Determine(spec, classification, to_vietnam, context);
//   // answer.verdict, answer.exceptions, answer.review_policy, answer.reasons ...
//
// Facts about the transaction that the rules need but a spec cannot give
// (where the end user is headquartered) are inputs; facts eccn never knows
// (end use, Entity List status) come back as caveats.
#pragma once

#include <eccn/classification.h>
#include <eccn/date.h>
#include <eccn/diagnostic.h>
#include <eccn/rules.h>

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace eccn {

struct ChipSpec;
struct LicenseData;  // the loaded rules, private to the library

struct Country {
  std::string code;  // ISO 3166-1 alpha-2 ("CN"), or ISO 3166-2 for a region ("UA-43")
  std::string name;
  std::vector<std::string> aliases;
  std::string treated_as;  // the destination whose rules apply ("CN" for Hong Kong), "" if itself
  std::string basis;       // why, for treated_as
  std::string part_of;     // the country of a region ("UA")
  std::string note;
  std::string not_an_export;  // set for the exporting country itself: why nothing applies
};

// One shipment: where it goes and, when known, where the end user and its
// ultimate parent are headquartered (codes as resolved by FindCountry; ""
// when not given).
struct Shipment {
  std::string destination;
  std::string end_user_hq;
  std::string parent_hq;
};

enum class LicenseVerdict { kNotRequired, kException, kRequired, kIndeterminate };

// A step of the reasoning, with the text it rests on.
struct LicenseReason {
  std::string text;
  std::string citation;
};

struct ExceptionResult {
  std::string id;  // "NAC"
  std::string title;
  std::string citation;
  std::vector<std::string> obligations;  // what the exporter must do to use it
  std::vector<std::string> conditions;   // facts eccn cannot check that it rests on
};

struct DestinationLicense {
  std::string country;  // code
  std::string name;
  LicenseVerdict verdict = LicenseVerdict::kIndeterminate;
  std::vector<ExceptionResult> exceptions;  // for kException: what authorizes the shipment
  // For kRequired: "presumption_of_denial", "case_by_case", "presumption_of_approval",
  // or "" when the rules do not record it.
  std::string review_policy;
  std::vector<std::string> review_conditions;  // conditions of that policy
  std::vector<std::string> requirements;       // ids of the requirements that apply
  std::vector<LicenseReason> reasons;          // the chain, in order
  std::vector<LicenseReason> notes;            // dated notices, rules not enforced, conditions
  std::vector<std::string> missing;            // spec fields whose absence made it indeterminate
};

// A statement about what the rules leave out, printed with every answer.
struct LicenseCaveat {
  std::string id;
  std::string text;
  std::string citation;
};

class LicenseRules {
 public:
  // Every destination, in code order.
  std::span<const Country> countries() const;
  std::span<const LicenseCaveat> caveats() const;

  // Resolves a code or a name (case-insensitive; codes, names and aliases).
  // nullptr with `error` set when nothing matches.
  const Country* FindCountry(std::string_view text, std::string& error) const;

  // Membership of `code` in a country group ("D:5") on `date`: kUnknown when
  // the change happened on a day the sources do not pin down.
  Truth InGroup(std::string_view code, std::string_view group, const Date& date) const;

  // The answer for one chip and one shipment. Total: unknown facts give
  // kIndeterminate and name what is missing.
  DestinationLicense Determine(const ChipSpec& spec, const Classification& classification, const Shipment& shipment,
                               const Context& context) const;

 private:
  explicit LicenseRules(std::shared_ptr<const LicenseData> data);
  std::shared_ptr<const LicenseData> impl_;

  friend Loaded<LicenseRules> ParseLicenseRules(std::span<const RuleSource> sources);
};

// Reads the countries, country-groups and license files among `sources`
// (other kinds are skipped). All problems are reported, with positions.
Loaded<LicenseRules> ParseLicenseRules(std::span<const RuleSource> sources);

// Loads every such file below the rules directory `dir`.
Loaded<LicenseRules> LoadLicenseRules(const std::filesystem::path& dir);

// Whether `dir` holds a countries, country-groups or license file (a plain
// top-level `kind:` line says so), as the shipped rules do; a directory of
// packs alone holds none.
bool HasLicenseFiles(const std::filesystem::path& dir);

std::string_view Name(LicenseVerdict verdict);  // "not_required", "exception", "required", "indeterminate"

}  // namespace eccn
