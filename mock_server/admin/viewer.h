// The live exchange viewer, /__admin/ui: one page (mock_server/admin/ui/) that polls
// /__admin/journal and shows every exchange as it happens. Its files are embedded into the
// binary at build time by embed.cmake; nothing is read from disk at run time.
#ifndef SFH_MOCK_SERVER_ADMIN_VIEWER_H_
#define SFH_MOCK_SERVER_ADMIN_VIEWER_H_

#include <optional>
#include <string_view>

#include "mock_server/http/message.h"

namespace sfh::mock {

// The viewer's file for `route`, the path after "/__admin": "/ui" and "/ui/" are index.html,
// "/ui/viewer.js" and "/ui/viewer.css" the script and the style sheet. nullopt for any other
// route. Answers carry their Content-Type, Cache-Control: no-store and a Content-Security-Policy
// that allows nothing but the viewer's own files.
std::optional<HttpResponse> ServeViewerAsset(std::string_view route);

// The bytes of an embedded file of mock_server/admin/ui/ ("index.html", ...), or nullopt.
// Defined in the source embed.cmake generates.
std::optional<std::string_view> EmbeddedViewerFile(std::string_view name);

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ADMIN_VIEWER_H_
