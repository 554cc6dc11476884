// libFuzzer entry point for the rule cache's decoder (see fuzz_targets.h).
#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return eccn::fuzz::FuzzRuleCache(data, size);
}
