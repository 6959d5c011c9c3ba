// ConnectedApp field names and their provenance (labels as in salesforce-wire.md):
// - The type: root <ConnectedApp>, suffix .connectedApp, folder connectedApps/. CONFIRMED,
//   Metadata API Developer Guide "ConnectedApp" (developer.salesforce.com/docs/platform/
//   api-metadata/references/meta-types/metadata-connectedapp.html, found with the docs search;
//   its field table was not in the stored copy).
// - oauthConfig (ConnectedAppOauthConfig) with consumerKey and scopes (minOccurs 0, maxOccurs
//   unbounded: one <scopes> element per scope, values of ConnectedAppOauthAccessScope such as
//   Api, RefreshToken, Full): CONFIRMED, Salesforce's Metadata API WSDL (v47.0, "Copyright
//   Salesforce.com") as kept in jsforce/jsforce src/api/metadata/wsdl.xml, and JAXB classes
//   generated from it. consumerSecret: CONFIRMED, jsforce's generated Metadata schema type
//   ConnectedAppOauthConfig (jsforce.github.io, api_metadata_schema.ConnectedAppOauthConfig).
// - oauthConfig/isClientCredentialEnabled ("If set to true, the connected app can use the OAuth
//   2.0 client credentials flow. To use the client credentials flow, you must also specify a user
//   for oauthClientCredentialUser") and oauthConfig/oauthClientCredentialUser (the execution user,
//   "must have the API Only permission"), API 56.0 and later: INFERRED. Quoted from the Metadata
//   API Developer Guide's ConnectedAppOauthConfig by several independent public repositories,
//   inside <oauthConfig> in retrieved .connectedApp-meta.xml files there, and passed to the
//   Metadata API's create() by real client code's tests (found with the code search); the
//   Salesforce page itself and a WSDL newer than v56 were not in the stored sources.
#include "lint/connected_app.h"

namespace sfh::lint {

pugi::xml_node ConnectedApp::OauthConfig() const {
  const pugi::xml_node root = file->root();
  if (std::string_view(root.name()) != "ConnectedApp") return {};
  return root.child("oauthConfig");
}

pugi::xml_node ConnectedApp::OauthField(const char* name) const {
  return OauthConfig().child(name);
}

bool ConnectedApp::ClientCredentialsEnabled() const {
  return OauthField("isClientCredentialEnabled").text().as_bool();
}

ConnectedApp ReadConnectedApp(std::string name, const XmlFile& file) {
  return ConnectedApp{std::move(name), &file};
}

}  // namespace sfh::lint
