// Stand-ins for what could identify an org in a recorded session: record ids, field values and
// request paths. Replacement is consistent within one Replacer (the same live value always gets
// the same stand-in), so a recorded scenario keeps its shape: a Contact's AccountId still names
// the stand-in of the Account it named live. Not thread-safe: one Replacer per recording.
#ifndef SFH_HARNESS_RECORD_REPLACER_H_
#define SFH_HARNESS_RECORD_REPLACER_H_

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace sfh::harness::record {

class Replacer {
 public:
  // Whether `text` has the shape of a Salesforce record id: 15 or 18 letters and digits with at
  // least one digit, and an 18-character id's suffix valid for its first 15 (record_id.h).
  static bool LooksLikeId(std::string_view text);

  // The stand-in for the record id `id` (LooksLikeId must hold): the same 3-character key
  // prefix, then a counter per prefix, as a valid 18-character id ("001000000000001AAA"). The 15-
  // and 18-character forms of one record, an 18-character one in any case, get the same stand-in.
  std::string Id(std::string_view id);

  // The stand-in for a string value of field `field`: "<field> 1", "<field> 2", ... numbered per
  // field in the order values are first seen; the same value of the same field gets the same.
  // A stand-in never equals a value this Replacer has seen.
  std::string Value(std::string_view field, std::string_view value);

  // A request path (no query) that names nothing of the org: segments that look like ids become
  // their stand-ins (Id), segments the mock's routes and objects use ("services", "v62.0",
  // "sobjects", "Account", ...) stay, any other segment (a custom object's or Apex REST
  // resource's name, a query locator) becomes "*".
  std::string Path(std::string_view path);
  // The same, with ids as "*" too: a glob for a fault's `on` that matches the request whatever
  // ids the replaying mock gives the org and its users.
  static std::string PathGlob(std::string_view path);

  size_t ids_replaced() const { return ids_.size(); }
  size_t values_replaced() const { return values_.size(); }

 private:
  std::map<std::string, std::string> ids_;  // 15-character live id -> stand-in
  std::map<std::string, int> id_counters_;  // key prefix -> last number used
  std::set<std::string> seen_ids_;          // 15-character forms of every live id
  std::map<std::pair<std::string, std::string>, std::string> values_;  // (field, value) ->
  std::map<std::string, int> value_counters_;                          // field -> last number
  std::set<std::string> seen_values_;
};

}  // namespace sfh::harness::record

#endif  // SFH_HARNESS_RECORD_REPLACER_H_
