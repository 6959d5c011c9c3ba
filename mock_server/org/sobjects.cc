#include "mock_server/org/sobjects.h"

#include "mock_server/http/message.h"

namespace sfh::mock {
namespace {

// Key prefixes of standard objects: 001 Account, 003 Contact, 006 Opportunity, 00Q Lead,
// 500 Case (well known; the REST describe's keyPrefix).
constexpr SObjectField kAccountFields[] = {
    {"Id", "id", "Account ID"},
    {"Name", "string", "Account Name"},
    {"Type", "picklist", "Account Type"},
    {"Industry", "picklist", "Industry"},
    {"Phone", "phone", "Account Phone"},
    {"Website", "url", "Website"},
    {"BillingCity", "string", "Billing City"},
};
constexpr SObjectField kContactFields[] = {
    {"Id", "id", "Contact ID"},
    {"FirstName", "string", "First Name"},
    {"LastName", "string", "Last Name"},
    {"Name", "string", "Full Name"},
    {"Email", "email", "Email"},
    {"Phone", "phone", "Business Phone"},
    {"AccountId", "reference", "Account ID"},
};
constexpr SObjectField kOpportunityFields[] = {
    {"Id", "id", "Opportunity ID"},     {"Name", "string", "Name"},
    {"StageName", "picklist", "Stage"}, {"CloseDate", "date", "Close Date"},
    {"Amount", "currency", "Amount"},   {"AccountId", "reference", "Account ID"},
};
constexpr SObjectField kLeadFields[] = {
    {"Id", "id", "Lead ID"},
    {"FirstName", "string", "First Name"},
    {"LastName", "string", "Last Name"},
    {"Name", "string", "Full Name"},
    {"Company", "string", "Company"},
    {"Email", "email", "Email"},
    {"Status", "picklist", "Lead Status"},
};
constexpr SObjectField kCaseFields[] = {
    {"Id", "id", "Case ID"},
    {"CaseNumber", "string", "Case Number"},
    {"Subject", "string", "Subject"},
    {"Status", "picklist", "Status"},
    {"AccountId", "reference", "Account ID"},
};

constexpr SObjectType kTypes[] = {
    {"Account", "Account", "Accounts", "001", kAccountFields},
    {"Case", "Case", "Cases", "500", kCaseFields},
    {"Contact", "Contact", "Contacts", "003", kContactFields},
    {"Lead", "Lead", "Leads", "00Q", kLeadFields},
    {"Opportunity", "Opportunity", "Opportunities", "006", kOpportunityFields},
};

}  // namespace

std::span<const SObjectType> SObjectTypes() { return kTypes; }

const SObjectType* FindSObjectType(std::string_view name) {
  for (const auto& type : kTypes) {
    if (EqualsIgnoreCase(type.name, name)) return &type;
  }
  return nullptr;
}

const SObjectField* FindSObjectField(const SObjectType& type, std::string_view name) {
  for (const auto& field : type.fields) {
    if (EqualsIgnoreCase(field.name, name)) return &field;
  }
  return nullptr;
}

}  // namespace sfh::mock
