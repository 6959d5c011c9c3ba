// /__admin/*: sfmock's own API (docs/ADMIN_API.md), served on the My Domain listener, never
// journaled and never faulted. Every route but the viewer's static files needs the admin token
// (X-Sfmock-Admin-Token) when one is set, and a loopback caller when none is. A request names
// its tenant with X-Sfmock-Tenant or ?tenant=; "default" otherwise. Socket-free; thread-safe.
#ifndef SFH_MOCK_SERVER_ADMIN_ADMIN_H_
#define SFH_MOCK_SERVER_ADMIN_ADMIN_H_

#include "mock_server/http/message.h"

namespace sfh::mock {

class MockService;

inline constexpr std::string_view kAdminPrefix = "/__admin";
inline constexpr std::string_view kAdminTokenHeader = "X-Sfmock-Admin-Token";
// Admin request bodies (scenarios, faults) larger than this are refused.
inline constexpr size_t kMaxAdminBodyBytes = 1 << 20;

bool IsAdminPath(std::string_view path);
HttpResponse HandleAdmin(MockService& service, const HttpRequest& request);

// Whether `remote` ("127.0.0.1:5555", "[::1]:5555") is a loopback address.
bool IsLoopbackRemote(std::string_view remote);

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ADMIN_ADMIN_H_
