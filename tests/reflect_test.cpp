// The field tables: complete, in the vendor's order, names unique and found.
//
// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <regex>

#include "support.hpp"

using namespace test;

template <class T>
std::vector<std::string> table_names() {
  std::vector<std::string> names;
  dto::for_each_field<T>([&](auto f, auto) {
    names.emplace_back(decltype(f)::name);
    return true;
  });
  return names;
}

struct vendor_row {
  std::string name;
  bool required;
  bool operator==(const vendor_row&) const = default;
};

// The rows of a "Data Structure" table of the vendor's get_user document, in order: rows
// read "<name><type><yes|no>...".
std::vector<vendor_row> vendor_rows(const std::string& title, const std::string& next) {
  std::string doc = read_data("vendor_doc_get_user.txt");
  std::size_t from = doc.find("\n" + title + "\n", doc.find("Data Structure"));
  std::size_t to = next.empty() ? doc.size() : doc.find("\n" + next + "\n", from);
  std::istringstream lines(doc.substr(from, to - from));
  std::regex row("^([A-Za-z]+?)(string|number|boolean|array|object)(yes|no|Yes|No)");
  std::vector<vendor_row> rows;
  std::string line;
  std::smatch m;
  while (std::getline(lines, line))
    if (std::regex_search(line, m, row)) rows.push_back({m[1], m[3] == "yes" || m[3] == "Yes"});
  return rows;
}
std::vector<std::string> vendor_table(const std::string& title, const std::string& next) {
  std::vector<std::string> names;
  for (const auto& r : vendor_rows(title, next)) names.push_back(r.name);
  return names;
}

// A table's rows as the field table says them.
template <class T>
std::vector<vendor_row> table_rows() {
  std::vector<vendor_row> rows;
  dto::for_each_field<T>([&](auto f, auto) {
    rows.push_back({std::string(decltype(f)::name), dto::is_required<decltype(f)>});
    return true;
  });
  return rows;
}

TEST_CASE("UserDto: the vendor's members, in the vendor's order") {
  auto vendor = vendor_table("UserDto", "IdentityDto");
  CHECK(vendor.size() > 50);  // the document's table was found and read
  CHECK(table_names<dto::UserDto>() == vendor);
}

TEST_CASE("IdentityDto: the vendor's members, in the vendor's order") {
  auto vendor = vendor_table("IdentityDto", "");
  CHECK(vendor.size() > 5);
  CHECK(table_names<dto::IdentityDto>() == vendor);
}

TEST_CASE("required members follow the vendor's table (userInfoInIdp excepted)") {
  CHECK(table_rows<dto::UserDto>() == vendor_rows("UserDto", "IdentityDto"));
  // Contract S3: the vendor sends identities without userInfoInIdp, which its table requires.
  auto identity = vendor_rows("IdentityDto", "");
  for (auto& r : identity)
    if (r.name == "userInfoInIdp") {
      CHECK(r.required);
      r.required = false;
    }
  CHECK(table_rows<dto::IdentityDto>() == identity);
  CHECK(dto::field_count<dto::UserSingleRespDto> == 5);
}

TEST_CASE("field_index finds every name and nothing else") {
  auto names = table_names<dto::UserDto>();
  for (std::size_t i = 0; i < names.size(); ++i) CHECK(dto::field_index<dto::UserDto>(names[i]) == static_cast<int>(i));
  CHECK(dto::field_index<dto::UserDto>("") == -1);
  CHECK(dto::field_index<dto::UserDto>("userid") == -1);
  CHECK(dto::field_index<dto::UserDto>("userIdX") == -1);
  CHECK(dto::field_index<dto::UserDto>(std::string(100, 'x')) == -1);
}

// Every name of a table, and near misses, looked up both ways: in memory, and raw as it
// stands in padded JSON input (followed by its closing quote).
template <class Table>
void check_name_table() {
  std::vector<std::pair<std::string, int>> cases;
  for (std::size_t i = 0; i < Table::n; ++i) {
    std::string name(Table::names[i]);
    cases.push_back({name, static_cast<int>(i)});
    for (std::string near : {name + "x", "x" + name, name + " ", name.empty() ? "" : name.substr(1),
                             name.empty() ? "" : name.substr(0, name.size() - 1)}) {
      bool listed = false;
      for (std::size_t j = 0; j < Table::n; ++j) listed = listed || Table::names[j] == near;
      if (!listed) cases.push_back({near, -1});
    }
  }
  cases.push_back({std::string(200, 'u'), -1});
  for (const auto& c : cases) {  // no structured binding: clang 14 cannot capture one
    const std::string& text = c.first;
    int index = c.second;
    CAPTURE(text);
    CHECK(Table::find(text) == index);
    std::string padded = text + "\":1" + std::string(64, '\0');
    CHECK(Table::find_raw(padded.data(), text.size()) == index);
  }
}

TEST_CASE("name tables: every name found, raw or not, and nothing else") {
  check_name_table<dto::detail::name_index<dto::UserDto>>();
  check_name_table<dto::detail::name_index<dto::IdentityDto>>();
  check_name_table<dto::detail::name_index<dto::UserSingleRespDto>>();
  check_name_table<dto::detail::name_table<dto::enum_names<dto::user_status>>>();
  check_name_table<dto::detail::name_table<dto::enum_names<dto::work_status>>>();
  check_name_table<dto::detail::name_table<dto::enum_names<dto::gender>>>();
  check_name_table<dto::detail::name_table<dto::enum_names<dto::user_source_type>>>();
  check_name_table<dto::detail::name_table<dto::enum_names<dto::identity_provider>>>();
}

TEST_CASE("the table check counts members") {
  struct two : dto::dto_base {
    std::string_view a;
    std::optional<std::int64_t> b;
  };
  CHECK(dto::detail::aggregate_arity<two>() == 3);
  CHECK(dto::detail::aggregate_arity<dto::UserDto>() == 1 + vendor_table("UserDto", "IdentityDto").size());
  CHECK(dto::detail::aggregate_arity<dto::IdentityDto>() == 1 + vendor_table("IdentityDto", "").size());
}

template <class T>
void check_dictionary_names(const std::string& dict) {
  dto::for_each_field<T>([&](auto f, auto) {
    CAPTURE(decltype(f)::name);
    CHECK(dict.find("\"\\\"" + std::string(decltype(f)::name) + "\\\":\"") != std::string::npos);
    return true;
  });
}
template <class E>
void check_dictionary_values(const std::string& dict) {
  for (std::size_t i = 1; i < dto::enum_size<E>; ++i) {
    CAPTURE(dto::to_string(static_cast<E>(i)));
    CHECK(dict.find("\"\\\"" + std::string(dto::to_string(static_cast<E>(i))) + "\\\"\"") != std::string::npos);
  }
}

TEST_CASE("the fuzzing dictionary names every member and enumeration value") {
  std::string dict = read_file(GENAUTH_DTO_FUZZ_DICT);
  REQUIRE_FALSE(dict.empty());
  check_dictionary_names<dto::UserSingleRespDto>(dict);
  check_dictionary_names<dto::UserPagingDto>(dict);
  check_dictionary_names<dto::UserDto>(dict);
  check_dictionary_names<dto::IdentityDto>(dict);
  check_dictionary_values<dto::user_status>(dict);
  check_dictionary_values<dto::work_status>(dict);
  check_dictionary_values<dto::gender>(dict);
  check_dictionary_values<dto::user_source_type>(dict);
  check_dictionary_values<dto::identity_provider>(dict);
}
