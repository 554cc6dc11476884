// Adversarial inputs, data-driven. Every directory under tests/adversarial/ is
// one case: one input (a chip spec `spec.yaml`, or a rules directory `rules/`)
// and `expected.txt`, the exact outcome a careful user should get (format in
// tests/adversarial/README.md). Each run happens in a child process, so a crash
// or a hang fails its case with a clear message instead of ending the suite.
// Set ECCN_UPDATE_GOLDEN=1 to rewrite the expected files (never those marked
// `# bug:`), then review every change by eye: an expected file records what the
// tool should do, not merely what it does today.
#include <gtest/gtest.h>
#include <signal.h>  // NOLINT(modernize-deprecated-headers): POSIX kill(), not in <csignal>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/cli.h"

namespace eccn::cli {
namespace {

namespace fs = std::filesystem;

// Paths are relative to the repository root, the working directory of every test.
constexpr std::string_view kCasesDir = "tests/adversarial";
// Fixed rules and date, so that outcomes do not change with the day.
// The 3A090 pack alone: these cases are about hostile input, and their expected
// verdicts follow the 3A090 thresholds without the AT-only or dated packs.
constexpr std::string_view kRulesDir = "rules/us/ear-3a090-2023.yaml";
constexpr std::string_view kAsOf = "2026-11-28";
// docs/spec-format.md: "Files over 4 MiB are refused."
constexpr size_t kInputLimitBytes = size_t{4} * 1024 * 1024;
// Every case takes well under a second; one still running after this has hung.
// (ctest stops any test after 120 s.)
constexpr std::chrono::seconds kTimeout{60};

// The markers of expected.txt.
constexpr std::string_view kBugPrefix = "# bug:";
constexpr std::string_view kNotePrefix = "# note:";
constexpr std::string_view kVerdictPrefix = "verdict: ";
constexpr std::string_view kStdoutPrefix = "stdout: ";

// ---------------------------------------------------------------------------
// Files and processes.

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

// The lines of `text`, without their '\n' (a '\r' is kept, so it shows up in a
// comparison) and without the empty piece after a final '\n'.
std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    lines.emplace_back(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return lines;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

bool UpdateGolden() {
  const char* update = std::getenv("ECCN_UPDATE_GOLDEN");
  return update != nullptr && std::string_view(update) == "1";
}

// A fresh directory under the system's temporary directory, removed with its
// contents when this goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::string name = (fs::temp_directory_path() / "eccn-adversarial-XXXXXX").string();
    if (mkdtemp(name.data()) == nullptr) throw std::runtime_error("mkdtemp failed: " + name);
    path_ = name;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }

  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// What one run of the CLI gave.
struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
  std::string failure;  // why the run did not finish normally (a crash or a hang); empty if it did

