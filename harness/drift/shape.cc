#include "harness/drift/shape.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace sfh::harness::drift {
namespace {

using json = nlohmann::json;

constexpr size_t kMaxErrorText = 300;

// Values compared exactly: the error strings the catalogue records (salesforce-wire.md 9.3 and
// 9.6) and what names the kind of token issued.
constexpr std::string_view kLiteralPaths[] = {
    "body.error",     "body.error_description", "body[].errorCode",
    "body[].message", "body.token_type",        "body.token_format",
};

bool IsDigits(std::string_view text) {
  return !text.empty() &&
         std::ranges::all_of(text, [](unsigned char c) { return std::isdigit(c); });
}

// "67.0"
bool IsVersion(std::string_view text) {
  const size_t dot = text.find('.');
  return dot != std::string_view::npos && IsDigits(text.substr(0, dot)) &&
         IsDigits(text.substr(dot + 1));
}

// A 15- or 18-character record id: letters and digits, with a digit (words never have one).
bool IsRecordId(std::string_view text) {
  if (text.size() != 15 && text.size() != 18) return false;
  return std::ranges::all_of(text, [](unsigned char c) { return std::isalnum(c); }) &&
         std::ranges::any_of(text, [](unsigned char c) { return std::isdigit(c); });
}

std::string MaskSegment(std::string_view segment) {
  if (segment.empty()) return "";
  if (segment.size() > 1 && segment[0] == 'v' && IsVersion(segment.substr(1))) return "v{version}";
  if (IsVersion(segment)) return "{version}";
  if (IsDigits(segment)) return "{n}";
  if (IsRecordId(segment)) {
    if (segment.starts_with("00D")) return "{orgId}";
    if (segment.starts_with("005")) return "{userId}";
    return "{id}";
  }
  if (segment.find('!') != std::string_view::npos || segment.size() > 40) return "{value}";
  return std::string(segment);
}

std::string MaskPathAndQuery(std::string_view target) {
  if (const size_t hash = target.find('#'); hash != std::string_view::npos) {
    target = target.substr(0, hash);
  }
  std::string_view query;
  if (const size_t q = target.find('?'); q != std::string_view::npos) {
    query = target.substr(q + 1);
    target = target.substr(0, q);
  }
  std::string out;
  size_t start = 0;
  while (start <= target.size()) {
    const size_t slash = target.find('/', start);
    const size_t end = slash == std::string_view::npos ? target.size() : slash;
    out += MaskSegment(target.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    out += '/';
    start = slash + 1;
  }
  if (!query.empty()) {
    out += '?';
    size_t pos = 0;
    bool first = true;
    while (pos <= query.size()) {
      const size_t amp = query.find('&', pos);
      const std::string_view field =
          query.substr(pos, amp == std::string_view::npos ? amp : amp - pos);
      const size_t eq = field.find('=');
      if (!first) out += '&';
      out += std::string(field.substr(0, eq));
      if (eq != std::string_view::npos) out += "={}";
      first = false;
      if (amp == std::string_view::npos) break;
      pos = amp + 1;
    }
  }
  return out;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

// Content-Type and Cache-Control as facts: case and spacing carry no meaning (RFC 9110 5.6).
std::string NormalizeHeader(std::string_view value) {
  std::string out;
  for (char c : Lower(Trim(value))) {
    if (c != ' ' && c != '\t') out += c;
  }
  return out;
}

// A key that names data rather than a field ("Salesforce CLI" under a limit, say): field names
// are identifiers.
bool IsFieldName(std::string_view key) {
  return !key.empty() &&
         std::ranges::all_of(key, [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

using Labels = std::map<std::string, std::set<std::string>>;

void Walk(const json& value, const std::string& path, const ShapeContext& context, Labels& out) {
  std::string label;
  switch (value.type()) {
    case json::value_t::object:
      label = "object";
      for (const auto& [key, item] : value.items()) {
        Walk(item, path + "." + (IsFieldName(key) ? key : std::string("{name}")), context, out);
      }
      break;
    case json::value_t::array:
      label = value.empty() ? "array(empty)" : "array";
      for (const json& item : value) Walk(item, path + "[]", context, out);
      break;
    case json::value_t::string: {
      const auto& text = value.get_ref<const std::string&>();
      if (std::ranges::find(kLiteralPaths, path) != std::end(kLiteralPaths)) {
        label = "string " + json(text).dump();
      } else if (std::string url = UrlShape(text, context); !url.empty()) {
        label = "url " + url;
      } else {
        label = "string";
      }
      break;
    }
    case json::value_t::boolean:
      label = "boolean";
      break;
    case json::value_t::null:
      label = "null";
      break;
    default:
      label = "number";  // integer, unsigned or float: JSON has one number type
      break;
  }
  out[path].insert(std::move(label));
}

// The container kinds ("object", "array") a label allows paths below.
std::set<std::string_view> ContainersOf(std::string_view label) {
  std::set<std::string_view> out;
  size_t start = 0;
  while (start <= label.size()) {
    const size_t bar = label.find('|', start);
    const std::string_view token =
        label.substr(start, bar == std::string_view::npos ? bar : bar - start);
    if (token == "object" || token == "array") out.insert(token);
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return out;
}

// Whether the paths below `path` mean the same on both sides: both are objects, or both arrays.
bool SharesContainer(std::string_view live, std::string_view mock) {
  const auto a = ContainersOf(live), b = ContainersOf(mock);
  return std::ranges::any_of(a, [&](std::string_view kind) { return b.contains(kind); });
}

}  // namespace

std::string UrlShape(std::string_view text, const ShapeContext& context) {
  const std::string lower = Lower(text.substr(0, 8));
  if (lower.starts_with("http://") || lower.starts_with("https://")) {
    if (text.find_first_of(" \t\r\n") != std::string_view::npos) return "";
    const auto url = net::ParseUrl(text);
    if (!url) return "";
    const auto own = net::ParseUrl(context.origin);
    const bool mine = own && own->Origin() == url->Origin();
    std::string shape = url->scheme + "://" + (mine ? "{my_domain}" : "{host}");
    // "https://acme.my.salesforce.com" and "https://acme.my.salesforce.com/" differ as text.
    const std::string_view rest = text.substr(text.find("://") + 3);
    if (rest.find_first_of("/?#") != std::string_view::npos) shape += MaskPathAndQuery(url->target);
    return shape;
  }
  // A path the org hands out ("/services/data/v67.0"), told from Base64 that starts with '/'
  // (a signature can): a lower-case first segment, and no '+' or '=' before the query.
  if (!text.starts_with('/') || text.find_first_of(" \t\r\n") != std::string_view::npos) {
    return "";
  }
  const std::string_view path = text.substr(0, text.find_first_of("?#"));
  const std::string_view first = path.substr(1, path.find('/', 1) - 1);
  const bool lowercase = !first.empty() && std::ranges::all_of(first, [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '.' || c == '-' || c == '_';
  });
  if (!lowercase || path.find_first_of("+=") != std::string_view::npos) return "";
  return MaskPathAndQuery(text);
}

std::string LimitInfoForm(std::string_view value) {
  value = Trim(value);
  std::string out;
  for (size_t i = 0; i < value.size();) {
    if (std::isdigit(static_cast<unsigned char>(value[i]))) {
      while (i < value.size() && std::isdigit(static_cast<unsigned char>(value[i]))) ++i;
      out += "{n}";
    } else if (value.substr(i).starts_with("appName=")) {
      out += "appName={name}";
      i += 8;
      while (i < value.size() && value[i] != ')' && value[i] != ',' && value[i] != ';') ++i;
    } else {
      out += value[i++];
    }
  }
  return out;
}

Shape JsonShape(const nlohmann::json& body, const ShapeContext& context) {
  Labels labels;
  Walk(body, "body", context, labels);
  Shape shape;
  for (auto& [path, set] : labels) {
    // Elements of an array each name their own URL (/sobjects/Account, /sobjects/Case): the
    // union keeps that URLs vary, not each of them.
    const auto urls =
        std::ranges::count_if(set, [](const std::string& l) { return l.starts_with("url "); });
    if (urls > 1) {
      std::erase_if(set, [](const std::string& l) { return l.starts_with("url "); });
      set.insert("url (varies)");
    }
    std::string joined;
    for (const std::string& label : set) joined += (joined.empty() ? "" : "|") + label;
    shape[path] = std::move(joined);
  }
  return shape;
}

Shape AnswerShape(const net::Response& answer, const ShapeContext& context) {
  Shape shape;
  shape["http.status"] = std::to_string(answer.status);
  for (const char* name : {"Content-Type", "Cache-Control"}) {
    const std::string value = net::HeaderValue(answer.headers, name);
    if (!value.empty()) shape[std::string("header.") + name] = NormalizeHeader(value);
  }
  if (const std::string usage = net::HeaderValue(answer.headers, "Sforce-Limit-Info");
      !usage.empty()) {
    shape["header.Sforce-Limit-Info"] = LimitInfoForm(usage);
  }
  if (!net::HeaderValue(answer.headers, "Location").empty()) shape["header.Location"] = "present";

  const std::string_view body = Trim(answer.body);
  if (body.empty()) {
    shape["body"] = "empty";
    return shape;
  }
  const json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_discarded()) {
    shape.merge(JsonShape(doc, context));
    return shape;
  }
  if (answer.status >= 400) {
    std::string text(body.substr(0, kMaxErrorText));
    if (body.size() > kMaxErrorText) text += " [cut]";
    shape["body"] = "text " + json(text).dump(-1, ' ', false, json::error_handler_t::replace);
  } else {
    shape["body"] = "text";
  }
  return shape;
}

std::vector<Difference> CompareShapes(const Shape& live, const Shape& mock) {
  std::set<std::string> paths;
  for (const auto& [path, label] : live) paths.insert(path);
  for (const auto& [path, label] : mock) paths.insert(path);
  // Paths below which one side has nothing: (prefix, true for the live side).
  std::vector<std::pair<std::string, bool>> leaves;
  std::vector<Difference> out;
  for (const std::string& path : paths) {
    const auto l = live.find(path);
    const auto m = mock.find(path);
    const std::string live_label = l == live.end() ? std::string(kAbsent) : l->second;
    const std::string mock_label = m == mock.end() ? std::string(kAbsent) : m->second;
    if (live_label == mock_label) continue;
    const bool covered = std::ranges::any_of(leaves, [&](const auto& leaf) {
      const auto& [prefix, live_side] = leaf;
      const bool below = path.starts_with(prefix + ".") || path.starts_with(prefix + "[");
      return below && (live_side ? l == live.end() : m == mock.end());
    });
    if (covered) continue;
    if (!SharesContainer(live_label, mock_label)) {
      leaves.emplace_back(path, true);
      leaves.emplace_back(path, false);
    }
    out.push_back({path, live_label, mock_label});
  }
  return out;
}

}  // namespace sfh::harness::drift
