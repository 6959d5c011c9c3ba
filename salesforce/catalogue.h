// The error catalogue: every error Salesforce answers on the token endpoint, the revoke endpoint
// and the REST API, as data. The mock emits from it, diagnose recognises it and learn explains
// it. Every entry carries its provenance from salesforce-wire.md. Immutable, thread-safe.
#ifndef SFH_SALESFORCE_CATALOGUE_H_
#define SFH_SALESFORCE_CATALOGUE_H_

#include <span>
#include <string>
#include <string_view>

namespace sfh::salesforce {

enum class Provenance { kConfirmed, kInferred, kUnverified };
std::string_view ToString(Provenance p);

// Where an error is answered, which decides the body's shape.
enum class ErrorSurface {
  kToken,   // {"error":"…","error_description":"…"}
  kRevoke,  // the same shape as the token endpoint (encoding UNVERIFIED, see the entry)
  kRest,    // [{"message":"…","errorCode":"…"}]
};

struct CatalogueEntry {
  std::string_view id;           // stable key, e.g. "token.no_client_credentials_user"
  ErrorSurface surface;
  int http_status;
  std::string_view code;         // `error` (OAuth) or `errorCode` (REST)
  std::string_view description;  // `error_description` (OAuth) or `message` (REST), exact
  Provenance provenance;
  std::string_view source;       // where the string and status were seen
  std::string_view causes;       // the likely causes, in order
  std::string_view fix;          // the fix, in Setup and in metadata terms
  bool error_code_first = false; // REST body lists errorCode before message (as seen)
};

// Every entry, in catalogue order.
std::span<const CatalogueEntry> Catalogue();
// The entry with that id; terminates the program if there is none (ids are compile-time facts).
const CatalogueEntry& CatalogueEntryById(std::string_view id);
// The entry whose id, code or description equals `text`, or nullptr.
const CatalogueEntry* FindCatalogueEntry(std::string_view text);
// The first entry for an observed (code, description) pair, or nullptr when unknown.
const CatalogueEntry* MatchCatalogueEntry(std::string_view code, std::string_view description);

// The exact response body of an entry: compact JSON in Salesforce's key order.
std::string ErrorBody(const CatalogueEntry& entry);
// A REST error body with a message that varies per request (MALFORMED_QUERY, INVALID_FIELD).
std::string RestErrorBody(std::string_view error_code, std::string_view message);

}  // namespace sfh::salesforce

#endif  // SFH_SALESFORCE_CATALOGUE_H_
