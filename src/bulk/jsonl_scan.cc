#include "bulk/jsonl_scan.h"

#include <simdjson.h>

#include <array>
#include <bitset>
#include <span>

#include <eccn/rules.h>
#include "bulk/json_escapes.h"
#include "bulk/jsonl_bytes.h"
#include "bulk/jsonl_layout.h"
#include "spec_fields.h"

namespace eccn::bulk {
namespace {

// Containers nested deeper than this under an unread key are left to the exact reader.
constexpr int kMaxSkipDepth = 32;
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

template <size_t N>
consteval std::array<QuotedKey, N> QuotedKeys(const std::array<std::string_view, N>& keys) {
  std::array<QuotedKey, N> quoted{};
  for (size_t i = 0; i < N; ++i) quoted[i] = QuoteKey(keys[i]);
  return quoted;
}

// Walks one record as the exact reader does (jsonl_record.cc): the same keys,
// the same builder calls in the same order. Every step returns
// false to give up. Positions are checked against end_; reads past it, into
// the padding, only look for a string's end or compare a remembered key, 16
// bytes at a time.
class Scanner {
 public:
  // With `calls`, notes there each call made to the builder.
  Scanner(std::string_view line, FastRecordBuilder& builder, std::string& scratch, ScanMemo& memo,
          std::vector<LoggedCall>* calls)
      : line_begin_(line.data()),
        at_(line.data()),
        end_(line.data() + line.size()),
        builder_(builder),
        scratch_(scratch),
        memo_(memo),
        calls_(calls) {
    scratch_.clear();
  }

  bool Record() {
    SkipSpace();
    if (!Consume('{') || !KnownMembers<kSpecKeys>([this](size_t index) { return TopLevel(index); })) return false;
    SkipSpace();
    return at_ == end_;
  }

 private:
  char Peek() const { return at_ < end_ ? *at_ : '\0'; }
  void SkipSpace() {
    while (at_ < end_ && IsSpace(*at_)) ++at_;
  }
  bool Consume(char c) {
    if (Peek() != c) return false;
    ++at_;
    return true;
  }
  // A scalar ends at a structural character, a space or the end of the line.
  bool AtScalarEnd() const {
    const char c = Peek();
    return c == '\0' || c == ',' || c == '}' || c == ']' || IsSpace(c);
  }
  bool Literal(std::string_view word) {
    if (static_cast<size_t>(end_ - at_) < word.size() || std::string_view(at_, word.size()) != word) return false;
    at_ += word.size();
    return AtScalarEnd();
  }
  bool Null() { return Literal("null"); }

  // The builder's answer to `call` with `text`, noted when calls_ are.
  bool Send(LayoutCall call, std::string_view text = {}) {
    if (calls_ != nullptr) calls_->push_back({call, text});
    return ApplyCall(builder_, call, text);
  }

  // A string's content: in place, or unescaped into scratch_.
  bool String(std::string_view& text) {
    if (!Consume('"')) return false;
    const char* begin = at_;
    bool ascii = true;
    const char* close = StringStop(begin, end_, ascii);
    if (close < end_ && *close == '\\') return Unescaped(begin, close, text);
    if (close >= end_ || *close != '"') return false;  // unterminated, or a control character
    text = {begin, static_cast<size_t>(close - begin)};
    if (!ascii && !simdjson::validate_utf8(text.data(), text.size())) return false;
    at_ = close + 1;
    return true;
  }

  // The rest of a string from its first escape at `at`, unescaped into
  // scratch_ after [begin, at). A record's unescaped strings are no longer
  // than the record, so scratch_, reserved to that at the first, never moves
  // and earlier views into it stay valid.
  bool Unescaped(const char* begin, const char* at, std::string_view& text) {
    if (scratch_.empty()) scratch_.reserve(static_cast<size_t>(end_ - line_begin_));
    const size_t start = scratch_.size();
    scratch_.append(begin, at);
    const char* close = AppendUnescaped(at, end_, scratch_);
    if (close == nullptr) return false;
    text = {scratch_.data() + start, scratch_.size() - start};
    if (!simdjson::validate_utf8(text.data(), text.size())) return false;  // raw bytes between the escapes
    at_ = close + 1;
    return true;
  }

  // Calls member() with at_ on each member's key; it reads the key and the value. After '{'.
  template <class Member>
  bool EachMember(Member member) {
    SkipSpace();
    if (Consume('}')) return true;
    while (true) {
      if (!member()) return false;
      SkipSpace();
      if (!Consume(',')) return Consume('}');
      SkipSpace();
    }
  }

  // A member's key and its colon, leaving at_ on the value.
  bool Key(std::string_view& key) {
    if (!String(key)) return false;
    SkipSpace();
    if (!Consume(':')) return false;
    SkipSpace();
    return true;
  }

  // Calls member(key) with at_ on each member's value, which it must read; after '{'.
  template <class Member>
  bool Members(Member member) {
    return EachMember([&] {
      std::string_view key;
      return Key(key) && member(key);
    });
  }

