// Loads the license rules: countries, country groups and license requirements
// (docs/license.md), checking every code and group name they use.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <memory>

#include "country_reader.h"
#include "license_data.h"
#include "rule_files.h"
#include "units.h"
#include "yaml_reader.h"

namespace eccn {
namespace {

struct ParsedFile {
  // Per file, so that files of other kinds, which the pack loader reports on,
  // are not reported twice.
  std::unique_ptr<std::vector<Diagnostic>> diagnostics;
  std::unique_ptr<YamlReader> reader;
  YAML::Node root;
  std::string kind;
};

// Reads the license file: checks every code and group against the data read before it.
class LicenseReader {
 public:
  LicenseReader(YamlReader& reader, LicenseData& out) : reader_(reader), out_(out) {}

  void Run(const YAML::Node& root) {
    static constexpr std::array<std::string_view, 13> kKeys{
        "kind",        "id",       "title",           "jurisdiction", "regulation",
        "covers_from", "citation", "interpretations", "caveats",      "requirements",
        "exceptions",  "notes",    "series"};
    reader_.CheckKeys(root, kKeys, "a license file");
    out_.covers_from = ReadDate(reader_, root, "covers_from", true);
    ForEach(root, "caveats", "a caveat", [this](const YAML::Node& n) { ReadCaveat(n); });
    // Exceptions first: requirements name them.
    ForEach(root, "exceptions", "a license exception", [this](const YAML::Node& n) { ReadException(n); });
    ForEach(root, "requirements", "a license requirement", [this](const YAML::Node& n) { ReadRequirement(n); });
  }

 private:
  template <class Fn>
  void ForEach(const YAML::Node& root, std::string_view key, std::string_view what, Fn read_one) {
    const YAML::Node list = root[std::string(key)];
    if (!list.IsDefined() || list.IsNull()) return;
    if (!reader_.ExpectSequence(list, fmt::format("'{}'", key))) return;
    for (const YAML::Node& item : list) {
      if (reader_.ExpectMap(item, what)) read_one(item);
    }
  }

  void ReadCaveat(const YAML::Node& item) {
    static constexpr std::array<std::string_view, 3> kKeys{"id", "text", "citation"};
    reader_.CheckKeys(item, kKeys, "a caveat");
    out_.caveats.push_back({reader_.Scalar(item, "id", true).value_or(""),
                            reader_.Scalar(item, "text", true).value_or(""),
                            reader_.Scalar(item, "citation", true).value_or("")});
  }

  // A group id or a country code, checked.
  void CheckPlace(const YAML::Node& node, const std::string& place) {
    if (out_.Group(place) != nullptr || out_.Find(place) != nullptr) return;
    std::vector<std::string_view> groups;
    for (const CountryGroup& g : out_.groups) groups.push_back(g.id);
    reader_.Error(node, fmt::format("unknown destination '{}', expected a country group ({}) or an ISO 3166 code "
                                    "from countries.yaml",
                                    place, fmt::join(groups, ", ")));
  }

  // A list of places, or a map {any_of, except}.
  std::optional<DestinationSet> ReadSet(const YAML::Node& map, std::string_view key) {
    const YAML::Node node = map[std::string(key)];
    if (!node.IsDefined() || node.IsNull()) return std::nullopt;
    DestinationSet set;
    if (node.IsMap()) {
      static constexpr std::array<std::string_view, 3> kKeys{"any_of", "everywhere", "except"};
      reader_.CheckKeys(node, kKeys, fmt::format("'{}'", key));
      set.everywhere = reader_.Scalar(node, "everywhere").value_or("false") == "true";
      set.any_of = ReadStringList(reader_, node, "any_of");
      set.except = ReadStringList(reader_, node, "except");
    } else if (node.IsSequence()) {
      set.any_of = ReadStringList(reader_, map, key);
    } else {
      reader_.Error(node, fmt::format("expected '{}' as a list of groups and codes, or a map with 'any_of' (or "
                                      "'everywhere: true') and 'except'",
                                      key));
      return std::nullopt;
    }
    if (set.any_of.empty() == !set.everywhere) {
      reader_.Error(node, fmt::format("'{}' needs either 'any_of' or 'everywhere: true'", key));
    }
    for (const std::string& place : set.any_of) CheckPlace(node, place);
    for (const std::string& place : set.except) CheckPlace(node, place);
    return set;
  }

