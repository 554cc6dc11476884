#include "plot/rule_text.h"

#include <algorithm>
#include <cctype>

namespace eccn::plot {
namespace {

std::string Pretty(std::string_view name) {
  std::string out(name);
  const bool identifier = std::all_of(
      out.begin(), out.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; });
  // Metric ids read as abbreviations: tpp -> TPP.
  if (identifier && out.size() <= 4) {
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string PrettyOp(const std::string& op) {
  if (op == ">=") return "\u2265";
  if (op == "<=") return "\u2264";
  if (op == "!=") return "\u2260";
  return op;
}

}  // namespace

std::string ConditionText(const EntryResult& result) {
  for (const ClauseTrace& clause : result.clauses) {
    if (clause.role != ClauseTrace::Role::kCondition) continue;
    std::string text = clause.text;
    size_t from = 0;
    for (const ComparisonTrace& c : clause.comparisons) {
      const size_t at = text.find(c.text, from);
      if (at == std::string::npos) continue;
      std::string rewritten = c.lhs_symbol.empty() && c.rhs.IsExact()
                                  ? Pretty(c.lhs_text) + " " + PrettyOp(c.op) + " " + FormatNumber(c.rhs.lo, 4)
                                  : c.text;
      text.replace(at, c.text.size(), rewritten);
      from = at + rewritten.size();
    }
    // Block scalars leave runs of spaces.
    std::string out;
    for (char ch : text) {
      if (ch == '\n') ch = ' ';
      if (ch == ' ' && !out.empty() && out.back() == ' ') continue;
      out += ch;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  }
  return {};
}

std::vector<std::string> Exclusions(const EntryResult& result) {
  std::vector<std::string> out;
  for (const ClauseTrace& clause : result.clauses) {
    if (clause.role == ClauseTrace::Role::kUnless) out.push_back(clause.id);
  }
  return out;
}

std::vector<Number> Thresholds(const Classification& classification, std::string_view metric) {
  std::vector<Number> out;
  for (const EntryResult& result : classification.results) {
    for (const ClauseTrace& clause : result.clauses) {
      for (const ComparisonTrace& c : clause.comparisons) {
        if (!c.lhs_symbol.empty()) continue;
        if (c.lhs_text == metric && c.rhs.IsExact()) out.push_back(c.rhs.lo);
        if (c.rhs_text == metric && c.lhs.IsExact()) out.push_back(c.lhs.lo);
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace eccn::plot