  // Calls item() with at_ on each item, which it must read; after '['.
  template <class Item>
  bool Items(Item item) {
    SkipSpace();
    if (Consume(']')) return true;
    while (true) {
      if (!item()) return false;
      SkipSpace();
      if (!Consume(',')) return Consume(']');
      SkipSpace();
    }
  }

  // visit(index) for each member whose key lookup(key) finds (an index below
  // `count`), the memo's guess among `quoted` tried first; extensions (x-...)
  // lookup does not find are read and skipped; other unknown keys, and
  // repeated ones, give up. After '{'.
  template <class Lookup, class Visit>
  bool IndexedMembers(std::span<const QuotedKey> quoted, size_t count, Lookup lookup, Visit visit) {
    std::bitset<64> seen;  // by index; a larger index (a format table that long) is not checked
    return EachMember([&] {
      const size_t position = member_++;
      size_t index = 0;
      if (!TakeRemembered(position, quoted, index)) {
        std::string_view key;
        if (!Key(key)) return false;
        index = lookup(key);
        if (index == count) return key.starts_with("x-") && Skip(0);
        Remember(position, index);
      }
      if (index < seen.size()) {
        if (seen[index]) return false;
        seen[index] = true;
      }
      return visit(index);
    });
  }

  // visit(index in kKeys) for each member; see IndexedMembers.
  template <const auto& kKeys, class Visit>
  bool KnownMembers(Visit visit) {
    static_assert(kKeys.size() <= 64, "IndexedMembers checks repeats of 64 keys");
    static constexpr std::array<QuotedKey, kKeys.size()> kQuoted = QuotedKeys(kKeys);
    return IndexedMembers(
        kQuoted, kKeys.size(), [](std::string_view key) { return KeyIndex<kKeys>(key); }, visit);
  }

  // When the key the memo holds for this member position, among `quoted`, is
  // written here as "key":, reads it with its colon (what Key() would read
  // then) and gives its index; else false, at_ unmoved.
  bool TakeRemembered(size_t position, std::span<const QuotedKey> quoted, size_t& index) {
    if (position >= memo_.keys.size() || memo_.keys[position] == 0 || memo_.keys[position] > quoted.size()) {
      return false;
    }
    index = memo_.keys[position] - 1U;
    const QuotedKey& key = quoted[index];
    // The 16 bytes read may run into the padding, but a match must end within the line.
    if (key.size == 0 || static_cast<size_t>(end_ - at_) < key.size || !SameBytes(at_, key.bytes.data(), key.size))
      return false;
    at_ += key.size;
    SkipSpace();
    ++memo_.hits;
    return true;
  }

  void Remember(size_t position, size_t index) {
    constexpr size_t kMaxIndex = 254;  // held plus 1 in a byte
    if (position < memo_.keys.size() && index <= kMaxIndex) memo_.keys[position] = static_cast<uint8_t>(index + 1);
  }

  // A JSON number, as RFC 8259 writes it.
  bool Number() {
    Consume('-');
    if (!Consume('0')) {
      if (!IsAsciiDigit(Peek())) return false;
      while (IsAsciiDigit(Peek())) ++at_;
    }
    if (Consume('.')) {
      if (!IsAsciiDigit(Peek())) return false;
      while (IsAsciiDigit(Peek())) ++at_;
    }
    if (Consume('e') || Consume('E')) {
      if (!Consume('+')) Consume('-');
      if (!IsAsciiDigit(Peek())) return false;
      while (IsAsciiDigit(Peek())) ++at_;
    }
    return AtScalarEnd();
  }

  // Any value, read and dropped (notes, extensions).
  bool Skip(int depth) {
    switch (Peek()) {
      case '"': {
        std::string_view text;
        return String(text) && Send({LayoutCall::Kind::kSkipString}, text);  // a value the layout leaves open
      }
      case '{':
        ++at_;
        return depth < kMaxSkipDepth && Members([&](std::string_view) { return Skip(depth + 1); });
      case '[':
        ++at_;
        return depth < kMaxSkipDepth && Items([&] { return Skip(depth + 1); });
      case 't':
        return Literal("true");
      case 'f':
        return Literal("false");
      case 'n':
        return Null();
      default:
        return Number();
    }
  }

  // A scalar field: text, or absent for null; a die's count may be a plain integer.
  bool Field(SpecField field) {
    const char c = Peek();
    if (c == 'n') return Null();
    std::string_view text;
    if (c == '"') return String(text) && Send({LayoutCall::Kind::kSet, field}, text);
    if (field != SpecField::kDieCount || !IsAsciiDigit(c)) return false;
    const char* begin = at_;
    at_ = CountEnd(at_, end_);
    text = {begin, static_cast<size_t>(at_ - begin)};
    return text.size() <= kMaxCountDigits && AtScalarEnd() && Send({LayoutCall::Kind::kSet, field}, text);
  }

  // An object section whose fields[i] is the field of keys[i]; null is absent.
  template <const auto& kKeys, size_t N>
  bool Section(const std::array<SpecField, N>& fields) {
    if (Peek() == 'n') return Null();
    return Consume('{') && KnownMembers<kKeys>([&](size_t index) { return Field(fields[index]); });
  }

