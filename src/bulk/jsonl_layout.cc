#include "bulk/jsonl_layout.h"

#include <simdjson.h>

#include <eccn/rules.h>
#include "bulk/jsonl_bytes.h"

namespace eccn::bulk {
namespace {

constexpr size_t kMaxSteps = 512;
}  // namespace

bool ApplyCall(FastRecordBuilder& builder, const LayoutCall& call, std::string_view text) {
  switch (call.kind) {
    case LayoutCall::Kind::kSet:
      return builder.Set(call.field, text, nullptr);
    case LayoutCall::Kind::kSetRate:
      return builder.SetRate(builder.formats().formats[call.format], text, nullptr);
    case LayoutCall::Kind::kSetNullRate:
      return builder.SetRate(builder.formats().formats[call.format], "unknown", nullptr);
    case LayoutCall::Kind::kStartThroughput:
      return builder.StartThroughput();
    case LayoutCall::Kind::kStartDies:
      return builder.StartDies();
    case LayoutCall::Kind::kAddDie:
      return builder.AddDie(nullptr);
    case LayoutCall::Kind::kStartDescribedIn:
      return builder.StartDescribedIn();
    case LayoutCall::Kind::kAddDescribedIn:
      return builder.AddDescribedIn(text, nullptr);
    case LayoutCall::Kind::kAddSource:
      return builder.AddSource(text);
    case LayoutCall::Kind::kSkipString:
      return true;
  }
  return false;
}

void ScanLayout::AddLiteral(std::string_view bytes) {
  if (bytes.empty()) return;
  steps_.push_back(
      {Step::Kind::kLiteral, {}, static_cast<uint32_t>(literals_.size()), static_cast<uint32_t>(bytes.size())});
  literals_.append(bytes);
}

void ScanLayout::Learn(std::string_view line, const std::vector<LoggedCall>& calls, const FormatTable& formats) {
  Forget();
  steps_.clear();
  literals_.clear();
  if (line.size() > kMaxLineBytes) return;
  size_t done = 0;  // bytes of `line` the steps cover
  for (const LoggedCall& logged : calls) {
    const std::string_view text = logged.text;
    if (text.data() != nullptr) {
      // A value: a view into the line, after what is covered (else an unescaped copy).
      const auto address = reinterpret_cast<uintptr_t>(text.data());
      const auto begin = reinterpret_cast<uintptr_t>(line.data());
      if (address < begin + done || address + text.size() > begin + line.size()) return;
      const size_t at = address - begin;
      AddLiteral(line.substr(done, at - done));
      const bool quoted = at > 0 && line[at - 1] == '"';
      steps_.push_back({quoted ? Step::Kind::kString : Step::Kind::kDigits, {}, 0, 0});
      done = at + text.size();
    }
    steps_.push_back({Step::Kind::kCall, logged.call, 0, 0});
  }
  AddLiteral(line.substr(done));
  if (steps_.size() > kMaxSteps) return;
  literals_.append(kSameBytesBlock, '\0');
  formats_ = &formats;
}

ScanLayout::Replay ScanLayout::Read(std::string_view line, FastRecordBuilder& builder) const {
  if (&builder.formats() != formats_) return Replay::kMismatch;
  const char* at = line.data();
  const char* const end = line.data() + line.size();
  std::string_view value;
  for (const Step& step : steps_) {
    switch (step.kind) {
      case Step::Kind::kLiteral:
        if (static_cast<size_t>(end - at) < step.size || !SameBytes(at, literals_.data() + step.from, step.size)) {
          return Replay::kMismatch;
        }
        at += step.size;
        break;
      case Step::Kind::kString: {
        // As the scanner's strings, except that an escape is left to it.
        bool ascii = true;
        const char* stop = StringStop(at, end, ascii);
        if (stop >= end || *stop != '"') return Replay::kMismatch;
        value = {at, static_cast<size_t>(stop - at)};
        if (!ascii && !simdjson::validate_utf8(value.data(), value.size())) return Replay::kMismatch;
        at = stop;  // the closing quote starts the next literal
        break;
      }
      case Step::Kind::kDigits: {
        const char* begin = at;
        at = CountEnd(at, end);
        value = {begin, static_cast<size_t>(at - begin)};
        if (value.empty() || value.size() > kMaxCountDigits) return Replay::kMismatch;
        break;
      }
      case Step::Kind::kCall:
        if (!ApplyCall(builder, step.call, value)) return Replay::kRefused;
        value = {};
        break;
    }
  }
  return at == end ? Replay::kTaken : Replay::kMismatch;
}

}  // namespace eccn::bulk
