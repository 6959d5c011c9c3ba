// /__admin/*: the mock's own API, served on the My Domain listener, never journaled and never
// faulted. Loopback only: sfmock binds 127.0.0.1. Socket-free; thread-safe.
//   GET    /__admin/health   {"status":"ok"}
//   GET    /__admin/journal  the journal, redacted (secrets and tokens never leave in full)
//   DELETE /__admin/journal  clears it
//   GET    /__admin/org      the org's ids, apps (client ids only), sessions and API usage
#ifndef SFH_MOCK_SERVER_ADMIN_ADMIN_H_
#define SFH_MOCK_SERVER_ADMIN_ADMIN_H_

#include "mock_server/http/message.h"
#include "mock_server/mock_org.h"

namespace sfh::mock {

inline constexpr std::string_view kAdminPrefix = "/__admin";

bool IsAdminPath(std::string_view path);
HttpResponse HandleAdmin(MockOrg& mock, const HttpRequest& request);

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ADMIN_ADMIN_H_
