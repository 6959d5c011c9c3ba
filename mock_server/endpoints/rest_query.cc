// GET .../query?q=SOQL and .../queryAll?q=SOQL, and the next batches at .../query/<locator>-<n>.
// The SOQL subset is parsed in soql.cc; here objects and fields are resolved against the org,
// records filtered, sorted and cut into batches. Error bodies come from the catalogue
// (rest.MALFORMED_QUERY, INVALID_TYPE, INVALID_FIELD, INVALID_QUERY_LOCATOR).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <unordered_map>

#include "mock_server/endpoints/responses.h"
#include "mock_server/endpoints/rest_internal.h"
#include "mock_server/endpoints/soql.h"
#include "mock_server/org/query_cursors.h"
#include "salesforce/record_id.h"

namespace sfh::mock::rest {
namespace {

namespace sf = ::sfh::salesforce;

// The batch size bounds of Sforce-Query-Options (REST API guide, "Query Options Header":
// "The default is 2,000; the minimum is 200, and the maximum is 2,000. There is no guarantee
// that the requested batch size is the actual batch size", CONFIRMED).
constexpr long kMinBatchSize = 200;
constexpr long kMaxBatchSize = 2000;

// Decodes a query string leniently: a '%' not followed by two hex digits stays as it is, so a
// client that forgot to encode LIKE '%x' still reaches the parser (UNVERIFIED,
// docs/wire-choices.md). '+' is a space (form encoding); escapes may be upper or lower case.
std::optional<std::string> QueryParameter(std::string_view query, std::string_view name) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  auto decode = [&](std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '+') {
        out.push_back(' ');
      } else if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
        out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
        i += 2;
      } else {
        out.push_back(s[i]);
      }
    }
    return out;
  };
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view pair = query.substr(start, end - start);
    const size_t eq = pair.find('=');
    if (decode(pair.substr(0, eq)) == name) {
      return eq == std::string_view::npos ? std::string() : decode(pair.substr(eq + 1));
    }
    start = end + 1;
  }
  return std::nullopt;
}