  bool finished() const { return failure.empty(); }
};

// Runs `eccn args...` in-process in a forked child, which hands back its exit
// code, stdout and stderr through files, so that a crash, a sanitizer report
// or a hang (still running after kTimeout) ends only the child.
Outcome RunCli(const std::vector<std::string>& args) {
  const TempDir scratch;
  const fs::path code_file = scratch.path() / "code";
  const fs::path out_file = scratch.path() / "stdout";
  const fs::path err_file = scratch.path() / "stderr";
  Outcome outcome;
  std::fflush(nullptr);  // so the child does not print the parent's buffered output again
  const pid_t child = fork();
  if (child < 0) {
    outcome.failure = std::string("fork failed: ") + std::strerror(errno);
    return outcome;
  }
  if (child == 0) {
    std::vector<const char*> argv{"eccn"};
    for (const std::string& arg : args) argv.push_back(arg.c_str());
    std::ostringstream out;
    std::ostringstream err;
    const int code = Run(static_cast<int>(argv.size()), argv.data(), out, err);
    WriteFile(out_file, out.str());
    WriteFile(err_file, err.str());
    WriteFile(code_file, std::to_string(code));  // written last: the run finished
    _exit(0);
  }
  const auto deadline = std::chrono::steady_clock::now() + kTimeout;
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(child, &status, WNOHANG);
    if (done == child) break;
    if (done < 0) {
      outcome.failure = std::string("waitpid failed: ") + std::strerror(errno);
      return outcome;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      kill(child, SIGKILL);
      waitpid(child, &status, 0);
      outcome.failure = "the run did not finish within " + std::to_string(kTimeout.count()) + " s (a hang)";
      return outcome;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (WIFSIGNALED(status)) {
    const int signal_number = WTERMSIG(status);
    outcome.failure =
        "the run crashed with signal " + std::to_string(signal_number) + " (" + strsignal(signal_number) + ")";
    return outcome;
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !fs::exists(code_file)) {
    outcome.failure = "the run did not finish normally (exit status " + std::to_string(WEXITSTATUS(status)) +
                      "); a sanitizer report, if any, is printed above";
    return outcome;
  }
  const std::string code = ReadFile(code_file);
  std::from_chars(code.data(), code.data() + code.size(), outcome.code);
  outcome.out = ReadFile(out_file);
  outcome.err = ReadFile(err_file);
  return outcome;
}

std::vector<std::string> ClassifyJsonArgs(const std::string& spec_path, std::string_view rules_dir = kRulesDir) {
  return {"classify", spec_path, "--rules", std::string(rules_dir), "--as-of", std::string(kAsOf), "--format", "json"};
}

// The one chip of a `classify --format json` document, without its file name
// (which differs between copies of one spec); null if the document is not that.
nlohmann::json ChipWithoutFile(const std::string& json_text) {
  nlohmann::json document = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.contains("chips") || !document["chips"].is_array() ||
      document["chips"].size() != 1) {
    return nullptr;
  }
  nlohmann::json chip = document["chips"][0];
  chip.erase("file");
  return chip;
}

// ---------------------------------------------------------------------------
// Cases and their expected files.

enum class InputKind { kSpec, kRules };

struct Case {
  std::string name;
  InputKind kind = InputKind::kSpec;
  std::string input;  // relative to the repository root
};

// The names of the case directories, sorted.
std::vector<std::string> ListCases() {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(fs::path(ECCN_SOURCE_DIR) / kCasesDir, error)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// A test name may hold only letters, digits and '_'.
std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

// The outcome a case expects, or an outcome observed in the same shape.
struct Expectation {
  std::string bug;                 // why the case is skipped: it shows a known bug
  int code = -1;                   // the exit code
  std::string verdict;             // chips[0].verdict of a spec that loaded
  std::vector<std::string> out;    // stdout of `rules check`, when it passed
  std::vector<std::string> err;    // stderr, line by line
  std::vector<std::string> notes;  // "# note:" lines, kept when the file is rewritten
};

// expected.txt: the exit code, then "verdict: ..." and "stdout: ..." lines and
// every stderr line. Lines starting with '#' are comments; a first line
// "# bug: <reason>" marks a case that shows a known bug.
Expectation ParseExpectation(const std::string& text) {
  Expectation expectation;
  bool have_code = false;
  const std::vector<std::string> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (i == 0 && line.starts_with(kBugPrefix)) expectation.bug = line.substr(kBugPrefix.size());
    if (line.starts_with(kNotePrefix)) expectation.notes.push_back(line);
    if (line.starts_with('#')) continue;
    if (!have_code) {
      have_code = true;
      const auto [end, error] = std::from_chars(line.data(), line.data() + line.size(), expectation.code);
      if (error != std::errc() || end != line.data() + line.size()) expectation.code = -1;
    } else if (line.starts_with(kVerdictPrefix)) {
      expectation.verdict = line.substr(kVerdictPrefix.size());
    } else if (line.starts_with(kStdoutPrefix)) {
      expectation.out.push_back(line.substr(kStdoutPrefix.size()));
    } else {
      expectation.err.push_back(line);
    }
  }
  return expectation;
}

std::string RenderExpectation(const Expectation& expectation) {
  std::string text = std::to_string(expectation.code) + "\n";
  if (!expectation.verdict.empty()) text += std::string(kVerdictPrefix) + expectation.verdict + "\n";
  for (const std::string& line : expectation.out) text += std::string(kStdoutPrefix) + line + "\n";
  text += JoinLines(expectation.err);
  text += JoinLines(expectation.notes);
  return text;
}

bool SameOutcome(const Expectation& a, const Expectation& b) {
  return a.code == b.code && a.verdict == b.verdict && a.out == b.out && a.err == b.err;
}

// What a run of `c` showed, in the shape of expected.txt.
Expectation Observe(const Case& c, const Outcome& outcome) {
  Expectation observed;
  observed.code = outcome.code;
  observed.err = SplitLines(outcome.err);
  if (outcome.code < kUsage) {
    if (c.kind == InputKind::kSpec) {
      const nlohmann::json chip = ChipWithoutFile(outcome.out);
      observed.verdict = chip.is_object() && chip.contains("verdict") && chip["verdict"].is_string()
                             ? chip["verdict"].get<std::string>()
                             : "<stdout is not a JSON document with one chip>";
    } else {
      observed.out = SplitLines(outcome.out);
    }
  }
  return observed;
}

// What must hold for every case, whatever its expected file says.
void ExpectWellDefinedEnd(const Case& c, const Outcome& outcome) {
  // A verdict (0, 1, 2) or an input error (65, 66): never a usage error, an
  // internal error or anything else.
  const std::vector<int> allowed{kNotControlled, kControlled, kIndeterminate, kDataError, kNoInput};
  EXPECT_NE(std::find(allowed.begin(), allowed.end(), outcome.code), allowed.end())
      << "exit code " << outcome.code << " is neither a verdict nor an input error; stderr:\n"
      << outcome.err;
  if (outcome.code >= kUsage) {
    EXPECT_EQ(outcome.out, "") << "nothing may be written to stdout when an input is bad";
  }
  // Every diagnostic points into the case's input at file:line:column.
  static const std::regex kPositioned("[^:]*:[1-9][0-9]*:[1-9][0-9]*: (error|warning): \\S.*");
  const std::string prefix = std::string(kCasesDir) + "/" + c.name + "/";
  for (const std::string& line : SplitLines(outcome.err)) {
    EXPECT_TRUE(line.starts_with(prefix) && std::regex_match(line.substr(prefix.size()), kPositioned))
        << "not a positioned diagnostic for this case's input: " << line;
  }
  if (c.kind == InputKind::kSpec && outcome.code < kUsage) {
    const nlohmann::json chip = ChipWithoutFile(outcome.out);
    ASSERT_TRUE(chip.is_object()) << "stdout is not a JSON document with one chip:\n" << outcome.out;
    const std::string verdict = chip.value("verdict", "");
    const int code_for_verdict = verdict == "controlled"       ? kControlled
                                 : verdict == "indeterminate"  ? kIndeterminate
                                 : verdict == "not_controlled" ? kNotControlled
                                                               : -1;
    EXPECT_EQ(outcome.code, code_for_verdict) << "the exit code does not match the verdict '" << verdict << "'";
  }
}

// ---------------------------------------------------------------------------
// Tests.

class AdversarialTest : public ::testing::Test {
 protected:
  // ctest runs from the repository root; a manual run may not.
  void SetUp() override { fs::current_path(ECCN_SOURCE_DIR); }
};

class AdversarialCase : public AdversarialTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(AdversarialCase, EndsInTheExpectedVerdictOrPreciseError) {
  Case c{GetParam(), InputKind::kSpec, ""};
  const fs::path dir = fs::path(kCasesDir) / c.name;
  const bool has_spec = fs::is_regular_file(dir / "spec.yaml");
  const bool has_rules = fs::is_directory(dir / "rules");
  ASSERT_NE(has_spec, has_rules) << dir << " must hold exactly one input: spec.yaml or rules/";
  c.kind = has_spec ? InputKind::kSpec : InputKind::kRules;
  c.input = (dir / (has_spec ? "spec.yaml" : "rules")).string();
  const fs::path expected_file = dir / "expected.txt";
  ASSERT_TRUE(fs::is_regular_file(expected_file) || UpdateGolden()) << "missing " << expected_file;
  const Expectation expected = ParseExpectation(ReadFile(expected_file));

