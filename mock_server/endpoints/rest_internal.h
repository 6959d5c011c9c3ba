// What the REST data API's files share: the call being answered, the objects' fields as
// describe and SOQL see them, records as JSON, and error bodies built from the catalogue.
// rest.cc routes and checks access; rest_sobjects.cc serves describe and records;
// rest_query.cc serves query, queryAll and their next batches. Internal to endpoints/.
#ifndef SFH_MOCK_SERVER_ENDPOINTS_REST_INTERNAL_H_
#define SFH_MOCK_SERVER_ENDPOINTS_REST_INTERNAL_H_

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mock_server/http/message.h"
#include "mock_server/org/org.h"
#include "mock_server/org/sobjects.h"

namespace sfh::mock::rest {

using Json = nlohmann::ordered_json;

// One authenticated, counted call to a versioned resource.
struct RestCall {
  Org& org;
  const HttpRequest& request;
  const Session& session;
  std::string version;  // "65.0", also when the URL said "latest"
  std::string base;     // "/services/data/v65.0"
};

// A field of an object as describe lists it and SOQL resolves it: the standard fields of
// sobjects.h, then the custom fields ("__c") found on the org's records of that object.
struct FieldInfo {
  std::string name;  // canonical spelling ("BillingCity", "Region__c")
  std::string type;  // describe's type: "id", "string", "picklist", "double", "boolean", ...
  std::string label;
  bool custom = false;
};

std::vector<FieldInfo> ObjectFields(const Org& org, const SObjectType& type);
// The field named `name`, ignoring case as SOQL and the REST API do; nullptr when none.
const FieldInfo* FindField(const std::vector<FieldInfo>& fields, std::string_view name);
// Whether values of the field are record ids (id and reference fields).
bool IsIdType(std::string_view type);
// The record's value of `field`: its Id, its stored value, Name derived from FirstName and
// LastName for Contact and Lead, or null.
Json FieldValue(const SObjectType& type, const RecordConfig& record, const FieldInfo& field);
// {"type":"Account","url":"<base>/sobjects/Account/<id>"}, the first key of every record.
Json Attributes(std::string_view base, const SObjectType& type, std::string_view id);

// Resources. Each answers 200 or a Salesforce error.
HttpResponse DescribeGlobal(const RestCall& call);
HttpResponse SObjectBasicInfo(const RestCall& call, const SObjectType& type);
HttpResponse SObjectDescribe(const RestCall& call, const SObjectType& type);
HttpResponse SObjectRecord(const RestCall& call, const SObjectType& type, std::string_view id);
HttpResponse Query(const RestCall& call);
// GET .../query/<locator>-<offset> (and queryAll/...).
HttpResponse QueryMore(const RestCall& call, std::string_view locator_and_offset);

// The catalogue entry's status and error code with `message` as the message: for the entries
// whose wording varies beyond their template (MALFORMED_QUERY, INVALID_FIELD, NOT_FOUND).
HttpResponse EntryError(std::string_view entry_id, std::string_view message);
// The entry's template filled with `args`, optionally prefixed the way SOQL errors are (the
// query line, a caret, "ERROR at Row:..:Column:..") when `query` and `offset` are given.
HttpResponse TemplateError(std::string_view entry_id, std::initializer_list<std::string_view> args,
                           std::string_view query = "", std::optional<size_t> offset = {});

}  // namespace sfh::mock::rest

#endif  // SFH_MOCK_SERVER_ENDPOINTS_REST_INTERNAL_H_
