// Small fallible helpers return Expected<T>: a value or a message without a
// location; the caller, who knows where the text came from, adds it.
// Only the subset tl::expected shares with std::expected is used, so moving to
// std::expected later is a change to this file alone.
#pragma once

#include <string>
#include <tl/expected.hpp>

namespace eccn {

template <class T>
using Expected = tl::expected<T, std::string>;

inline tl::unexpected<std::string> Unexpected(std::string message) { return tl::make_unexpected(std::move(message)); }

}  // namespace eccn
