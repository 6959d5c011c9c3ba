// The route table and near misses (routes.h). The table mirrors OrgHandler::Handle
// (org_handler.cc) and rest.cc's HandleRest and Route; routes_test.cc sends every route and a
// list of typos through the real handler to hold the two together.
#include "mock_server/endpoints/routes.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace sfh::mock {
namespace {

// "*": the handler never refuses a method (discovery, auth-configuration, keys, identity and
// userinfo ignore it; revoke and authorize read a form body on POST and the query otherwise).
constexpr Route kRoutes[] = {
    {"POST", "/services/oauth2/token",
     "the token endpoint: client credentials, authorization code, refresh token and JWT bearer"},
    {"*", "/.well-known/openid-configuration", "the OpenID Connect discovery document"},
    {"*", "/services/oauth2/revoke",
     "revokes a token: POST a form token=..., or GET ?token=... (JSONP with callback=)"},
    {"*", "/services/oauth2/authorize",
     "the browser step of the code and user-agent flows (the query, or a form on POST)"},
    {"POST", "/services/oauth2/introspect", "token introspection by an authenticated client"},
    {"*", "/services/oauth2/userinfo", "the OpenID Connect userinfo of the token's user"},
    {"*", "/.well-known/auth-configuration", "the org's authentication configuration"},
    {"*", "/id/keys", "the JWKS that verifies JWT-based access tokens"},
    {"*", "/id/{orgId}/{userId}", "the identity URL of a user of this org"},
    {"GET HEAD", "/services/data", "the API versions list (no session needed)"},
    {"GET HEAD", "/services/data/v{version}", "a version's resources and their URLs"},
    {"GET HEAD", "/services/data/v{version}/limits", "the org's limits and API usage"},
    {"GET HEAD", "/services/data/v{version}/query", "runs the SOQL query in ?q="},
    {"GET HEAD", "/services/data/v{version}/query/{locator}", "the next batch of a query"},
    {"GET HEAD", "/services/data/v{version}/queryAll",
     "runs the SOQL query in ?q=, deleted and archived records included"},
    {"GET HEAD", "/services/data/v{version}/queryAll/{locator}", "the next batch of a queryAll"},
    {"GET HEAD", "/services/data/v{version}/sobjects", "describe global: the org's sObjects"},
    {"GET HEAD", "/services/data/v{version}/sobjects/{object}",
     "an sObject's basic information and recent records"},
    {"GET HEAD", "/services/data/v{version}/sobjects/{object}/describe", "an sObject's describe"},
    {"GET HEAD", "/services/data/v{version}/sobjects/{object}/{id}",
     "a record by its 15- or 18-character id (?fields= picks fields)"},
};

constexpr std::string_view kDataPrefix = "/services/data";
constexpr std::string_view kVersionSegment = "v{version}";

// How unlike two segments are, in tenths (NearMiss::score).
constexpr int kCaseOnly = 1;
constexpr int kPlural = 2;
constexpr int kMisspelt = 2;  // plus the characters misspelt: 3 or 4
constexpr int kVersionLike = 3;
constexpr int kUnrelated = 9;

// Split on '/' after the leading one, keeping empty segments: "/id/keys/" is id, keys, "".
std::vector<std::string_view> SplitSegments(std::string_view path) {
  if (path.starts_with('/')) path.remove_prefix(1);
  std::vector<std::string_view> parts;
  if (path.empty()) return parts;
  for (size_t start = 0;;) {
    const size_t end = path.find('/', start);
    if (end == std::string_view::npos) {
      parts.push_back(path.substr(start));
      return parts;
    }
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
}

bool IsDataRoute(const Route& route) {
  return route.pattern == kDataPrefix || route.pattern.starts_with("/services/data/");
}

// The request's segments as the route's router reads them: rest.cc skips empty segments after
// /services/data; OrgHandler compares every other path whole.
std::vector<std::string_view> SentSegments(const Route& route, std::string_view path) {
  auto parts = SplitSegments(path);
  if (!IsDataRoute(route)) return parts;
  std::vector<std::string_view> kept;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i < 2 || !parts[i].empty()) kept.push_back(parts[i]);
  }
  return kept;
}

