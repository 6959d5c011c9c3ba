#include "mock_server/scenario/json_reader.h"

#include <fmt/format.h>

namespace sfh::mock {
namespace {

// RFC 6901: '~' and '/' in a key are escaped.
std::string EscapePointerToken(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

void JsonErrors::Add(std::string pointer, std::string message) {
  errors_.push_back(fmt::format("{}: {}", pointer.empty() ? "/" : pointer, message));
}

std::string JsonErrors::Format(std::string_view origin) const {
  std::string out;
  for (const auto& e : errors_) {
    if (!out.empty()) out.push_back('\n');
    out += fmt::format("{}: {}", origin, e);
  }
  return out;
}

std::string_view JsonTypeName(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "an integer";
    case nlohmann::json::value_t::number_float:
      return "a number";
    default:
      return "a value";
  }
}

ObjectReader::ObjectReader(const nlohmann::json& value, std::string pointer, JsonErrors& errors)
    : value_(&value), pointer_(std::move(pointer)), errors_(&errors), is_object_(value.is_object()) {
  if (!is_object_) {
    errors_->Add(pointer_, fmt::format("expected an object, got {}", JsonTypeName(value)));
  }
}

std::string ObjectReader::PointerTo(std::string_view key) const {
  return pointer_ + "/" + EscapePointerToken(key);
}

void ObjectReader::Error(std::string_view key, std::string message) {
  errors_->Add(PointerTo(key), std::move(message));
}

bool ObjectReader::Has(std::string_view key) const {
  return is_object_ && value_->contains(std::string(key));
}

std::vector<std::string> ObjectReader::Keys() const {
  std::vector<std::string> keys;
  if (is_object_) {
    for (const auto& item : value_->items()) keys.push_back(item.key());
  }
  return keys;
}

const nlohmann::json* ObjectReader::Lookup(std::string_view key) {
  read_.insert(std::string(key));
  if (!is_object_) return nullptr;
  auto it = value_->find(std::string(key));
  return it == value_->end() ? nullptr : &*it;
}

std::optional<std::string> ObjectReader::String(std::string_view key, bool required) {
  const auto* v = Lookup(key);
  if (v == nullptr) {
    if (required && is_object_) Error(key, "is required (a string)");
    return std::nullopt;
  }
  if (!v->is_string()) {
    Error(key, fmt::format("expected a string, got {}", JsonTypeName(*v)));
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<bool> ObjectReader::Bool(std::string_view key) {
  const auto* v = Lookup(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) {
    Error(key, fmt::format("expected true or false, got {}", JsonTypeName(*v)));
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<int64_t> ObjectReader::Int(std::string_view key, int64_t min, int64_t max) {
  const auto* v = Lookup(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number_integer()) {
    Error(key, fmt::format("expected an integer from {} to {}, got {}", min, max,
                           JsonTypeName(*v)));
    return std::nullopt;
  }
  const int64_t n = v->get<int64_t>();
  if (n < min || n > max) {
    Error(key, fmt::format("expected an integer from {} to {}, got {}", min, max, n));
    return std::nullopt;
  }
  return n;
}

std::optional<double> ObjectReader::Number(std::string_view key, double min, double max) {
  const auto* v = Lookup(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number()) {
    Error(key, fmt::format("expected a number from {} to {}, got {}", min, max, JsonTypeName(*v)));
    return std::nullopt;
  }
  const double n = v->get<double>();
  if (!(n >= min && n <= max)) {
    Error(key, fmt::format("expected a number from {} to {}, got {}", min, max, n));
    return std::nullopt;
  }
  return n;
}

std::optional<std::vector<std::string>> ObjectReader::StringArray(std::string_view key) {
  const auto* v = Lookup(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_array()) {
    Error(key, fmt::format("expected an array of strings, got {}", JsonTypeName(*v)));
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < v->size(); ++i) {
    const auto& item = (*v)[i];
    if (!item.is_string()) {
      errors_->Add(fmt::format("{}/{}", PointerTo(key), i),
                   fmt::format("expected a string, got {}", JsonTypeName(item)));
      continue;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<ObjectReader> ObjectReader::Object(std::string_view key, bool required) {
  const auto* v = Lookup(key);
  if (v == nullptr) {
    if (required && is_object_) Error(key, "is required (an object)");
    return std::nullopt;
  }
  if (!v->is_object()) {
    Error(key, fmt::format("expected an object, got {}", JsonTypeName(*v)));
    return std::nullopt;
  }
  return ObjectReader(*v, PointerTo(key), *errors_);
}

std::vector<ObjectReader> ObjectReader::ObjectArray(std::string_view key) {
  std::vector<ObjectReader> out;
  const auto* v = Lookup(key);
  if (v == nullptr) return out;
  if (!v->is_array()) {
    Error(key, fmt::format("expected an array of objects, got {}", JsonTypeName(*v)));
    return out;
  }
  for (size_t i = 0; i < v->size(); ++i) {
    out.emplace_back((*v)[i], fmt::format("{}/{}", PointerTo(key), i), *errors_);
  }
  return out;
}

const nlohmann::json* ObjectReader::Raw(std::string_view key) { return Lookup(key); }

void ObjectReader::Finish() {
  if (!is_object_) return;
  for (const auto& [key, value] : value_->items()) {
    if (!read_.contains(key)) {
      std::string known;
      for (const auto& k : read_) known += (known.empty() ? "" : ", ") + k;
      errors_->Add(PointerTo(key), fmt::format("unknown key (known here: {})", known));
    }
  }
}

}  // namespace sfh::mock
