// SHA-256 (FIPS 180-4), for content digests of rule files and inputs in
// decision records. No Debian-packaged dependency the project already uses
// offers it, and it is short enough to check against the standard's vectors.
#pragma once

#include <string>
#include <string_view>

namespace eccn {

// The digest of `data` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view data);

}  // namespace eccn
