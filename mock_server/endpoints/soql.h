// The SOQL subset the mock answers:
//
//   SELECT field[, field...] | COUNT() | COUNT(field)
//   FROM Object [alias]
//   [WHERE condition]
//   [ORDER BY field [ASC|DESC] [NULLS FIRST|LAST][, ...]]
//   [LIMIT n] [OFFSET n]
//
// A condition compares a field with a literal (=, !=, <>, <, <=, >, >=, LIKE, IN (...),
// NOT IN (...)), and conditions combine with AND, OR, NOT and parentheses; as in SOQL, AND and OR
// cannot be mixed at one level without parentheses. Literals are 'strings' (with backslash
// escapes), numbers, true/false, null and dates (2024-01-31, 2024-01-31T10:00:00Z). Keywords are
// case-insensitive. The parser knows nothing about objects and fields; rest_query.cc resolves
// them. Pure functions, thread-safe.
#ifndef SFH_MOCK_SERVER_ENDPOINTS_SOQL_H_
#define SFH_MOCK_SERVER_ENDPOINTS_SOQL_H_

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sfh::mock {

// A name as written in the query, and where: offsets are bytes into the query text.
struct SoqlName {
  std::string text;
  size_t offset = 0;
};

struct SoqlLiteral {
  enum class Kind { kString, kNumber, kBoolean, kNull, kDate };
  Kind kind = Kind::kNull;
  // The string's value with escapes resolved; for other kinds the literal as written.
  std::string text;
  // Strings only: the value for LIKE, where "\%" and "\_" stay escaped as "\%" and "\_", a
  // literal backslash is "\\", and bare % and _ are wildcards.
  std::string like_pattern;
  double number = 0;
  bool boolean = false;
  size_t offset = 0;
};

enum class SoqlOperator {
  kEquals,
  kNotEquals,
  kLess,
  kLessOrEqual,
  kGreater,
  kGreaterOrEqual,
  kLike,
  kIn,
  kNotIn,
};

// A WHERE clause as a tree: comparisons at the leaves.
struct SoqlCondition {
  enum class Kind { kComparison, kAnd, kOr, kNot };
  Kind kind = Kind::kComparison;
  SoqlName field;  // kComparison
  SoqlOperator op = SoqlOperator::kEquals;
  std::vector<SoqlLiteral> values;      // one, or the IN list
  std::vector<SoqlCondition> children;  // kAnd, kOr (two or more), kNot (one)
};

struct SoqlOrderBy {
  SoqlName field;
  bool descending = false;
  bool nulls_last = false;  // SOQL's default is NULLS FIRST in both directions
};

struct SoqlQuery {
  enum class Select { kFields, kCount, kCountField };
  Select select = Select::kFields;
  std::vector<SoqlName> fields;  // kFields: as written; kCountField: the one field counted
  SoqlName object;
  std::string alias;  // "a" in FROM Account a; empty when none
  std::optional<SoqlCondition> where;
  std::vector<SoqlOrderBy> order_by;
  std::optional<long> limit;
  std::optional<long> offset;
};

// Why a query does not parse. `message` is Salesforce's text ("unexpected token: 'FORM'");
// when `positioned`, Salesforce prefixes it with the query line, a caret and the row and column
// (see PositionedMessage), at byte `offset` of the query.
struct SoqlError {
  std::string message;
  size_t offset = 0;
  bool positioned = true;
  // For "unexpected token: '<t>'" errors, <t> as written ("FORM", "<EOF>", "SELECT FROM").
  std::optional<std::string> unexpected_token;
};

// Parses `text` (already URL-decoded). Every failure is a MALFORMED_QUERY.
[[nodiscard]] std::expected<SoqlQuery, SoqlError> ParseSoql(std::string_view text);

// Salesforce's form of a query error at byte `offset` of `query`:
//   "\n<excerpt of the line>\n<spaces>^\nERROR at Row:<row>:Column:<column>\n<message>"
// Row and column count from 1. The excerpt is the whole tokens of the error's line that overlap
// 30 characters before to 33 after the error, which reproduces every capture found (see
// soql.cc); short queries appear whole.
std::string PositionedMessage(std::string_view query, size_t offset, std::string_view message);

// Whether `value` matches a LIKE pattern as SoqlLiteral::like_pattern holds it: % any run, _ any
// one character, case-insensitive (SOQL LIKE ignores case).
bool MatchesLike(std::string_view value, std::string_view like_pattern);

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ENDPOINTS_SOQL_H_
