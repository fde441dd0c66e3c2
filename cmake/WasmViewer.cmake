# The viewer's Wasm module, built by a second CMake configured with Debian's Emscripten
# toolchain inside this build (ExternalProject). Output: ${LOGSTOW_WEB_DIR}, the whole static
# site (page, JS, logstow_viewer.js + .wasm) ready to serve.
include(ExternalProject)

find_program(LOGSTOW_EMCMAKE emcmake)
if(NOT LOGSTOW_EMCMAKE)
  message(FATAL_ERROR
    "Building the viewer's Wasm module needs Debian's Emscripten (emcmake not found). "
    "Run scripts/setup, or configure with -DLOGSTOW_WASM=OFF to build only the native parts.")
endif()

# RE2 for Wasm: Debian's RE2 source compiled with emcc once, cached in this build dir.
set(LOGSTOW_RE2_WASM_PREFIX ${CMAKE_BINARY_DIR}/cache/re2-wasm)
add_custom_target(re2_wasm
  COMMAND ${PROJECT_SOURCE_DIR}/scripts/build-re2-wasm ${LOGSTOW_RE2_WASM_PREFIX}
  COMMENT "RE2 for Wasm (cached in ${LOGSTOW_RE2_WASM_PREFIX})"
  VERBATIM)

set(LOGSTOW_WASM_BINARY_DIR ${CMAKE_BINARY_DIR}/wasm)
set(LOGSTOW_WEB_DIR ${LOGSTOW_WASM_BINARY_DIR}/web CACHE INTERNAL "Built static site")
# Emscripten's optimizer needs acorn, which Debian ships in /usr/share/nodejs.
set(_emenv ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
cmake_host_system_information(RESULT _cores QUERY NUMBER_OF_LOGICAL_CORES)
ExternalProject_Add(viewer_wasm
  SOURCE_DIR ${PROJECT_SOURCE_DIR}
  BINARY_DIR ${LOGSTOW_WASM_BINARY_DIR}
  CONFIGURE_COMMAND ${_emenv} ${LOGSTOW_EMCMAKE} ${CMAKE_COMMAND} -S <SOURCE_DIR> -B <BINARY_DIR>
    -DCMAKE_BUILD_TYPE=Release -Dre2_DIR=${LOGSTOW_RE2_WASM_PREFIX}/lib/cmake/re2
  BUILD_COMMAND ${_emenv} ${CMAKE_COMMAND} --build <BINARY_DIR> --parallel ${_cores}
  INSTALL_COMMAND ""
  BUILD_ALWAYS ON
  DEPENDS re2_wasm
  USES_TERMINAL_BUILD ON)
