#include "expr/parser.h"

#include <fmt/format.h>
#include <array>
#include <cctype>

#include "units.h"

namespace eccn::expr {
namespace {

enum class TokenKind { kNumber, kIdent, kString, kSymbol, kEnd };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  size_t offset = 0;
  std::string unit;  // for numbers: the unit written after it, if any
  size_t unit_offset = 0;
};

constexpr std::array<std::string_view, 7> kKeywords{"and", "or", "not", "in", "where", "true", "false"};

bool IsKeyword(std::string_view word) {
  for (std::string_view keyword : kKeywords) {
    if (keyword == word) return true;
  }
  return false;
}

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
// Unit words may hold '/', '^', digits and UTF-8 bytes (for "²" and "µ").
bool IsUnitChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '^' || static_cast<unsigned char>(c) >= 0x80;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  tl::expected<Ast, ExprError> Run() {
    if (text_.size() > kMaxExpressionBytes) {
      return tl::make_unexpected(ExprError{0, fmt::format("expression longer than {} bytes", kMaxExpressionBytes)});
    }
    if (!Advance()) return tl::make_unexpected(error_);
    Ast root;
    if (!ParseOr(root, 0)) return tl::make_unexpected(error_);
    if (token_.kind != TokenKind::kEnd) {
      return tl::make_unexpected(
          ExprError{token_.offset, fmt::format("unexpected '{}' after the expression", token_.text)});
    }
    return root;
  }

 private:
  bool Fail(size_t offset, std::string message) {
    error_ = {offset, std::move(message)};
    return false;
  }

