#include "mock_server/http/message.h"

#include <algorithm>
#include <cctype>

namespace sfh::mock {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<std::string_view> Headers::Get(std::string_view name) const {
  for (const auto& [k, v] : fields_) {
    if (EqualsIgnoreCase(k, name)) return v;
  }
  return std::nullopt;
}

size_t Headers::Count(std::string_view name) const {
  return static_cast<size_t>(std::count_if(fields_.begin(), fields_.end(), [&](const Field& f) {
    return EqualsIgnoreCase(f.first, name);
  }));
}

void Headers::Set(std::string name, std::string value) {
  std::erase_if(fields_, [&](const Field& f) { return EqualsIgnoreCase(f.first, name); });
  fields_.emplace_back(std::move(name), std::move(value));
}

std::string_view ToString(VirtualHost host) {
  switch (host) {
    case VirtualHost::kMyDomain:
      return "my_domain";
    case VirtualHost::kLogin:
      return "login";
    case VirtualHost::kTest:
      return "test";
    case VirtualHost::kLegacyInstance:
      return "legacy_instance";
  }
  return "my_domain";
}

std::string_view ToString(WireFault::Kind kind) {
  switch (kind) {
    case WireFault::Kind::kNone:
      return "none";
    case WireFault::Kind::kDelay:
      return "delay";
    case WireFault::Kind::kHang:
      return "hang";
    case WireFault::Kind::kReset:
      return "reset";
    case WireFault::Kind::kEmpty:
      return "empty";
    case WireFault::Kind::kMalformed:
      return "malformed";
    case WireFault::Kind::kTruncated:
      return "truncated";
  }
  return "none";
}

}  // namespace sfh::mock