// Records per batch: the org's batch size (query_batch_size, 2,000 by default), lowered to what
// the client asks in Sforce-Query-Options: batchSize=N once N is brought within 200..2,000.
// Salesforce may return smaller batches than asked ("no guarantee"), which the org's setting
// models; it never returns larger ones. The clamping of values out of range is UNVERIFIED.
size_t BatchSize(const RestCall& call) {
  long size = call.org.config().query_batch_size;
  const auto header = call.request.headers.Get("Sforce-Query-Options");
  if (!header) return static_cast<size_t>(size);
  std::string_view options(*header);
  size_t start = 0;
  while (start <= options.size()) {
    size_t end = options.find(',', start);
    if (end == std::string_view::npos) end = options.size();
    std::string_view option = options.substr(start, end - start);
    start = end + 1;
    while (!option.empty() && option.front() == ' ') option.remove_prefix(1);
    while (!option.empty() && option.back() == ' ') option.remove_suffix(1);
    const size_t eq = option.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = option.substr(0, eq);
    std::string_view digits = option.substr(eq + 1);
    while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
    while (!digits.empty() && digits.front() == ' ') digits.remove_prefix(1);
    if (!EqualsIgnoreCase(key, "batchSize")) continue;
    long asked = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), asked);
    if (ec != std::errc() || ptr != digits.data() + digits.size()) continue;
    size = std::min(size, std::clamp(asked, kMinBatchSize, kMaxBatchSize));
  }
  return static_cast<size_t>(std::max(1L, size));
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A JSON scalar as text, for comparisons across types.
std::string Text(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// The query resolved against the org: the object, its fields, and each field reference (keyed by
// its offset in the query text) bound to a field.
struct Plan {
  const SObjectType* type = nullptr;
  std::vector<FieldInfo> fields;
  std::unordered_map<size_t, const FieldInfo*> refs;
};

// Binds one field reference, or answers the error Salesforce gives for it.
std::optional<HttpResponse> Bind(Plan& plan, const SoqlQuery& query, const SoqlName& name,
                                 std::string_view q) {
  std::string_view text = name.text;
  size_t offset = name.offset;
  // "a.Name" with FROM Account a, and "Account.Name" with FROM Account, name the object's own
  // field (SOQL and SOSL Reference, "Alias Notation", CONFIRMED).
  const size_t dot = text.find('.');
  if (dot != std::string_view::npos) {
    const std::string_view head = text.substr(0, dot);
    if ((!query.alias.empty() && EqualsIgnoreCase(head, query.alias)) ||
        EqualsIgnoreCase(head, plan.type->name)) {
      text.remove_prefix(dot + 1);
      offset += dot + 1;
    }
  }
  if (const size_t rel = text.find('.'); rel != std::string_view::npos) {
    // Relationship paths are not modelled: the first segment is an unknown relationship.
    // Message INFERRED (client fixtures in public code).
    return EntryError(
        "rest.INVALID_FIELD",
        PositionedMessage(
            q, offset,
            fmt::format("Didn't understand relationship '{}' in field path. If you are attempting "
                        "to use a custom relationship, be sure to append the '__r' after the "
                        "custom relationship name. Please reference your WSDL or the describe "
                        "call for the appropriate names.",
                        text.substr(0, rel))));
  }
  const FieldInfo* field = FindField(plan.fields, text);
  if (field == nullptr) {
    return TemplateError("rest.INVALID_FIELD", {text, plan.type->name}, q, offset);
  }
  plan.refs[name.offset] = field;
  return std::nullopt;
}

std::string_view FilterTypeName(std::string_view type) {
  if (type == "currency" || type == "percent") return "double";
  return type;
}

// The literal checks Salesforce makes before running a query. Each error is positioned at the
// field, as in the captured "\n CreatedDate >= '2017-01-01'\n ^\nERROR at Row:8:Column:5\nvalue of
// filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in
// quotes" (INVALID_FIELD, getredash/redash#1727; INFERRED).
std::optional<HttpResponse> CheckLiterals(const Plan& plan, const SoqlCondition& c,
                                          std::string_view q) {
  for (const auto& child : c.children) {
    if (auto error = CheckLiterals(plan, child, q)) return error;
  }
  if (c.kind != SoqlCondition::Kind::kComparison) return std::nullopt;
  const FieldInfo& field = *plan.refs.at(c.field.offset);
  const std::string_view t = field.type;
  const bool quoted_type = IsIdType(t) || t == "string" || t == "picklist" || t == "phone" ||
                           t == "url" || t == "email" || t == "textarea";
  for (const auto& literal : c.values) {
    using K = SoqlLiteral::Kind;
    if (literal.kind == K::kNull) continue;
    std::string_view wanted;
    bool quotes = false;
    if (quoted_type) {
      if (literal.kind != K::kString) {
        wanted = IsIdType(t) ? "id" : "string";
        quotes = true;
      }
    } else if (t == "date" || t == "currency" || t == "double" || t == "boolean") {
      const K expected = t == "date" ? K::kDate : (t == "boolean" ? K::kBoolean : K::kNumber);
      if (literal.kind != expected) wanted = FilterTypeName(t);
    }
    if (!wanted.empty()) {
      // The "should be enclosed in quotes" variant is UNVERIFIED, formed on the captured one.
      return EntryError("rest.INVALID_FIELD",
                        PositionedMessage(q, c.field.offset,
                                          fmt::format("value of filter criterion for field '{}' "
                                                      "must be of type {} and should {}be "
                                                      "enclosed in quotes",
                                                      field.name, wanted, quotes ? "" : "not ")));
    }
    if (IsIdType(t) && !sf::To18(literal.text)) {
      // Since Summer '24 MALFORMED_QUERY replaces INVALID_QUERY_FILTER_OPERATOR for this (release
      // notes); "invalid ID field: abc" at the literal as client fixtures record it. INFERRED.
      return EntryError(
          "rest.MALFORMED_QUERY",
          PositionedMessage(q, literal.offset, fmt::format("invalid ID field: {}", literal.text)));
    }
  }
  return std::nullopt;
}

// -1, 0, 1, or nullopt when the two cannot be ordered (null, or different kinds).
std::optional<int> Order(const Json& value, const SoqlLiteral& literal) {
  if (value.is_null() || literal.kind == SoqlLiteral::Kind::kNull) return std::nullopt;
  if (literal.kind == SoqlLiteral::Kind::kNumber) {
    double v = 0;
    if (value.is_number()) {
      v = value.get<double>();
    } else if (value.is_string()) {
      const std::string s = value.get<std::string>();
      char* end = nullptr;
      v = std::strtod(s.c_str(), &end);
      if (end == s.c_str()) return std::nullopt;
    } else {
      return std::nullopt;
    }
    return v < literal.number ? -1 : (v > literal.number ? 1 : 0);
  }
  if (literal.kind == SoqlLiteral::Kind::kBoolean) {
    if (!value.is_boolean()) return std::nullopt;
    return static_cast<int>(value.get<bool>()) - static_cast<int>(literal.boolean);
  }
  const std::string a = Lower(Text(value));
  const std::string b = Lower(literal.text);
  return a < b ? -1 : (a > b ? 1 : 0);
}

bool Equal(const FieldInfo& field, const Json& value, const SoqlLiteral& literal) {
  if (literal.kind == SoqlLiteral::Kind::kNull) return value.is_null();
  if (value.is_null()) return false;
  // Ids compare as records: a 15-character id equals its 18-character form (CONFIRMED, record
  // ids are case-insensitive only in their 18-character form; salesforce/record_id.h).
  if (IsIdType(field.type)) return value.is_string() && sf::SameId(Text(value), literal.text);
  const auto order = Order(value, literal);
  return order && *order == 0;
}

bool Matches(const Plan& plan, const RecordConfig& record, const SoqlCondition& c) {
  switch (c.kind) {
    case SoqlCondition::Kind::kAnd:
      return std::all_of(c.children.begin(), c.children.end(),
                         [&](const SoqlCondition& child) { return Matches(plan, record, child); });
    case SoqlCondition::Kind::kOr:
      return std::any_of(c.children.begin(), c.children.end(),
                         [&](const SoqlCondition& child) { return Matches(plan, record, child); });
    case SoqlCondition::Kind::kNot:
      return !Matches(plan, record, c.children.front());
    case SoqlCondition::Kind::kComparison:
      break;
  }
  const FieldInfo& field = *plan.refs.at(c.field.offset);
  const Json value = FieldValue(*plan.type, record, field);
  const SoqlLiteral& first = c.values.front();
  switch (c.op) {
    // SOQL compares with null as a value: "!= 'x'" keeps records whose field is null
    // (SOQL and SOSL Reference, "Comparison Operators"). Text comparisons ignore case.
    case SoqlOperator::kEquals:
      return Equal(field, value, first);
    case SoqlOperator::kNotEquals:
      return !Equal(field, value, first);
    case SoqlOperator::kLess:
    case SoqlOperator::kLessOrEqual:
    case SoqlOperator::kGreater:
    case SoqlOperator::kGreaterOrEqual: {
      const auto order = Order(value, first);
      if (!order) return false;
      if (c.op == SoqlOperator::kLess) return *order < 0;
      if (c.op == SoqlOperator::kLessOrEqual) return *order <= 0;
      if (c.op == SoqlOperator::kGreater) return *order > 0;
      return *order >= 0;
    }
    case SoqlOperator::kLike:
      return !value.is_null() && MatchesLike(Text(value), first.like_pattern);
    case SoqlOperator::kIn:
    case SoqlOperator::kNotIn: {
      const bool found = std::any_of(c.values.begin(), c.values.end(),
                                     [&](const SoqlLiteral& v) { return Equal(field, value, v); });
      return c.op == SoqlOperator::kIn ? found : !found;
    }
  }
  return false;
}

// ORDER BY: case-insensitive (SOQL and SOSL Reference, "ORDER BY": "Sorting is case
// insensitive", "By default, null values are sorted first", CONFIRMED). Two numbers compare as
// numbers, two booleans as booleans, anything else as lower-cased text.
struct SortValue {
  bool null = false;
  std::optional<double> number;
  std::optional<bool> boolean;
  std::string text;  // lower-cased, for values of different kinds and for text
};

SortValue ToSortValue(const Json& v) {
  SortValue out;
  out.null = v.is_null();
  if (v.is_number()) out.number = v.get<double>();
  if (v.is_boolean()) out.boolean = v.get<bool>();
  if (!out.null) out.text = Lower(Text(v));
  return out;
}

int CompareForSort(const SortValue& a, const SortValue& b) {
  if (a.number && b.number) return *a.number < *b.number ? -1 : (*a.number > *b.number ? 1 : 0);
  if (a.boolean && b.boolean) return static_cast<int>(*a.boolean) - static_cast<int>(*b.boolean);
  const int c = a.text.compare(b.text);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

// Each record's sort values are made once (N of them per ORDER BY item), not twice per
// comparison: N log N comparisons of JSON values built from the record and lower-cased again
// made a sorted query of 100,000 records take a second.
void Sort(const Plan& plan, const SoqlQuery& query, std::vector<const RecordConfig*>& records) {
  if (query.order_by.empty()) return;
  const size_t keys = query.order_by.size();
  std::vector<SortValue> values;
  values.reserve(records.size() * keys);
  for (const RecordConfig* record : records) {
    for (const auto& key : query.order_by) {
      values.push_back(
          ToSortValue(FieldValue(*plan.type, *record, *plan.refs.at(key.field.offset))));
    }
  }
  std::vector<size_t> order(records.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    for (size_t k = 0; k < keys; ++k) {
      const auto& key = query.order_by[k];
      const SortValue& x = values[a * keys + k];
      const SortValue& y = values[b * keys + k];
      if (x.null != y.null) return x.null != key.nulls_last;
      if (x.null) continue;
      const int c = CompareForSort(x, y);
      if (c != 0) return key.descending ? c > 0 : c < 0;
    }
    return false;
  });
  std::vector<const RecordConfig*> sorted;
  sorted.reserve(records.size());
  for (size_t i : order) sorted.push_back(records[i]);
  records = std::move(sorted);
}

// A page of a query's answer, its records already JSON text ("[{...},{...}]"): rows kept by a
// query cursor are not parsed again. Compact JSON, keys in Salesforce's order.
std::string Page(size_t total, std::string_view records_json,
                 const std::optional<std::string>& next) {
  std::string body = fmt::format(R"({{"totalSize":{},"done":{})", total, !next ? "true" : "false");
  if (next) body += R"(,"nextRecordsUrl":)" + Json(*next).dump();
  body += R"(,"records":)";
  body += records_json;
  body += '}';
  return body;
}

HttpResponse QueryError(const SoqlError& error, std::string_view q) {
  if (error.unexpected_token) {
    const std::string quoted = fmt::format("'{}'", *error.unexpected_token);
    return TemplateError("rest.MALFORMED_QUERY", {quoted}, q,
                         error.positioned ? std::optional<size_t>(error.offset) : std::nullopt);
  }
  return EntryError("rest.MALFORMED_QUERY", error.positioned
                                                ? PositionedMessage(q, error.offset, error.message)
                                                : error.message);
}

}  // namespace