  RuleDates ReadDates(const YAML::Node& item) {
    RuleDates dates;
    dates.effective = ReadDate(reader_, item, "effective", false);
    dates.end = ReadDate(reader_, item, "end", false);
    dates.not_enforced_from = ReadDate(reader_, item, "not_enforced_from", false);
    dates.status = reader_.Scalar(item, "status").value_or("in_force");
    if (std::find(kPackStatuses.begin(), kPackStatuses.end(), dates.status) == kPackStatuses.end()) {
      reader_.Error(item["status"],
                    fmt::format("invalid status '{}', expected {}", dates.status, fmt::join(kPackStatuses, " | ")));
    }
    if (dates.effective && dates.end && *dates.end < *dates.effective) {
      reader_.Error(item["end"], "'end' is before 'effective'");
    }
    if ((dates.status == "text_not_enforced") != dates.not_enforced_from.has_value()) {
      reader_.Error(item, "'not_enforced_from' goes with status text_not_enforced, and that status needs it");
    }
    if (dates.status == "superseded" && !dates.end) reader_.Error(item, "a superseded rule needs 'end'");
    return dates;
  }

  void ReadReview(const YAML::Node& item, Requirement& requirement) {
    static constexpr std::array<std::string_view, 7> kKeys{"policy", "destinations", "review_zone", "effective",
                                                           "end",    "citation",     "conditions"};
    static constexpr std::array<std::string_view, 3> kPolicies{"presumption_of_denial", "case_by_case",
                                                               "presumption_of_approval"};
    reader_.CheckKeys(item, kKeys, "a review policy");
    ReviewRule review;
    review.policy = reader_.Scalar(item, "policy", true).value_or("");
    if (std::find(kPolicies.begin(), kPolicies.end(), review.policy) == kPolicies.end()) {
      reader_.Error(item["policy"],
                    fmt::format("invalid policy '{}', expected {}", review.policy, fmt::join(kPolicies, " | ")));
    }
    review.destinations = ReadSet(item, "destinations");
    review.review_zone = reader_.Scalar(item, "review_zone").value_or("false") == "true";
    review.dates = ReadDates(item);
    review.citation = reader_.Scalar(item, "citation", true).value_or("");
    review.conditions = ReadStringList(reader_, item, "conditions");
    requirement.review.push_back(std::move(review));
  }

  void ReadRequirement(const YAML::Node& item) {
    static constexpr std::array<std::string_view, 15> kKeys{
        "id",           "title",      "entries",      "reason",   "effective",  "end",    "status", "not_enforced_from",
        "destinations", "everywhere", "headquarters", "citation", "exceptions", "review", "notes"};
    reader_.CheckKeys(item, kKeys, "a license requirement");
    Requirement r;
    r.id = reader_.Scalar(item, "id", true).value_or("");
    r.title = reader_.Scalar(item, "title", true).value_or("");
    r.entries = ReadStringList(reader_, item, "entries");
    if (r.entries.empty()) reader_.Error(item, "a requirement needs 'entries': the entries it covers");
    r.reason = reader_.Scalar(item, "reason", true).value_or("");
    r.dates = ReadDates(item);
    r.citation = reader_.Scalar(item, "citation", true).value_or("");
    r.headquarters = ReadSet(item, "headquarters");
    r.destinations.everywhere = reader_.Scalar(item, "everywhere").value_or("false") == "true";
    if (auto set = ReadSet(item, "destinations")) r.destinations = *set;
    const int scopes =
        (r.destinations.everywhere ? 1 : 0) + (r.destinations.any_of.empty() ? 0 : 1) + (r.headquarters ? 1 : 0);
    if (scopes != 1) {
      reader_.Error(item, "a requirement needs exactly one of 'destinations', 'everywhere: true' or 'headquarters'");
    }
    r.exceptions = ReadStringList(reader_, item, "exceptions");
    for (const std::string& id : r.exceptions) {
      const bool known = std::any_of(out_.exceptions.begin(), out_.exceptions.end(),
                                     [&](const ExceptionRule& e) { return e.id == id; });
      if (!known) reader_.Error(item["exceptions"], fmt::format("unknown license exception '{}'", id));
    }
    const YAML::Node review = item["review"];
    if (review.IsDefined() && !review.IsNull() && reader_.ExpectSequence(review, "'review'")) {
      for (const YAML::Node& policy : review) {
        if (reader_.ExpectMap(policy, "a review policy")) ReadReview(policy, r);
      }
    }
    r.notes = ReadStringList(reader_, item, "notes");
    if (std::any_of(out_.requirements.begin(), out_.requirements.end(),
                    [&](const Requirement& other) { return other.id == r.id; })) {
      reader_.Error(item["id"], fmt::format("requirement '{}' is defined twice", r.id));
    }
    out_.requirements.push_back(std::move(r));
  }

