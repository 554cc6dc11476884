// LintRules: checks of a loaded rule set that loading does not require.
//
// Never/always-matching entries are found by enumerating, for every entry,
// one representative value per region between the thresholds its comparisons
// use. Each compared expression is treated as an independent variable; real
// chips are a subset of those combinations, so "no combination matches" and
// "every combination matches" are sound conclusions (the analysis may miss
// cases, never invent them).
#include <fmt/format.h>
#include <algorithm>
#include <map>

#include "expr/interval_math.h"
#include "rule_set_impl.h"

namespace eccn {
namespace {

using expr::Node;
using expr::Op;

// Enumeration stops beyond this many combinations (the entry is then not judged).
constexpr size_t kMaxCombinations = 200000;

struct Term {
  enum class Kind { kNumber, kSymbol, kBool };
  Kind kind = Kind::kBool;
  std::vector<Number> thresholds;  // kNumber
  std::vector<int32_t> symbols;    // kSymbol
  // One value per region: filled from thresholds or symbols.
  std::vector<expr::Value> candidates;
};

class EntryAnalyzer {
 public:
  explicit EntryAnalyzer(const CompiledPack& pack) : pack_(pack) {}

  // kTrue: matches every combination; kFalse: none; kUnknown: some, or not judged.
  Truth Analyze(size_t entry) {
    terms_.clear();
    assignment_.clear();
    CollectEntry(entry);
    size_t combinations = 1;
    for (auto& [node, term] : terms_) {
      Finish(term);
      combinations *= term.candidates.size();
      if (combinations > kMaxCombinations) return Truth::kUnknown;
    }
    std::vector<size_t> digits(terms_.size(), 0);
    bool any_true = false;
    bool any_false = false;
    for (size_t n = 0; n < combinations; ++n) {
      size_t rest = n;
      size_t i = 0;
      for (auto& [node, term] : terms_) {
        digits[i] = rest % term.candidates.size();
        rest /= term.candidates.size();
        assignment_[node] = &term.candidates[digits[i]];
        ++i;
      }
      const Truth t = EvalEntry(entry);
      any_true = any_true || t == Truth::kTrue;
      any_false = any_false || t == Truth::kFalse;
      if (any_true && any_false) return Truth::kUnknown;
    }
    if (!any_true && any_false) return Truth::kFalse;
    if (any_true && !any_false) return Truth::kTrue;
    return Truth::kUnknown;
  }

 private:
  const Node& At(uint32_t index) const { return pack_.program.nodes[index]; }

  // Each read of a spec field is its own node; they are one variable.
  uint32_t Key(uint32_t index) const {
    constexpr uint32_t kFieldKey = 0x80000000U;
    return At(index).op == Op::kField ? (kFieldKey | At(index).a) : index;
  }

  bool IsNumberConst(uint32_t index) const {
    return At(index).op == Op::kConst && pack_.program.constants[At(index).a].number.IsExact();
  }
  const Number& ConstValue(uint32_t index) const { return pack_.program.constants[At(index).a].number.lo; }

  void CollectEntry(size_t entry) {
    const CompiledEntry& e = pack_.entries[entry];
    Collect(e.condition.node);
    for (size_t x : e.unless) Collect(pack_.exclusions[x].node);
    for (size_t earlier : e.subsumed_by) CollectEntry(earlier);
  }

  void Collect(uint32_t index) {
    const Node& node = At(index);
    if (node.op == Op::kAnd || node.op == Op::kOr) {
      Collect(node.a);
      Collect(node.b);
      return;
    }
    if (node.op == Op::kNot) {
      Collect(node.a);
      return;
    }
    if (node.op == Op::kConst) return;
    if (node.op == Op::kSymbolEq || node.op == Op::kSymbolNe) {
      Term& term = terms_[Key(node.a)];
      term.kind = Term::Kind::kSymbol;
      term.symbols.push_back(static_cast<int32_t>(node.b));
      return;
    }
    if (node.op == Op::kCompare && IsNumberConst(node.b) != IsNumberConst(node.a)) {
      const bool const_right = IsNumberConst(node.b);
      AddThreshold(const_right ? node.a : node.b, ConstValue(const_right ? node.b : node.a));
      return;
    }
    terms_[index].kind = Term::Kind::kBool;  // anything else is a free condition
  }

  void AddThreshold(uint32_t index, const Number& value) {
    Term& term = terms_[Key(index)];
    term.kind = Term::Kind::kNumber;
    term.thresholds.push_back(value);
  }

  static void Finish(Term& term) {
    term.candidates.clear();
    switch (term.kind) {
      case Term::Kind::kNumber: {
        std::vector<Number>& t = term.thresholds;
        std::sort(t.begin(), t.end());
        t.erase(std::unique(t.begin(), t.end()), t.end());
        auto add = [&term](const Number& v) {
          expr::Value value;
          value.number = Interval::Exact(v);
          term.candidates.push_back(value);
        };
        add(t.front() - 1);
        for (size_t i = 0; i < t.size(); ++i) {
          add(t[i]);
          add(i + 1 < t.size() ? Number((t[i] + t[i + 1]) / 2) : Number(t[i] + 1));
        }
        return;
      }
      case Term::Kind::kSymbol: {
        std::vector<int32_t>& s = term.symbols;
        std::sort(s.begin(), s.end());
        s.erase(std::unique(s.begin(), s.end()), s.end());
        s.push_back(-2);  // stands for every other value
        for (int32_t symbol : s) {
          expr::Value value;
          value.symbol = symbol;
          term.candidates.push_back(value);
        }
        return;
      }
      case Term::Kind::kBool:
        for (Truth t : {Truth::kFalse, Truth::kTrue}) {
          expr::Value value;
          value.truth = t;
          term.candidates.push_back(value);
        }
        return;
    }
  }