bool IsPlaceholder(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// rest.cc: "latest", or sf::ParseVersionSegment's form: "v", digits, ".0".
bool IsVersion(std::string_view segment) {
  if (segment == "latest") return true;
  if (segment.size() < 4 || segment.front() != 'v' || !segment.ends_with(".0")) return false;
  const std::string_view digits = segment.substr(1, segment.size() - 3);
  return std::all_of(digits.begin(), digits.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool SegmentMatches(std::string_view pattern, std::string_view sent) {
  if (pattern == kVersionSegment) return IsVersion(sent);
  if (IsPlaceholder(pattern)) return !sent.empty();
  return pattern == sent;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Levenshtein distance with a swap of two neighbouring characters counted as one edit (optimal
// string alignment).
size_t SpellingDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t change = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + change});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

// How unlike a sent segment is a literal it does not match, in tenths.
int Unlikeness(std::string_view sent, std::string_view literal) {
  const std::string a = Lower(sent);
  const std::string b = Lower(literal);
  if (a == b) return kCaseOnly;
  if (a + "s" == b || b + "s" == a) return kPlural;
  const size_t spelling = SpellingDistance(a, b);
  // At most 2 characters, and no more than a third of the longer: "id" is not a misspelt "v1".
  if (spelling <= 2 && spelling * 3 <= std::max(a.size(), b.size())) {
    return kMisspelt + static_cast<int>(spelling);
  }
  return kUnrelated;
}

// A try at a version: v67, V67.0, 67.0, lastest.
bool LooksLikeVersion(std::string_view sent) {
  const std::string s = Lower(sent);
  const size_t digit_at = s.starts_with('v') ? 1 : 0;
  if (s.size() > digit_at && std::isdigit(static_cast<unsigned char>(s[digit_at]))) return true;
  return !s.empty() && Unlikeness(s, "latest") < kUnrelated;
}

// How unlike a sent segment is the pattern segment it does not match, in tenths.
int SubstitutionCost(std::string_view pattern, std::string_view sent) {
  if (pattern == kVersionSegment) return LooksLikeVersion(sent) ? kVersionLike : kUnrelated;
  if (IsPlaceholder(pattern)) return kUnrelated;  // only an empty segment fails a placeholder
  return Unlikeness(sent, pattern);
}

std::string_view PlaceholderHint(std::string_view pattern) {
  if (pattern == kVersionSegment) return R"("v", the major version, ".0" as in v67.0, or "latest")";
  if (pattern == "{object}") return "an sObject name, as Account";
  if (pattern == "{id}") return "a record's 15- or 18-character id";
  if (pattern == "{locator}") return "a query locator and the records read, from nextRecordsUrl";
  if (pattern == "{orgId}") return "the org's 15- or 18-character id";
  if (pattern == "{userId}") return "a user's 15- or 18-character id";
  return "any non-empty segment";
}

// A pattern segment as a diff line names it: "sobjects" quoted, a placeholder with its hint.
std::string Expected(std::string_view pattern) {
  if (pattern == kVersionSegment || IsPlaceholder(pattern)) {
    return fmt::format("{} ({})", pattern, PlaceholderHint(pattern));
  }
  return fmt::format("\"{}\"", pattern);
}

std::vector<std::string_view> Methods(const Route& route) {
  std::vector<std::string_view> methods;
  std::string_view rest = route.methods;
  while (!rest.empty()) {
    const size_t space = rest.find(' ');
    const std::string_view method = rest.substr(0, space);
    if (!method.empty()) methods.push_back(method);
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  return methods;
}

// "GET", "GET or HEAD", "GET, HEAD or POST".
std::string MethodList(const Route& route) {
  const auto methods = Methods(route);
  std::string out;
  for (size_t i = 0; i < methods.size(); ++i) {
    if (i > 0) out += i + 1 == methods.size() ? " or " : ", ";
    out += methods[i];
  }
  return out;
}

// A cost compared edits first, then unlikeness.
struct Cost {
  int edits = 0;
  int tenths = 0;
  Cost operator+(Cost other) const { return {edits + other.edits, tenths + other.tenths}; }
  bool operator<(Cost other) const {
    return edits != other.edits ? edits < other.edits : tenths < other.tenths;
  }
};

// The step into a cell of the alignment: keep or replace a segment, remove a sent one, or add
// one of the route's.
enum class Step : uint8_t { kDiagonal, kRemove, kAdd };

struct Alignment {
  Cost cost;
  std::vector<std::string> diff;
};

// The cheapest edit of `sent` into `pattern`, and its diff lines in path order.
Alignment Align(const std::vector<std::string_view>& sent,
                const std::vector<std::string_view>& pattern) {
  const size_t m = sent.size();
  const size_t k = pattern.size();
  const Cost kEdit{1, kUnrelated};
  std::vector<std::vector<Cost>> cost(m + 1, std::vector<Cost>(k + 1));
  std::vector<std::vector<Step>> step(m + 1, std::vector<Step>(k + 1, Step::kDiagonal));
  for (size_t i = 1; i <= m; ++i) {
    cost[i][0] = cost[i - 1][0] + kEdit;
    step[i][0] = Step::kRemove;
  }
  for (size_t j = 1; j <= k; ++j) {
    cost[0][j] = cost[0][j - 1] + kEdit;
    step[0][j] = Step::kAdd;
  }
  for (size_t i = 1; i <= m; ++i) {
    for (size_t j = 1; j <= k; ++j) {
      // On a tie the backtrack from the end prefers removing or adding, so the diff removes or
      // adds the last segments: "/id/<org id>" lacks {userId}, not {orgId}.
      Cost best = cost[i - 1][j] + kEdit;
      Step chosen = Step::kRemove;
      if (cost[i][j - 1] + kEdit < best) {
        best = cost[i][j - 1] + kEdit;
        chosen = Step::kAdd;
      }
      const bool same = SegmentMatches(pattern[j - 1], sent[i - 1]);
      const Cost diagonal =
          cost[i - 1][j - 1] +
          (same ? Cost{} : Cost{1, SubstitutionCost(pattern[j - 1], sent[i - 1])});
      if (diagonal < best) {
        best = diagonal;
        chosen = Step::kDiagonal;
      }
      cost[i][j] = best;
      step[i][j] = chosen;
    }
  }

  Alignment result{cost[m][k], {}};
  for (size_t i = m, j = k; i > 0 || j > 0;) {
    switch (step[i][j]) {
      case Step::kDiagonal:
        if (!SegmentMatches(pattern[j - 1], sent[i - 1])) {
          result.diff.push_back(fmt::format("segment {}: sent \"{}\", expected {}", i, sent[i - 1],
                                            Expected(pattern[j - 1])));
        }
        --i;
        --j;
        break;
      case Step::kRemove:
        if (!sent[i - 1].empty()) {
          result.diff.push_back(fmt::format("segment {}: remove \"{}\"", i, sent[i - 1]));
        } else if (i == m) {
          result.diff.push_back(fmt::format("segment {}: remove the trailing \"/\"", i));
        } else {
          result.diff.push_back(
              fmt::format("segment {}: remove the empty segment (a doubled \"/\")", i));
        }
        --i;
        break;
      case Step::kAdd:
        if (i == 0) {
          result.diff.push_back(fmt::format("at the start: add {}", Expected(pattern[j - 1])));
        } else {
          result.diff.push_back(fmt::format("after segment {} \"{}\": add {}", i, sent[i - 1],
                                            Expected(pattern[j - 1])));
        }
        --j;
        break;
    }
  }
  std::reverse(result.diff.begin(), result.diff.end());
  return result;
}

bool Serves(const Route& route, std::string_view method, std::string_view path) {
  if (!path.starts_with('/') || !TakesMethod(route, method)) return false;
  const auto sent = SentSegments(route, path);
  const auto pattern = SplitSegments(route.pattern);
  if (sent.size() != pattern.size()) return false;
  for (size_t i = 0; i < sent.size(); ++i) {
    if (!SegmentMatches(pattern[i], sent[i])) return false;
  }
  return true;
}

}  // namespace

std::span<const Route> Routes() { return kRoutes; }

bool TakesMethod(const Route& route, std::string_view method) {
  if (route.methods == "*") return true;
  const auto methods = Methods(route);
  return std::find(methods.begin(), methods.end(), method) != methods.end();
}

bool IsRouted(std::string_view method, std::string_view path) {
  return std::any_of(std::begin(kRoutes), std::end(kRoutes),
                     [&](const Route& route) { return Serves(route, method, path); });
}

std::vector<NearMiss> NearestRoutes(std::string_view method, std::string_view path, size_t n) {
  struct Candidate {
    NearMiss miss;
    int segment_edits;
    int tenths;
  };
  std::vector<Candidate> candidates;
  for (const Route& route : kRoutes) {
    Candidate c;
    c.miss.route = &route;
    Alignment alignment = Align(SentSegments(route, path), SplitSegments(route.pattern));
    c.segment_edits = alignment.cost.edits;
    c.tenths = alignment.cost.tenths;
    c.miss.distance = alignment.cost.edits;
    if (!path.starts_with('/')) {
      ++c.miss.distance;
      c.miss.diff.push_back("path: start it with \"/\"");
    }
    if (!TakesMethod(route, method)) {
      ++c.miss.distance;
      c.miss.diff.push_back(
          fmt::format("method: sent {}, the route takes {}", method, MethodList(route)));
    }
    c.miss.diff.insert(c.miss.diff.end(), std::make_move_iterator(alignment.diff.begin()),
                       std::make_move_iterator(alignment.diff.end()));
    const double mean = c.segment_edits == 0 ? 0.0 : c.tenths / (10.0 * c.segment_edits);
    c.miss.score = c.miss.distance + mean;
    candidates.push_back(std::move(c));
  }
  // Exact: the mean unlikenesses compare as fractions, a/b < c/d as a*d < c*b.
  std::stable_sort(
      candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        if (a.miss.distance != b.miss.distance) {
          return a.miss.distance < b.miss.distance;
        }
        return a.tenths * std::max(b.segment_edits, 1) < b.tenths * std::max(a.segment_edits, 1);
      });
  std::vector<NearMiss> nearest;
  for (size_t i = 0; i < candidates.size() && i < n; ++i) {
    nearest.push_back(std::move(candidates[i].miss));
  }
  return nearest;
}

}  // namespace sfh::mock
