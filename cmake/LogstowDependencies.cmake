# Finds the libraries logstow links, all from Debian packages (scripts/setup installs them).
# Each target is named the same in both builds: re2::re2, OpenSSL::Crypto, CURL::libcurl, ...

if(EMSCRIPTEN)
  # RE2 built from Debian's source by scripts/build-re2-wasm; re2_DIR points at its CMake config.
  find_package(re2 CONFIG REQUIRED)
  return()
endif()

find_package(PkgConfig REQUIRED)
# Debian's libre2-dev ships a pkg-config file, no CMake config.
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
add_library(re2::re2 ALIAS PkgConfig::RE2)

find_package(OpenSSL REQUIRED)
find_package(CURL REQUIRED)
find_package(ZLIB REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 2.1 REQUIRED)
find_package(GTest REQUIRED)
find_package(benchmark REQUIRED)
find_package(Threads REQUIRED)
