// The comparable shape of an HTTP answer, for `sfharness drift`: what a live org and the mock
// must agree on once volatile values are masked. A shape is a flat map from a path ("http.status",
// "header.Cache-Control", "body.instance_url", "body.sobjects[].name") to a label:
//   - the status code, and the headers that carry facts: Content-Type and Cache-Control
//     (normalised: lower case, no spaces), Sforce-Limit-Info's form (numbers as {n}, the app's
//     name as {name}), Location's presence;
//   - for a JSON body, every key at every level with its JSON type ("object", "array", "string",
//     "number", "boolean", "null"); an array's elements as one union shape under "[]"; an empty
//     array is "array(empty)";
//   - values are masked (ids, tokens, timestamps, names are just "string"), except:
//       URLs, compared by their path shape: "url https://{my_domain}/id/{orgId}/{userId}", the
//         side's own origin as {my_domain}, any other host as {host}, ids, versions, numbers and
//         tokens in the path masked, query values dropped;
//       the error strings, compared exactly because they are the facts the catalogue records:
//         error and error_description of an OAuth error, errorCode and message of REST errors;
//       token_type and token_format, which name what was issued;
//   - a body that is not JSON is "empty" or "text", and for an error status (>= 400) its text,
//     exactly (trimmed, cut at 300 characters).
// Pure functions, no I/O; the labels hold no secret or token unless an error string echoes one
// (callers redact what they show).
#ifndef SFH_HARNESS_DRIFT_SHAPE_H_
#define SFH_HARNESS_DRIFT_SHAPE_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "harness/net/http_client.h"

namespace sfh::harness::drift {

// path -> label; a path missing from the map is "absent".
using Shape = std::map<std::string, std::string>;

inline constexpr std::string_view kAbsent = "absent";

// The origin ("https://acme.my.salesforce.com") a side was pointed at: URLs on it become
// {my_domain}.
struct ShapeContext {
  std::string origin;
};

// The path shape of an absolute URL ("https://{my_domain}/services/data/v{version}/limits") or of
// a path starting with "/"; "" when `text` is neither.
std::string UrlShape(std::string_view text, const ShapeContext& context);

// Sforce-Limit-Info with its numbers and app name masked: "api-usage={n}/{n}".
std::string LimitInfoForm(std::string_view value);

// The body's shape under "body" (see the file comment).
Shape JsonShape(const nlohmann::json& body, const ShapeContext& context);

// The whole answer's shape: status, the headers that matter, and the body.
Shape AnswerShape(const net::Response& answer, const ShapeContext& context);

struct Difference {
  std::string path;
  std::string live;  // the live side's label, or "absent"
  std::string mock;
};

// Every path whose labels differ, in path order. Where one side has an object or array and the
// other has not (absent, another type, an empty array, an array instead of an object), only that
// path is reported, not each key below it.
std::vector<Difference> CompareShapes(const Shape& live, const Shape& mock);

}  // namespace sfh::harness::drift

#endif  // SFH_HARNESS_DRIFT_SHAPE_H_
