// The sObject resources: describe global, an object's basic information and describe, and one
// record. Key sets and their order follow responses captured from real orgs (v51.0 to v61.0)
// in public code: every describe-level key list is in ASCII order, as Salesforce serializes it.
// The shapes are INFERRED (salesforce-wire.md 5); values that depend on an org's metadata
// (lengths, flags) are those of a standard org's Account, Case, Contact, Lead and Opportunity
// as commonly seen (INFERRED, not checked against a live org).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "mock_server/endpoints/responses.h"
#include "mock_server/endpoints/rest_internal.h"
#include "salesforce/form.h"
#include "salesforce/record_id.h"

namespace sfh::mock::rest {
namespace {

// What describe says about a standard field beyond sobjects.h. Defaults by type below.
struct FieldTraits {
  std::string_view object;
  std::string_view field;
  int length = -1;  // -1: the type's default
  bool nillable = true;
  bool name_field = false;
  bool system = false;  // neither createable nor updateable (auto-number, formula, compound)
  bool auto_number = false;
  std::string_view compound;  // compoundFieldName
};

constexpr FieldTraits kTraits[] = {
    {"Account", "Name", 255, false, true},
    {"Account", "BillingCity", 40, true, false, false, false, "BillingAddress"},
    {"Case", "CaseNumber", 30, false, true, true, true},
    {"Contact", "FirstName", 40, true, false, false, false, "Name"},
    {"Contact", "LastName", 80, false, false, false, false, "Name"},
    {"Contact", "Name", 121, false, true, true},
    {"Lead", "FirstName", 40, true, false, false, false, "Name"},
    {"Lead", "LastName", 80, false, false, false, false, "Name"},
    {"Lead", "Name", 121, false, true, true},
    {"Lead", "Company", 255, false},
    {"Lead", "Status", -1, false},
    {"Opportunity", "Name", 120, false, true},
    {"Opportunity", "StageName", -1, false},
    {"Opportunity", "CloseDate", -1, false},
};

const FieldTraits* TraitsOf(std::string_view object, std::string_view field) {
  for (const auto& t : kTraits) {
    if (t.object == object && t.field == field) return &t;
  }
  return nullptr;
}

bool IsTextType(std::string_view type) {
  return type == "string" || type == "picklist" || type == "phone" || type == "url" ||
         type == "email" || type == "textarea";
}

// describe's length for a type when the field does not say: text 255, phone 40, email 80, ids 18.
int DefaultLength(std::string_view type) {
  if (type == "phone") return 40;
  if (type == "email") return 80;
  if (type == "id" || type == "reference") return 18;
  if (IsTextType(type)) return 255;
  return 0;
}

std::string_view SoapType(std::string_view type) {
  if (type == "id" || type == "reference") return "tns:ID";
  if (type == "date") return "xsd:date";
  if (type == "datetime") return "xsd:dateTime";
  if (type == "currency" || type == "double" || type == "percent") return "xsd:double";
  if (type == "boolean") return "xsd:boolean";
  if (type == "int") return "xsd:int";
  return "xsd:string";
}

// "Region__c" is labelled "Region"; "Net_Revenue__c" "Net Revenue".
std::string CustomLabel(std::string_view name) {
  std::string label(name.substr(0, name.size() - 3));
  std::replace(label.begin(), label.end(), '_', ' ');
  return label;
}

// A custom field's type from the first non-null value the records give it.
std::string_view CustomType(const nlohmann::ordered_json& value) {
  if (value.is_boolean()) return "boolean";
  if (value.is_number()) return "double";
  return "string";
}

// The lookup fields among the mock's objects: each points at Account as "Account".
struct Child {
  std::string_view child;
  std::string_view relationship;
  bool cascade_delete;
};
// Deleting an Account deletes its Contacts and Opportunities but not its Cases (INFERRED).
constexpr Child kAccountChildren[] = {
    {"Case", "Cases", false},
    {"Contact", "Contacts", true},
    {"Opportunity", "Opportunities", true},
};

Json Urls(std::string_view base, const SObjectType& type, bool describe,
          std::string_view instance) {
  const std::string object = fmt::format("{}/sobjects/{}", base, type.name);
  Json urls;
  urls["compactLayouts"] = object + "/describe/compactLayouts";
  urls["rowTemplate"] = object + "/{ID}";
  urls["approvalLayouts"] = object + "/describe/approvalLayouts";
  if (describe) {
    // Salesforce Classic pages on the instance (seen in a v61.0 describe).
    urls["uiDetailTemplate"] = fmt::format("{}/{{ID}}", instance);
    urls["uiEditTemplate"] = fmt::format("{}/{{ID}}/e", instance);
  }
  urls["listviews"] = object + "/listviews";
  urls["describe"] = object + "/describe";
  if (describe) urls["uiNewRecord"] = fmt::format("{}/{}/e", instance, type.key_prefix);
  urls["quickActions"] = object + "/quickActions";
  urls["layouts"] = object + "/describe/layouts";
  urls["sobject"] = object;
  return urls;
}

bool Mergeable(const SObjectType& type) {
  return type.name == "Account" || type.name == "Contact" || type.name == "Lead";
}

// The keys describe global and basic information share, in the order captured (v51.0, v52.0).
Json ObjectSummary(std::string_view base, const SObjectType& type) {
  Json o;
  o["activateable"] = false;
  o["associateEntityType"] = nullptr;
  o["associateParentEntity"] = nullptr;
  o["createable"] = true;
  o["custom"] = false;
  o["customSetting"] = false;
  o["deepCloneable"] = false;
  o["deletable"] = true;
  o["deprecatedAndHidden"] = false;
  o["feedEnabled"] = true;
  o["hasSubtypes"] = false;
  o["isInterface"] = false;
  o["isSubtype"] = false;
  o["keyPrefix"] = type.key_prefix;
  o["label"] = type.label;
  o["labelPlural"] = type.label_plural;
  o["layoutable"] = true;
  o["mergeable"] = Mergeable(type);
  o["mruEnabled"] = true;
  o["name"] = type.name;
  o["queryable"] = true;
  o["replicateable"] = true;
  o["retrieveable"] = true;
  o["searchable"] = true;
  o["triggerable"] = true;
  o["undeletable"] = true;
  o["updateable"] = true;
  o["urls"] = Urls(base, type, false, "");
  return o;
}

// One entry of describe's fields[], with every key a v61.0 describe has, in its order.
Json DescribeField(const SObjectType& type, const FieldInfo& field) {
  const FieldTraits* traits = TraitsOf(type.name, field.name);
  const std::string_view t = field.type;
  const bool is_id = t == "id";
  const int length = traits && traits->length >= 0 ? traits->length : DefaultLength(t);
  const bool nillable = !is_id && t != "boolean" && (traits ? traits->nillable : true);
  const bool system = is_id || (traits && traits->system);
  const bool numeric = t == "currency" || t == "double" || t == "percent" || t == "int";
  const bool name_field = traits && traits->name_field;

  Json f;
  f["aggregatable"] = true;
  f["aiPredictionField"] = false;
  f["autoNumber"] = traits && traits->auto_number;
  // Bytes: three per character for text (UTF-8), the id length for ids, 0 otherwise.
  f["byteLength"] = IsIdType(t) ? 18 : (IsTextType(t) ? length * 3 : 0);
  f["calculated"] = false;  // the mock has no formula fields
  f["calculatedFormula"] = nullptr;
  f["cascadeDelete"] = false;
  f["caseSensitive"] = false;
  f["compoundFieldName"] =
      traits && !traits->compound.empty() ? Json(traits->compound) : Json(nullptr);
  f["controllerName"] = nullptr;
  f["createable"] = !system;
  f["custom"] = field.custom;
  f["defaultValue"] = t == "boolean" ? Json(false) : Json(nullptr);
  f["defaultValueFormula"] = nullptr;
  f["defaultedOnCreate"] =
      is_id || t == "boolean" || (traits && traits->auto_number) || (t == "picklist" && !nillable);
  f["dependentPicklist"] = false;
  f["deprecatedAndHidden"] = false;
  f["digits"] = 0;
  f["displayLocationInDecimal"] = false;
  f["encrypted"] = false;
  f["externalId"] = false;
  f["extraTypeInfo"] = nullptr;
  f["filterable"] = true;
  f["filteredLookupInfo"] = nullptr;
  f["formulaTreatNullNumberAsZero"] = false;
  f["groupable"] = t != "currency" && t != "double";
  f["highScaleNumber"] = false;
  f["htmlFormatted"] = false;
  f["idLookup"] = is_id || name_field;
  f["inlineHelpText"] = nullptr;
  f["label"] = field.label;
  f["length"] = length;
  f["mask"] = nullptr;
  f["maskType"] = nullptr;
  f["name"] = field.name;
  f["nameField"] = name_field;
  f["namePointing"] = false;
  f["nillable"] = nillable;
  f["permissionable"] = nillable && !system;
  f["picklistValues"] = Json::array();
  f["polymorphicForeignKey"] = false;
  f["precision"] = numeric ? 18 : 0;
  f["queryByDistance"] = false;
  f["referenceTargetField"] = nullptr;
  f["referenceTo"] = t == "reference" ? Json::array({"Account"}) : Json::array();
  f["relationshipName"] = t == "reference" ? Json("Account") : Json(nullptr);
  f["relationshipOrder"] = nullptr;
  f["restrictedDelete"] = false;
  f["restrictedPicklist"] = false;
  f["scale"] = t == "currency" ? 2 : 0;
  f["searchPrefilterable"] = t == "reference";
  f["soapType"] = SoapType(t);
  f["sortable"] = true;
  f["type"] = t;
  f["unique"] = false;
  f["updateable"] = !system;
  f["writeRequiresMasterRead"] = false;
  return f;
}

Json ChildRelationships(const SObjectType& type) {
  Json out = Json::array();
  if (type.name != "Account") return out;
  for (const auto& c : kAccountChildren) {
    Json r;
    r["cascadeDelete"] = c.cascade_delete;
    r["childSObject"] = c.child;
    r["deprecatedAndHidden"] = false;
    r["field"] = "AccountId";
    r["junctionIdListNames"] = Json::array();
    r["junctionReferenceTo"] = Json::array();
    r["relationshipName"] = c.relationship;
    r["restrictedDelete"] = false;
    out.push_back(std::move(r));
  }
  return out;
}

std::string LowerCase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Every Name the object can show: its name field, for recentItems.
const FieldInfo* NameFieldOf(const SObjectType& type, const std::vector<FieldInfo>& fields) {
  return FindField(fields, type.name == "Case" ? "CaseNumber" : "Name");
}

}  // namespace

bool IsIdType(std::string_view type) { return type == "id" || type == "reference"; }

std::vector<FieldInfo> ObjectFields(const Org& org, const SObjectType& type) {
  std::vector<FieldInfo> out;
  for (const auto& f : type.fields) {
    out.push_back({std::string(f.name), std::string(f.type), std::string(f.label), false});
  }
  for (const auto& record : org.Records(type.name)) {
    for (const auto& item : record.fields.items()) {
      const std::string& name = item.key();
      if (!name.ends_with("__c") || FindField(out, name) != nullptr) continue;
      out.push_back({name, "", CustomLabel(name), true});
    }
  }
  // A custom field's type: the first non-null value any record gives it (string when none).
  for (auto& field : out) {
    if (!field.custom) continue;
    field.type = "string";
    for (const auto& record : org.Records(type.name)) {
      auto it = record.fields.find(field.name);
      if (it != record.fields.end() && !it->is_null()) {
        field.type = CustomType(*it);
        break;
      }
    }
  }
  return out;
}

const FieldInfo* FindField(const std::vector<FieldInfo>& fields, std::string_view name) {
  for (const auto& f : fields) {
    if (EqualsIgnoreCase(f.name, name)) return &f;
  }
  return nullptr;
}

Json FieldValue(const SObjectType& type, const RecordConfig& record, const FieldInfo& field) {
  if (field.name == "Id") return record.id;
  for (const auto& item : record.fields.items()) {
    if (EqualsIgnoreCase(item.key(), field.name)) return item.value();
  }
  // Contact and Lead Name is FirstName and LastName joined (a compound name field).
  if (field.name == "Name" && (type.name == "Contact" || type.name == "Lead")) {
    const auto first = record.fields.find("FirstName");
    const auto last = record.fields.find("LastName");
    std::string name;
    if (first != record.fields.end() && first->is_string()) name = first->get<std::string>();
    if (last != record.fields.end() && last->is_string()) {
      if (!name.empty()) name += ' ';
      name += last->get<std::string>();
    }
    if (!name.empty()) return name;
  }
  return nullptr;
}

Json Attributes(std::string_view base, const SObjectType& type, std::string_view id) {
  return Json{{"type", type.name}, {"url", fmt::format("{}/sobjects/{}/{}", base, type.name, id)}};
}

// GET .../sobjects: {"encoding":"UTF-8","maxBatchSize":200,"sobjects":[...]} (REST API guide,
// "Get a List of Objects", CONFIRMED top level; per-object keys as captured, INFERRED).
HttpResponse DescribeGlobal(const RestCall& call) {
  Json body;
  body["encoding"] = "UTF-8";
  body["maxBatchSize"] = 200;
  body["sobjects"] = Json::array();
  for (const auto& type : SObjectTypes())
    body["sobjects"].push_back(ObjectSummary(call.base, type));
  return JsonResponse(200, body.dump());
}

// GET .../sobjects/{Object}: {"objectDescribe":{...},"recentItems":[...]}. recentItems lists the
// org's records of the object with Id and the name field, as the captured v52.0 sample shows
// them; which records a real org lists depends on what the user viewed (docs/wire-choices.md).
HttpResponse SObjectBasicInfo(const RestCall& call, const SObjectType& type) {
  const auto fields = ObjectFields(call.org, type);
  const FieldInfo* name = NameFieldOf(type, fields);
  Json recent = Json::array();
  for (const auto& record : call.org.Records(type.name)) {
    Json item;
    item["attributes"] = Attributes(call.base, type, record.id);
    item["Id"] = record.id;
    if (name) item[name->name] = FieldValue(type, record, *name);
    recent.push_back(std::move(item));
  }
  Json body;
  body["objectDescribe"] = ObjectSummary(call.base, type);
  body["recentItems"] = std::move(recent);
  return JsonResponse(200, body.dump());
}

// GET .../sobjects/{Object}/describe, with the top-level keys of a captured v61.0 describe.
HttpResponse SObjectDescribe(const RestCall& call, const SObjectType& type) {
  const std::string& instance = call.org.InstanceUrl();
  const std::string object = fmt::format("{}/sobjects/{}", call.base, type.name);
  Json fields = Json::array();
  for (const auto& field : ObjectFields(call.org, type)) {
    fields.push_back(DescribeField(type, field));
  }
  // The master record type every object has (its id is the same in every org, CONFIRMED by
  // its appearance in every describe).
  constexpr std::string_view kMasterRecordType = "012000000000000AAA";
  Json master;
  master["active"] = true;
  master["available"] = true;
  master["defaultRecordTypeMapping"] = true;
  master["developerName"] = "Master";
  master["master"] = true;
  master["name"] = "Master";
  master["recordTypeId"] = kMasterRecordType;
  master["urls"] =
      Json{{"layout", fmt::format("{}/describe/layouts/{}", object, kMasterRecordType)}};
  const std::string plural = LowerCase(type.label_plural);

  Json d;
  d["actionOverrides"] = Json::array();
  d["activateable"] = false;
  d["associateEntityType"] = nullptr;
  d["associateParentEntity"] = nullptr;
  d["childRelationships"] = ChildRelationships(type);
  d["compactLayoutable"] = true;
  d["createable"] = true;
  d["custom"] = false;
  d["customSetting"] = false;
  d["deepCloneable"] = false;
  d["defaultImplementation"] = nullptr;
  d["deletable"] = true;
  d["deprecatedAndHidden"] = false;
  d["extendedBy"] = nullptr;
  d["extendsInterfaces"] = nullptr;
  d["feedEnabled"] = true;
  d["fields"] = std::move(fields);
  d["hasSubtypes"] = false;
  d["implementedBy"] = nullptr;
  d["implementsInterfaces"] = nullptr;
  d["isInterface"] = false;
  d["isSubtype"] = false;
  d["keyPrefix"] = type.key_prefix;
  d["label"] = type.label;
  d["labelPlural"] = type.label_plural;
  d["layoutable"] = true;
  d["listviewable"] = nullptr;
  d["lookupLayoutable"] = nullptr;
  d["mergeable"] = Mergeable(type);
  d["mruEnabled"] = true;
  d["name"] = type.name;
  d["namedLayoutInfos"] = Json::array();
  d["networkScopeFieldName"] = nullptr;
  d["queryable"] = true;
  d["recordTypeInfos"] = Json::array({master});
  d["replicateable"] = true;
  d["retrieveable"] = true;
  d["searchLayoutable"] = true;
  d["searchable"] = true;
  d["sobjectDescribeOption"] = "FULL";
  d["supportedScopes"] = Json::array({Json{{"label", "All " + plural}, {"name", "everything"}},
                                      Json{{"label", "My " + plural}, {"name", "mine"}}});
  d["triggerable"] = true;
  d["undeletable"] = true;
  d["updateable"] = true;
  d["urls"] = Urls(call.base, type, true, instance);
  return JsonResponse(200, d.dump());
}

// GET .../sobjects/{Object}/{id}[?fields=A,B]: attributes, then every field describe lists
// (null when empty), or only the fields asked for with Id last (REST API guide, "Get Field
// Values from a Standard Object Record": all fields without the parameter, 400 for a field that
// does not exist, CONFIRMED; Id appended UNVERIFIED).
HttpResponse SObjectRecord(const RestCall& call, const SObjectType& type, std::string_view id) {
  // A segment that is not an id is read as an external id field name: 404 "Provided external ID
  // field does not exist or is not accessible: <segment>" (INFERRED, many client fixtures).
  if (!salesforce::To18(id)) {
    return EntryError("rest.NOT_FOUND",
                      fmt::format("Provided external ID field does not exist or is not "
                                  "accessible: {}",
                                  id));
  }
  const RecordConfig* record = call.org.FindRecord(type.name, id);
  if (record == nullptr) return CatalogueError("rest.NOT_FOUND");
  const auto fields = ObjectFields(call.org, type);

  std::vector<const FieldInfo*> selected;
  auto params = salesforce::ParseForm(call.request.query);
  const auto wanted = params ? params->Get("fields") : std::nullopt;
  if (wanted && !wanted->empty()) {
    size_t start = 0;
    while (start <= wanted->size()) {
      size_t end = wanted->find(',', start);
      if (end == std::string::npos) end = wanted->size();
      std::string name(wanted->substr(start, end - start));
      std::erase_if(name, [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
      start = end + 1;
      if (name.empty()) continue;
      const FieldInfo* field = FindField(fields, name);
      if (field == nullptr) {
        // No query text here, so no excerpt (INFERRED).
        return TemplateError("rest.INVALID_FIELD", {name, type.name});
      }
      if (std::find(selected.begin(), selected.end(), field) == selected.end()) {
        selected.push_back(field);
      }
    }
    const FieldInfo* id_field = FindField(fields, "Id");
    if (std::find(selected.begin(), selected.end(), id_field) == selected.end()) {
      selected.push_back(id_field);
    }
  } else {
    for (const auto& field : fields) selected.push_back(&field);
  }
  Json body;
  body["attributes"] = Attributes(call.base, type, record->id);
  for (const FieldInfo* field : selected) body[field->name] = FieldValue(type, *record, *field);
  return JsonResponse(200, body.dump());
}

}  // namespace sfh::mock::rest
