#include <eccn/version.h>

namespace eccn {

const char* Version() { return ECCN_VERSION; }

}  // namespace eccn
