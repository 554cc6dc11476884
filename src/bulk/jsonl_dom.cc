#include "bulk/jsonl_dom.h"

#include <fmt/format.h>

#include <bitset>
#include <cstring>

#include <eccn/rules.h>
#include "bulk/jsonl_record.h"
#include "spec_fields.h"

namespace eccn::bulk {
namespace {

namespace dom = simdjson::dom;

// The walk of jsonl_record.cc, minus its messages: every step returns false
// where that walk reports a problem, and also where the fast path does not go
// (alternatives, numbers or booleans where text is expected).
class DomWalk {
 public:
  explicit DomWalk(FastRecordBuilder& builder) : builder_(builder) {}

  bool Record(dom::element root) {
    dom::object object;
    if (root.get(object) != simdjson::SUCCESS) return false;
    std::bitset<kSpecKeys.size()> seen;
    return ForEachKnownField(object, kSpecKeys, seen,
                             [this](size_t index, dom::element value) { return TopLevel(index, value); });
  }

 private:
  // visit(index in keys, value) for each field with a known key; extensions
  // (x-...) are skipped, unknown and repeated keys stop the walk.
  template <size_t N, class Visit>
  static bool ForEachKnownField(dom::object object, const std::array<std::string_view, N>& keys, std::bitset<N>& seen,
                                Visit visit) {
    for (const dom::key_value_pair field : object) {
      size_t index = 0;
      while (index < N && keys[index] != field.key) ++index;
      if (index == N) {
        if (field.key.starts_with("x-")) continue;
        return false;
      }
      if (seen[index]) return false;
      seen[index] = true;
      if (!visit(index, field.value)) return false;
    }
    return true;
  }

  // A scalar field: text, or absent for null. A die's count is the one
  // number taken (an integer, written back as the text it was).
  bool Field(dom::element value, SpecField field) {
    switch (value.type()) {
      case dom::element_type::NULL_VALUE:
        return true;
      case dom::element_type::STRING:
        return builder_.Set(field, value.get_string().value_unsafe(), nullptr);
      case dom::element_type::INT64:
      case dom::element_type::UINT64: {
        uint64_t count = 0;
        if (field != SpecField::kDieCount || value.get(count) != simdjson::SUCCESS) return false;
        const fmt::format_int text(count);
        return builder_.Set(field, std::string_view(text.data(), text.size()), nullptr);
      }
      case dom::element_type::DOUBLE:
      case dom::element_type::BOOL:
      case dom::element_type::ARRAY:
      case dom::element_type::OBJECT:
        return false;
    }
    return false;
  }

  // An object section whose fields[i] is the field of keys[i]; null is absent.
  template <size_t N>
  bool Section(dom::element value, const std::array<std::string_view, N>& keys,
               const std::array<SpecField, N>& fields) {
    if (value.is_null()) return true;
    dom::object object;
    if (value.get(object) != simdjson::SUCCESS) return false;
    std::bitset<N> seen;
    return ForEachKnownField(object, keys, seen,
                             [&](size_t index, dom::element field) { return Field(field, fields[index]); });
  }

  bool Throughput(dom::element value) {
    if (value.is_null()) return true;
    dom::object object;
    if (value.get(object) != simdjson::SUCCESS || !builder_.StartThroughput()) return false;
    std::bitset<64> seen;  // by format index
    for (const dom::key_value_pair field : object) {
      if (field.key.starts_with("x-")) continue;
      const OperandFormat* format = builder_.formats().Find(field.key);
      if (format == nullptr) return false;
      const auto index = static_cast<size_t>(format - builder_.formats().formats.data());
      if (index < seen.size()) {
        if (seen[index]) return false;
        seen[index] = true;
      }
      std::string_view text = "unknown";  // listed with null: supported, rate unknown
      if (!field.value.is_null() && field.value.get(text) != simdjson::SUCCESS) return false;
      if (!builder_.SetRate(*format, text, nullptr)) return false;
    }
    return true;
  }

  bool Dies(dom::element value) {
    if (value.is_null()) return true;
    dom::array array;
    if (value.get(array) != simdjson::SUCCESS || !builder_.StartDies()) return false;
    for (const dom::element item : array) {
      if (item.is_null()) continue;
      if (!item.is_object() || !builder_.AddDie(nullptr) || !Section(item, kDieKeys, kDieFields)) return false;
    }
    return true;
  }

  // Each string of a list (nulls skipped), or of one string when `allow_one`.
  template <class Add>
  static bool Strings(dom::element value, bool allow_one, Add add) {
    if (value.is_null()) return true;
    std::string_view text;
    if (allow_one && value.get(text) == simdjson::SUCCESS) return add(text);
    dom::array array;
    if (value.get(array) != simdjson::SUCCESS) return false;
    for (const dom::element item : array) {
      if (item.is_null()) continue;
      if (item.get(text) != simdjson::SUCCESS || !add(text)) return false;
    }
    return true;
  }

  bool TopLevel(size_t index, dom::element value) {
    if (index < kSpecScalarFields.size()) return Field(value, kSpecScalarFields[index]);
    switch (index) {
      case 5:
        return Throughput(value);
      case 6:
        return Dies(value);
      case 7:
        return Section(value, kMemoryKeys, kMemoryFields);
      case 8:
        return Section(value, kInterconnectKeys, kInterconnectFields);
      case 9:
        return Section(value, kPackageKeys, kPackageFields);
      case 10:
        if (!value.is_null() && !builder_.StartDescribedIn()) return false;
        return Strings(value, false, [this](std::string_view text) { return builder_.AddDescribedIn(text, nullptr); });
      case 11:
        return Strings(value, true, [this](std::string_view text) { return builder_.AddSource(text); });
      default:
        return true;  // notes: free text, not read
    }
  }

  FastRecordBuilder& builder_;
};

}  // namespace

bool DecodeFast(dom::parser& parser, std::string_view line, FastRecordBuilder& builder) {
  dom::element root;
  if (parser.parse(line.data(), line.size(), false).get(root) != simdjson::SUCCESS) return false;
  return DomWalk(builder).Record(root);
}

}  // namespace eccn::bulk
