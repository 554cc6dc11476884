// The syntax tree of a rule expression, before names and units are checked.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <eccn/number.h>

namespace eccn::expr {

struct Ast {
  enum class Kind {
    kNumber,     // number, unit (may be empty)
    kString,     // text
    kBool,       // text "true" / "false"
    kName,       // text: dotted path, "tpp", "memory.bandwidth", "d.area"
    kUnary,      // text: "-" or "not"; children[0]
    kBinary,     // text: operator; children[0], children[1]
    kCall,       // text: function; children: arguments
    kAggregate,  // text: function; variable, collection; children: [filter,] body
  };

  Kind kind = Kind::kNumber;
  std::string text;
  Number number;
  std::string unit;
  size_t unit_offset = 0;
  std::string variable;
  std::string collection;
  bool has_filter = false;
  std::vector<Ast> children;
  size_t begin = 0;  // byte range in the expression text
  size_t end = 0;
};

// A problem in an expression, at a byte offset into its text.
struct ExprError {
  size_t offset = 0;
  std::string message;
};

}  // namespace eccn::expr
