// The license verdict for one known destination, with its chain of reasons;
// LicenseRules::Determine (license.cc) calls it once it has found the country.
#pragma once

#include <eccn/license.h>
#include "license_data.h"

namespace eccn {

// Whether exporting the classified chip under `shipment` to `country` needs a
// license on context.as_of, an exception or neither, and why.
DestinationLicense DetermineLicense(const LicenseData& data, const LicenseRules& rules, const ChipSpec& spec,
                                    const Classification& classification, const Shipment& shipment,
                                    const Context& context, const Country& country);

}  // namespace eccn
