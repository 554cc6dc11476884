// Writes JSON straight into a string, byte for byte as nlohmann::json's
// dump() would write the same document, without building it first: a chip's
// result with its trace is some fifty kilobytes, and building then dumping a
// tree for it took most of the time of --format jsonl.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace eccn::cli {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // Inside an object: the key of the value written next.
  void Key(std::string_view key);

  void String(std::string_view text);
  // Shortest round-trip digits, as dump() writes them ("4800.0"); null if not finite.
  void Number(double value);
  void Bool(bool value);
  void Null();
  void Strings(const std::vector<std::string>& texts);  // an array of strings
  // Key(key), then the value.
  void Member(std::string_view key, std::string_view text) {
    Key(key);
    String(text);
  }
  void Member(std::string_view key, const std::vector<std::string>& texts) {
    Key(key);
    Strings(texts);
  }

 private:
  // A comma before every value of a container but its first.
  void BeforeValue();
  void Open(char bracket);
  void Close(char bracket);
  void Escaped(std::string_view text);

  std::string& out_;
  std::vector<bool> has_value_;  // per open container: a value was written in it
  bool after_key_ = false;
};

// Appends `compact` (JSON as dump() writes it) laid out as dump(2) lays it
// out, with `margin` in front of every line after the first.
void AppendIndented(std::string& out, std::string_view compact, std::string_view margin);

}  // namespace eccn::cli
