// Expressions compiled into one program, for tests of the evaluators and of
// merging programs.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <eccn/rules.h>
#include "expr/compiler.h"
#include "expr/parser.h"

namespace eccn::testing_support {

struct CompiledProgram {
  expr::Program program;
  std::vector<uint32_t> results;  // each expression's node
};

// `expressions` compiled in order; each may use the earlier as `m0`, `m1`...
inline CompiledProgram CompileProgram(const FormatTable& formats, const std::vector<std::string_view>& expressions) {
  CompiledProgram out;
  expr::Compiler compiler(out.program, formats);
  const std::function<SourceLocation(size_t)> locate = [](size_t) { return SourceLocation{}; };
  std::vector<uint32_t> comparisons;
  for (size_t i = 0; i < expressions.size(); ++i) {
    auto ast = expr::Parse(expressions[i]);
    EXPECT_TRUE(ast.has_value()) << expressions[i];
    if (!ast) continue;
    auto compiled = compiler.Compile(*ast, expressions[i], locate, comparisons);
    EXPECT_TRUE(compiled.has_value()) << expressions[i] << ": " << compiled.error().message;
    if (!compiled) continue;
    out.results.push_back(compiled->node);
    compiler.Bind("m" + std::to_string(i), *compiled);
  }
  return out;
}

}  // namespace eccn::testing_support
