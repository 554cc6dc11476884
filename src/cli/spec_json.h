// A chip spec as read, normalised: every value exact, in base units, so two
// readings of the same input compare equal as JSON (decision records).
#pragma once

#include <nlohmann/json.hpp>

#include <eccn/spec.h>

namespace eccn::cli {

nlohmann::ordered_json NormalizedSpecJson(const ChipSpec& spec);

}  // namespace eccn::cli
