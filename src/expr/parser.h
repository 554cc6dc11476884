// Parses the rule expression language (docs/rule-format.md#expressions):
//
//   expr      := or
//   or        := and ("or" and)*
//   and       := not ("and" not)*
//   not       := "not" not | compare
//   compare   := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
//   sum       := product (("+" | "-") product)*
//   product   := unary (("*" | "/") unary)*
//   unary     := "-" unary | primary
//   primary   := NUMBER [UNIT] | STRING | "true" | "false" | name
//              | FUNCTION "(" expr ("," expr)* ")"
//              | FUNCTION "(" IDENT "in" IDENT ["where" expr] [":" expr] ")"
//              | "(" expr ")"
//   name      := IDENT ("." IDENT)*
//
// Comparisons do not chain ("a < b < c" is an error). Expressions are bounded
// in length and nesting so hostile rule files cannot exhaust the stack.
#pragma once

#include <string_view>
#include <tl/expected.hpp>

#include "expr/ast.h"

namespace eccn::expr {

inline constexpr size_t kMaxExpressionBytes = 4096;
// Parser recursion levels; one pair of parentheses costs about eight, so this
// allows some 30 levels of parentheses.
inline constexpr int kMaxNesting = 256;

tl::expected<Ast, ExprError> Parse(std::string_view text);

}  // namespace eccn::expr
