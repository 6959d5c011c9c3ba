#include "mock_server/endpoints/soql.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <initializer_list>

#include "mock_server/http/message.h"

namespace sfh::mock {
namespace {

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool IsWordStart(char c) { return IsAlpha(c) || c == '_'; }
bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
}
char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

struct Token {
  enum class Kind { kWord, kString, kNumber, kDate, kSymbol, kEnd };
  Kind kind = Kind::kEnd;
  std::string text;  // as written ("<EOF>" for kEnd)
  size_t offset = 0;
  std::string value;  // kString: escapes resolved
  std::string like;   // kString: the LIKE form (see SoqlLiteral::like_pattern)
};

// Unexpected-token messages quote the token: "unexpected token: 'FORM'". The quotes are what
// current orgs send (Salesforce Inspector's tests against a live org record
// [{"message":"unexpected token: 'invalid'","errorCode":"MALFORMED_QUERY"}]; the Summer '24
// release notes list "Old: unexpected token: AND / New: unexpected token: 'AND'"). INFERRED.
SoqlError UnexpectedToken(std::string_view text, size_t offset, bool positioned = true) {
  return SoqlError{fmt::format("unexpected token: '{}'", text), offset, positioned,
                   std::string(text)};
}

// Reads `n` digits at `i`.
bool Digits(std::string_view s, size_t i, size_t n) {
  if (i + n > s.size()) return false;
  for (size_t k = 0; k < n; ++k) {
    if (!IsDigit(s[i + k])) return false;
  }
  return true;
}

// A date (YYYY-MM-DD) or dateTime (YYYY-MM-DDThh:mm:ss[.sss](Z|+hh:mm|-hh:mm)) literal at `i`;
// its length, or 0.
size_t DateLength(std::string_view s, size_t i) {
  if (!Digits(s, i, 4) || i + 10 > s.size() || s[i + 4] != '-' || !Digits(s, i + 5, 2) ||
      s[i + 7] != '-' || !Digits(s, i + 8, 2)) {
    return 0;
  }
  size_t end = i + 10;
  if (end < s.size() && (s[end] == 'T' || s[end] == 't')) {
    ++end;
    while (end < s.size() && (IsDigit(s[end]) || s[end] == ':' || s[end] == '.')) ++end;
    if (end < s.size() && (s[end] == 'Z' || s[end] == 'z')) {
      ++end;
    } else if (end < s.size() && (s[end] == '+' || s[end] == '-')) {
      ++end;
      while (end < s.size() && (IsDigit(s[end]) || s[end] == ':')) ++end;
    }
  }
  return end - i;
}

// The character a backslash escape stands for in a SOQL string, or 0 for an escape SOQL does not
// define (SOQL and SOSL Reference, "Quoted String Escape Sequences", CONFIRMED: \n \r \t \b \f
// in either case, \" \' \\, and \_ \% for LIKE, handled by the caller).
char Unescape(char e) {
  switch (e) {
    case 'n':
    case 'N':
      return '\n';
    case 'r':
    case 'R':
      return '\r';
    case 't':
    case 'T':
      return '\t';
    case 'b':
    case 'B':
      return '\b';
    case 'f':
    case 'F':
      return '\f';
    case '"':
    case '\'':
      return e;
    default:
      return 0;
  }
}

// Reads the string literal opening at s[start] into t.value and t.like; returns the offset after
// its closing quote.
std::expected<size_t, SoqlError> ReadString(std::string_view s, size_t start, Token& t) {
  size_t j = start + 1;
  while (j < s.size()) {
    const char d = s[j];
    if (d == '\'') return j + 1;
    if (d != '\\') {
      t.value.push_back(d);
      t.like.push_back(d);
      ++j;
      continue;
    }
    if (j + 1 >= s.size()) break;
    const char e = s[j + 1];
    if (e == '\\' || e == '_' || e == '%') {
      // Kept escaped for LIKE, where they are literal characters.
      t.value.push_back(e);
      t.like.push_back('\\');
      t.like.push_back(e);
    } else if (const char resolved = Unescape(e); resolved != 0) {
      t.value.push_back(resolved);
      t.like.push_back(resolved);
    } else {
      // UNVERIFIED wording: Apex reports "Illegal character sequence" for the same mistake.
      return std::unexpected(
          SoqlError{fmt::format("Invalid string literal '{}'. Illegal character sequence '\\{}' in "
                                "string literal.",
                                s.substr(start, j + 2 - start), e),
                    j, true});
    }
    j += 2;
  }
  // An unterminated literal: the lexer's own message, as Salesforce leaks it for SOSL
  // ("line 1:10 mismatched character '|' expecting '}'", restforce#688). UNVERIFIED here.
  return std::unexpected(
      SoqlError{fmt::format("line 1:{} mismatched character '<EOF>' expecting '\''", s.size()),
                s.size(), true});
}

// Splits the query into tokens. Errors are positioned at the offending character.
std::expected<std::vector<Token>, SoqlError> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (true) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    Token t;
    t.offset = i;
    if (i >= s.size()) {
      t.kind = Token::Kind::kEnd;
      t.text = "<EOF>";
      tokens.push_back(std::move(t));
      return tokens;
    }
    const char c = s[i];
    if (c == '\'') {
      auto end = ReadString(s, i, t);
      if (!end) return std::unexpected(end.error());
      t.kind = Token::Kind::kString;
      t.text = std::string(s.substr(i, *end - i));
      i = *end;
    } else if (const size_t date = DateLength(s, i); date > 0) {
      t.kind = Token::Kind::kDate;
      t.text = std::string(s.substr(i, date));
      i += date;
    } else if (IsDigit(c) || (c == '-' && i + 1 < s.size() && IsDigit(s[i + 1]))) {
      size_t j = i + 1;
      while (j < s.size() && IsDigit(s[j])) ++j;
      if (j + 1 < s.size() && s[j] == '.' && IsDigit(s[j + 1])) {
        ++j;
        while (j < s.size() && IsDigit(s[j])) ++j;
      }
      t.kind = Token::Kind::kNumber;
      t.text = std::string(s.substr(i, j - i));
      i = j;
    } else if (IsWordStart(c)) {
      size_t j = i + 1;
      while (j < s.size() && IsWordChar(s[j])) ++j;
      t.kind = Token::Kind::kWord;
      t.text = std::string(s.substr(i, j - i));
      i = j;
    } else {
      static constexpr std::string_view kTwo[] = {"!=", "<>", "<=", ">="};
      const std::string_view rest = s.substr(i);
      const auto two = std::find_if(std::begin(kTwo), std::end(kTwo),
                                    [&](std::string_view op) { return rest.starts_with(op); });
      if (two != std::end(kTwo)) {
        t.text = std::string(*two);
      } else if (std::string_view(",()=<>").find(c) != std::string_view::npos) {
        t.text = std::string(1, c);
      } else {
        // A character SOQL has no use for ('*', '@', '$', ';'). Captured on the wire:
        // "...liam.carter@example.com...\n ^\nERROR at Row:1:Column:54\nunexpected token: '@'".
        // INFERRED.
        return std::unexpected(UnexpectedToken(std::string(1, c), i, !tokens.empty()));
      }
      t.kind = Token::Kind::kSymbol;
      i += t.text.size();
    }
    tokens.push_back(std::move(t));
  }
}

