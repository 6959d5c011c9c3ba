// Fuzzes the SOQL subset's parser (mock_server/endpoints/soql.h) and its LIKE matcher, with what
// must hold besides not crashing or hanging:
//   - a query that does not parse says why, at an offset inside the query, and Salesforce's
//     positioned form of the message can be made from it;
//   - a query that parses names what it selects, and every name's offset is inside the query;
//   - LIKE: '%' matches anything, and a value matches itself with every character escaped.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "mock_server/endpoints/soql.h"

namespace {

void CheckCondition(const sfh::mock::SoqlCondition& condition, size_t size, int depth) {
  using Kind = sfh::mock::SoqlCondition::Kind;
  SFH_FUZZ_CHECK(depth < 10000);
  if (condition.kind == Kind::kComparison) {
    SFH_FUZZ_CHECK(!condition.field.text.empty() && condition.field.offset < size);
    SFH_FUZZ_CHECK(!condition.values.empty());
    for (const auto& value : condition.values) SFH_FUZZ_CHECK(value.offset < size);
    return;
  }
  SFH_FUZZ_CHECK(condition.kind == Kind::kNot ? condition.children.size() == 1
                                              : condition.children.size() >= 2);
  for (const auto& child : condition.children) CheckCondition(child, size, depth + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const auto query = sfh::mock::ParseSoql(text);
  if (!query) {
    const auto& error = query.error();
    SFH_FUZZ_CHECK(!error.message.empty());
    SFH_FUZZ_CHECK(error.offset <= size);
    if (error.positioned) {
      const std::string message = sfh::mock::PositionedMessage(text, error.offset, error.message);
      SFH_FUZZ_CHECK(message.find(error.message) != std::string::npos);
    }
  } else {
    using Select = sfh::mock::SoqlQuery::Select;
    SFH_FUZZ_CHECK(query->select == Select::kCount || !query->fields.empty());
    for (const auto& field : query->fields) SFH_FUZZ_CHECK(field.offset < size);
    SFH_FUZZ_CHECK(!query->object.text.empty() && query->object.offset < size);
    for (const auto& order : query->order_by) SFH_FUZZ_CHECK(order.field.offset < size);
    if (query->where) CheckCondition(*query->where, size, 0);
    SFH_FUZZ_CHECK(!query->limit || *query->limit >= 0);
    SFH_FUZZ_CHECK(!query->offset || *query->offset >= 0);
  }

  // LIKE: the input split at its first newline into a value and a pattern.
  const size_t newline = text.find('\n');
  const std::string_view value = text.substr(0, newline);
  const std::string_view pattern =
      newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
  (void)sfh::mock::MatchesLike(value, pattern);
  SFH_FUZZ_CHECK(sfh::mock::MatchesLike(value, "%"));
  std::string exact;
  for (const char c : value) {
    exact.push_back('\\');
    exact.push_back(c);
  }
  SFH_FUZZ_CHECK(sfh::mock::MatchesLike(value, exact));
  return 0;
}
