#include "bulk/jsonl_record.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <bitset>

#include <eccn/rules.h>
#include "bulk/jsonl_scan.h"
#include "yaml_reader.h"

namespace eccn::bulk {

namespace od = simdjson::ondemand;

struct JsonlDecoder::Impl {
  od::parser parser;      // the exact path's, which reports positions
  std::string unescaped;  // the fast path's strings with escapes (jsonl_scan.h)
  ScanMemo memo;          // the fast path's key layout of the last record
};

namespace {

// The keys of a quantity given as alternatives.
constexpr std::array<std::string_view, 2> kAlternativesKeys{"values", "sources"};

std::string_view TrimRight(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

// The content of the string whose opening quote is at `quote`, in place, when
// it holds no escape and no control character (as most do): what get_string
// would give, without its copy. simdjson has checked that the string closes.
bool PlainString(const char* quote, std::string_view& text) {
  const char* end = quote + 1;
  while (*end != '"' && *end != '\\' && static_cast<unsigned char>(*end) >= 0x20) ++end;
  if (*end != '"') return false;
  text = {quote + 1, static_cast<size_t>(end - quote - 1)};
  return true;
}

// Walks one record into a builder. Every step returns false to stop: on a
// syntax error, or when the builder gives up.
template <class Builder>
class Walk {
 public:
  Walk(od::document& document, const char* begin, Builder& builder)
      : document_(document), begin_(begin), builder_(builder) {}

  bool Record() {
    od::json_type type{};
    if (auto error = document_.type().get(type)) return Syntax(error);
    if (type != od::json_type::object) {
      builder_.Fail(begin_, [] { return ExpectedMapMessage(kSpecWhat); });
      return false;
    }
    od::object object;
    if (auto error = document_.get_object().get(object)) return Syntax(error);
    std::bitset<kSpecKeys.size()> seen;
    const bool read = ForEachKnownField<kSpecKeys>(
        object, kSpecWhat, seen, [this](size_t index, od::field& field) { return TopLevel(index, field.value()); });
    if (!read) return false;
    if (!seen[0] && !builder_.Fail(begin_, [] { return std::string("missing required key 'name'"); })) return false;
    // Anything after the closing brace is a location; the end of the record is not.
    if (const char* trailing = nullptr; !document_.current_location().get(trailing)) {
      builder_.Fail(trailing, [] { return std::string("invalid JSON: text after the record's closing '}'"); });
      return false;
    }
    return true;
  }

 private:
  // Duplicate and unknown keys, as YamlReader::CheckKeys reports them.
  template <size_t N>
  bool CheckKey(std::string_view key, const char* at, size_t index, std::bitset<N>& seen,
                const std::array<std::string_view, N>& keys, std::string_view where) {
    if (index == N) {
      if (key.starts_with("x-")) return true;
      return builder_.Fail(at, [&] { return UnknownKeyMessage(key, keys, where); });
    }
    if (seen[index]) return builder_.Fail(at, [&] { return fmt::format("duplicate key '{}' in {}", key, where); });
    seen[index] = true;
    return true;
  }

  // The key of `field` as written when it holds no escape (no copy), else
  // unescaped; `at` is its opening quote.
  bool Key(od::field& field, std::string_view& key, const char*& at) {
    const char* raw = field.key().raw();
    at = raw - 1;
    const char* end = raw;
    while (*end != '"' && *end != '\\') ++end;  // simdjson has checked that the string closes
    if (*end == '"') {
      key = {raw, static_cast<size_t>(end - raw)};
      return true;
    }
    if (auto error = field.unescaped_key().get(key)) return Syntax(error);
    return true;
  }

  // Calls visit(field, key, key_at) for each field of `object`; stops at the first false.
  template <class Visit>
  bool ForEachField(od::object& object, Visit visit) {
    for (auto field_result : object) {
      od::field field;
      if (auto error = std::move(field_result).get(field)) return Syntax(error);
      const char* key_at = nullptr;
      std::string_view key;
      if (!Key(field, key, key_at) || !visit(field, key, key_at)) return false;
    }
    return true;
  }

  // Calls visit(index in keys, field) for each field whose key is one of
  // `keys`, marking it in `seen`; unknown and duplicate keys are reported,
  // extensions (x-...) skipped.
  template <const auto& kKeys, size_t N, class Visit>
  bool ForEachKnownField(od::object& object, std::string_view what, std::bitset<N>& seen, Visit visit) {
    return ForEachField(object, [&](od::field& field, std::string_view key, const char* key_at) {
      const size_t index = KeyIndex<kKeys>(key);
      if (!CheckKey(key, key_at, index, seen, kKeys, what)) return false;
      return index == N || visit(index, field);
    });
  }

  const char* Where() {
    const char* at = nullptr;
    if (document_.current_location().get(at)) return nullptr;
    return at;
  }

  bool Syntax(simdjson::error_code error) {
    builder_.Fail(Where(), [error] { return fmt::format("invalid JSON: {}", simdjson::error_message(error)); });
    return false;
  }

  // The text of a scalar: a string's content, a number's or boolean's token.
  // `present` is false for null (a key with null is left out, as in YAML).
  // `what` names the value in messages, quoted as a key ('area') when `is_key`.
  bool Scalar(od::value& value, std::string_view what, bool is_key, std::string_view& text, bool& present,
              const char*& at) {
    present = false;
    od::json_type type{};
    if (auto error = value.type().get(type)) return Syntax(error);
    at = value.raw_json_token().data();
    switch (type) {
      case od::json_type::null:
        return true;
      case od::json_type::string:
        if (!PlainString(at, text)) {
          if (auto error = value.get_string().get(text)) return Syntax(error);
        }
        present = true;
        return true;
      case od::json_type::number:
      case od::json_type::boolean:
        text = TrimRight(value.raw_json_token());
        present = true;
        return true;
      case od::json_type::array:
      case od::json_type::object:
        return builder_.Fail(at, [what, is_key] {
          return ExpectedScalarMessage(is_key ? fmt::format("'{}'", what) : std::string(what));
        });
    }
    return true;
  }

  bool IsObject(od::value& value, bool& is_object) {
    od::json_type type{};
    if (auto error = value.type().get(type)) return Syntax(error);
    is_object = type == od::json_type::object;
    return true;
  }

  // {"values": [...], "sources": [...]}: alternatives for the quantity the
  // builder has started them for, as in a YAML spec.
  bool Alternatives(od::value value, std::string_view key) {
    const char* at = value.raw_json_token().data();
    od::object object;
    if (auto error = value.get_object().get(object)) return Syntax(error);
    const std::string what = fmt::format("alternatives for '{}'", key);
    std::bitset<kAlternativesKeys.size()> seen;
    std::vector<std::string> sources;
    const bool read = ForEachKnownField<kAlternativesKeys>(object, what, seen, [&](size_t index, od::field& field) {
      const bool values = index == 0;
      const auto add = [&](std::string_view text, const char* item_at) {
        if (values) return builder_.AddAlternative(text, item_at);
        sources.emplace_back(text);
        return true;
      };
      return List(field.value(), values ? "'values' as a list of two or more quantities" : kSourcesWhat,
                  values ? "a quantity" : kSourceWhat, add);
    });
    return read && builder_.FinishAlternatives(std::move(sources), at);
  }

  // A list of scalars, each passed to `add`.
  template <class Add>
  bool List(od::value value, std::string_view what, std::string_view item_what, Add add) {
    bool is_array = false;
    if (!Expect(value, od::json_type::array, what, is_array)) return false;
    if (!is_array) return true;
    od::array array;
    if (auto error = value.get_array().get(array)) return Syntax(error);
    for (auto item_result : array) {
      od::value item;
      if (auto error = item_result.get(item)) return Syntax(error);
      std::string_view text;
      bool present = false;
      const char* at = nullptr;
      if (!Scalar(item, item_what, false, text, present, at)) return false;
      if (present && !add(text, at)) return false;
    }
    return true;
  }

  bool Field(od::value value, SpecField field) {
    bool is_object = false;
    if (DimensionOf(field) != nullptr && !IsObject(value, is_object)) return false;
    if (is_object) {
      return builder_.StartAlternatives(field, value.raw_json_token().data()) && Alternatives(value, KeyOf(field));
    }
    std::string_view text;
    bool present = false;
    const char* at = nullptr;
    if (!Scalar(value, KeyOf(field), true, text, present, at)) return false;
    return !present || builder_.Set(field, text, at);
  }

  // Expects an object or an array at `value`; false (after reporting) if it is something else.
  bool Expect(od::value& value, od::json_type wanted, std::string_view what, bool& matches) {
    od::json_type type{};
    if (auto error = value.type().get(type)) return Syntax(error);
    matches = type == wanted;
    if (matches || type == od::json_type::null) return true;
    const char* at = value.raw_json_token().data();
    return builder_.Fail(
        at, [&] { return wanted == od::json_type::object ? ExpectedMapMessage(what) : ExpectedListMessage(what); });
  }

  // `fields[i]` is the field of `keys[i]`.
  template <const auto& kKeys, size_t N>
  bool Section(od::value value, std::string_view what, const std::array<SpecField, N>& fields) {
    bool is_object = false;
    if (!Expect(value, od::json_type::object, what, is_object)) return false;
    if (!is_object) return true;
    od::object object;
    if (auto error = value.get_object().get(object)) return Syntax(error);
    std::bitset<N> seen;
    return ForEachKnownField<kKeys>(
        object, what, seen, [&](size_t index, od::field& field) { return Field(field.value(), fields[index]); });
  }

  bool Throughput(od::value value) {
    bool is_object = false;
    if (!Expect(value, od::json_type::object, kThroughputWhat, is_object)) return false;
    if (!is_object) return true;
    od::object object;
    if (auto error = value.get_object().get(object)) return Syntax(error);
    if (!builder_.StartThroughput()) return false;
    std::bitset<64> seen;  // by format index
    return ForEachField(object, [&](od::field& field, std::string_view format, const char* key_at) {
      if (format.starts_with("x-")) return true;
      const OperandFormat* known = builder_.formats().Find(format);
      if (known == nullptr)
        return builder_.Fail(key_at, [&] { return UnknownFormatMessage(builder_.formats(), format); });
      const auto index = static_cast<size_t>(known - builder_.formats().formats.data());
      if (index < seen.size()) {
        if (seen[index]) {
          return builder_.Fail(key_at,
                               [&] { return fmt::format("duplicate key '{}' in {}", format, kThroughputKeysWhat); });
        }
        seen[index] = true;
      }
      std::string_view text = "unknown";  // listed with null: supported, rate unknown
      bool present = false;
      const char* at = key_at;
      od::value rate = field.value();
      bool has_alternatives = false;
      if (!IsObject(rate, has_alternatives)) return false;
      if (has_alternatives) return builder_.StartRateAlternatives(format, key_at) && Alternatives(rate, format);
      if (!Scalar(rate, format, true, text, present, at)) return false;
      return builder_.SetRate(*known, present ? text : std::string_view("unknown"), at);
    });
  }

  bool Dies(od::value value) {
    bool is_array = false;
    if (!Expect(value, od::json_type::array, kDiesWhat, is_array)) return false;
    if (!is_array) return true;
    od::array array;
    if (auto error = value.get_array().get(array)) return Syntax(error);
    if (!builder_.StartDies()) return false;
    for (auto item_result : array) {
      od::value item;
      if (auto error = item_result.get(item)) return Syntax(error);
      bool is_object = false;
      if (!Expect(item, od::json_type::object, kDieWhat, is_object)) return false;
      if (!is_object) continue;
      if (!builder_.AddDie(item.raw_json_token().data())) return false;
      if (!Section<kDieKeys>(item, kDieWhat, kDieFields)) return false;
    }
    return true;
  }

  // described_in (a list) or sources (a list, or one string).
  template <class Add>
  bool Strings(od::value value, std::string_view what, std::string_view item_what, bool allow_one, Add add) {
    od::json_type type{};
    if (auto error = value.type().get(type)) return Syntax(error);
    if (type == od::json_type::null) return true;
    if (allow_one && type == od::json_type::string) {
      std::string_view text;
      bool present = false;
      const char* at = nullptr;
      return Scalar(value, item_what, false, text, present, at) && add(text, at);
    }
    if (!allow_one && !builder_.StartDescribedIn()) return false;
    return List(value, what, item_what, add);
  }

  bool TopLevel(size_t index, od::value value) {
    if (index < kSpecScalarFields.size()) return Field(value, kSpecScalarFields[index]);
    switch (index) {
      case kThroughputKey:
        return Throughput(value);
      case kDiesKey:
        return Dies(value);
      case kMemoryKey:
        return Section<kMemoryKeys>(value, "'memory'", kMemoryFields);
      case kInterconnectKey:
        return Section<kInterconnectKeys>(value, "'interconnect'", kInterconnectFields);
      case kPackageKey:
        return Section<kPackageKeys>(value, "'package'", kPackageFields);
      case kDescribedInKey:
        return Strings(value, kDescribedInWhat, kParagraphWhat, false,
                       [this](std::string_view text, const char* at) { return builder_.AddDescribedIn(text, at); });
      case kSourcesKey:
        return Strings(value, kSourcesWhat, kSourceWhat, true,
                       [this](std::string_view text, const char*) { return builder_.AddSource(text); });
      default:
        return true;  // notes: free text, not read
    }
  }

  od::document& document_;
  const char* begin_;
  Builder& builder_;
};

template <class Builder>
bool DecodeWith(od::parser& parser, std::string_view line, Builder& builder) {
  od::document document;
  if (auto error = parser.iterate(line.data(), line.size(), line.size() + kJsonPadding).get(document)) {
    builder.Fail(line.data(), [error] { return fmt::format("invalid JSON: {}", simdjson::error_message(error)); });
    return false;
  }
  return Walk<Builder>(document, line.data(), builder).Record();
}

}  // namespace

JsonlDecoder::JsonlDecoder() : impl_(std::make_unique<Impl>()) {}
JsonlDecoder::~JsonlDecoder() = default;

bool JsonlDecoder::Decode(std::string_view line, FastRecordBuilder& builder) {
  return ScanRecord(line, builder, impl_->unescaped, impl_->memo);
}

bool JsonlDecoder::Decode(std::string_view line, ExactRecordBuilder& builder) {
  return DecodeWith(impl_->parser, line, builder);
}

}  // namespace eccn::bulk
