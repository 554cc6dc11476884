// Helpers shared by the compiler's source files.
#pragma once

#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "expr/ast.h"
#include "expr/schema.h"

namespace eccn::expr {

inline tl::unexpected<ExprError> Error(size_t offset, std::string message) {
  return tl::make_unexpected(ExprError{offset, std::move(message)});
}

// The sorted union of two sorted lists of node indices.
std::vector<uint32_t> Union(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

// "a condition (true/false)", "a bandwidth such as GB/s"...
std::string DescribeType(const Type& type);

}  // namespace eccn::expr