  bool Throughput() {
    if (Peek() == 'n') return Null();
    if (!Consume('{') || !Send({LayoutCall::Kind::kStartThroughput})) return false;
    const std::vector<OperandFormat>& formats = builder_.formats().formats;
    const auto lookup = [&](std::string_view key) {  // the memo missed: rare
      const OperandFormat* format = key.starts_with("x-") ? nullptr : builder_.formats().Find(key);
      return format == nullptr ? formats.size() : static_cast<size_t>(format - formats.data());
    };
    return IndexedMembers(builder_.quoted_formats(), formats.size(), lookup, [&](size_t index) {
      if (Peek() == 'n') return Null() && Send(LayoutCall::Rate(LayoutCall::Kind::kSetNullRate, index));
      std::string_view text;
      return String(text) && Send(LayoutCall::Rate(LayoutCall::Kind::kSetRate, index), text);
    });
  }

  bool Dies() {
    if (Peek() == 'n') return Null();
    if (!Consume('[') || !Send({LayoutCall::Kind::kStartDies})) return false;
    return Items([this] {
      if (Peek() == 'n') return Null();
      return Consume('{') && Send({LayoutCall::Kind::kAddDie}) &&
             KnownMembers<kDieKeys>([this](size_t index) { return Field(kDieFields[index]); });
    });
  }

  // Each string of a list (nulls skipped), or one string when `allow_one`.
  template <class Add>
  bool Strings(bool allow_one, Add add) {
    std::string_view text;
    if (Peek() == 'n') return Null();
    if (allow_one && Peek() == '"') return String(text) && add(text);
    return Consume('[') && Items([&] {
             if (Peek() == 'n') return Null();
             return String(text) && add(text);
           });
  }

  bool TopLevel(size_t index) {
    if (index < kSpecScalarFields.size()) return Field(kSpecScalarFields[index]);
    switch (index) {
      case kThroughputKey:
        return Throughput();
      case kDiesKey:
        return Dies();
      case kMemoryKey:
        return Section<kMemoryKeys>(kMemoryFields);
      case kInterconnectKey:
        return Section<kInterconnectKeys>(kInterconnectFields);
      case kPackageKey:
        return Section<kPackageKeys>(kPackageFields);
      case kDescribedInKey:
        if (Peek() != 'n' && !Send({LayoutCall::Kind::kStartDescribedIn})) return false;
        return Strings(false,
                       [this](std::string_view text) { return Send({LayoutCall::Kind::kAddDescribedIn}, text); });
      case kSourcesKey:
        return Strings(true, [this](std::string_view text) { return Send({LayoutCall::Kind::kAddSource}, text); });
      default:
        return Skip(0);  // notes: free text, not read
    }
  }

  const char* line_begin_;
  const char* at_;
  const char* end_;
  FastRecordBuilder& builder_;
  std::string& scratch_;
  ScanMemo& memo_;
  std::vector<LoggedCall>* calls_;
  size_t member_ = 0;  // members of known objects met so far, the memo's position
};

}  // namespace

bool ScanRecord(std::string_view line, FastRecordBuilder& builder, std::string& scratch, ScanMemo& memo) {
  bool tried = false;
  if (memo.rest > 0) {
    --memo.rest;
  } else {
    static_assert(std::tuple_size_v<decltype(memo.layouts)> == 2, "lead compares the first layout with the second");
    for (size_t i = 0; i < memo.layouts.size() && memo.layouts[i].learnt(); ++i) {
      switch (memo.layouts[i].Read(line, builder)) {
        case ScanLayout::Replay::kTaken: {
          ++memo.replayed;
          memo.mismatches = 0;
          constexpr int32_t kMaxLead = 16;
          memo.lead = i == 0 ? std::min(memo.lead + 1, kMaxLead) : memo.lead - 1;
          if (memo.lead < 0) {  // the second fits more records of late: it is tried first
            std::swap(memo.layouts[0], memo.layouts[1]);
            memo.lead = 1;
          }
          return true;
        }
        case ScanLayout::Replay::kRefused:
          return false;  // as the scanner would, at the same call
        case ScanLayout::Replay::kMismatch:
          builder.Reset();
          tried = true;
          break;
      }
    }
  }
  // The scanner reads the record, and its layout takes the place of the one
  // tried last. Records in a row that fit none (a catalog without a shared
  // layout) are scanned for longer and longer before the layouts are tried,
  // or learnt, again.
  if (tried && ++memo.mismatches >= 2) {
    constexpr uint32_t kMaxRest = 1023;
    memo.rest = std::min(kMaxRest, (uint32_t{1} << std::min(memo.mismatches, 10U)) - 1);
  }
  const size_t slot = memo.layouts[0].learnt() ? 1 : 0;
  const bool learn = memo.rest == 0 && line.size() <= ScanLayout::kMaxLineBytes;
  memo.calls.clear();
  if (!Scanner(line, builder, scratch, memo, learn ? &memo.calls : nullptr).Record()) return false;
  if (learn) memo.layouts[slot].Learn(line, memo.calls, builder.formats());
  return true;
}

}  // namespace eccn::bulk
