// LicenseRules::Determine for one destination: from a classification and a
// shipment to a verdict, three-valued throughout, with the chain of reasons
// (docs/license.md). Kept apart from license.cc, which holds the lookups in
// the license data (countries, group membership) that this uses.
#include "license_determination.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include <eccn/spec.h>
#include "expr/interval_math.h"

namespace eccn {
namespace {

using expr::And;
using expr::Not;
using expr::Or;

std::string Describe(const DestinationSet& set) {
  std::string text = set.everywhere ? "every destination" : fmt::format("{}", fmt::join(set.any_of, ", "));
  return set.except.empty() ? text : fmt::format("{} except {}", text, fmt::join(set.except, ", "));
}

// Review policies from the strictest.
int Strictness(std::string_view policy) {
  if (policy == "presumption_of_denial") return 3;
  if (policy == "case_by_case") return 2;
  if (policy == "presumption_of_approval") return 1;
  return 0;
}

std::string Readable(std::string_view policy) {
  std::string out(policy);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

// A requirement that reaches this shipment (or may).
struct Hit {
  const Requirement* rule = nullptr;
  Truth truth = Truth::kUnknown;
  std::vector<std::string> entries;    // the chip's entries it covers
  std::vector<std::string> licensing;  // their licensing ids, once each
  std::string where;                   // why the place matches
};

class Determination {
 public:
  Determination(const LicenseData& data, const LicenseRules& rules, const ChipSpec& spec, const Classification& c,
                const Shipment& shipment, const Context& context)
      : data_(data), rules_(rules), spec_(spec), c_(c), shipment_(shipment), context_(context) {}

  DestinationLicense Run(const Country& country) {
    out_.country = country.code;
    out_.name = country.name;
    DescribeChip();
    if (!country.not_an_export.empty()) {
      Reason(country.not_an_export, "");
      out_.verdict = LicenseVerdict::kNotRequired;
      return std::move(out_);
    }
    if (data_.covers_from && context_.as_of < *data_.covers_from) {
      Reason(fmt::format("the license data starts on {}; no answer for {}", data_.covers_from->ToString(),
                         context_.as_of.ToString()),
             "");
      return std::move(out_);
    }
    DescribeDestination(country);
    std::vector<Hit> hits;
    for (const Requirement& rule : data_.requirements) {
      if (auto hit = Match(rule)) hits.push_back(std::move(*hit));
    }
    Decide(hits);
    for (const NoticeResult& notice : c_.notices) {
      Note(fmt::format("dated notice {}: {}. {}", notice.id, notice.title, notice.text), notice.citation);
    }
    return std::move(out_);
  }

 private:
  void Reason(std::string text, std::string citation) {
    out_.reasons.push_back({std::move(text), std::move(citation)});
  }
  void Note(std::string text, std::string citation) { out_.notes.push_back({std::move(text), std::move(citation)}); }

  void DescribeChip() {
    std::vector<std::string> controls;
    std::vector<std::string> licensed;
    for (const EntryResult& r : c_.results) {
      if (r.effect == "control" && r.verdict == Verdict::kControlled) licensed.push_back(r.licensing);
    }
    for (const EntryResult& r : c_.results) {
      if (r.effect != "control" || r.verdict == Verdict::kNotControlled) continue;
      const bool known = r.verdict == Verdict::kControlled;
      // A paragraph that may apply but is licensed like one that does changes nothing here.
      if (!known && std::find(licensed.begin(), licensed.end(), r.licensing) != licensed.end()) continue;
      controls.push_back(r.entry);
      Reason(fmt::format("{} {} {}{}", c_.chip, known ? "is in" : "may be in (data missing)", r.entry,
                         known ? "" : fmt::format(": {}", fmt::join(r.missing, ", "))),
             r.citation);
    }
    if (controls.empty()) {
      Reason(fmt::format("{} is in none of the entries eccn evaluates on {}", c_.chip, context_.as_of.ToString()), "");
    }
  }

  void DescribeDestination(const Country& country) {
    const std::string& code = country.treated_as.empty() ? country.code : country.treated_as;
    if (!country.treated_as.empty()) {
      Reason(fmt::format("{} is treated as {} under the EAR", country.name, country.treated_as), country.basis);
    }
    if (!country.note.empty()) Note(country.note, "");
    std::vector<std::string> in, maybe;
    for (const CountryGroup& group : data_.groups) {
      const Truth t = rules_.InGroup(code, group.id, context_.as_of);
      if (t == Truth::kTrue) in.push_back(group.id);
      if (t == Truth::kUnknown) maybe.push_back(group.id);
    }
    std::string text =
        in.empty() ? fmt::format("{} is in none of the country groups used here on {}", code, context_.as_of.ToString())
                   : fmt::format("{} is in {} on {}", code, fmt::join(in, ", "), context_.as_of.ToString());
    if (!maybe.empty()) text += fmt::format("; membership of {} is not known for that day", fmt::join(maybe, ", "));
    Reason(std::move(text), data_.groups_citation);
  }

  Truth InSet(const std::string& code, const DestinationSet& set) const {
    Truth any = set.everywhere ? Truth::kTrue : Truth::kFalse, except = Truth::kFalse;
    for (const std::string& place : set.any_of) any = Or(any, InPlace(code, place));
    for (const std::string& place : set.except) except = Or(except, InPlace(code, place));
    return And(any, Not(except));
  }

  Truth InPlace(const std::string& code, const std::string& place) const {
    if (data_.Group(place) != nullptr) return rules_.InGroup(code, place, context_.as_of);
    const Country* country = data_.Find(code);
    const bool same = code == place || (country != nullptr && country->treated_as == place);
    return same ? Truth::kTrue : Truth::kFalse;
  }

  bool HeadquartersGiven() const { return !shipment_.end_user_hq.empty() || !shipment_.parent_hq.empty(); }

  // The end user or its ultimate parent is headquartered in `set`.
  Truth HeadquarteredIn(const DestinationSet& set) const {
    Truth t = Truth::kFalse;
    if (!shipment_.end_user_hq.empty()) t = Or(t, InSet(shipment_.end_user_hq, set));
    if (!shipment_.parent_hq.empty()) t = Or(t, InSet(shipment_.parent_hq, set));
    return t;
  }

  // Whether the chip is an item the requirement covers, and which entries make
  // it so: one per licensing id, a controlled one first (a .z paragraph that
  // may apply adds nothing when 3A090.a, licensed the same, does).
  Truth Covers(const Requirement& rule, Hit& hit) const {
    const auto listed = [&](std::string_view id) {
      return std::find(rule.entries.begin(), rule.entries.end(), id) != rule.entries.end();
    };
    if (listed("*")) {
      hit.entries.emplace_back("any item subject to the EAR");
      return Truth::kTrue;
    }
    Truth t = Truth::kFalse;
    for (Verdict pass : {Verdict::kControlled, Verdict::kIndeterminate}) {
      for (const EntryResult& r : c_.results) {
        if (r.effect != "control" || r.verdict != pass) continue;
        if (!listed("ccl") && !listed(r.entry) && !listed(r.licensing)) continue;
        if (std::find(hit.licensing.begin(), hit.licensing.end(), r.licensing) != hit.licensing.end()) continue;
        hit.entries.push_back(r.entry);
        hit.licensing.push_back(r.licensing);
        t = Or(t, pass == Verdict::kControlled ? Truth::kTrue : Truth::kUnknown);
      }
    }
    // An item in no entry eccn evaluates may still be on the CCL (or EAR99).
    if (listed("ccl") && t == Truth::kFalse) {
      hit.entries.emplace_back("an item whose CCL status eccn did not determine");
      return Truth::kUnknown;
    }
    return t;
  }

  std::optional<Hit> Match(const Requirement& rule) {
    if (rule.dates.status == "proposed" || !rule.dates.InForceOn(context_.as_of)) return std::nullopt;
    Hit hit{&rule, Truth::kFalse, {}, {}, ""};
    const Truth covers = Covers(rule, hit);
    if (covers == Truth::kFalse) return std::nullopt;
    Truth place = Truth::kFalse;
    if (rule.headquarters) {
      if (!HeadquartersGiven()) {
        if (rule.dates.AppliesOn(context_)) {
          Note(fmt::format("not evaluated (no --end-user-hq or --parent-hq): {}: a license is required if the end "
                           "user or its ultimate parent is headquartered in {}",
                           rule.title, fmt::join(rule.headquarters->any_of, " or ")),
               rule.citation);
        }
        return std::nullopt;
      }
      place = HeadquarteredIn(*rule.headquarters);
      hit.where =
          fmt::format("end user headquartered in {}{}", shipment_.end_user_hq.empty() ? "?" : shipment_.end_user_hq,
                      shipment_.parent_hq.empty() ? "" : ", ultimate parent in " + shipment_.parent_hq);
    } else {
      place = InSet(out_.country, rule.destinations);
      hit.where = rule.destinations.everywhere ? "every destination" : "destination " + out_.country;
    }
    hit.truth = And(covers, place);
    // Say why a group-based requirement for the chip's entries misses this destination.
    const bool by_group = std::any_of(rule.destinations.any_of.begin(), rule.destinations.any_of.end(),
                                      [&](const std::string& p) { return data_.Group(p) != nullptr; });
    if (hit.truth == Truth::kFalse && covers == Truth::kTrue && by_group && rule.entries.front() != "*" &&
        rule.dates.AppliesOn(context_)) {
      Reason(fmt::format("{} covers {} but not {} ({})", rule.id, fmt::join(hit.entries, ", "), out_.country,
                         Describe(rule.destinations)),
             rule.citation);
    }
    if (hit.truth == Truth::kFalse) return std::nullopt;
    if (!rule.dates.AppliesOn(context_)) {
      Note(fmt::format("in the CFR text, not enforced from {}: {} (would cover {})",
                       rule.dates.not_enforced_from ? rule.dates.not_enforced_from->ToString() : "?", rule.title,
                       fmt::join(hit.entries, ", ")),
           rule.citation);
      return std::nullopt;
    }
    for (const std::string& note : rule.notes) Note(note, rule.citation);
    return hit;
  }

  // Whether `exception` authorizes items licensed as `entries` for this shipment; `why` says why not.
  Truth Available(const ExceptionRule& exception, const std::vector<std::string>& entries, std::string& why) {
    Truth t = Truth::kTrue;
    for (const std::string& entry : entries) {
      const auto items = std::find_if(exception.items.begin(), exception.items.end(), [&](const ExceptionItems& i) {
        return std::find(i.entries.begin(), i.entries.end(), entry) != i.entries.end();
      });
      if (items == exception.items.end()) {
        why = fmt::format("it does not cover {}", entry);
        return Truth::kFalse;
      }
      t = And(t, ItemCondition(*items, why));
    }
    if (t == Truth::kFalse) return t;
    Truth place = exception.destinations ? InSet(out_.country, *exception.destinations) : Truth::kTrue;
    if (exception.headquartered_in) place = Or(place, HeadquarteredIn(*exception.headquartered_in));
    if (place == Truth::kFalse) why = fmt::format("not for this destination or end user");
    t = And(t, place);
    if (exception.not_headquartered_in && HeadquarteredIn(*exception.not_headquartered_in) != Truth::kFalse) {
      why = fmt::format("not for an end user headquartered in {}",
                        fmt::join(exception.not_headquartered_in->any_of, " or "));
      return Truth::kFalse;
    }
    return t;
  }

  Truth ItemCondition(const ExceptionItems& items, std::string& why) {
    Truth t = Truth::kTrue;
    if (items.not_datacenter) {
      if (!spec_.marketed_for) {
        out_.missing.emplace_back("marketed_for");
        t = Truth::kUnknown;
      } else if (*spec_.marketed_for == Market::kDatacenter) {
        why = "only for items not designed or marketed for datacenters";
        return Truth::kFalse;
      }
    }
    if (items.below) {
      const auto metric = std::find_if(c_.metrics.begin(), c_.metrics.end(),
                                       [&](const MetricValue& m) { return m.id == items.metric; });
      if (metric == c_.metrics.end()) {
        why = fmt::format("{} was not computed for this chip", items.metric);
        return Truth::kUnknown;
      }
      if (!metric->value.hi_unbounded && metric->value.hi < *items.below) return t;
      if (!metric->value.lo_unbounded && metric->value.lo >= *items.below) {
        why = fmt::format("{} is not below {}", items.metric, FormatNumber(*items.below));
        return Truth::kFalse;
      }
      out_.missing.insert(out_.missing.end(), metric->missing.begin(), metric->missing.end());
      t = Truth::kUnknown;
    }
    return t;
  }

  // The exception that covers `hit`, if any is available (true) or may be (unknown).
  Truth Excepted(const Hit& hit, std::vector<ExceptionResult>& granted) {
    Truth best = Truth::kFalse;
    for (const std::string& id : hit.rule->exceptions) {
      for (const ExceptionRule& exception : data_.exceptions) {
        if (exception.id != id || !exception.dates.AppliesOn(context_)) continue;
        std::string why;
        const Truth t = Available(exception, hit.licensing, why);
        if (t == Truth::kTrue) {
          granted.push_back(
              {exception.id, exception.title, exception.citation, exception.obligations, exception.conditions});
          return t;
        }
        if (t == Truth::kFalse)
          Reason(fmt::format("License Exception {} does not apply: {}", id, why), exception.citation);
        if (t == Truth::kUnknown) {
          Reason(fmt::format("License Exception {} may apply; it depends on data the spec lacks", id),
                 exception.citation);
        }
        best = Or(best, t);
      }
    }
    return best;
  }

  // The review policy of a requirement for this shipment: the first that matches.
  void Review(const Hit& hit, std::string& policy, std::vector<std::string>& conditions) {
    for (const ReviewRule& review : hit.rule->review) {
      if (!review.dates.InForceOn(context_.as_of)) continue;
      if (review.destinations && InSet(out_.country, *review.destinations) != Truth::kTrue) continue;
      if (review.review_zone) {
        const Truth zone = InReviewZone();
        if (zone == Truth::kUnknown) {
          Note(fmt::format("whether the chip is in the review zone of {} is not known; {} would apply if it is",
                           review.citation, Readable(review.policy)),
               review.citation);
        }
        if (zone != Truth::kTrue) continue;
      }
      Reason(fmt::format("review policy for {}: {}", hit.rule->id, Readable(review.policy)), review.citation);
      if (Strictness(review.policy) > Strictness(policy) || policy.empty()) {
        policy = review.policy;
        conditions = review.conditions;
      }
      return;
    }
    Reason(fmt::format("review policy for {}: not recorded in the rules", hit.rule->id), hit.rule->citation);
  }

  Truth InReviewZone() const {
    Truth t = Truth::kFalse;
    for (const EntryResult& r : c_.results) {
      if (r.effect != "review_policy") continue;
      if (r.verdict == Verdict::kControlled) return Truth::kTrue;
      if (r.verdict == Verdict::kIndeterminate) t = Truth::kUnknown;
    }
    return t;
  }

  void Decide(const std::vector<Hit>& hits) {
    bool required = false, unknown = false;
    std::vector<ExceptionResult> granted;
    for (const Hit& hit : hits) {
      out_.requirements.push_back(hit.rule->id);
      Reason(fmt::format("{}{}: applies to {} ({})", hit.truth == Truth::kUnknown ? "may apply: " : "", hit.rule->title,
                         fmt::join(hit.entries, ", "), hit.where),
             hit.rule->citation);
      const Truth excepted = Excepted(hit, granted);
      if (excepted == Truth::kTrue) continue;
      if (hit.truth == Truth::kTrue && excepted == Truth::kFalse) {
        required = true;
        Review(hit, out_.review_policy, out_.review_conditions);
      } else {
        unknown = true;
      }
    }
    if (required) {
      out_.verdict = LicenseVerdict::kRequired;
    } else if (unknown) {
      out_.verdict = LicenseVerdict::kIndeterminate;
    } else if (!granted.empty()) {
      out_.verdict = LicenseVerdict::kException;
      for (ExceptionResult& e : granted) {
        const bool seen = std::any_of(out_.exceptions.begin(), out_.exceptions.end(),
                                      [&](const ExceptionResult& x) { return x.id == e.id; });
        if (!seen) out_.exceptions.push_back(std::move(e));
      }
    } else {
      out_.verdict = LicenseVerdict::kNotRequired;
      Reason(fmt::format("no license requirement in these rules applies to {} on {}", out_.country,
                         context_.as_of.ToString()),
             "");
    }
    std::sort(out_.missing.begin(), out_.missing.end());
    out_.missing.erase(std::unique(out_.missing.begin(), out_.missing.end()), out_.missing.end());
  }

  const LicenseData& data_;
  const LicenseRules& rules_;
  const ChipSpec& spec_;
  const Classification& c_;
  const Shipment& shipment_;
  const Context& context_;
  DestinationLicense out_;
};

}  // namespace

DestinationLicense DetermineLicense(const LicenseData& data, const LicenseRules& rules, const ChipSpec& spec,
                                    const Classification& classification, const Shipment& shipment,
                                    const Context& context, const Country& country) {
  return Determination(data, rules, spec, classification, shipment, context).Run(country);
}

}  // namespace eccn