  Truth EvalEntry(size_t entry) {
    const CompiledEntry& e = pack_.entries[entry];
    Truth t = Eval(e.condition.node);
    for (size_t x : e.unless) t = expr::And(t, expr::Not(Eval(pack_.exclusions[x].node)));
    for (size_t earlier : e.subsumed_by) t = expr::And(t, expr::Not(EvalEntry(earlier)));
    return t;
  }

  Truth Eval(uint32_t index) {
    if (auto it = terms_.find(index); it != terms_.end() && it->second.kind == Term::Kind::kBool) {
      return assignment_.at(index)->truth;
    }
    const Node& node = At(index);
    if (node.op == Op::kAnd) return expr::And(Eval(node.a), Eval(node.b));
    if (node.op == Op::kOr) return expr::Or(Eval(node.a), Eval(node.b));
    if (node.op == Op::kNot) return expr::Not(Eval(node.a));
    if (node.op == Op::kConst) return pack_.program.constants[node.a].truth;
    if (node.op == Op::kCompare) return expr::Compare(node.compare, Operand(node.a), Operand(node.b));
    if (node.op == Op::kSymbolEq || node.op == Op::kSymbolNe) {
      const bool equal = assignment_.at(Key(node.a))->symbol == static_cast<int32_t>(node.b);
      return equal == (node.op == Op::kSymbolEq) ? Truth::kTrue : Truth::kFalse;
    }
    return Truth::kUnknown;
  }

  Interval Operand(uint32_t index) const {
    if (IsNumberConst(index)) return Interval::Exact(ConstValue(index));
    return assignment_.at(Key(index))->number;
  }

  const CompiledPack& pack_;
  std::map<uint32_t, Term> terms_;
  std::map<uint32_t, const expr::Value*> assignment_;
};

bool IsMetricUsed(const CompiledPack& pack, uint32_t root) {
  for (const Node& node : pack.program.nodes) {
    const bool operands =
        node.op != Op::kConst && node.op != Op::kField && node.op != Op::kItemField && node.op != Op::kAggregate;
    if (operands && (node.a == root || (node.op != Op::kSymbolEq && node.op != Op::kSymbolNe && node.b == root))) {
      return true;
    }
    if (node.op == Op::kAggregate && (node.filter == root || node.value == root)) return true;
  }
  return false;
}

void LintPack(const PackInfo& info, const CompiledPack& pack, std::vector<Diagnostic>& out) {
  auto warn = [&out](SourceLocation at, std::string message) {
    out.push_back({Severity::kWarning, std::move(at), std::move(message)});
  };
  for (size_t i = 0; i < info.metrics.size(); ++i) {
    const uint32_t root = pack.metrics[i].node;
    if (!info.metrics[i].show && !IsMetricUsed(pack, root)) {
      warn(info.metrics[i].location, fmt::format("metric '{}' is never used and not shown", info.metrics[i].id));
    }
  }
  EntryAnalyzer analyzer(pack);
  for (size_t i = 0; i < info.entries.size(); ++i) {
    const EntryInfo& entry = info.entries[i];
    if (entry.text.empty())
      warn(entry.location, fmt::format("entry '{}' has no 'text' (the regulation's wording)", entry.id));
    if (entry.reasons_for_control.empty()) {
      warn(entry.location, fmt::format("entry '{}' lists no 'reasons_for_control'", entry.id));
    }
    switch (analyzer.Analyze(i)) {
      case Truth::kFalse:
        warn(entry.location, fmt::format("entry '{}' can never match: no chip satisfies its conditions", entry.id));
        break;
      case Truth::kTrue:
        warn(entry.location, fmt::format("entry '{}' always matches, whatever the chip", entry.id));
        break;
      case Truth::kUnknown:
        break;
    }
  }
}

void LintSeries(std::span<const PackInfo> packs, std::vector<Diagnostic>& out) {
  std::map<std::string, std::vector<const PackInfo*>> series;
  for (const PackInfo& pack : packs) {
    if (!pack.series.empty()) series[pack.series].push_back(&pack);
  }
  for (auto& [name, versions] : series) {
    std::sort(versions.begin(), versions.end(),
              [](const PackInfo* a, const PackInfo* b) { return a->effective < b->effective; });
    for (size_t i = 1; i < versions.size(); ++i) {
      const PackInfo& before = *versions[i - 1];
      const PackInfo& after = *versions[i];
      if (!before.end || !(*before.end < after.effective)) {
        out.push_back({Severity::kWarning,
                       {after.file, 1, 1},
                       fmt::format("pack '{}' (from {}) overlaps '{}' of the same series '{}' ({} to {})", after.id,
                                   after.effective.ToString(), before.id, name, before.effective.ToString(),
                                   before.end ? before.end->ToString() : std::string("open-ended"))});
      }
    }
  }
}

}  // namespace

std::vector<Diagnostic> LintRules(const RuleSet& rules) {
  std::vector<Diagnostic> out;
  for (size_t i = 0; i < rules.impl_->packs.size(); ++i) LintPack(rules.impl_->packs[i], rules.impl_->compiled[i], out);
  LintSeries(rules.impl_->packs, out);
  return out;
}

}  // namespace eccn
