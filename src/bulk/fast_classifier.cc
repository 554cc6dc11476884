#include "bulk/fast_classifier.h"

#include <algorithm>
#include <cmath>

#include "entry_truth.h"
#include "rule_set_impl.h"

namespace eccn::bulk {
namespace {

// Truth patterns a worker remembers; a catalog that meets more is still right, only slower.
constexpr size_t kMaxPatterns = 4096;

}  // namespace

FastClassifier::FastClassifier(const RuleSet& rules, const Context& context) {
  const RuleSet::Impl& impl = *rules.impl_;
  for (size_t i = 0; i < impl.packs.size(); ++i) {
    const PackInfo& pack = impl.packs[i];
    if (!pack.AppliesOn(context)) continue;
    packs_.push_back({&pack, &impl.compiled[i]});
    for (const EntryInfo& entry : pack.entries) entries_.push_back({&pack, &entry, pack.IsControl()});
    for (size_t m = 0; m < pack.metrics.size(); ++m) {
      metrics_.push_back({&pack, &pack.metrics[m], 1 / ToDouble(impl.compiled[i].metrics[m].display_scale)});
    }
  }
  std::vector<const expr::Program*> programs;
  for (const Pack& pack : packs_) programs.push_back(&pack.compiled->program);
  merged_ = MergePrograms(programs);
  size_t column = 0;
  for (size_t p = 0; p < packs_.size(); ++p) {
    for (const CompiledMetric& metric : packs_[p].compiled->metrics)
      metrics_[column++].node = merged_.node_of[p][metric.node];
  }
  std::vector<uint32_t> clauses;
  for (size_t p = 0; p < packs_.size(); ++p) {
    const CompiledPack& pack = *packs_[p].compiled;
    for (const CompiledEntry& entry : pack.entries) clauses.push_back(merged_.node_of[p][entry.condition.node]);
    for (const CompiledClause& exclusion : pack.exclusions) clauses.push_back(merged_.node_of[p][exclusion.node]);
  }
  tail_ = FindTruthTail(merged_.program, clauses);
  std::vector<MissingFields::Pack> missing_packs;
  for (size_t p = 0; p < packs_.size(); ++p) missing_packs.push_back({packs_[p].compiled, &merged_.node_of[p]});
  missing_.emplace(missing_packs, impl.formats);
}

FastClassifier::Worker::Worker(const FastClassifier& classifier)
    : classifier_(classifier),
      evaluator_(classifier.merged_.program, classifier.tail_.usable ? std::span<const uint32_t>(classifier.tail_.nodes)
                                                                     : std::span<const uint32_t>()) {}

bool FastClassifier::Worker::Classify(const FastChip& chip, FastOutcome& out) {
  out.verdicts.clear();
  out.pattern = kNoPattern;
  out.metrics.clear();
  out.unknown_metrics.clear();
  out.notices.clear();
  out.missing_found = false;
  if (!evaluator_.Run(chip)) return false;
  for (const MetricColumn& column : classifier_.metrics_) {
    const FastValue& v = evaluator_.value(column.node);
    if (!(v.lo == v.hi && std::isfinite(v.lo))) {
      out.metrics.emplace_back();
      continue;
    }
    const double value = v.lo * column.display_inverse;
    // The scale is within an ulp (2 eps) of the exact one; its inverse and
    // the product each round once (eps each): 4 eps in all, which the error's
    // own scaling is rounded up by, twice over.
    constexpr double kScaled = 1 + 8 * kEpsilon;
    out.metrics.emplace_back(FastMetric{
        value, std::max(v.lo_err, v.hi_err) * column.display_inverse * kScaled + std::fabs(value) * 6 * kEpsilon});
  }
  if (!classifier_.tail_.usable) {
    Verdicts(out.verdicts);
  } else {
    const uint64_t key = TruthKey(classifier_.tail_, evaluator_);
    const auto known = patterns_.find(key);
    const size_t entries = classifier_.entries_.size();
    if (known != patterns_.end()) {
      const auto first = verdicts_by_pattern_.begin() + static_cast<std::ptrdiff_t>(known->second * entries);
      out.verdicts.assign(first, first + static_cast<std::ptrdiff_t>(entries));
      out.pattern = known->second;
    } else {
      evaluator_.RunDeferred(chip);
      Verdicts(out.verdicts);
      if (patterns_.size() < kMaxPatterns) {  // memory stays bounded whatever the catalog
        out.pattern = static_cast<uint32_t>(patterns_.size());
        patterns_.emplace(key, out.pattern);
        verdicts_by_pattern_.insert(verdicts_by_pattern_.end(), out.verdicts.begin(), out.verdicts.end());
      }
    }
  }
  classifier_.AddNotices(chip.name, out.notices);
  return true;
}

bool FastClassifier::Worker::AddTableDetails(const FastChip& chip, FastOutcome& out) {
  for (const MetricColumn& column : classifier_.metrics_) {
    const FastValue& v = evaluator_.value(column.node);
    // Infinite ends are exact, and so is a zero without error.
    out.unknown_metrics.push_back(v.hi == kInfinity && (v.lo == -kInfinity || (v.lo == 0 && v.lo_err == 0)));
  }
  const std::span<const EntryColumn> entries = classifier_.entries_;
  bool open = false;
  for (size_t i = 0; i < entries.size() && !open; ++i) {
    open = entries[i].control && out.verdicts[i] == Verdict::kIndeterminate;
  }
  if (!open) return true;
  evaluator_.RunDeferred(chip);  // the clauses' truths, which a remembered pattern skipped
  const MissingFields& missing = *classifier_.missing_;
  missing.Key(chip, evaluator_, out.verdicts, missing_key_);
  if (const auto known = missing_by_key_.find(missing_key_); known != missing_by_key_.end()) {
    out.missing = known->second;  // the lists keep their storage
    out.missing_found = true;
    return true;
  }
  out.missing_found = missing.Find(chip, evaluator_, out.verdicts, out.missing);
  if (out.missing_found && missing_by_key_.size() < kMaxPatterns) missing_by_key_.emplace(missing_key_, out.missing);
  return out.missing_found;
}

void FastClassifier::Worker::Verdicts(std::vector<Verdict>& out) {
  for (size_t p = 0; p < classifier_.packs_.size(); ++p) {
    const Pack& pack = classifier_.packs_[p];
    const PackValues<FastEvaluator> evaluator{evaluator_, classifier_.merged_.node_of[p]};
    truths_.clear();
    for (const CompiledEntry& entry : pack.compiled->entries) {
      truths_.push_back(EntryTruth(entry, *pack.compiled, evaluator, truths_));
      out.push_back(ToVerdict(truths_.back()));
    }
  }
}

void FastClassifier::AddNotices(std::string_view chip, std::vector<std::string_view>& out) const {
  for (const Pack& pack : packs_) {
    for (const NoticeInfo& notice : pack.info->notices) {
      if (NoticeNames(notice, chip)) out.emplace_back(notice.id);
    }
  }
}

}  // namespace eccn::bulk
