// Reading the countries and country-groups files into LicenseData; the
// license loader (license_loader.cc) reads them before the license rules.
#pragma once

#include <yaml-cpp/yaml.h>

#include "license_data.h"
#include "yaml_reader.h"

namespace eccn {

// A file with 'kind: countries' into out.countries; a code listed twice is reported.
void ReadCountries(YamlReader& reader, const YAML::Node& root, LicenseData& out);

// A file with 'kind: country-groups' into out.groups (and its citation); every
// member must be a country already in `out`.
void ReadGroups(YamlReader& reader, const YAML::Node& root, LicenseData& out);

}  // namespace eccn
