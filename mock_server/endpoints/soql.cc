#include "mock_server/endpoints/soql.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

#include "mock_server/http/message.h"

namespace sfh::mock {
namespace {

// Splits on white space and commas, keeping commas as tokens.
std::vector<std::string> Tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) tokens.push_back(std::move(current));
    current.clear();
  };
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      flush();
    } else if (c == ',') {
      flush();
      tokens.emplace_back(",");
    } else {
      current.push_back(c);
    }
  }
  flush();
  return tokens;
}

bool IsIdentifier(std::string_view s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s.front()))) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.') return false;
  }
  return true;
}

}  // namespace

std::expected<SoqlQuery, std::string> ParseSoql(std::string_view text) {
  const auto tokens = Tokenize(text);
  if (tokens.empty()) return std::unexpected(std::string("unexpected token: <EOF>"));
  size_t i = 0;
  if (!EqualsIgnoreCase(tokens[i], "SELECT")) {
    return std::unexpected(fmt::format("unexpected token: {}", tokens[i]));
  }
  ++i;
  SoqlQuery query;
  while (true) {
    if (i >= tokens.size()) return std::unexpected(std::string("unexpected token: <EOF>"));
    if (!IsIdentifier(tokens[i]) || EqualsIgnoreCase(tokens[i], "FROM")) {
      return std::unexpected(fmt::format("unexpected token: {}", tokens[i]));
    }
    query.fields.push_back(tokens[i++]);
    if (i < tokens.size() && tokens[i] == ",") {
      ++i;
      continue;
    }
    break;
  }
  if (i >= tokens.size() || !EqualsIgnoreCase(tokens[i], "FROM")) {
    return std::unexpected(
        fmt::format("unexpected token: {}", i < tokens.size() ? tokens[i] : "<EOF>"));
  }
  ++i;
  if (i >= tokens.size() || !IsIdentifier(tokens[i])) {
    return std::unexpected(
        fmt::format("unexpected token: {}", i < tokens.size() ? tokens[i] : "<EOF>"));
  }
  query.object = tokens[i++];
  if (i < tokens.size() && EqualsIgnoreCase(tokens[i], "LIMIT")) {
    ++i;
    long n = -1;
    if (i < tokens.size()) {
      const auto& t = tokens[i];
      const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
      if (ec != std::errc() || end != t.data() + t.size() || n < 0) n = -1;
    }
    if (n < 0) {
      return std::unexpected(
          fmt::format("unexpected token: {}", i < tokens.size() ? tokens[i] : "<EOF>"));
    }
    query.limit = n;
    ++i;
  }
  if (i < tokens.size()) return std::unexpected(fmt::format("unexpected token: {}", tokens[i]));
  return query;
}

}  // namespace sfh::mock
