// The error catalogue: every error Salesforce answers on the token endpoint, the authorize
// endpoint, the revoke endpoint, the identity URL and userinfo, and the REST API, as data. The mock
// emits from it, diagnose recognises it and learn explains it. Every entry carries its provenance
// from salesforce-wire.md or the public source it was found in. Immutable, thread-safe.
#ifndef SFH_SALESFORCE_CATALOGUE_H_
#define SFH_SALESFORCE_CATALOGUE_H_

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace sfh::salesforce {

enum class Provenance { kConfirmed, kInferred, kUnverified };
std::string_view ToString(Provenance p);

// Where an error is answered, which decides the body's shape and content type.
enum class ErrorSurface {
  kToken,   // {"error":"…","error_description":"…"}
  kRevoke,  // the same shape as the token endpoint (encoding UNVERIFIED, see the entry)
  kRest,    // [{"message":"…","errorCode":"…"}]
  // /services/oauth2/authorize. A 3xx entry is a redirect to the callback carrying
  // error=…&error_description=… form-encoded ('+' for spaces) in its query (web server flow; the
  // user-agent flow puts the same in the fragment), salesforce-wire.md 2.2 and 9.3. A 4xx entry is
  // answered directly, with that query-string form as body, or with token-style JSON when
  // json_body is set.
  kAuthorize,
  // The identity URL (https://login.salesforce.com/id/<org>/<user>) and
  // /services/oauth2/userinfo: one word of plain text such as Bad_OAuth_Token.
  kIdentity,
};
// "token", "revoke", "rest", "authorize", "identity".
std::string_view ToString(ErrorSurface surface);

struct CatalogueEntry {
  std::string_view id;  // stable key, e.g. "token.no_client_credentials_user"
  ErrorSurface surface;
  int http_status;        // 302 for an authorize error redirected to the callback
  std::string_view code;  // `error` (OAuth), `errorCode` (REST), the word (identity)
  // `error_description` (OAuth), `message` (REST) or the plain-text body (identity), exact. A REST
  // message that varies per request is a template: each "{}" stands for one value, filled in
  // order by ErrorBody(entry, args) and matching any text in MatchCatalogueEntry.
  std::string_view description;
  Provenance provenance;
  std::string_view source;        // where the string and status were seen
  std::string_view causes;        // the likely causes, in order
  std::string_view fix;           // the fix, in Setup and in metadata terms
  bool error_code_first = false;  // REST body lists errorCode before message (as seen)
  bool json_body = false;         // kAuthorize answered with token-style JSON (as seen)
};

// Every entry, in catalogue order.
std::span<const CatalogueEntry> Catalogue();
// The entry with that id; terminates the program if there is none (ids are compile-time facts).
const CatalogueEntry& CatalogueEntryById(std::string_view id);
// The entry whose id, code or description equals `text` (ignoring case), else the first whose
// description template matches it (ignoring case), or nullptr. Entries are searched in catalogue
// order, so a code shared by several surfaces finds the token endpoint's entry.
const CatalogueEntry* FindCatalogueEntry(std::string_view text);
// The first entry for an observed (code, description) pair, or nullptr when unknown. Exact pairs
// win over template matches ("No such column 'Nam' on entity 'Account'. …" is rest.INVALID_FIELD).
const CatalogueEntry* MatchCatalogueEntry(std::string_view code, std::string_view description);
// The same, among the entries of one surface.
const CatalogueEntry* MatchCatalogueEntry(ErrorSurface surface, std::string_view code,
                                          std::string_view description);

// Whether the entry's description has "{}" placeholders.
bool IsTemplate(const CatalogueEntry& entry);
// Whether `text` is the entry's description, each "{}" of a template matching any text
// (case-sensitive, the whole text).
bool MatchesDescription(const CatalogueEntry& entry, std::string_view text);

// Whether the entry is answered as a redirect to the client's callback (kAuthorize, 3xx).
bool IsRedirect(const CatalogueEntry& entry);
// The Content-Type of the entry's body: "application/json;charset=UTF-8" for the token, revoke and
// REST surfaces and authorize entries with json_body (salesforce-wire.md 9); for other authorize
// entries "application/x-www-form-urlencoded", the encoding of the query string the body is;
// "text/plain;charset=UTF-8" for identity (UNVERIFIED: the sources record the bare word and the
// 403, not the header).
std::string_view ContentType(const CatalogueEntry& entry);

// The exact response body of an entry: compact JSON in Salesforce's key order; for authorize
// entries without json_body the query-string form
// "error=OAUTH_EC_APP_NOT_FOUND&error_description=External+client+app+is+not+installed+in+this+org";
// for identity entries the plain word. A template's placeholders are left as "{}".
std::string ErrorBody(const CatalogueEntry& entry);
// The same with the description's "{}" placeholders replaced by `args` in order. Missing values
// leave their "{}"; extra values are ignored. E.g. ErrorBody(CatalogueEntryById(
// "rest.INVALID_FIELD"), {"Nam", "Account"}).
std::string ErrorBody(const CatalogueEntry& entry, std::span<const std::string> args);
std::string ErrorBody(const CatalogueEntry& entry, std::initializer_list<std::string_view> args);
// The description with its placeholders filled, as ErrorBody fills them.
std::string ErrorMessage(const CatalogueEntry& entry, std::span<const std::string> args);
std::string ErrorMessage(const CatalogueEntry& entry, std::initializer_list<std::string_view> args);

// Where Salesforce sends the browser for an authorize error: `redirect_uri` with the error's query
// appended ('?' or '&' as needed) and `state` last when non-empty, as in salesforce-wire.md 9.3
// ("https://client/cb?error=access_denied&error_description=end-user+denied+authorization&state=…").
std::string AuthorizeErrorLocation(const CatalogueEntry& entry, std::string_view redirect_uri,
                                   std::string_view state = "");

// A REST error body with a message that varies per request (MALFORMED_QUERY, INVALID_FIELD).
std::string RestErrorBody(std::string_view error_code, std::string_view message);

// The catalogue entry an observed answer is, or nullptr when it is not an error the catalogue
// knows: a redirect whose `location` carries error=…&error_description=… (query or fragment), an
// OAuth JSON body {"error","error_description"}, a REST array [{"errorCode","message"}], a
// form-encoded error body, or an identity host's one-word body. Success answers give nullptr.
const CatalogueEntry* RecognizeErrorResponse(int status, std::string_view body,
                                             std::string_view location = "");

}  // namespace sfh::salesforce

#endif  // SFH_SALESFORCE_CATALOGUE_H_
