// POST /services/oauth2/token: reads the parameters the way Salesforce does and hands the
// request to the grant it names. One grant per file under grants/.
#ifndef SFH_MOCK_SERVER_ENDPOINTS_TOKEN_H_
#define SFH_MOCK_SERVER_ENDPOINTS_TOKEN_H_

#include "mock_server/http/message.h"
#include "mock_server/org/org.h"
#include "salesforce/form.h"

namespace sfh::mock {

// The token request's parameters: the form body (only when the content type is
// application/x-www-form-urlencoded) followed by the query string's.
struct TokenRequest {
  const HttpRequest& http;
  const salesforce::Form& params;
};

HttpResponse HandleToken(Org& org, const HttpRequest& request);

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ENDPOINTS_TOKEN_H_
