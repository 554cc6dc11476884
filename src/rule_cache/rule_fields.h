// The fields of a compiled rule set, listed once for the rule cache's writer
// and reader (archive.h). A field added to one of these structs must be added
// here too: the size checks at the end fail the build until it is. (The
// rule set itself, private to RuleSet, is listed by rule_cache::Codec.)
#pragma once

#include <eccn/rules.h>
#include "rule_cache/archive.h"
#include "rule_set_impl.h"

namespace eccn::rule_cache {

template <class A, Of<Date> T>
void Fields(A& a, T& d) {
  a(d.year, d.month, d.day);
}
template <class A, Of<SourceLocation> T>
void Fields(A& a, T& l) {
  a(PathIn(l.file), l.line, l.column);
}
template <class A, Of<Interval> T>
void Fields(A& a, T& i) {
  a(i.lo, i.hi, i.lo_unbounded, i.hi_unbounded);
}
template <class A, Of<Dimension> T>
void Fields(A& a, T& d) {
  a(d.ops, d.bytes, d.seconds, d.mm);
}
template <class A, Of<Unit> T>
void Fields(A& a, T& u) {
  a(u.scale, u.dimension, u.symbol);
}

// The format table and what packs say of themselves.
template <class A, Of<OperandFormat> T>
void Fields(A& a, T& f) {
  a(f.name, f.bits, f.note);
}
template <class A, Of<FormatTable> T>
void Fields(A& a, T& t) {
  a(t.formats);
}
template <class A, Of<Citation> T>
void Fields(A& a, T& c) {
  a(c.text, c.cfr, c.published, c.sources);
}
template <class A, Of<Interpretation> T>
void Fields(A& a, T& i) {
  a(i.topic, i.choice, i.reason);
}
template <class A, Of<MetricInfo> T>
void Fields(A& a, T& m) {
  a(m.id, m.title, m.unit, m.expression, m.note, m.show, m.location);
}
template <class A, Of<ConditionInfo> T>
void Fields(A& a, T& c) {
  a(c.id, c.title, c.expression, c.location);
}
template <class A, Of<NoticeInfo> T>
void Fields(A& a, T& n) {
  a(n.id, n.title, n.text, n.citation, n.parts);
}
template <class A, Of<ExclusionInfo> T>
void Fields(A& a, T& e) {
  a(e.id, e.title, e.text, e.expression);
}
template <class A, Of<EntryInfo> T>
void Fields(A& a, T& e) {
  a(e.id, e.title, e.text, e.reasons_for_control, e.expression, e.unless, e.subsumed_by, e.licensing, e.location);
}
template <class A, Of<PackInfo> T>
void Fields(A& a, T& p) {
  a(p.id, p.series, p.title, p.jurisdiction, p.regulation, p.status, p.citation, p.effective, p.end,
    p.not_enforced_from, p.exporters, p.metrics, p.conditions, p.exclusions, p.entries, p.notices, p.interpretations,
    PathIn(p.file));
}
template <class A, Of<RuleFileDigest> T>
void Fields(A& a, T& f) {
  a(PathIn(f.file), f.sha256);
}

// Compiled programs.
template <class A, Of<expr::Node> T>
void Fields(A& a, T& n) {
  a(n.op, n.compare, n.aggregate, n.collection, n.depth, n.a, n.b, n.body_end, n.filter, n.value);
}
template <class A, Of<expr::Value> T>
void Fields(A& a, T& v) {
  a(v.number, v.truth, v.symbol);
}
template <class A, Of<expr::ComparisonInfo> T>
void Fields(A& a, T& c) {
  a(c.node, c.lhs, c.rhs, c.symbolic, c.symbols, c.rhs_symbol, c.text, c.op, c.lhs_text, c.rhs_text, c.display,
    c.location, c.reads);
}
template <class A, Of<expr::Program> T>
void Fields(A& a, T& p) {
  a(p.nodes, p.constants, p.strings, p.comparisons);
}
template <class A, Of<CompiledClause> T>
void Fields(A& a, T& c) {
  a(c.node, c.comparisons, c.reads);
}
template <class A, Of<CompiledMetric> T>
void Fields(A& a, T& m) {
  a(m.node, m.display_scale, m.reads);
}
template <class A, Of<CompiledEntry> T>
void Fields(A& a, T& e) {
  a(e.condition, e.conditions, e.unless, e.subsumed_by);
}
template <class A, Of<CompiledPack> T>
void Fields(A& a, T& p) {
  a(p.program, p.metrics, p.conditions, p.condition_uses, p.exclusions, p.entries);
}

// A field added to one of these structs changes its size on this platform
// (unless it fits in padding): the build stops here until the field is
// listed above and the size below is updated.
#if defined(__x86_64__) && defined(__GLIBCXX__)
static_assert(sizeof(Date) == 12, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(SourceLocation) == 40, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(Interval) == 208, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(Dimension) == 4, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(Unit) == 144, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(OperandFormat) == 72, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(FormatTable) == 24, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(Citation) == 104, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(Interpretation) == 96, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(MetricInfo) == 208, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(ConditionInfo) == 136, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(NoticeInfo) == 152, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(ExclusionInfo) == 128, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(EntryInfo) == 272, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(PackInfo) == 544, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(RuleFileDigest) == 64, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(expr::Node) == 32, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(expr::Value) == 224, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(expr::ComparisonInfo) == 384, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(expr::Program) == 96, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(CompiledClause) == 56, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(CompiledMetric) == 144, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(CompiledEntry) == 128, "list the new field in rule_fields.h, then update this size");
static_assert(sizeof(CompiledPack) == 216, "list the new field in rule_fields.h, then update this size");
#endif

}  // namespace eccn::rule_cache