// Words that end a field list or a condition and so can be neither a field nor an alias.
bool IsReserved(std::string_view word) {
  static constexpr std::string_view kReserved[] = {
      "SELECT", "FROM",   "WHERE", "ORDER", "BY",     "LIMIT",    "OFFSET",  "AND",  "OR",
      "NOT",    "IN",     "LIKE",  "NULL",  "TRUE",   "FALSE",    "ASC",     "DESC", "NULLS",
      "GROUP",  "HAVING", "WITH",  "FOR",   "UPDATE", "INCLUDES", "EXCLUDES"};
  return std::any_of(std::begin(kReserved), std::end(kReserved),
                     [&](std::string_view r) { return EqualsIgnoreCase(r, word); });
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  std::expected<SoqlQuery, SoqlError> Parse() {
    SoqlQuery query;
    if (!IsKeyword(Peek(), "SELECT")) {
      // A statement that does not start with SELECT is reported without the query excerpt:
      // q=invalid answers exactly [{"message":"unexpected token: 'invalid'",...}] (Salesforce
      // Inspector's live-org test), and "unexpected token: q" for q=q=SELECT... (SublimeApex#23).
      // INFERRED.
      return std::unexpected(UnexpectedToken(Peek().text, Peek().offset, false));
    }
    Next();
    if (auto error = ParseSelectList(query)) return std::unexpected(*error);
    if (!IsKeyword(Peek(), "FROM")) return Unexpected(Peek());
    Next();
    if (Peek().kind != Token::Kind::kWord || IsReserved(Peek().text)) return Unexpected(Peek());
    query.object = {Peek().text, Peek().offset};
    Next();
    // FROM Account a: an alias is any word that does not start the next clause. This is also why
    // "SELECT Id FROM Account USING everything" reports 'everything' (Summer '24 release notes).
    if (Peek().kind == Token::Kind::kWord && !IsReserved(Peek().text)) {
      query.alias = Peek().text;
      Next();
    }
    if (IsKeyword(Peek(), "WHERE")) {
      Next();
      auto where = ParseExpression();
      if (!where) return std::unexpected(where.error());
      query.where = std::move(*where);
    }
    if (IsKeyword(Peek(), "ORDER")) {
      Next();
      if (!IsKeyword(Peek(), "BY")) return Unexpected(Peek());
      Next();
      while (true) {
        if (!IsFieldToken(Peek())) return Unexpected(Peek());
        SoqlOrderBy order;
        order.field = {Peek().text, Peek().offset};
        Next();
        if (IsKeyword(Peek(), "ASC") || IsKeyword(Peek(), "DESC")) {
          order.descending = IsKeyword(Peek(), "DESC");
          Next();
        }
        if (IsKeyword(Peek(), "NULLS")) {
          Next();
          if (!IsKeyword(Peek(), "FIRST") && !IsKeyword(Peek(), "LAST")) return Unexpected(Peek());
          order.nulls_last = IsKeyword(Peek(), "LAST");
          Next();
        }
        query.order_by.push_back(std::move(order));
        if (!IsSymbol(Peek(), ",")) break;
        Next();
      }
    }
    if (IsKeyword(Peek(), "LIMIT")) {
      Next();
      auto n = ParseCount();
      if (!n) return std::unexpected(n.error());
      query.limit = *n;
    }
    if (IsKeyword(Peek(), "OFFSET")) {
      Next();
      auto n = ParseCount();
      if (!n) return std::unexpected(n.error());
      query.offset = *n;
    }
    if (Peek().kind != Token::Kind::kEnd) return Unexpected(Peek());
    return query;
  }

 private:
  const Token& Peek(size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  void Next() {
    if (pos_ + 1 < tokens_.size()) ++pos_;
  }
  static bool IsKeyword(const Token& t, std::string_view word) {
    return t.kind == Token::Kind::kWord && EqualsIgnoreCase(t.text, word);
  }
  static bool IsSymbol(const Token& t, std::string_view symbol) {
    return t.kind == Token::Kind::kSymbol && t.text == symbol;
  }
  static bool IsFieldToken(const Token& t) {
    return t.kind == Token::Kind::kWord && !IsReserved(t.text);
  }
  std::unexpected<SoqlError> Unexpected(const Token& t) const {
    return std::unexpected(UnexpectedToken(t.text, t.offset));
  }

  std::optional<SoqlError> ParseSelectList(SoqlQuery& query) {
    if (IsKeyword(Peek(), "FROM")) {
      // An empty field list names both keywords since Summer '24 ("SELECT FROM
      // ServicePresenceStatus": "Old: unexpected token: 'FROM' / New: unexpected token: 'SELECT
      // FROM'"). INFERRED message; the caret position is UNVERIFIED (under FROM here).
      return UnexpectedToken("SELECT FROM", Peek().offset);
    }
    if (IsKeyword(Peek(), "COUNT") && IsSymbol(Peek(1), "(")) {
      Next();
      Next();
      if (IsSymbol(Peek(), ")")) {
        query.select = SoqlQuery::Select::kCount;
      } else {
        if (!IsFieldToken(Peek())) return Unexpected(Peek()).error();
        query.select = SoqlQuery::Select::kCountField;
        query.fields.push_back({Peek().text, Peek().offset});
        Next();
        if (!IsSymbol(Peek(), ")")) return Unexpected(Peek()).error();
      }
      Next();
      return std::nullopt;
    }
    while (true) {
      if (!IsFieldToken(Peek())) return Unexpected(Peek()).error();
      query.fields.push_back({Peek().text, Peek().offset});
      Next();
      if (!IsSymbol(Peek(), ",")) return std::nullopt;
      Next();
    }
  }

  std::expected<long, SoqlError> ParseCount() {
    const Token& t = Peek();
    long n = -1;
    if (t.kind == Token::Kind::kNumber && !t.text.empty() && IsDigit(t.text.front())) {
      const auto [end, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), n);
      if (ec != std::errc() || end != t.text.data() + t.text.size()) n = -1;
    }
    if (n < 0) return Unexpected(t);
    Next();
    return n;
  }

  // expression := term { AND term } | term { OR term }
  std::expected<SoqlCondition, SoqlError> ParseExpression() {
    auto first = ParseTerm();
    if (!first) return first;
    const bool is_and = IsKeyword(Peek(), "AND");
    if (!is_and && !IsKeyword(Peek(), "OR")) return first;
    SoqlCondition group;
    group.kind = is_and ? SoqlCondition::Kind::kAnd : SoqlCondition::Kind::kOr;
    group.children.push_back(std::move(*first));
    const std::string_view op = is_and ? "AND" : "OR";
    while (IsKeyword(Peek(), op)) {
      Next();
      auto next = ParseTerm();
      if (!next) return next;
      group.children.push_back(std::move(*next));
    }
    // SOQL needs parentheses to mix AND and OR: the other operator is the unexpected token
    // (Summer '24 release notes: "...OR (isDeleted = false AND Site = '999') AND ParentId = ..."
    // answers "unexpected token: 'AND'"). INFERRED.
    if (IsKeyword(Peek(), is_and ? "OR" : "AND")) return Unexpected(Peek());
    return group;
  }

  // term := '(' expression ')' | NOT term | comparison
  std::expected<SoqlCondition, SoqlError> ParseTerm() {
    if (IsSymbol(Peek(), "(")) {
      Next();
      auto inner = ParseExpression();
      if (!inner) return inner;
      if (!IsSymbol(Peek(), ")")) return Unexpected(Peek());
      Next();
      return inner;
    }
    if (IsKeyword(Peek(), "NOT")) {
      Next();
      auto inner = ParseTerm();
      if (!inner) return inner;
      SoqlCondition negation;
      negation.kind = SoqlCondition::Kind::kNot;
      negation.children.push_back(std::move(*inner));
      return negation;
    }
    return ParseComparison();
  }

  std::expected<SoqlCondition, SoqlError> ParseComparison() {
    if (!IsFieldToken(Peek())) return Unexpected(Peek());
    SoqlCondition c;
    c.field = {Peek().text, Peek().offset};
    Next();
    const Token& op = Peek();
    static constexpr std::pair<std::string_view, SoqlOperator> kOperators[] = {
        {"=", SoqlOperator::kEquals},         {"!=", SoqlOperator::kNotEquals},
        {"<>", SoqlOperator::kNotEquals},     {"<", SoqlOperator::kLess},
        {"<=", SoqlOperator::kLessOrEqual},   {">", SoqlOperator::kGreater},
        {">=", SoqlOperator::kGreaterOrEqual}};
    for (const auto& [text, value] : kOperators) {
      if (IsSymbol(op, text)) {
        Next();
        auto literal = ParseLiteral();
        if (!literal) return std::unexpected(literal.error());
        c.op = value;
        c.values.push_back(std::move(*literal));
        return c;
      }
    }
    if (IsKeyword(op, "LIKE")) {
      Next();
      if (Peek().kind != Token::Kind::kString) return Unexpected(Peek());
      auto literal = ParseLiteral();
      if (!literal) return std::unexpected(literal.error());
      c.op = SoqlOperator::kLike;
      c.values.push_back(std::move(*literal));
      return c;
    }
    bool negated = false;
    if (IsKeyword(op, "NOT") && IsKeyword(Peek(1), "IN")) {
      negated = true;
      Next();
    }
    if (!IsKeyword(Peek(), "IN")) return Unexpected(Peek());
    Next();
    c.op = negated ? SoqlOperator::kNotIn : SoqlOperator::kIn;
    if (!IsSymbol(Peek(), "(")) return Unexpected(Peek());
    Next();
    if (IsSymbol(Peek(), ")")) {
      // An empty list is reported with its context since Summer '24 ("...WHERE ParentId IN ()"
      // answers "unexpected token: 'ParentId IN ()'"). INFERRED; caret position UNVERIFIED.
      return std::unexpected(UnexpectedToken(
          fmt::format("{} {}IN ()", c.field.text, negated ? "NOT " : ""), c.field.offset));
    }
    while (true) {
      auto literal = ParseLiteral();
      if (!literal) return std::unexpected(literal.error());
      c.values.push_back(std::move(*literal));
      if (IsSymbol(Peek(), ")")) break;
      if (!IsSymbol(Peek(), ",")) return Unexpected(Peek());
      Next();
    }
    Next();
    return c;
  }

  std::expected<SoqlLiteral, SoqlError> ParseLiteral() {
    const Token& t = Peek();
    SoqlLiteral literal;
    literal.offset = t.offset;
    literal.text = t.text;
    switch (t.kind) {
      case Token::Kind::kString:
        literal.kind = SoqlLiteral::Kind::kString;
        literal.text = t.value;
        literal.like_pattern = t.like;
        break;
      case Token::Kind::kNumber:
        literal.kind = SoqlLiteral::Kind::kNumber;
        literal.number = std::strtod(t.text.c_str(), nullptr);
        break;
      case Token::Kind::kDate:
        literal.kind = SoqlLiteral::Kind::kDate;
        break;
      case Token::Kind::kWord:
        if (EqualsIgnoreCase(t.text, "null")) {
          literal.kind = SoqlLiteral::Kind::kNull;
        } else if (EqualsIgnoreCase(t.text, "true") || EqualsIgnoreCase(t.text, "false")) {
          literal.kind = SoqlLiteral::Kind::kBoolean;
          literal.boolean = EqualsIgnoreCase(t.text, "true");
        } else {
          return Unexpected(t);
        }
        break;
      default:
        return Unexpected(t);
    }
    Next();
    return literal;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

// The excerpt's tokens: words, quoted strings, or one symbol (two for != <> <= >=).
std::vector<std::pair<size_t, size_t>> ExcerptTokens(std::string_view line) {
  std::vector<std::pair<size_t, size_t>> spans;  // [begin, end)
  size_t i = 0;
  while (i < line.size()) {
    if (IsSpace(line[i])) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    if (line[i] == '\'') {
      while (j < line.size() && line[j] != '\'') j += line[j] == '\\' ? 2 : 1;
      j = std::min(line.size(), j + 1);
    } else if (IsWordChar(line[i]) || line[i] == '-' || line[i] == ':') {
      while (j < line.size() && (IsWordChar(line[j]) || line[j] == '-' || line[j] == ':')) ++j;
    } else if (j < line.size() && std::string_view("=>").find(line[j]) != std::string_view::npos &&
               std::string_view("!<>").find(line[i]) != std::string_view::npos) {
      ++j;
    }
    spans.emplace_back(i, j);
    i = j;
  }
  return spans;
}

}  // namespace

std::expected<SoqlQuery, SoqlError> ParseSoql(std::string_view text) {
  auto tokens = Tokenize(text);
  if (!tokens) return std::unexpected(tokens.error());
  return Parser(std::move(*tokens)).Parse();
}

// The excerpt reproduces each capture whose whole query is known, for example
//   "\nselect id,name,type from accountx\n                         ^\nERROR at Row:1:Column:26\n
//    sObject type 'accountx' is not supported. ..." (Simon Fell, Salesforce, on the developer
//   forums, 906F00000009CYXIA2), and a long line cut to a window:
//   "\nCreatedById,OCE__ActualCap__c,TPI_Product__c,Name,OCE__JobId__c\n<30 spaces>^\nERROR at
//    Row:1:Column:114\nNo such column 'TPI_Product__c' ..." (a capture in public code), and
//   "SELECT Id, DepProbeField__c FROM Account LIMIT\n           ^\nERROR at Row:1:Column:12"
//   for "... LIMIT 1" (an "ORG-VERIFIED" test in public code). The window (whole tokens
//   overlapping 30 characters before to 33 after the error) is INFERRED from those captures;
//   Salesforce documents none.
std::string PositionedMessage(std::string_view query, size_t offset, std::string_view message) {
  offset = std::min(offset, query.size());
  size_t line_start = 0;
  if (offset > 0) {
    const size_t newline = query.rfind('\n', offset - 1);
    if (newline != std::string_view::npos) line_start = newline + 1;
  }
  size_t line_end = query.find('\n', offset);
  if (line_end == std::string_view::npos) line_end = query.size();
  std::string_view line = query.substr(line_start, line_end - line_start);
  if (line.ends_with('\r')) line.remove_suffix(1);
  const size_t row =
      1 + static_cast<size_t>(std::count(query.begin(), query.begin() + line_start, '\n'));
  const size_t column = offset - line_start;  // from 0

  constexpr size_t kBefore = 30;
  constexpr size_t kAfter = 33;
  const size_t low = column > kBefore ? column - kBefore : 0;
  const size_t high = column + kAfter;
  size_t begin = std::string_view::npos;
  size_t end = 0;
  for (const auto& [b, e] : ExcerptTokens(line)) {
    if (e > low && b < high) {
      begin = std::min(begin, b);
      end = std::max(end, e);
    }
  }
  std::string_view excerpt;
  if (begin != std::string_view::npos) excerpt = line.substr(begin, end - begin);
  const size_t caret = begin == std::string_view::npos || column < begin ? 0 : column - begin;
  return fmt::format("\n{}\n{}^\nERROR at Row:{}:Column:{}\n{}", excerpt, std::string(caret, ' '),
                     row, column + 1, message);
}

bool MatchesLike(std::string_view value, std::string_view pattern) {
  // Iterative wildcard matching with backtracking to the last '%'.
  size_t v = 0;
  size_t p = 0;
  size_t star_p = std::string_view::npos;
  size_t star_v = 0;
  while (v < value.size()) {
    if (p < pattern.size() && pattern[p] == '%') {
      star_p = ++p;
      star_v = v;
      continue;
    }
    if (p < pattern.size()) {
      const bool escaped = pattern[p] == '\\' && p + 1 < pattern.size();
      const char want = escaped ? pattern[p + 1] : pattern[p];
      if ((!escaped && want == '_') || Lower(want) == Lower(value[v])) {
        p += escaped ? 2 : 1;
        ++v;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    v = ++star_v;
  }
  while (p < pattern.size() && pattern[p] == '%') ++p;
  return p == pattern.size();
}

}  // namespace sfh::mock
