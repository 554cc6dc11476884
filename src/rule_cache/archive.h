// A small binary archive for the rule cache: each struct lists its fields
// once (a `Fields(archive, object)` overload), and the same list serves
// writing and reading, so the two cannot drift apart.
//
// Numbers are little-endian fixed width, strings and vectors carry a 32-bit
// count, exact rationals travel as their decimal text. The reader checks
// every count against the bytes left, so a damaged file fails to read
// instead of allocating wildly or reading past its end.
#pragma once

#include <array>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <eccn/number.h>

namespace eccn::rule_cache {

// T is U, maybe const: lets one Fields overload serve the writer (const
// objects) and the reader (objects to fill).
template <class T, class U>
concept Of = std::same_as<std::remove_const_t<T>, U>;

// The path of a rules file, kept relative to the rules directory (the
// archive's root) when it lies inside it, so that an entry stays right when
// the directory moves: installed under DESTDIR, then used at its prefix.
template <class Text>
struct RulePath {
  Text& text;
};
template <class Text>
RulePath<Text> PathIn(Text& text) {
  return {text};
}

// Paths inside a rules directory, as text: "root/us/x.yaml" is "us/x.yaml"
// relative to "root" (or "root/"). An empty root has nothing inside it.
class RulesRoot {
 public:
  explicit RulesRoot(std::string_view root) {
    while (root.size() > 1 && root.back() == '/') root.remove_suffix(1);
    if (!root.empty() && root != "/") prefix_ = std::string(root) + "/";
  }

  // The part of `path` after the root, or nullopt if `path` is not inside it.
  std::optional<std::string_view> Relative(std::string_view path) const {
    if (prefix_.empty() || !path.starts_with(prefix_)) return std::nullopt;
    return path.substr(prefix_.size());
  }
  // "root/" + relative, or nullopt without a root.
  std::optional<std::string> Inside(std::string_view relative) const {
    if (prefix_.empty()) return std::nullopt;
    return prefix_ + std::string(relative);
  }

 private:
  std::string prefix_;
};

class Writer {
 public:
  explicit Writer(std::string_view root = {}) : root_(root) {}

  template <class... T>
  void operator()(const T&... values) {
    (Put(values), ...);
  }

  const std::string& bytes() const { return bytes_; }

 private:
  template <class T>
  requires std::is_arithmetic_v<T> || std::is_enum_v<T>
  void Put(T value) {
    if constexpr (std::is_same_v<T, bool>) {
      PutRaw(static_cast<uint8_t>(value ? 1 : 0));
    } else if constexpr (std::is_enum_v<T>) {
      PutRaw(static_cast<std::underlying_type_t<T>>(value));
    } else {
      PutRaw(value);
    }
  }
  void Put(const std::string& text) {
    PutRaw(static_cast<uint32_t>(text.size()));
    bytes_.append(text);
  }
  void Put(const Number& value) { Put(value.str()); }
  void Put(const RulePath<const std::string>& path) {
    const std::optional<std::string_view> relative = root_.Relative(path.text);
    Put(relative.has_value());
    Put(relative ? std::string(*relative) : path.text);
  }
  template <class T>
  void Put(const std::vector<T>& items) {
    PutRaw(static_cast<uint32_t>(items.size()));
    for (const T& item : items) Put(item);
  }
  template <class T>
  void Put(const std::optional<T>& value) {
    Put(value.has_value());
    if (value) Put(*value);
  }
  template <class T>
  requires std::is_class_v<T>
  void Put(const T& object) { Fields(*this, object); }
  template <class T>
  void PutRaw(T value) {
    std::array<char, sizeof(T)> raw{};
    std::memcpy(raw.data(), &value, sizeof(T));
    bytes_.append(raw.data(), sizeof(T));
  }

  RulesRoot root_;
  std::string bytes_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes, std::string_view root = {}) : bytes_(bytes), root_(root) {}

  template <class... T>
  void operator()(T&&... values) {
    (Get(values), ...);
  }

  // Every read succeeded and every byte was read.
  bool ok() const { return ok_ && bytes_.empty(); }

 private:
  template <class T>
  requires std::is_arithmetic_v<T> || std::is_enum_v<T>
  void Get(T& value) {
    if constexpr (std::is_same_v<T, bool>) {
      const auto raw = GetRaw<uint8_t>();
      if (raw > 1) ok_ = false;
      value = raw == 1;
    } else if constexpr (std::is_enum_v<T>) {
      value = static_cast<T>(GetRaw<std::underlying_type_t<T>>());
    } else {
      value = GetRaw<T>();
    }
  }
  void Get(std::string& text) {
    const auto size = GetRaw<uint32_t>();
    if (size > bytes_.size()) return Fail();
    text.assign(bytes_.data(), size);
    bytes_.remove_prefix(size);
  }
  void Get(Number& value) {
    std::string text;
    Get(text);
    if (!ok_) return;
    // Only what Number::str() writes: digits, an optional '-' and one '/'.
    if (text.empty() || text.find_first_not_of("-/0123456789") != std::string::npos) return Fail();
    try {
      value = Number(text);
    } catch (const std::exception&) {  // out of range for 256 bits, or malformed
      Fail();
    }
  }
  // As the writer puts it: one form per path, so that a read entry writes back the same bytes.
  void Get(RulePath<std::string>& path) {
    bool inside = false;
    Get(inside);
    Get(path.text);
    if (!ok_) return;
    if (!inside) {
      if (root_.Relative(path.text)) Fail();
      return;
    }
    std::optional<std::string> full = root_.Inside(path.text);
    if (!full) return Fail();
    path.text = std::move(*full);
  }
  template <class T>
  void Get(std::vector<T>& items) {
    const auto count = GetRaw<uint32_t>();
    // Every item takes at least one byte: a count beyond the bytes left is damage.
    if (count > bytes_.size()) return Fail();
    items.clear();
    items.resize(count);
    for (T& item : items) {
      if (!ok_) return;
      Get(item);
    }
  }
  template <class T>
  void Get(std::optional<T>& value) {
    bool present = false;
    Get(present);
    value.reset();
    if (!present || !ok_) return;
    Get(value.emplace());
  }
  template <class T>
  requires std::is_class_v<T>
  void Get(T& object) {
    if (ok_) Fields(*this, object);
  }
  template <class T>
  T GetRaw() {
    T value{};
    if (!ok_ || bytes_.size() < sizeof(T)) {
      Fail();
      return value;
    }
    std::memcpy(&value, bytes_.data(), sizeof(T));
    bytes_.remove_prefix(sizeof(T));
    return value;
  }
  void Fail() {
    ok_ = false;
    bytes_ = {};
  }

  std::string_view bytes_;
  RulesRoot root_;
  bool ok_ = true;
};

}  // namespace eccn::rule_cache