  void ReadItems(const YAML::Node& node, ExceptionRule& rule) {
    if (!reader_.ExpectSequence(node, "'items' as a list of {entries}")) return;
    for (const YAML::Node& item : node) {
      if (!reader_.ExpectMap(item, "an item")) continue;
      static constexpr std::array<std::string_view, 4> kKeys{"entries", "not_datacenter", "metric", "below"};
      reader_.CheckKeys(item, kKeys, "an item");
      ExceptionItems items;
      items.entries = ReadStringList(reader_, item, "entries");
      items.not_datacenter = reader_.Scalar(item, "not_datacenter").value_or("false") == "true";
      items.metric = reader_.Scalar(item, "metric").value_or("");
      if (auto below = reader_.Scalar(item, "below")) {
        auto value = ParseDecimal(*below);
        if (!value) {
          reader_.Error(item["below"], fmt::format("invalid number '{}' for 'below'", *below));
        } else {
          items.below = *value;
        }
      }
      if (items.metric.empty() != !items.below.has_value()) {
        reader_.Error(item, "'metric' and 'below' go together");
      }
      rule.items.push_back(std::move(items));
    }
  }

  void ReadException(const YAML::Node& item) {
    static constexpr std::array<std::string_view, 14> kKeys{"id",
                                                            "title",
                                                            "effective",
                                                            "end",
                                                            "status",
                                                            "not_enforced_from",
                                                            "citation",
                                                            "items",
                                                            "destinations",
                                                            "headquartered_in",
                                                            "not_headquartered_in",
                                                            "obligations",
                                                            "conditions",
                                                            "notes"};
    reader_.CheckKeys(item, kKeys, "a license exception");
    ExceptionRule rule;
    rule.id = reader_.Scalar(item, "id", true).value_or("");
    rule.title = reader_.Scalar(item, "title", true).value_or("");
    rule.dates = ReadDates(item);
    rule.citation = reader_.Scalar(item, "citation", true).value_or("");
    ReadItems(item["items"], rule);
    rule.destinations = ReadSet(item, "destinations");
    rule.headquartered_in = ReadSet(item, "headquartered_in");
    rule.not_headquartered_in = ReadSet(item, "not_headquartered_in");
    rule.obligations = ReadStringList(reader_, item, "obligations");
    rule.conditions = ReadStringList(reader_, item, "conditions");
    // Versions of one exception share an id; their dates must not overlap,
    // except for a text not enforced next to the enforced one.
    for (const ExceptionRule& other : out_.exceptions) {
      if (other.id != rule.id || other.dates.status != rule.dates.status) continue;
      const bool before = other.dates.end && rule.dates.effective && *other.dates.end < *rule.dates.effective;
      const bool after = rule.dates.end && other.dates.effective && *rule.dates.end < *other.dates.effective;
      if (!before && !after) {
        reader_.Error(item["id"], fmt::format("two versions of exception '{}' are in force on the same day", rule.id));
      }
    }
    out_.exceptions.push_back(std::move(rule));
  }

