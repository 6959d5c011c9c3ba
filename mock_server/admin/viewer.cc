// Serves the embedded viewer files with their content types and a strict policy.
#include "mock_server/admin/viewer.h"

#include <string>

namespace sfh::mock {
namespace {

// No inline script or style, no resource from anywhere but sfmock; data: images for the icon.
constexpr char kContentSecurityPolicy[] =
    "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:";

struct Asset {
  std::string_view file;
  std::string_view content_type;
};

std::optional<Asset> AssetFor(std::string_view route) {
  if (route == "/ui" || route == "/ui/") return Asset{"index.html", "text/html; charset=utf-8"};
  if (route == "/ui/viewer.js") return Asset{"viewer.js", "text/javascript; charset=utf-8"};
  if (route == "/ui/viewer.css") return Asset{"viewer.css", "text/css; charset=utf-8"};
  return std::nullopt;
}

}  // namespace

std::optional<HttpResponse> ServeViewerAsset(std::string_view route) {
  const auto asset = AssetFor(route);
  if (!asset) return std::nullopt;
  const auto bytes = EmbeddedViewerFile(asset->file);
  if (!bytes) return std::nullopt;
  HttpResponse r;
  r.status = 200;
  r.headers.Add("Content-Type", std::string(asset->content_type));
  r.headers.Add("Cache-Control", "no-store");
  r.headers.Add("Content-Security-Policy", kContentSecurityPolicy);
  r.headers.Add("X-Content-Type-Options", "nosniff");
  r.headers.Add("Referrer-Policy", "no-referrer");
  r.body = std::string(*bytes);
  return r;
}

}  // namespace sfh::mock
