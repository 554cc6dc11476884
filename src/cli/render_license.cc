#include "cli/render_license.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/render_json.h"
#include "cli/report.h"
#include "cli/text_table.h"
#include "plot/svg.h"

namespace eccn::cli {
namespace {

using Json = nlohmann::ordered_json;

std::vector<std::string> ExceptionIds(const DestinationLicense& d) {
  std::vector<std::string> ids;
  for (const ExceptionResult& e : d.exceptions) ids.push_back(e.id);
  return ids;
}

std::string Readable(std::string text) {
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

// One matrix cell: "required", the exceptions ("NAC"), "not_required" or "indeterminate".
std::string Cell(const DestinationLicense& d) {
  if (d.verdict == LicenseVerdict::kException) return JoinStrings(ExceptionIds(d), "+");
  return std::string(Name(d.verdict));
}

std::string Headline(const DestinationLicense& d) {
  switch (d.verdict) {
    case LicenseVerdict::kRequired:
      return fmt::format("license required ({})",
                         d.review_policy.empty() ? "review policy not recorded" : Readable(d.review_policy));
    case LicenseVerdict::kException:
      return fmt::format("no license needed under License Exception {}", JoinStrings(ExceptionIds(d), ", "));
    case LicenseVerdict::kNotRequired:
      return "no license required";
    case LicenseVerdict::kIndeterminate:
      break;
  }
  return d.missing.empty() ? std::string("indeterminate")
                           : fmt::format("indeterminate (needs {})", JoinStrings(d.missing, ", "));
}

std::string Cited(const LicenseReason& r) {
  return r.citation.empty() ? r.text : fmt::format("{} [{}]", r.text, r.citation);
}

std::string PartiesText(const Shipment& parties) {
  if (parties.end_user_hq.empty() && parties.parent_hq.empty()) return "end user headquarters not given";
  return fmt::format("end user headquartered in {}, ultimate parent in {}",
                     parties.end_user_hq.empty() ? "?" : parties.end_user_hq,
                     parties.parent_hq.empty() ? "?" : parties.parent_hq);
}

void RenderDetails(const DestinationLicense& d, std::ostream& out) {
  fmt::print(out, "  {} {}: {}\n", d.country, d.name, Headline(d));
  int step = 0;
  for (const LicenseReason& r : d.reasons) fmt::print(out, "    {}. {}\n", ++step, Cited(r));
  for (const ExceptionResult& e : d.exceptions) {
    for (const std::string& o : e.obligations) fmt::print(out, "    {} obligation: {}\n", e.id, o);
    for (const std::string& c : e.conditions) fmt::print(out, "    {} condition: {}\n", e.id, c);
  }
  for (const std::string& c : d.review_conditions) fmt::print(out, "    review condition: {}\n", c);
  for (const LicenseReason& n : d.notes) fmt::print(out, "    note: {}\n", Cited(n));
}

std::vector<std::string> Countries(const LicenseReport& report) {
  std::vector<std::string> codes;
  if (!report.chips.empty()) {
    for (const DestinationLicense& d : report.chips.front().destinations) codes.push_back(d.country);
  }
  return codes;
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string_view Fill(LicenseVerdict verdict) {
  switch (verdict) {
    case LicenseVerdict::kRequired:
      return "#d73027";
    case LicenseVerdict::kException:
      return "#fdae61";
    case LicenseVerdict::kNotRequired:
      return "#a6d96a";
    case LicenseVerdict::kIndeterminate:
      break;
  }
  return "#bdbdbd";
}

std::string Footer(const LicenseReport& report) {
  return fmt::format("As of {}, {} posture, {}. Not legal advice.", report.context.as_of.ToString(),
                     Name(report.context.posture), PartiesText(report.parties));
}

}  // namespace

void RenderLicenseText(const LicenseReport& report, std::ostream& out) {
  for (const ChipLicenses& chip : report.chips) {
    fmt::print(out, "{} ({}): {}\n", chip.chip->chip, chip.chip->file, Summary(*chip.chip));
    TextTable table({"  DEST", "NAME", "LICENSE", "EXCEPTIONS", "REVIEW POLICY"});
    for (const DestinationLicense& d : chip.destinations) {
      const auto ids = ExceptionIds(d);
      table.AddRow({"  " + d.country, d.name, std::string(Name(d.verdict)), ids.empty() ? "-" : JoinStrings(ids, ", "),
                    d.review_policy.empty() ? "-" : Readable(d.review_policy)});
    }
    table.Render(out);
    fmt::print(out, "\n");
    for (const DestinationLicense& d : chip.destinations) RenderDetails(d, out);
    fmt::print(out, "\n");
  }
  fmt::print(out, "Not evaluated, whatever the table says:\n");
  for (const LicenseCaveat& c : report.caveats) fmt::print(out, "  - {} [{}]\n", c.text, c.citation);
  fmt::print(out, "{}\n", Footer(report));
}

Json LicenseJson(const LicenseReport& report) {
  const auto reasons = [](const std::vector<LicenseReason>& list) {
    Json out = Json::array();
    for (const LicenseReason& r : list) out.push_back({{"text", r.text}, {"citation", r.citation}});
    return out;
  };
  Json chips = Json::array();
  for (const ChipLicenses& chip : report.chips) {
    Json destinations = Json::array();
    for (const DestinationLicense& d : chip.destinations) {
      Json details = Json::array();
      for (const ExceptionResult& e : d.exceptions) {
        details.push_back({{"id", e.id},
                           {"title", e.title},
                           {"citation", e.citation},
                           {"obligations", e.obligations},
                           {"conditions", e.conditions}});
      }
      destinations.push_back({{"country", d.country},
                              {"name", d.name},
                              {"license", Name(d.verdict)},
                              {"exceptions", ExceptionIds(d)},
                              {"exception_details", std::move(details)},
                              {"review_policy", d.review_policy.empty() ? Json(nullptr) : Json(d.review_policy)},
                              {"review_conditions", d.review_conditions},
                              {"requirements", d.requirements},
                              {"missing", d.missing},
                              {"reasons", reasons(d.reasons)},
                              {"notes", reasons(d.notes)}});
    }
    chips.push_back({{"name", chip.chip->chip},
                     {"file", chip.chip->file},
                     {"verdict", Name(chip.chip->Overall())},
                     {"controls", chip.chip->EntriesWith(Verdict::kControlled)},
                     {"indeterminate", chip.chip->EntriesWith(Verdict::kIndeterminate)},
                     {"destinations", std::move(destinations)}});
  }
  Json caveats = Json::array();
  for (const LicenseCaveat& c : report.caveats)
    caveats.push_back({{"id", c.id}, {"text", c.text}, {"citation", c.citation}});
  return {{"schema_version", kJsonSchemaVersion},
          {"as_of", report.context.as_of.ToString()},
          {"posture", Name(report.context.posture)},
          {"end_user_hq", report.parties.end_user_hq.empty() ? Json(nullptr) : Json(report.parties.end_user_hq)},
          {"parent_hq", report.parties.parent_hq.empty() ? Json(nullptr) : Json(report.parties.parent_hq)},
          {"caveats", std::move(caveats)},
          {"chips", std::move(chips)}};
}

void RenderLicenseCsv(const LicenseReport& report, std::ostream& out) {
  out << "chip";
  for (const std::string& code : Countries(report)) out << ',' << code;
  out << '\n';
  for (const ChipLicenses& chip : report.chips) {
    out << CsvField(chip.chip->chip);
    for (const DestinationLicense& d : chip.destinations) out << ',' << Cell(d);
    out << '\n';
  }
}

void RenderLicenseMarkdown(const LicenseReport& report, std::ostream& out) {
  const auto codes = Countries(report);
  out << "| chip |";
  for (const std::string& code : codes) out << ' ' << code << " |";
  out << "\n|---|";
  for (size_t i = 0; i < codes.size(); ++i) out << ":-:|";
  out << '\n';
  for (const ChipLicenses& chip : report.chips) {
    out << "| " << chip.chip->chip << " |";
    for (const DestinationLicense& d : chip.destinations) {
      const std::string cell = d.verdict == LicenseVerdict::kRequired        ? "**L**"
                               : d.verdict == LicenseVerdict::kNotRequired   ? "-"
                               : d.verdict == LicenseVerdict::kIndeterminate ? "?"
                                                                             : Cell(d);
      out << ' ' << cell << " |";
    }
    out << '\n';
  }
  fmt::print(out,
             "\n**L** license required; an exception name (NAC, ACA, HBM...) means that License Exception "
             "covers the shipment with its obligations; - no license required; ? indeterminate (data missing). "
             "{}\n",
             Footer(report));
}

void RenderLicenseSvg(const LicenseReport& report, std::ostream& out) {
  // One block of tiles per chip, 20 destinations to a row, so that `--to all` stays legible.
  constexpr int kColumns = 20, kTileWidth = 40, kTileHeight = 22, kMargin = 10, kTitle = 26, kLegend = 30;
  const size_t count = Countries(report).size();
  const int rows = static_cast<int>((count + kColumns - 1) / kColumns);
  const int block = kTitle + rows * kTileHeight + kMargin;
  const int width = 2 * kMargin + kColumns * kTileWidth;
  const int height = kLegend + static_cast<int>(report.chips.size()) * block + 2 * kTitle;
  fmt::print(out,
             "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-family=\"sans-serif\" "
             "font-size=\"11\">\n",
             width, height);
  int x = kMargin;
  for (LicenseVerdict v : {LicenseVerdict::kRequired, LicenseVerdict::kException, LicenseVerdict::kNotRequired,
                           LicenseVerdict::kIndeterminate}) {
    fmt::print(out,
               "<rect x=\"{}\" y=\"8\" width=\"14\" height=\"14\" fill=\"{}\"/><text x=\"{}\" y=\"19\">{}</text>\n", x,
               Fill(v), x + 18, Name(v));
    x += 130;
  }
  int y = kLegend;
  for (const ChipLicenses& chip : report.chips) {
    fmt::print(out, "<text x=\"{}\" y=\"{}\" font-size=\"14\" font-weight=\"bold\">{}</text>\n", kMargin, y + 18,
               plot::Escape(chip.chip->chip));
    for (size_t i = 0; i < chip.destinations.size(); ++i) {
      const DestinationLicense& d = chip.destinations[i];
      const int tx = kMargin + static_cast<int>(i % kColumns) * kTileWidth;
      const int ty = y + kTitle + static_cast<int>(i / kColumns) * kTileHeight;
      fmt::print(out,
                 "<g><title>{}: {}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" "
                 "stroke=\"#ffffff\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></g>\n",
                 plot::Escape(d.name), plot::Escape(Headline(d)), tx, ty, kTileWidth, kTileHeight, Fill(d.verdict),
                 tx + kTileWidth / 2, ty + 15, plot::Escape(d.country));
    }
    y += block;
  }
  fmt::print(out, "<text x=\"{}\" y=\"{}\">{}</text>\n</svg>\n", kMargin, y + 16, plot::Escape(Footer(report)));
}

}  // namespace eccn::cli
