#include "harness/net/client_secret.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace sfh::harness::net {

std::expected<std::string, std::string> ReadClientSecret(const std::string& secret_file,
                                                         const EnvLookup& getenv) {
  if (!secret_file.empty()) {
    std::ifstream in(secret_file, std::ios::binary);
    if (!in) return std::unexpected(fmt::format("cannot read the secret file {}", secret_file));
    constexpr size_t kMaxBytes = 64 * 1024;
    std::string text(kMaxBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxBytes) {
      return std::unexpected(fmt::format("the secret file {} is larger than 64 KiB", secret_file));
    }
    text = text.substr(0, text.find_first_of("\r\n"));
    if (text.empty()) {
      return std::unexpected(fmt::format("the secret file {} is empty", secret_file));
    }
    return text;
  }
  auto value = getenv("SF_CLIENT_SECRET");
  if (!value || value->empty()) {
    return std::unexpected(
        "no client secret: set SF_CLIENT_SECRET or pass --client-secret-file FILE");
  }
  return *value;
}

}  // namespace sfh::harness::net