  YamlReader& reader_;
  LicenseData& out_;
};

}  // namespace

Loaded<LicenseRules> ParseLicenseRules(std::span<const RuleSource> sources) {
  Loaded<LicenseRules> result;
  std::vector<ParsedFile> candidates;
  std::vector<YamlReader*> readers;
  for (const RuleSource& source : sources) {
    if (const auto kind = PeekKind(source.text); kind && !IsLicenseKind(*kind)) continue;  // a pack or formats
    ParsedFile file{std::make_unique<std::vector<Diagnostic>>(), nullptr, {}, ""};
    file.reader = std::make_unique<YamlReader>(source.text, source.file, *file.diagnostics);
    readers.push_back(file.reader.get());
    candidates.push_back(std::move(file));
  }
  std::vector<std::optional<YAML::Node>> roots = YamlReader::LoadAll(readers);
  std::vector<ParsedFile> files;
  for (size_t i = 0; i < candidates.size(); ++i) {
    ParsedFile& file = candidates[i];
    std::optional<YAML::Node>& root = roots[i];
    if (!root || !root->IsMap() || !(*root)["kind"].IsScalar()) continue;  // the pack loader reports these
    file.kind = (*root)["kind"].Scalar();
    if (!IsLicenseKind(file.kind)) continue;
    file.reader->CheckPrintableText();  // reported, and the rest still read for more errors
    file.root = *root;
    files.push_back(std::move(file));
  }
  auto impl = std::make_shared<LicenseData>();
  // Countries, then groups (which name countries), then the rules (which name both).
  for (std::string_view kind : kLicenseKinds) {
    for (ParsedFile& file : files) {
      if (file.kind != kind) continue;
      try {
        if (kind == "countries") ReadCountries(*file.reader, file.root, *impl);
        if (kind == "country-groups") ReadGroups(*file.reader, file.root, *impl);
        if (kind == "license") LicenseReader(*file.reader, *impl).Run(file.root);
      } catch (const YAML::Exception& e) {
        file.reader->Error(SourceLocation{file.reader->file()},
                           fmt::format("internal error reading the YAML structure: {}", e.what()));
      }
    }
  }
  for (const ParsedFile& file : files) {
    result.diagnostics.insert(result.diagnostics.end(), file.diagnostics->begin(), file.diagnostics->end());
  }
  if (impl->countries.empty() || impl->groups.empty()) {
    result.diagnostics.push_back(
        {Severity::kError,
         {sources.empty() ? std::string("rules") : sources.front().file},
         "no license data: expected files with 'kind: countries', 'kind: country-groups' and 'kind: license' "
         "(normally rules/countries/ and rules/us/license-advanced-computing.yaml)"});
  }
  if (HasErrors(result.diagnostics)) return result;
  std::sort(impl->countries.begin(), impl->countries.end(),
            [](const Country& a, const Country& b) { return a.code < b.code; });
  result.value = LicenseRules(std::move(impl));
  return result;
}

Loaded<LicenseRules> LoadLicenseRules(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> paths;
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    Loaded<LicenseRules> missing;
    missing.diagnostics.push_back({Severity::kError, {dir.string()}, "not a rules directory"});
    return missing;
  }
  CollectYamlFiles(dir, paths);
  return ParseFiles<LicenseRules>(paths, ParseLicenseRules);
}

bool HasLicenseFiles(const std::filesystem::path& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) return false;
  std::vector<std::filesystem::path> paths;
  CollectYamlFiles(dir, paths);
  std::vector<Diagnostic> unread;  // a file that cannot be read is the loaders' to report
  const std::vector<RuleSource> sources = ReadSources(paths, unread);
  return std::any_of(sources.begin(), sources.end(), [](const RuleSource& source) {
    const std::optional<std::string_view> kind = PeekKind(source.text);
    return kind && IsLicenseKind(*kind);
  });
}

}  // namespace eccn
