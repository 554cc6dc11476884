// One chip's result as JSON text, written as it is read: AppendChipJson in render_json.h.
#include "cli/render_json.h"

#include <fmt/format.h>

#include "cli/json_writer.h"

namespace eccn::cli {
namespace {

std::string_view RoleName(ClauseTrace::Role role) {
  switch (role) {
    case ClauseTrace::Role::kCondition:
      return "condition";
    case ClauseTrace::Role::kNamedCondition:
      return "named_condition";
    case ClauseTrace::Role::kUnless:
      return "unless";
    case ClauseTrace::Role::kSubsumedBy:
      return "subsumed_by";
  }
  return "condition";
}

// An exact value as a JSON number; anything else is null (see *_range).
void WriteNumberOrNull(JsonWriter& w, const Interval& value) {
  if (value.IsExact()) {
    w.Number(ToDouble(value.lo));
  } else {
    w.Null();
  }
}

// [lo, hi] with null for an unbounded end.
void WriteRange(JsonWriter& w, const Interval& value) {
  w.BeginArray();
  if (value.lo_unbounded) {
    w.Null();
  } else {
    w.Number(ToDouble(value.lo));
  }
  if (value.hi_unbounded) {
    w.Null();
  } else {
    w.Number(ToDouble(value.hi));
  }
  w.EndArray();
}

void WriteTruth(JsonWriter& w, Truth truth) {
  if (truth == Truth::kUnknown) {
    w.Null();
  } else {
    w.Bool(truth == Truth::kTrue);
  }
}

void WriteComparison(JsonWriter& w, const ComparisonTrace& c) {
  w.BeginObject();
  w.Member("expression", c.text);
  w.Member("op", c.op);
  if (!c.lhs_symbol.empty() || !c.rhs_symbol.empty()) {
    w.Key("lhs");
    if (c.lhs_symbol == "unknown") {
      w.Null();
    } else {
      w.String(c.lhs_symbol);
    }
    w.Member("rhs", c.rhs_symbol);
  } else {
    w.Key("lhs");
    WriteNumberOrNull(w, c.lhs);
    w.Key("rhs");
    WriteNumberOrNull(w, c.rhs);
    if (!c.lhs.IsExact()) {
      w.Key("lhs_range");
      WriteRange(w, c.lhs);
    }
    w.Member("unit", c.unit);
  }
  w.Key("result");
  WriteTruth(w, c.result);
  w.Key("margin");
  if (c.margin) {
    w.Number(*c.margin);
  } else {
    w.Null();
  }
  w.Member("missing", c.missing);
  w.Member("location", fmt::format("{}:{}:{}", c.location.file, c.location.line, c.location.column));
  w.EndObject();
}

void WriteResult(JsonWriter& w, const EntryResult& r) {
  w.BeginObject();
  w.Member("pack", r.pack);
  w.Member("entry", r.entry);
  w.Member("effect", r.effect);
  w.Member("licensing", r.licensing);
  w.Member("title", r.title);
  w.Member("citation", r.citation);
  w.Member("reasons_for_control", r.reasons_for_control);
  w.Member("verdict", Name(r.verdict));
  w.Member("missing", r.missing);
  w.Member("depends_on", r.depends_on);
  w.Key("clauses");
  w.BeginArray();
  for (const ClauseTrace& clause : r.clauses) {
    w.BeginObject();
    w.Member("role", RoleName(clause.role));
    w.Member("id", clause.id);
    w.Member("expression", clause.text);
    w.Key("result");
    WriteTruth(w, clause.result);
    w.Key("comparisons");
    w.BeginArray();
    for (const ComparisonTrace& comparison : clause.comparisons) WriteComparison(w, comparison);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Member("notes", r.notes);
  w.EndObject();
}

// The "metrics" and "metric_ranges" objects. A metric id that several packs
// share is one key, at its first place, with the value of its last (as
// assigning the same key of a JSON object again does).
void WriteMetrics(JsonWriter& w, const std::vector<MetricValue>& metrics) {
  const auto last_where = [&](size_t from, auto select) {
    size_t last = from;
    for (size_t k = from + 1; k < metrics.size(); ++k) {
      if (metrics[k].id == metrics[from].id && select(metrics[k])) last = k;
    }
    return last;
  };
  const auto first_where = [&](size_t i, auto select) {
    for (size_t k = 0; k < i; ++k) {
      if (metrics[k].id == metrics[i].id && select(metrics[k])) return false;
    }
    return true;
  };
  const auto any = [](const MetricValue&) { return true; };
  const auto inexact = [](const MetricValue& m) { return !m.value.IsExact(); };
  w.Key("metrics");
  w.BeginObject();
  for (size_t i = 0; i < metrics.size(); ++i) {
    if (!first_where(i, any)) continue;
    w.Key(metrics[i].id);
    WriteNumberOrNull(w, metrics[last_where(i, any)].value);
  }
  w.EndObject();
  w.Key("metric_ranges");
  w.BeginObject();
  for (size_t i = 0; i < metrics.size(); ++i) {
    if (!inexact(metrics[i]) || !first_where(i, inexact)) continue;
    w.Key(metrics[i].id);
    WriteRange(w, metrics[last_where(i, inexact)].value);
  }
  w.EndObject();
}

}  // namespace

void AppendChipJson(std::string& out, const Classification& chip) {
  JsonWriter w(out);
  w.BeginObject();
  w.Member("name", chip.chip);
  w.Member("file", chip.file);
  WriteMetrics(w, chip.metrics);
  w.Member("verdict", Name(chip.Overall()));
  w.Member("controls", chip.EntriesWith(Verdict::kControlled));
  w.Member("indeterminate", chip.EntriesWith(Verdict::kIndeterminate));
  w.Member("review_zones", ReviewZones(chip));
  w.Key("notices");
  w.BeginArray();
  for (const NoticeResult& n : chip.notices) {
    w.BeginObject();
    w.Member("pack", n.pack);
    w.Member("id", n.id);
    w.Member("title", n.title);
    w.Member("text", n.text);
    w.Member("citation", n.citation);
    w.EndObject();
  }
  w.EndArray();
  w.Key("results");
  w.BeginArray();
  for (const EntryResult& r : chip.results) WriteResult(w, r);
  w.EndArray();
  w.EndObject();
}

}  // namespace eccn::cli
