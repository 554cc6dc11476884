// Reads the countries and country-groups files (docs/license.md): every
// country with its aliases and standing, and each group's members with the
// dates they joined or left. Kept apart from license_loader.cc, which orders
// the files and reads the license requirements that name this data.
#include "country_reader.h"

#include <fmt/format.h>

#include <array>

#include "rule_files.h"

namespace eccn {
namespace {

// A scalar code, or a map {code, from, certain_from, until, certain_until, source}.
std::optional<GroupMember> ReadMember(YamlReader& reader, const YAML::Node& item) {
  GroupMember member;
  if (item.IsScalar()) {
    member.code = item.Scalar();
    return member;
  }
  if (!reader.ExpectMap(item, "a member (a code, or a map with 'code' and dates)")) return std::nullopt;
  static constexpr std::array<std::string_view, 6> kKeys{"code",  "from",          "certain_from",
                                                         "until", "certain_until", "source"};
  reader.CheckKeys(item, kKeys, "a member");
  member.code = reader.Scalar(item, "code", true).value_or("");
  member.from = ReadDate(reader, item, "from", false);
  member.certain_from = ReadDate(reader, item, "certain_from", false);
  member.until = ReadDate(reader, item, "until", false);
  member.certain_until = ReadDate(reader, item, "certain_until", false);
  member.source = reader.Scalar(item, "source", true).value_or("");
  if (member.certain_from && (!member.from || *member.certain_from < *member.from)) {
    reader.Error(item["certain_from"], "'certain_from' needs 'from' on or before it");
  }
  if (member.certain_until && (!member.until || *member.until < *member.certain_until)) {
    reader.Error(item["certain_until"], "'certain_until' needs 'until' on or after it");
  }
  return member;
}

}  // namespace

void ReadCountries(YamlReader& reader, const YAML::Node& root, LicenseData& out) {
  static constexpr std::array<std::string_view, 4> kKeys{"kind", "title", "source", "countries"};
  reader.CheckKeys(root, kKeys, "a countries file");
  const YAML::Node list = root["countries"];
  if (!reader.ExpectSequence(list, "'countries' as a list of {code, name}")) return;
  for (const YAML::Node& item : list) {
    if (!reader.ExpectMap(item, "a country")) continue;
    static constexpr std::array<std::string_view, 8> kCountryKeys{"code",  "name",    "aliases", "treated_as",
                                                                  "basis", "part_of", "note",    "not_an_export"};
    reader.CheckKeys(item, kCountryKeys, "a country");
    Country country;
    country.code = reader.Scalar(item, "code", true).value_or("");
    country.name = reader.Scalar(item, "name", true).value_or("");
    country.aliases = ReadStringList(reader, item, "aliases");
    country.treated_as = reader.Scalar(item, "treated_as").value_or("");
    country.basis = reader.Scalar(item, "basis").value_or("");
    country.part_of = reader.Scalar(item, "part_of").value_or("");
    country.note = reader.Scalar(item, "note").value_or("");
    country.not_an_export = reader.Scalar(item, "not_an_export").value_or("");
    if (!country.treated_as.empty() && country.basis.empty()) {
      reader.Error(item, "a country with 'treated_as' needs 'basis': the regulation that says so");
    }
    if (out.Find(country.code) != nullptr) {
      reader.Error(item["code"], fmt::format("country '{}' is listed twice", country.code));
      continue;
    }
    out.countries.push_back(std::move(country));
  }
}

void ReadGroups(YamlReader& reader, const YAML::Node& root, LicenseData& out) {
  static constexpr std::array<std::string_view, 6> kKeys{"kind",     "title",           "covers_from",
                                                         "citation", "interpretations", "groups"};
  reader.CheckKeys(root, kKeys, "a country-groups file");
  const YAML::Node citation = root["citation"];
  if (reader.ExpectMap(citation, "'citation' with 'text'")) {
    out.groups_citation = reader.Scalar(citation, "text", true).value_or("");
  }
  const YAML::Node list = root["groups"];
  if (!reader.ExpectSequence(list, "'groups' as a list of {id, members}")) return;
  for (const YAML::Node& item : list) {
    if (!reader.ExpectMap(item, "a country group")) continue;
    static constexpr std::array<std::string_view, 3> kGroupKeys{"id", "title", "members"};
    reader.CheckKeys(item, kGroupKeys, "a country group");
    CountryGroup group;
    group.id = reader.Scalar(item, "id", true).value_or("");
    group.title = reader.Scalar(item, "title", true).value_or("");
    if (out.Group(group.id) != nullptr) reader.Error(item["id"], fmt::format("group '{}' is listed twice", group.id));
    const YAML::Node members = item["members"];
    if (!reader.ExpectSequence(members, "'members' as a list of codes")) continue;
    for (const YAML::Node& m : members) {
      auto member = ReadMember(reader, m);
      if (!member) continue;
      if (out.Find(member->code) == nullptr) {
        reader.Error(
            m, fmt::format("unknown country code '{}', expected an ISO 3166 code from countries.yaml", member->code));
        continue;
      }
      group.members.push_back(std::move(*member));
    }
    out.groups.push_back(std::move(group));
  }
}

}  // namespace eccn
