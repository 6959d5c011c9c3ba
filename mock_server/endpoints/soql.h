// The SOQL subset the mock answers: SELECT field, ... FROM Object [LIMIT n]. Keywords are
// case-insensitive. Pure functions, thread-safe.
#ifndef SFH_MOCK_SERVER_ENDPOINTS_SOQL_H_
#define SFH_MOCK_SERVER_ENDPOINTS_SOQL_H_

#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace sfh::mock {

struct SoqlQuery {
  std::vector<std::string> fields;  // as written
  std::string object;               // as written
  std::optional<long> limit;
};

// A query the subset cannot read is a MALFORMED_QUERY; the error is its message.
[[nodiscard]] std::expected<SoqlQuery, std::string> ParseSoql(std::string_view text);

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ENDPOINTS_SOQL_H_
