// Strict reading of JSON documents written by people (scenario files): every error names the
// JSON pointer of the offending value and what was expected, and a key nobody asked for is an
// error, not silence. Errors accumulate so one load reports them all.
#ifndef SFH_MOCK_SERVER_SCENARIO_JSON_READER_H_
#define SFH_MOCK_SERVER_SCENARIO_JSON_READER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace sfh::mock {

class JsonErrors {
 public:
  void Add(std::string pointer, std::string message);
  bool empty() const { return errors_.empty(); }
  // One error per line: "<origin>: <pointer>: <message>".
  std::string Format(std::string_view origin) const;

 private:
  std::vector<std::string> errors_;
};

// Reads one JSON object. Call Finish() after reading to report keys that were not read.
class ObjectReader {
 public:
  // `value` must outlive the reader. When it is not an object, an error is recorded and every
  // read returns nothing.
  ObjectReader(const nlohmann::json& value, std::string pointer, JsonErrors& errors);

  bool Has(std::string_view key) const;
  // The object's keys in sorted order (empty when it is not an object).
  std::vector<std::string> Keys() const;
  std::optional<std::string> String(std::string_view key, bool required = false);
  std::optional<bool> Bool(std::string_view key);
  std::optional<int64_t> Int(std::string_view key, int64_t min, int64_t max);
  // Any JSON number within [min, max].
  std::optional<double> Number(std::string_view key, double min, double max);
  std::optional<std::vector<std::string>> StringArray(std::string_view key);
  // A nested object, or nullopt when absent (or not an object, which is recorded).
  std::optional<ObjectReader> Object(std::string_view key, bool required = false);
  // The elements of an array of objects, each with its own pointer.
  std::vector<ObjectReader> ObjectArray(std::string_view key);
  // The raw value, marked as read, for a part another layer interprets.
  const nlohmann::json* Raw(std::string_view key);
  // Marks a key as known without reading it.
  void Skip(std::string_view key) { read_.insert(std::string(key)); }

  // Records an error for every key that was not read.
  void Finish();

  const std::string& pointer() const { return pointer_; }
  std::string PointerTo(std::string_view key) const;
  void Error(std::string_view key, std::string message);
  JsonErrors& errors() { return *errors_; }

 private:
  const nlohmann::json* Lookup(std::string_view key);
  const nlohmann::json* value_;
  std::string pointer_;
  JsonErrors* errors_;
  std::set<std::string> read_;
  bool is_object_;
};

// "a string", "a number", ... for error messages.
std::string_view JsonTypeName(const nlohmann::json& value);

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_SCENARIO_JSON_READER_H_