HttpResponse Query(const RestCall& call) {
  const auto q = QueryParameter(call.request.query, "q");
  // Without q, and with an empty one, Salesforce answers these (recorded from live calls in a
  // client's notes in public code: [{"message":"A query string has to be specified",...}] and
  // [{"message":"SOQL statements cannot be empty or null",...}], both MALFORMED_QUERY). INFERRED.
  if (!q) return EntryError("rest.MALFORMED_QUERY", "A query string has to be specified");
  if (std::all_of(q->begin(), q->end(),
                  [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) {
    return EntryError("rest.MALFORMED_QUERY", "SOQL statements cannot be empty or null");
  }
  const auto query = ParseSoql(*q);
  if (!query) return QueryError(query.error(), *q);

  Plan plan;
  plan.type = FindSObjectType(query->object.text);
  if (plan.type == nullptr) {
    return TemplateError("rest.INVALID_TYPE", {query->object.text}, *q, query->object.offset);
  }
  plan.fields = ObjectFields(call.org, *plan.type);
  for (const auto& name : query->fields) {
    if (auto error = Bind(plan, *query, name, *q)) return *error;
  }
  if (query->where) {
    std::vector<const SoqlCondition*> stack = {&*query->where};
    std::vector<const SoqlName*> names;
    while (!stack.empty()) {
      const SoqlCondition* c = stack.back();
      stack.pop_back();
      if (c->kind == SoqlCondition::Kind::kComparison) names.push_back(&c->field);
      for (auto it = c->children.rbegin(); it != c->children.rend(); ++it) stack.push_back(&*it);
    }
    for (const SoqlName* name : names) {
      if (auto error = Bind(plan, *query, *name, *q)) return *error;
    }
    if (auto error = CheckLiterals(plan, *query->where, *q)) return *error;
  }
  for (const auto& order : query->order_by) {
    if (auto error = Bind(plan, *query, order.field, *q)) return *error;
  }

  std::vector<const RecordConfig*> matched;
  for (const auto& record : call.org.Records(plan.type->name)) {
    if (!query->where || Matches(plan, record, *query->where)) matched.push_back(&record);
  }
  Sort(plan, *query, matched);
  const size_t skip = std::min(matched.size(), static_cast<size_t>(query->offset.value_or(0)));
  matched.erase(matched.begin(), matched.begin() + static_cast<std::ptrdiff_t>(skip));
  if (query->limit && matched.size() > static_cast<size_t>(*query->limit)) {
    matched.resize(static_cast<size_t>(*query->limit));
  }

  // SELECT COUNT() answers the count in totalSize with no records (SOQL and SOSL Reference,
  // "COUNT()", CONFIRMED); COUNT(field) one AggregateResult with the count as expr0 (INFERRED).
  if (query->select == SoqlQuery::Select::kCount) {
    return JsonResponse(200, Page(matched.size(), "[]", std::nullopt));
  }
  if (query->select == SoqlQuery::Select::kCountField) {
    const FieldInfo& field = *plan.refs.at(query->fields.front().offset);
    const auto count = std::count_if(matched.begin(), matched.end(), [&](const RecordConfig* r) {
      return !FieldValue(*plan.type, *r, field).is_null();
    });
    Json row;
    row["attributes"] = Json{{"type", "AggregateResult"}};
    row["expr0"] = count;
    return JsonResponse(200, Page(1, "[" + row.dump() + "]", std::nullopt));
  }

  // Each row is written straight as JSON text, as an ordered_json object of the same fields
  // would dump: "attributes" first, then each field once, under its API name whatever case the
  // query used, where it was first selected. A cursor keeps the rows past the first batch.
  std::vector<const FieldInfo*> columns;
  for (const auto& name : query->fields) {
    const FieldInfo* field = plan.refs.at(name.offset);
    if (std::none_of(columns.begin(), columns.end(),
                     [&](const FieldInfo* c) { return c->name == field->name; })) {
      columns.push_back(field);
    }
  }
  std::vector<std::string> column_keys;  // ,"Name":
  for (const FieldInfo* field : columns)
    column_keys.push_back("," + Json(field->name).dump() + ":");
  const Json attributes = Attributes(call.base, *plan.type, "");  // the url ends before the id
  const std::string type_json = attributes["type"].dump();
  const std::string url_prefix = attributes["url"];
  std::vector<std::string> rows;
  rows.reserve(matched.size());
  for (const RecordConfig* record : matched) {
    std::string row = R"({"attributes":{"type":)";
    row += type_json;
    row += R"(,"url":)";
    row += Json(url_prefix + record->id).dump();
    row += '}';
    for (size_t i = 0; i < columns.size(); ++i) {
      row += column_keys[i];
      row += FieldValue(*plan.type, *record, *columns[i]).dump();
    }
    row += '}';
    rows.push_back(std::move(row));
  }
  const size_t batch = BatchSize(call);
  const size_t total = rows.size();
  const std::string first = QueryCursors::ArrayOf(rows, 0, std::min(total, batch));
  if (total <= batch) return JsonResponse(200, Page(total, first, std::nullopt));

  // More than a batch: keep the rest behind a query locator. nextRecordsUrl is
  // "/services/data/vXX.X/query/<locator>-<records so far>" (CONFIRMED format, salesforce-wire.md
  // 5), also for queryAll (REST API guide, "QueryAll More Results", CONFIRMED).
  const std::string locator = call.org.query_cursors().Open(call.session.user_id, std::move(rows),
                                                            batch, call.org.clock().Now());
  return JsonResponse(200,
                      Page(total, first, fmt::format("{}/query/{}-{}", call.base, locator, batch)));
}

HttpResponse QueryMore(const RestCall& call, std::string_view locator_and_offset) {
  const size_t dash = locator_and_offset.rfind('-');
  const std::string_view locator = locator_and_offset.substr(0, dash);
  size_t offset = 0;
  bool well_formed =
      dash != std::string_view::npos && sf::To18(locator).has_value() && locator.size() == 18;
  if (well_formed) {
    const std::string_view digits = locator_and_offset.substr(dash + 1);
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), offset);
    well_formed = !digits.empty() && ec == std::errc() && ptr == digits.data() + digits.size();
  }
  // Unknown, altered, expired or exhausted locators all answer INVALID_QUERY_LOCATOR (help
  // article 000004410 lists them as its extended codes; the REST body carries none of those).
  if (!well_formed) return CatalogueError("rest.INVALID_QUERY_LOCATOR");
  auto batch =
      call.org.query_cursors().Fetch(locator, offset, call.session.user_id, call.org.clock().Now());
  if (!batch) return CatalogueError("rest.INVALID_QUERY_LOCATOR");
  std::optional<std::string> next;
  if (batch->next_offset) {
    next = fmt::format("{}/query/{}-{}", call.base, locator, *batch->next_offset);
  }
  return JsonResponse(200, Page(batch->total, batch->records_json, next));
}

}  // namespace sfh::mock::rest