  bool Advance() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    token_ = Token{};
    token_.offset = pos_;
    if (pos_ >= text_.size()) return true;
    const char c = text_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && pos_ + 1 < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_ + 1])))) {
      return LexNumber();
    }
    if (IsIdentStart(c)) {
      size_t end = pos_;
      while (end < text_.size() && IsIdentChar(text_[end])) ++end;
      token_.kind = TokenKind::kIdent;
      token_.text = std::string(text_.substr(pos_, end - pos_));
      pos_ = end;
      return true;
    }
    if (c == '\'' || c == '"') {
      const size_t close = text_.find(c, pos_ + 1);
      if (close == std::string_view::npos) return Fail(pos_, "unterminated string");
      token_.kind = TokenKind::kString;
      token_.text = std::string(text_.substr(pos_ + 1, close - pos_ - 1));
      pos_ = close + 1;
      return true;
    }
    static constexpr std::array<std::string_view, 6> kTwoChar{"<=", ">=", "==", "!=", "&&", "||"};
    for (std::string_view op : kTwoChar) {
      if (text_.substr(pos_, 2) == op) {
        if (op == "&&" || op == "||")
          return Fail(pos_, fmt::format("use '{}' instead of '{}'", op == "&&" ? "and" : "or", op));
        token_.kind = TokenKind::kSymbol;
        token_.text = std::string(op);
        pos_ += 2;
        return true;
      }
    }
    if (std::string_view("+-*/()<>,:.").find(c) != std::string_view::npos) {
      token_.kind = TokenKind::kSymbol;
      token_.text = std::string(1, c);
      ++pos_;
      return true;
    }
    if (c == '=') return Fail(pos_, "use '==' to compare");
    if (c == '!') return Fail(pos_, "use 'not' for negation or '!=' to compare");
    return Fail(pos_, fmt::format("unexpected character '{}'", c));
  }

  bool LexNumber() {
    size_t end = pos_;
    while (end < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[end])) || text_[end] == '.')) ++end;
    if (end < text_.size() && (text_[end] == 'e' || text_[end] == 'E')) {
      size_t exponent = end + 1;
      if (exponent < text_.size() && (text_[exponent] == '+' || text_[exponent] == '-')) ++exponent;
      if (exponent < text_.size() && std::isdigit(static_cast<unsigned char>(text_[exponent]))) {
        end = exponent;
        while (end < text_.size() && std::isdigit(static_cast<unsigned char>(text_[end]))) ++end;
      }
    }
    token_.kind = TokenKind::kNumber;
    token_.text = std::string(text_.substr(pos_, end - pos_));
    pos_ = end;
    // A unit may follow, after optional spaces: "4800", "2 GB/s/mm2", "1 TOPS".
    size_t unit_start = pos_;
    while (unit_start < text_.size() && text_[unit_start] == ' ') ++unit_start;
    if (unit_start < text_.size() &&
        (IsIdentStart(text_[unit_start]) || static_cast<unsigned char>(text_[unit_start]) >= 0x80)) {
      size_t unit_end = unit_start;
      while (unit_end < text_.size() && IsUnitChar(text_[unit_end])) ++unit_end;
      std::string_view word = text_.substr(unit_start, unit_end - unit_start);
      size_t word_end = 0;
      while (word_end < word.size() && IsIdentChar(word[word_end])) ++word_end;
      if (!IsKeyword(word.substr(0, word_end)) || word_end < word.size()) {
        token_.unit = std::string(word);
        token_.unit_offset = unit_start;
        pos_ = unit_end;
      }
    }
    return true;
  }

  bool IsSymbol(std::string_view symbol) const { return token_.kind == TokenKind::kSymbol && token_.text == symbol; }
  bool IsWord(std::string_view word) const { return token_.kind == TokenKind::kIdent && token_.text == word; }

  bool Expect(std::string_view symbol, std::string_view context) {
    if (!IsSymbol(symbol)) {
      return Fail(token_.offset, fmt::format("expected '{}' {}, found {}", symbol, context, Describe()));
    }
    return Advance();
  }

  std::string Describe() const {
    if (token_.kind == TokenKind::kEnd) return "the end of the expression";
    return fmt::format("'{}'", token_.text);
  }

  bool Enter(int depth) {
    if (depth > kMaxNesting) return Fail(token_.offset, "expression nested too deeply");
    return true;
  }

  Ast MakeBinary(std::string op, Ast lhs, Ast rhs) {
    Ast node;
    node.kind = Ast::Kind::kBinary;
    node.text = std::move(op);
    node.begin = lhs.begin;
    node.end = rhs.end;
    node.children.push_back(std::move(lhs));
    node.children.push_back(std::move(rhs));
    return node;
  }

  // Parses a left-associative chain of `ops` over operands parsed by `next`.
  template <class Next>
  bool ParseChain(Ast& out, int depth, std::initializer_list<std::string_view> ops, bool words, Next next) {
    if (!Enter(depth) || !(this->*next)(out, depth + 1)) return false;
    while (true) {
      std::string_view matched;
      for (std::string_view op : ops) {
        if (words ? IsWord(op) : IsSymbol(op)) matched = op;
      }
      if (matched.empty()) return true;
      if (!Advance()) return false;
      Ast rhs;
      if (!(this->*next)(rhs, depth + 1)) return false;
      out = MakeBinary(std::string(matched), std::move(out), std::move(rhs));
    }
  }

  bool ParseOr(Ast& out, int depth) { return ParseChain(out, depth, {"or"}, true, &Parser::ParseAnd); }
  bool ParseAnd(Ast& out, int depth) { return ParseChain(out, depth, {"and"}, true, &Parser::ParseNot); }

  bool ParseNot(Ast& out, int depth) {
    if (!Enter(depth)) return false;
    if (!IsWord("not")) return ParseCompare(out, depth + 1);
    const size_t begin = token_.offset;
    if (!Advance()) return false;
    Ast operand;
    if (!ParseNot(operand, depth + 1)) return false;
    out = Ast{};
    out.kind = Ast::Kind::kUnary;
    out.text = "not";
    out.begin = begin;
    out.end = operand.end;
    out.children.push_back(std::move(operand));
    return true;
  }

  bool IsComparison() const {
    return IsSymbol("<") || IsSymbol("<=") || IsSymbol(">") || IsSymbol(">=") || IsSymbol("==") || IsSymbol("!=");
  }

  bool ParseCompare(Ast& out, int depth) {
    if (!Enter(depth) || !ParseSum(out, depth + 1)) return false;
    if (!IsComparison()) return true;
    std::string op = token_.text;
    if (!Advance()) return false;
    Ast rhs;
    if (!ParseSum(rhs, depth + 1)) return false;
    if (IsComparison()) return Fail(token_.offset, "comparisons do not chain; join them with 'and'");
    out = MakeBinary(std::move(op), std::move(out), std::move(rhs));
    return true;
  }

  bool ParseSum(Ast& out, int depth) { return ParseChain(out, depth, {"+", "-"}, false, &Parser::ParseProduct); }
  bool ParseProduct(Ast& out, int depth) { return ParseChain(out, depth, {"*", "/"}, false, &Parser::ParseUnary); }

  bool ParseUnary(Ast& out, int depth) {
    if (!Enter(depth)) return false;
    if (!IsSymbol("-")) return ParsePrimary(out, depth + 1);
    const size_t begin = token_.offset;
    if (!Advance()) return false;
    Ast operand;
    if (!ParseUnary(operand, depth + 1)) return false;
    out = Ast{};
    out.kind = Ast::Kind::kUnary;
    out.text = "-";
    out.begin = begin;
    out.end = operand.end;
    out.children.push_back(std::move(operand));
    return true;
  }

  bool ParsePrimary(Ast& out, int depth) {
    if (!Enter(depth)) return false;
    out = Ast{};
    out.begin = token_.offset;
    switch (token_.kind) {
      case TokenKind::kNumber: {
        auto value = ParseDecimal(token_.text);
        if (!value) return Fail(token_.offset, value.error());
        out.kind = Ast::Kind::kNumber;
        out.number = *value;
        out.text = token_.text;
        out.unit = token_.unit;
        out.unit_offset = token_.unit_offset;
        out.end = token_.unit.empty() ? token_.offset + token_.text.size() : token_.unit_offset + token_.unit.size();
        return Advance();
      }
      case TokenKind::kString:
        out.kind = Ast::Kind::kString;
        out.text = token_.text;
        out.end = token_.offset + token_.text.size() + 2;
        return Advance();
      case TokenKind::kIdent:
        return ParseNameOrCall(out, depth);
      case TokenKind::kSymbol:
        if (IsSymbol("(")) {
          if (!Advance() || !ParseOr(out, depth + 1)) return false;
          if (!IsSymbol(")"))
            return Fail(token_.offset, fmt::format("expected ')' to close '(', found {}", Describe()));
          return Advance();
        }
        return Fail(token_.offset, fmt::format("expected a value, found {}", Describe()));
      case TokenKind::kEnd:
        return Fail(token_.offset, "expected a value, found the end of the expression");
    }
    return Fail(token_.offset, "unreachable token");
  }

  bool ParseNameOrCall(Ast& out, int depth) {
    if (IsWord("true") || IsWord("false")) {
      out.kind = Ast::Kind::kBool;
      out.text = token_.text;
      out.end = token_.offset + token_.text.size();
      return Advance();
    }
    if (IsKeyword(token_.text)) return Fail(token_.offset, fmt::format("expected a value, found '{}'", token_.text));
    std::string name = token_.text;
    size_t end = token_.offset + token_.text.size();
    if (!Advance()) return false;
    if (IsSymbol("(")) return ParseCall(out, depth, std::move(name));
    while (IsSymbol(".")) {
      if (!Advance()) return false;
      if (token_.kind != TokenKind::kIdent || IsKeyword(token_.text)) {
        return Fail(token_.offset, fmt::format("expected a field name after '.', found {}", Describe()));
      }
      name += "." + token_.text;
      end = token_.offset + token_.text.size();
      if (!Advance()) return false;
    }
    out.kind = Ast::Kind::kName;
    out.text = std::move(name);
    out.end = end;
    return true;
  }

  bool ParseCall(Ast& out, int depth, std::string function) {
    out.text = std::move(function);
    if (!Advance()) return false;  // '('
    // An aggregate starts with "IDENT in".
    if (token_.kind == TokenKind::kIdent && !IsKeyword(token_.text)) {
      const size_t saved_pos = pos_;
      const Token saved = token_;
      if (!Advance()) return false;
      if (IsWord("in")) return ParseAggregate(out, depth, saved.text);
      pos_ = saved_pos;
      token_ = saved;
    }
    out.kind = Ast::Kind::kCall;
    while (true) {
      Ast argument;
      if (!ParseOr(argument, depth + 1)) return false;
      out.children.push_back(std::move(argument));
      if (IsSymbol(",")) {
        if (!Advance()) return false;
        continue;
      }
      break;
    }
    out.end = token_.offset + 1;
    return Expect(")", fmt::format("to close the call of '{}'", out.text));
  }

  bool ParseAggregate(Ast& out, int depth, std::string variable) {
    out.kind = Ast::Kind::kAggregate;
    out.variable = std::move(variable);
    if (!Advance()) return false;  // 'in'
    if (token_.kind != TokenKind::kIdent || IsKeyword(token_.text)) {
      return Fail(token_.offset, fmt::format("expected a collection after 'in', found {}", Describe()));
    }
    out.collection = token_.text;
    if (!Advance()) return false;
    if (IsWord("where")) {
      if (!Advance()) return false;
      Ast filter;
      if (!ParseOr(filter, depth + 1)) return false;
      out.children.push_back(std::move(filter));
      out.has_filter = true;
    }
    if (IsSymbol(":")) {
      if (!Advance()) return false;
      Ast body;
      if (!ParseOr(body, depth + 1)) return false;
      out.children.push_back(std::move(body));
    }
    out.end = token_.offset + 1;
    return Expect(")", fmt::format("to close '{}(... in {} ...)'", out.text, out.collection));
  }

  std::string_view text_;
  size_t pos_ = 0;
  Token token_;
  ExprError error_;
};

}  // namespace

tl::expected<Ast, ExprError> Parse(std::string_view text) { return Parser(text).Run(); }

}  // namespace eccn::expr
