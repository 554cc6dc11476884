// Rule packs: regulations transcribed as data, compiled once, evaluated many times.
//
// A rules directory holds `formats.yaml` (operand formats and their bit
// lengths) and any number of packs (`kind: pack`), each one regulation's
// entries with citation, dates, metrics and conditions (docs/rule-format.md).
//
//   eccn::Loaded<eccn::RuleSet> rules = eccn::LoadRules("rules");
//   if (!rules.ok()) { /* print rules.diagnostics */ }
//   eccn::Classification c = rules.value->Classify(spec, eccn::Date::Today());
//
// A RuleSet is immutable after loading and safe to use from several threads.
#pragma once

#include <eccn/classification.h>
#include <eccn/date.h>
#include <eccn/diagnostic.h>

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace eccn {

struct ChipSpec;
class VerdictEvaluator;
namespace bulk {
class FastClassifier;
}
namespace rule_cache {
class Codec;
}

// An operand format and the bit length a rule multiplies its rate by.
struct OperandFormat {
  std::string name;  // "fp8"
  int bits = 0;      // 8
  std::string note;  // why this bit length, when it is a choice
};

struct FormatTable {
  std::vector<OperandFormat> formats;

  // nullptr when the table has no format of that name.
  const OperandFormat* Find(std::string_view name) const;
};

struct Citation {
  std::string text;  // "88 FR 73458 (2023-10-25), FR Doc. 2023-23055"
  std::string cfr;   // "15 CFR part 774, supplement no. 1, ECCN 3A090"
  std::optional<Date> published;
  std::vector<std::string> sources;  // URLs of the primary text
};

// A reading of the text that the regulation leaves open, recorded with its reason.
struct Interpretation {
  std::string topic;
  std::string choice;
  std::string reason;
};

struct MetricInfo {
  std::string id;          // "tpp"
  std::string title;       // "total processing performance"
  std::string unit;        // display unit, "" for a pure number
  std::string expression;  // as written in the pack
  std::string note;
  bool show = false;  // shown as a column in tables
  SourceLocation location;
};

// A named true/false condition that later conditions, exclusions and entries
// of the same pack use by name, so that a threshold test is written once.
struct ConditionInfo {
  std::string id;  // an identifier: "meets_3a090_a"
  std::string title;
  std::string expression;
  SourceLocation location;
};

// A dated measure whose criteria are not public or not numeric (e.g. a letter
// to one company), attached to the parts it names rather than encoded as an
// invented threshold.
struct NoticeInfo {
  std::string id;
  std::string title;
  std::string text;
  std::string citation;
  std::vector<std::string> parts;  // chip names it names, matched case-insensitively
};

// A named condition under which entries do not apply (a regulation's note).
struct ExclusionInfo {
  std::string id;
  std::string title;
  std::string text;
  std::string expression;
};

struct EntryInfo {
  std::string id;  // the regulation's own paragraph id, "3A090.a"
  std::string title;
  std::string text;  // the paragraph as the regulation words it
  std::vector<std::string> reasons_for_control;
  std::string expression;
  std::vector<std::string> unless;       // exclusion ids
  std::vector<std::string> subsumed_by;  // entry ids that take precedence
  // The entry whose license requirements apply (a .z paragraph or 4A090 is
  // licensed like 3A090); the entry's own id unless the pack says otherwise.
  std::string licensing;
  SourceLocation location;
};

// Which texts count on a date. Enforced (the default): what the agency
// applies, leaving out text it has said it will not enforce. CFR text: every
// provision in the Code on that date, enforced or not.
enum class Posture { kEnforced, kCfrText };

// Exporters bound by rules that apply to some exporters only (the 2025
// foundry due-diligence rule binds front-end fabricators and OSATs).
inline constexpr std::array<std::string_view, 2> kExporterRoles = {"front-end-fabricator", "osat"};

// What a classification is asked for: a date, a posture and who exports.
struct Context {
  Context() = default;
  explicit Context(Date date, Posture posture_ = Posture::kEnforced, std::string exporter_ = {})
      : as_of(date), posture(posture_), exporter(std::move(exporter_)) {}

  Date as_of;
  Posture posture = Posture::kEnforced;
  std::string exporter;  // "" (not given) or one of kExporterRoles
};

// A pack's status. Dates decide when a pack applies; the status says how.
inline constexpr std::array<std::string_view, 5> kPackStatuses = {
    "in_force",           // text in force and enforced
    "superseded",         // an earlier version; needs `end`
    "text_not_enforced",  // in the CFR, not enforced from `not_enforced_from`
    "review_policy",      // its entries are license-review zones, not controls
    "proposed",           // not law: listed, never applied
};

struct PackInfo {
  std::string id;
  // Versions of one regulation share a series (e.g. "us-ear-3a090"); their
  // date ranges must not overlap. Empty: the pack stands alone.
  std::string series;
  std::string title;
  std::string jurisdiction;
  std::string regulation;
  std::string status;  // one of kPackStatuses
  Citation citation;
  Date effective;
  std::optional<Date> end;  // last day in force, when known
  std::optional<Date> not_enforced_from;
  std::vector<std::string> exporters;  // empty: binds every exporter
  std::vector<MetricInfo> metrics;
  std::vector<ConditionInfo> conditions;
  std::vector<ExclusionInfo> exclusions;
  std::vector<EntryInfo> entries;
  std::vector<NoticeInfo> notices;
  std::vector<Interpretation> interpretations;
  std::string file;

  // The text is in force on `date` (between `effective` and `end`).
  bool InForceOn(const Date& date) const { return effective <= date && (!end || date <= *end); }
  // The pack takes part in a classification for `context`: in force, not
  // proposed, enforced on that date unless the posture is CFR text, and
  // binding the exporter if the pack names exporters.
  bool AppliesOn(const Context& context) const;
  // Its entries are controls (not review-policy zones).
  bool IsControl() const { return status != "review_policy"; }
};

// One rules file given as text, for loading without a file system.
struct RuleSource {
  std::string file;
  std::string text;
};

// A file a rule set was compiled from, with the SHA-256 of its bytes, so a
// decision record can say exactly which rules produced it.
struct RuleFileDigest {
  std::string file;
  std::string sha256;  // 64 lower-case hex digits
};

class RuleSet {
 public:
  const FormatTable& formats() const;
  std::span<const PackInfo> packs() const;
  // Every file compiled, in load order, with its digest.
  std::span<const RuleFileDigest> files() const;
  // One digest of all the files' contents, independent of their names and
  // order: equal exactly when the same contents were compiled.
  std::string ContentDigest() const;

  // Evaluates every pack in force on `as_of`. Total: any spec gets an answer;
  // missing data yields indeterminate results that name what is missing.
  // Detail::kVerdicts leaves out the clause traces, for several times the speed.
  Classification Classify(const ChipSpec& spec, const Context& context, Detail detail = Detail::kFull) const;
  Classification Classify(const ChipSpec& spec, const Date& as_of) const { return Classify(spec, Context{as_of}); }
  // Evaluates exactly the packs named (ids not loaded are ignored), whatever
  // their dates and status: for comparing versions of a rule side by side.
  Classification ClassifyWithPacks(const ChipSpec& spec, std::span<const std::string> pack_ids) const;

  // Dates on which some pack starts or stops applying under `posture` for
  // `exporter`, sorted: the days on which a classification can change.
  std::vector<Date> ChangeDates(Posture posture, const std::string& exporter) const;

 private:
  struct Impl;
  explicit RuleSet(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;  // shared: copies are cheap and immutable

  friend Loaded<RuleSet> ParseRules(std::span<const RuleSource> sources);
  friend std::vector<Diagnostic> LintRules(const RuleSet& rules);
  friend class VerdictEvaluator;
  friend class bulk::FastClassifier;  // evaluates the compiled packs in double precision
  friend class rule_cache::Codec;     // stores compiled rule sets and reads them back
};

// Compiles the given files: exactly one must be a format table (`kind: formats`),
// the rest packs (`kind: pack`). All problems are reported, with positions.
Loaded<RuleSet> ParseRules(std::span<const RuleSource> sources);

// Checks a loaded rule set beyond what loading requires, as warnings: entries
// without regulation text or reasons for control, metrics never used, entries
// that can never match or always match whatever the chip (found by a sound
// interval analysis of the compiled conditions; it may miss some), and
// versions of one series whose dates overlap.
std::vector<Diagnostic> LintRules(const RuleSet& rules);

// Loads `path`: a directory (every *.yaml below it, recursively, in sorted
// order) or a single pack file, which is then paired with the formats.yaml of
// its directory or the nearest parent directory that has one.
Loaded<RuleSet> LoadRules(const std::filesystem::path& path);

struct RuleLoadOptions {
  // A directory for compiled rule sets (empty: none). A rule set that loaded
  // without any diagnostic is stored there, keyed by this build of eccn and
  // by the name and bytes of every file, and read back instead of parsing the
  // same files again. Any change to a file or to eccn misses; the directory
  // keeps the 16 newest entries and may be deleted at any time.
  std::filesystem::path cache_dir;
  // Directories of entries written beforehand (an installation's), looked in
  // after cache_dir and never written.
  std::vector<std::filesystem::path> read_only_cache_dirs = {};
};
Loaded<RuleSet> LoadRules(const std::filesystem::path& path, const RuleLoadOptions& options);

}  // namespace eccn