  const Outcome outcome = RunCli(c.kind == InputKind::kSpec ? ClassifyJsonArgs(c.input)
                                                            : std::vector<std::string>{"rules", "check", c.input});
  if (!expected.bug.empty()) {
    // The run is isolated, so even a crash is safe to try: a fixed bug is reported.
    if (outcome.finished() && SameOutcome(Observe(c, outcome), expected)) {
      FAIL() << "this bug is fixed: remove the '# bug:' line from " << expected_file;
    }
    GTEST_SKIP() << "known bug:" << expected.bug;
  }
  ASSERT_TRUE(outcome.finished()) << c.input << ": " << outcome.failure;
  ExpectWellDefinedEnd(c, outcome);

  Expectation observed = Observe(c, outcome);
  if (UpdateGolden()) {
    observed.notes = expected.notes;
    WriteFile(expected_file, RenderExpectation(observed));
    return;
  }
  EXPECT_EQ(observed.code, expected.code) << "exit code; stderr:\n" << outcome.err;
  EXPECT_EQ(observed.verdict, expected.verdict) << "verdict";
  EXPECT_EQ(JoinLines(observed.out), JoinLines(expected.out)) << "stdout";
  EXPECT_EQ(JoinLines(observed.err), JoinLines(expected.err)) << "stderr (ECCN_UPDATE_GOLDEN=1 rewrites it)";
}

INSTANTIATE_TEST_SUITE_P(Cases, AdversarialCase, ::testing::ValuesIn(ListCases()), TestName);

// A valid spec of exactly `size` bytes: a chip whose free-form notes fill the rest.
std::string SpecOfSize(size_t size) {
  std::string text =
      "name: Padded Chip\nkind: accelerator\nmarketed_for: datacenter\nthroughput:\n  fp16: 148 TFLOPS\n"
      "dies:\n  - {name: GH100, area: 814 mm2, transistors: finfet, role: logic, count: 1}\nnotes: |\n";
  const std::string line = "  " + std::string(77, 'x') + "\n";
  while (size - text.size() >= 2 * line.size()) text += line;
  text += "  " + std::string(size - text.size() - 3, 'x') + "\n";
  return text;
}

TEST_F(AdversarialTest, FileOverTheSizeLimitIsRefusedUnread) {
  const TempDir dir;
  const std::string path = (dir.path() / "big.yaml").string();
  WriteFile(path, SpecOfSize(kInputLimitBytes + 1));
  ASSERT_EQ(fs::file_size(path), kInputLimitBytes + 1);
  const Outcome outcome = RunCli(ClassifyJsonArgs(path));
  ASSERT_TRUE(outcome.finished()) << outcome.failure;
  EXPECT_EQ(outcome.code, kDataError);
  EXPECT_EQ(outcome.out, "");
  EXPECT_EQ(outcome.err, path + ": error: file is larger than the limit of 4194304 bytes\n");
}

TEST_F(AdversarialTest, FileAtTheSizeLimitLoads) {
  const TempDir dir;
  const std::string path = (dir.path() / "limit.yaml").string();
  WriteFile(path, SpecOfSize(kInputLimitBytes));
  ASSERT_EQ(fs::file_size(path), kInputLimitBytes);
  const Outcome outcome = RunCli(ClassifyJsonArgs(path));
  ASSERT_TRUE(outcome.finished()) << outcome.failure;
  EXPECT_EQ(outcome.code, kNotControlled) << outcome.err;
  EXPECT_EQ(outcome.err, "");
  const nlohmann::json chip = ChipWithoutFile(outcome.out);
  ASSERT_TRUE(chip.is_object()) << outcome.out;
  EXPECT_EQ(chip.at("verdict"), "not_controlled");
}

// Runs the spec of case `name` and a copy of it changed by `plain` (which must
// change it), and expects the very same result for both.
template <class Plain>
void ExpectSameResultAsPlainCopy(const std::string& name, Plain plain) {
  const std::string path = std::string(kCasesDir) + "/" + name + "/spec.yaml";
  const std::string original = ReadFile(path);
  const std::string copy = plain(original);
  ASSERT_NE(copy, original) << path << " no longer holds what the case is about (check .gitattributes)";
  const TempDir dir;
  const std::string copy_path = (dir.path() / "plain.yaml").string();
  WriteFile(copy_path, copy);
  const Outcome adversarial = RunCli(ClassifyJsonArgs(path));
  const Outcome reference = RunCli(ClassifyJsonArgs(copy_path));
  ASSERT_TRUE(adversarial.finished()) << adversarial.failure;
  ASSERT_TRUE(reference.finished()) << reference.failure;
  EXPECT_EQ(reference.code, kNotControlled) << reference.err;
  EXPECT_EQ(adversarial.code, reference.code) << adversarial.err;
  EXPECT_EQ(adversarial.err, reference.err);
  const nlohmann::json chip = ChipWithoutFile(adversarial.out);
  ASSERT_TRUE(chip.is_object());
  EXPECT_EQ(chip, ChipWithoutFile(reference.out));
}

TEST_F(AdversarialTest, CrlfLineEndingsGiveTheSameResultAsLf) {
  ExpectSameResultAsPlainCopy("crlf-line-endings", [](std::string text) {
    text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
    return text;
  });
}

TEST_F(AdversarialTest, ByteOrderMarkGivesTheSameResultAsNone) {
  ExpectSameResultAsPlainCopy(
      "utf8-bom", [](const std::string& text) { return text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text; });
}

// The rules of case rules-divide-by-zero-metric divide by the area of memory
// dies. For a chip without any, that metric is unknown (division by zero), so
// an entry that needs it is indeterminate: no crash, no guess.
TEST_F(AdversarialTest, MetricDividingByZeroIsUnknown) {
  const TempDir dir;
  const std::string path = (dir.path() / "logic-only.yaml").string();
  WriteFile(path,
            "name: Logic Only\nkind: accelerator\nmarketed_for: datacenter\nthroughput:\n  fp16: 148 TFLOPS\n"
            "dies:\n  - {name: GH100, area: 814 mm2, transistors: finfet, role: logic, count: 1}\n");
  const Outcome outcome = RunCli(ClassifyJsonArgs(path, std::string(kCasesDir) + "/rules-divide-by-zero-metric/rules"));
  ASSERT_TRUE(outcome.finished()) << outcome.failure;
  EXPECT_EQ(outcome.code, kIndeterminate) << outcome.err;
  EXPECT_EQ(outcome.err, "");
  const nlohmann::json chip = ChipWithoutFile(outcome.out);
  ASSERT_TRUE(chip.is_object()) << outcome.out;
  EXPECT_EQ(chip.at("metrics").at("memory_area"), 0.0);
  EXPECT_TRUE(chip.at("metrics").at("density").is_null()) << chip.at("metrics");
  EXPECT_EQ(chip.at("verdict"), "indeterminate");
}

}  // namespace
}  // namespace eccn::cli
