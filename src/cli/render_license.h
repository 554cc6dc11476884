// Renders license answers: text with the chain of reasons, JSON, and chips x
// destinations matrices as CSV, Markdown or SVG.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include <eccn/eccn.h>

namespace eccn::cli {

struct ChipLicenses {
  const Classification* chip = nullptr;
  std::vector<DestinationLicense> destinations;
};

struct LicenseReport {
  Context context;
  Shipment parties;  // destination unused: the end user's and parent's headquarters
  std::vector<ChipLicenses> chips;
  std::vector<LicenseCaveat> caveats;
};

void RenderLicenseText(const LicenseReport& report, std::ostream& out);
nlohmann::ordered_json LicenseJson(const LicenseReport& report);
void RenderLicenseCsv(const LicenseReport& report, std::ostream& out);
void RenderLicenseMarkdown(const LicenseReport& report, std::ostream& out);
void RenderLicenseSvg(const LicenseReport& report, std::ostream& out);

}  // namespace eccn::cli
