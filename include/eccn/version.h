#pragma once

namespace eccn {

// The library version, "MAJOR.MINOR.PATCH".
const char* Version();

}  // namespace eccn
