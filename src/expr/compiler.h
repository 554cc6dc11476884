// Checks a parsed expression (names, types, units) and appends it to a Program.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include <eccn/rules.h>
#include "expr/ast.h"
#include "expr/program.h"

namespace eccn::expr {

// The result of compiling one expression.
struct Compiled {
  uint32_t node = kNoNode;
  Type type;
  std::vector<uint32_t> reads;    // field-reading nodes it depends on, sorted
  std::optional<Unit> display;    // a unit the author wrote, for explanations
  std::vector<std::string> uses;  // bound names (metrics, conditions) it refers to
};

class Compiler {
 public:
  Compiler(Program& program, const FormatTable& formats);

  // Compiles `ast`, parsed from `text`. `locate` maps a byte offset of `text`
  // to a file position. The indices of comparisons outside aggregate bodies
  // are appended to `comparisons`.
  tl::expected<Compiled, ExprError> Compile(const Ast& ast, std::string_view text,
                                            const std::function<SourceLocation(size_t)>& locate,
                                            std::vector<uint32_t>& comparisons);

  // Makes `name` refer to an already compiled expression (a metric).
  void Bind(const std::string& name, Compiled compiled);
  bool IsBound(const std::string& name) const { return bound_.contains(name); }
  // Names that exist but cannot be used yet (metrics defined further down),
  // so a self-reference or forward reference gets a precise message.
  void Declare(const std::string& name) { declared_.push_back(name); }
  // A declared metric whose definition failed: later uses say so instead of
  // reporting a second, misleading error.
  void MarkBroken(const std::string& name) { broken_.push_back(name); }

  // Names of the values of a symbol set, in symbol order.
  std::vector<std::string_view> SymbolNames(SymbolSet set) const;

 private:
  struct LoopVariable {
    std::string name;
    const CollectionInfo* collection;
    uint8_t depth;
  };

  tl::expected<Compiled, ExprError> Visit(const Ast& ast);
  tl::expected<Compiled, ExprError> VisitName(const Ast& ast);
  tl::expected<Compiled, ExprError> VisitBinary(const Ast& ast);
  tl::expected<Compiled, ExprError> VisitCompare(const Ast& ast, Compiled lhs, Compiled rhs);
  tl::expected<Compiled, ExprError> VisitSymbolCompare(const Ast& ast, const Ast& symbol_side, const Compiled& symbol,
                                                       const Ast& string_side);
  tl::expected<Compiled, ExprError> VisitCall(const Ast& ast);
  tl::expected<Compiled, ExprError> VisitAggregate(const Ast& ast);

  // Keeps a comparison (outside aggregate bodies) for explanations.
  void RecordComparison(const Ast& ast, const Compiled& compiled, ComparisonInfo info);
  uint32_t Emit(Node node);
  Compiled Combine(Op op, const Compiled& lhs, const Compiled& rhs, Type type);

  Program& program_;
  const FormatTable& formats_;
  std::map<std::string, Compiled> bound_;
  std::vector<std::string> declared_;
  std::vector<std::string> broken_;
  std::vector<LoopVariable> loop_;
  // Per Compile() call:
  std::string_view text_;
  const std::function<SourceLocation(size_t)>* locate_ = nullptr;
  std::vector<uint32_t>* comparisons_ = nullptr;
  std::vector<std::string> uses_;
};

}  // namespace eccn::expr
