#include "cli/json_writer.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>

#include "input_text.h"
#include "json_special.h"

namespace eccn::cli {
namespace {

constexpr std::string_view kHexDigits = "0123456789abcdef";

// The byte's escape as dump() writes it, or "" for a byte written as it is.
std::string_view ShortEscape(unsigned char c) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      return "";
  }
}

}  // namespace

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_value_.empty()) return;
  if (has_value_.back()) out_ += ',';
  has_value_.back() = true;
}

void JsonWriter::Open(char bracket) {
  BeforeValue();
  out_ += bracket;
  has_value_.push_back(false);
}

void JsonWriter::Close(char bracket) {
  has_value_.pop_back();
  out_ += bracket;
}

void JsonWriter::Key(std::string_view key) {
  BeforeValue();
  Escaped(key);
  out_ += ':';
  after_key_ = true;
}

void JsonWriter::String(std::string_view text) {
  BeforeValue();
  Escaped(text);
}

void JsonWriter::Number(double value) {
  BeforeValue();
  if (!std::isfinite(value)) {
    out_ += "null";
    return;
  }
  // dump()'s own formatting, so the digits are the same.
  std::array<char, 64> digits{};
  const char* end = nlohmann::detail::to_chars(digits.data(), digits.data() + digits.size(), value);
  out_.append(digits.data(), static_cast<size_t>(end - digits.data()));
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_ += value ? "true" : "false";
}

void JsonWriter::Null() {
  BeforeValue();
  out_ += "null";
}

void JsonWriter::Strings(const std::vector<std::string>& texts) {
  BeginArray();
  for (const std::string& text : texts) String(text);
  EndArray();
}

void JsonWriter::Escaped(std::string_view text) {
  out_ += '"';
  const char* const end = text.data() + text.size();
  const char* plain_from = text.data();
  bool utf8_checked = false;
  for (const char* at = FindJsonSpecial(plain_from, end); at != end; at = FindJsonSpecial(at + 1, end)) {
    const auto c = static_cast<unsigned char>(*at);
    if (c >= 0x80) {
      // dump() throws on text that is not UTF-8; this throws the same error.
      if (!utf8_checked && FirstInvalidUtf8(text) != std::string_view::npos) {
        (void)nlohmann::ordered_json(std::string(text)).dump();
      }
      utf8_checked = true;
      continue;  // written as it is
    }
    out_.append(plain_from, at);
    plain_from = at + 1;
    if (const std::string_view escape = ShortEscape(c); !escape.empty()) {
      out_ += escape;
    } else {
      out_ += "\\u00";
      out_ += kHexDigits[c >> 4U];
      out_ += kHexDigits[c & 0xFU];
    }
  }
  out_.append(plain_from, end);
  out_ += '"';
}

void AppendIndented(std::string& out, std::string_view compact, std::string_view margin) {
  constexpr size_t kStep = 2;
  size_t depth = 0;
  const auto new_line = [&] {
    out += '\n';
    out += margin;
    out.append(depth * kStep, ' ');
  };
  bool in_string = false;
  for (size_t i = 0; i < compact.size(); ++i) {
    const char c = compact[i];
    if (in_string) {
      out += c;
      if (c == '\\') {
        out += compact[++i];  // the escaped character, which may be a quote
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        out += c;
        break;
      case '{':
      case '[':
        out += c;
        if (i + 1 < compact.size() && (compact[i + 1] == '}' || compact[i + 1] == ']')) {
          out += compact[++i];  // empty: "{}" and "[]" stay on one line
        } else {
          ++depth;
          new_line();
        }
        break;
      case '}':
      case ']':
        --depth;
        new_line();
        out += c;
        break;
      case ',':
        out += c;
        new_line();
        break;
      case ':':
        out += ": ";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace eccn::cli
