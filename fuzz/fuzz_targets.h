// Fuzz entry points, one per parser. Each feeds arbitrary bytes through a
// parser and checks invariants that must hold for any input (no crash, no
// undefined behaviour, diagnostics positioned inside the input, a loaded
// value that classifies). The libFuzzer binaries and the replay test call
// these same functions.
#pragma once

#include <cstddef>
#include <cstdint>

namespace eccn::fuzz {

// Inputs above this are skipped: parsers bound their inputs and large inputs
// only slow the search down.
inline constexpr size_t kMaxFuzzInput = 64 * 1024;

int FuzzSpec(const uint8_t* data, size_t size);        // chip spec YAML
int FuzzRules(const uint8_t* data, size_t size);       // rule pack YAML
int FuzzExpression(const uint8_t* data, size_t size);  // expression language
int FuzzQuantity(const uint8_t* data, size_t size);    // numbers, units, quantities
int FuzzDate(const uint8_t* data, size_t size);        // dates
int FuzzJsonl(const uint8_t* data, size_t size);       // JSON Lines catalog records
int FuzzCsv(const uint8_t* data, size_t size);         // CSV catalogs (header and rows)
int FuzzRuleCache(const uint8_t* data, size_t size);   // compiled rule sets read back from the cache

}  // namespace eccn::fuzz
