// The org's routes as data: every method and path OrgHandler (org_handler.cc) and the REST
// router (rest.cc) serve, whether a request is routed, and for one that is not the nearest routes
// with what to change, as WireMock's "near misses" show them. The admin paths (/__admin...) are
// the admin API's, not the org's, and are not listed. Pure, thread-safe.
#ifndef SFH_MOCK_SERVER_ENDPOINTS_ROUTES_H_
#define SFH_MOCK_SERVER_ENDPOINTS_ROUTES_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sfh::mock {

// One route. A pattern's segments (split on '/') are each a literal, which matches only itself
// (case-sensitive, still percent-encoded); `{name}`, which matches any non-empty segment; or
// `v{version}`, which matches "v", digits, ".0" (v67.0) and "latest".
//
// How paths are matched follows the routers: under /services/data empty segments are skipped,
// so a trailing slash and a doubled one after /services/data are tolerated
// (/services/data/v67.0/limits/ is served); every other route matches its path exactly, with no
// trailing slash (/services/oauth2/token/ is not found).
//
// Placeholders are values the resource checks, not the router: a version outside the org's
// range (v31.0 up to its latest), an sObject it lacks, an unknown id or another org's id match
// the pattern and still answer 404 NOT_FOUND from the resource. The table is the org's own
// host's (My Domain, or the instance host the org lives on); login.salesforce.com and
// test.salesforce.com serve of /services/data only the versions list.
struct Route {
  // The methods the route serves, space-separated ("GET HEAD", "POST"), or "*" when the handler
  // serves any method (it never refuses one). Another method gets the route's own refusal (405
  // METHOD_NOT_ALLOWED, or the token endpoint's "must use HTTP POST"), not NOT_FOUND.
  std::string_view methods;
  std::string_view pattern;  // "/services/data/v{version}/sobjects/{object}/{id}"
  std::string_view what;     // one line: "a record by its 15- or 18-character id"
};

// Every route the mock serves, in the order the routers try them.
std::span<const Route> Routes();

// Whether the route serves `method` ("GET"; compared exactly, as the routers do).
bool TakesMethod(const Route& route, std::string_view method);

// Whether some route serves this method and path (the path without the query, still
// percent-encoded, as HttpRequest::path holds it).
bool IsRouted(std::string_view method, std::string_view path);

// A route near a request, and what to change to reach it.
struct NearMiss {
  const Route* route = nullptr;
  // Edits between the request and the route: 1 per path segment added, removed or replaced
  // (segments counted as the route reads them: under /services/data without empty ones), plus 1
  // when the route does not take the method. 0: the route serves the request.
  int distance = 0;
  // The sort key: `distance` plus how unlike the replaced, added and removed segments are, a
  // mean in [0, 1): 0.1 a segment that differs only in case, 0.2 only by a plural "s", 0.3 or 0.4
  // one misspelt by 1 or 2 characters (a swap of two neighbours counts 1), 0.3 a version not in
  // the v67.0 form, 0.9 any other replaced segment and every added or removed one. A method
  // difference adds 1 to the distance and nothing to the mean, so a route that differs only in
  // method scores a whole number.
  double score = 0;
  // One line per change, method first, then segments in path order (numbered from 1):
  //   method: sent GET, the route takes POST
  //   segment 4: sent "sobject", expected "sobjects"
  //   segment 3: sent "v67", expected v{version} ("v", the major version, ".0" as in v67.0, ...)
  //   segment 6: remove "extra"            segment 4: remove the trailing "/"
  //   after segment 2 "keyz": add {userId} (a user's 15- or 18-character id)
  std::vector<std::string> diff;
};

// The `n` routes nearest to a request, nearest first (lowest score; ties in table order). Meant
// for a request no route serves; for one that is served, the routes serving it come first with
// distance 0 and no diff.
std::vector<NearMiss> NearestRoutes(std::string_view method, std::string_view path, size_t n = 3);

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ENDPOINTS_ROUTES_H_
