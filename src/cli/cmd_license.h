// eccn license (and classify --to): for each chip and destination, whether a
// license is needed, which exception can stand in for it, and why.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "cli/command_support.h"

namespace eccn::cli {

struct LicenseOptions {
  std::vector<std::string> to;  // codes or names; "all" for every destination
  std::string end_user_hq;
  std::string parent_hq;
};

// --to, --end-user-hq and --parent-hq, for license and classify.
void AddLicenseOptions(CLI::App& command, LicenseOptions& options);
CLI::App* AddLicenseCommand(CLI::App& app, Options& options, LicenseOptions& license);
// Exit code: 0 if no shipment asked about needs a license (none required, or
// an exception covers it), 1 if one does, 2 if one may (indeterminate) and
// none does; 64 for an unknown country.
int RunLicense(const Options& options, const LicenseOptions& license, std::ostream& out, std::ostream& err);

}  // namespace eccn::cli
