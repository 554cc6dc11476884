#include "bulk/csv_record.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <charconv>

#include <eccn/rules.h>
#include "input_text.h"
#include "yaml_reader.h"

namespace eccn::bulk {
namespace {

struct NamedField {
  std::string_view path;
  SpecField field;
};

constexpr std::array<NamedField, 10> kTopLevelColumns{{
    {"name", SpecField::kName},
    {"vendor", SpecField::kVendor},
    {"kind", SpecField::kKind},
    {"marketed_for", SpecField::kMarketedFor},
    {"released", SpecField::kReleased},
    {"memory.type", SpecField::kMemoryType},
    {"memory.capacity", SpecField::kMemoryCapacity},
    {"memory.bandwidth", SpecField::kMemoryBandwidth},
    {"interconnect.bidirectional", SpecField::kInterconnectBidirectional},
    {"package.area", SpecField::kPackageArea},
}};

constexpr size_t kMaxDies = 1000;

// "dies.0.area" -> {0, kDieArea}.
std::optional<std::pair<size_t, SpecField>> ParseDieColumn(std::string_view path) {
  if (!path.starts_with("dies.")) return std::nullopt;
  path.remove_prefix(5);
  size_t index = 0;
  const auto [end, error] = std::from_chars(path.data(), path.data() + path.size(), index);
  if (error != std::errc() || end == path.data() || end == path.data() + path.size() || *end != '.' ||
      index >= kMaxDies) {
    return std::nullopt;
  }
  const std::string_view key = path.substr(static_cast<size_t>(end - path.data()) + 1);
  for (SpecField field : kDieFields) {
    if (KeyOf(field) == key) return std::make_pair(index, field);
  }
  return std::nullopt;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// Reads one header cell into a column, or returns what is wrong with it.
std::optional<std::string> ReadHeaderCell(std::string_view cell, const FormatTable& formats, CsvColumn& column) {
  std::string_view path = Trim(cell);
  std::string_view unit;
  if (path.ends_with(']')) {
    const size_t open = path.rfind('[');
    if (open == std::string_view::npos) return fmt::format("column '{}': ']' without '['", path);
    unit = Trim(path.substr(open + 1, path.size() - open - 2));
    path = Trim(path.substr(0, open));
  }
  const Dimension* dimension = nullptr;
  if (path == "notes" || path.starts_with("x-")) {
    column.kind = CsvColumn::Kind::kIgnored;
  } else if (path == "described_in" || path == "sources") {
    column.kind = path == "sources" ? CsvColumn::Kind::kSources : CsvColumn::Kind::kDescribedIn;
  } else if (path.starts_with("throughput.")) {
    const std::string_view format = path.substr(11);
    column.format = formats.Find(format);
    if (column.format == nullptr) return UnknownFormatMessage(formats, format);
    column.kind = CsvColumn::Kind::kRate;
    dimension = &kRate;
  } else if (auto die = ParseDieColumn(path)) {
    column.kind = CsvColumn::Kind::kField;
    column.die = die->first + 1;
    column.field = die->second;
    dimension = DimensionOf(die->second);
  } else {
    const auto* named = std::find_if(kTopLevelColumns.begin(), kTopLevelColumns.end(),
                                     [path](const NamedField& f) { return f.path == path; });
    if (named == kTopLevelColumns.end()) {
      std::vector<std::string_view> known;
      known.reserve(kTopLevelColumns.size() + 5);
      for (const NamedField& f : kTopLevelColumns) known.push_back(f.path);
      for (std::string_view other : {"throughput.<format>", "dies.<n>.<key>", "described_in", "sources", "notes"}) {
        known.push_back(other);
      }
      return UnknownKeyMessage(path, known, "a CSV header");
    }
    column.kind = CsvColumn::Kind::kField;
    column.field = named->field;
    dimension = DimensionOf(named->field);
  }
  if (dimension == nullptr) {
    if (!unit.empty()) return fmt::format("column '{}' takes no unit", path);
    return std::nullopt;
  }
  if (unit.empty()) {
    return fmt::format("column '{}' needs its unit in brackets, e.g. '{} [{}]'", path, path,
                       *dimension == kRate    ? "TFLOPS"
                       : *dimension == kArea  ? "mm2"
                       : *dimension == kBytes ? "GB"
                                              : "GB/s");
  }
  auto parsed = ParseUnit(unit);
  if (!parsed) return fmt::format("column '{}': {}", path, parsed.error());
  if (!(parsed->dimension == *dimension)) {
    return fmt::format("column '{}': '{}' is {}, but the column needs {}", path, unit,
                       DescribeDimension(parsed->dimension), DescribeDimension(*dimension));
  }
  column.unit = std::string(unit);
  return std::nullopt;
}

constexpr std::string_view kBadQuote =
    R"(invalid CSV: unbalanced or misplaced quote (a record is one line; quote a whole cell as "...", with "" for a quote))";

}  // namespace

size_t SplitCsvLine(std::string_view line, std::vector<std::string_view>& cells, std::string& unquoted) {
  cells.clear();
  unquoted.clear();
  unquoted.reserve(line.size());  // views into it must not move
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  size_t next_quote = line.find('"');  // npos, the common case, needs no search again
  size_t i = 0;
  while (true) {
    if (i < line.size() && line[i] == '"') {
      const size_t open = i;
      const size_t start = unquoted.size();
      ++i;
      while (true) {
        if (i >= line.size()) return open;  // no closing quote on this line
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            unquoted.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        unquoted.push_back(line[i++]);
      }
      cells.emplace_back(unquoted.data() + start, unquoted.size() - start);
      if (i < line.size() && line[i] != ',') return i;  // text after the closing quote
    } else {
      const size_t comma = line.find(',', i);
      const size_t end = comma == std::string_view::npos ? line.size() : comma;
      // RFC 4180 has no quote inside an unquoted cell. Refusing one also refuses the
      // rest of a cell a spreadsheet split over lines ("...\n...", a record here is
      // one line), which would otherwise read as a record of its own.
      if (next_quote < i) next_quote = line.find('"', i);
      if (next_quote < end) return next_quote;
      cells.push_back(line.substr(i, end - i));
      i = end;
    }
    if (i >= line.size()) return std::string_view::npos;
    ++i;  // the comma
  }
}

CsvDecoder::CsvDecoder(std::string_view header, std::string_view file, const FormatTable& formats,
                       std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string_view> cells;
  std::string unquoted;
  const RecordPlace place{file, 1, header.data()};
  if (Trim(header).empty()) {  // an empty file, or one that starts with a blank line
    diagnostics.push_back(
        {Severity::kError, place.At(header.data()),
         "missing CSV header: the first line names the columns, e.g. 'name,throughput.fp8 [TFLOPS]'"});
    return;
  }
  if (const size_t bad = SplitCsvLine(header, cells, unquoted); bad != std::string_view::npos) {
    diagnostics.push_back({Severity::kError, place.At(header.data() + bad), std::string(kBadQuote)});
    return;
  }
  for (std::string_view cell : cells) {
    const bool in_line = cell.data() >= header.data() && cell.data() <= header.data() + header.size();
    const char* at = in_line ? cell.data() : nullptr;
    CsvColumn column;
    if (auto error = ReadHeaderCell(cell, formats, column)) {
      diagnostics.push_back({Severity::kError, place.At(at), std::move(*error)});
    }
    const auto same = [&column](const CsvColumn& other) {
      return column.kind != CsvColumn::Kind::kIgnored && other.kind == column.kind && other.field == column.field &&
             other.die == column.die && other.format == column.format;
    };
    if (std::any_of(columns_.begin(), columns_.end(), same)) {
      diagnostics.push_back({Severity::kError, place.At(at), fmt::format("duplicate column '{}'", Trim(cell))});
    }
    die_slots_ = std::max(die_slots_, column.die);
    columns_.push_back(std::move(column));
  }
  cells_.reserve(columns_.size());
}

std::string_view CsvDecoder::WithUnit(std::string_view cell, const CsvColumn& column) {
  if (column.unit.empty() || IsUnknownWord(cell)) return cell;
  joined_.assign(cell);
  joined_ += ' ';
  joined_ += column.unit;
  return joined_;
}

template <class Builder>
bool CsvDecoder::SplitRow(std::string_view row, Builder& builder) {
  // As for YAML files and JSON Lines records: text that is not UTF-8 is refused, with its position.
  if (!simdjson::validate_utf8(row.data(), row.size())) {
    builder.Fail(row.data() + FirstInvalidUtf8(row),
                 [] { return std::string("invalid UTF-8; files must be UTF-8 encoded"); });
    return false;
  }
  if (const size_t bad = SplitCsvLine(row, cells_, unquoted_); bad != std::string_view::npos) {
    builder.Fail(row.data() + bad, [] { return std::string(kBadQuote); });
    return false;
  }
  if (cells_.size() != columns_.size()) {
    builder.Fail(row.data(), [this] {
      return fmt::format("invalid CSV: the row has {} cells, the header {} columns", cells_.size(), columns_.size());
    });
    return false;
  }
  return true;
}

template <class Builder>
bool CsvDecoder::DecodeWith(std::string_view row, Builder& builder) {
  if (!SplitRow(row, builder)) return false;
  // A cell's position, when it is not a quoted (unescaped) one.
  const auto at = [row](std::string_view cell) {
    return cell.data() >= row.data() && cell.data() <= row.data() + row.size() ? cell.data() : row.data();
  };
  bool named = false;
  bool any_rate = false;
  for (size_t i = 0; i < columns_.size(); ++i) {
    const CsvColumn& column = columns_[i];
    const std::string_view cell = Trim(cells_[i]);
    if (cell.empty()) continue;
    any_rate = any_rate || column.kind == CsvColumn::Kind::kRate;
    if (column.kind != CsvColumn::Kind::kField || column.die != 0) continue;
    named = named || column.field == SpecField::kName;
    if (!builder.Set(column.field, WithUnit(cell, column), at(cell))) return false;
  }
  if (!named && !builder.Fail(row.data(), [] { return std::string("missing required key 'name'"); })) return false;
  // A throughput section when any rate is given: a format left empty is not supported.
  if (any_rate) {
    if (!builder.StartThroughput()) return false;
    for (size_t i = 0; i < columns_.size(); ++i) {
      const std::string_view cell = Trim(cells_[i]);
      if (columns_[i].kind != CsvColumn::Kind::kRate || cell.empty()) continue;
      if (!builder.SetRate(*columns_[i].format, WithUnit(cell, columns_[i]), at(cell))) return false;
    }
  }
  // Dies in index order; a die whose cells are all empty is not there.
  bool dies_started = false;
  for (size_t die = 1; die <= die_slots_; ++die) {
    bool present = false;
    for (size_t i = 0; i < columns_.size() && !present; ++i) {
      present = columns_[i].die == die && !Trim(cells_[i]).empty();
    }
    if (!present) continue;
    if (!dies_started && !builder.StartDies()) return false;
    dies_started = true;
    if (!builder.AddDie(row.data())) return false;
    for (size_t i = 0; i < columns_.size(); ++i) {
      const std::string_view cell = Trim(cells_[i]);
      if (columns_[i].die != die || cell.empty()) continue;
      if (!builder.Set(columns_[i].field, WithUnit(cell, columns_[i]), at(cell))) return false;
    }
  }
  // Lists: items separated by ';'; "none" is the empty list.
  for (size_t i = 0; i < columns_.size(); ++i) {
    const CsvColumn::Kind kind = columns_[i].kind;
    const std::string_view cell = Trim(cells_[i]);
    if ((kind != CsvColumn::Kind::kDescribedIn && kind != CsvColumn::Kind::kSources) || cell.empty()) continue;
    const bool described_in = kind == CsvColumn::Kind::kDescribedIn;
    if (described_in && !builder.StartDescribedIn()) return false;
    if (cell == "none") continue;
    size_t start = 0;
    while (start <= cell.size()) {
      const size_t end = std::min(cell.find(';', start), cell.size());
      const std::string_view item = Trim(cell.substr(start, end - start));
      if (!item.empty()) {
        if (!(described_in ? builder.AddDescribedIn(item, at(item)) : builder.AddSource(item))) return false;
      }
      start = end + 1;
    }
  }
  return true;
}

bool CsvDecoder::Decode(std::string_view row, FastRecordBuilder& builder) { return DecodeWith(row, builder); }

bool CsvDecoder::Decode(std::string_view row, ExactRecordBuilder& builder) { return DecodeWith(row, builder); }

}  // namespace eccn::bulk
