# Configures genauth-dto against a stand-in simdjson package of version VERSION and checks
# that CMake accepts it (EXPECT=accepted) or refuses it with a message naming the supported
# range (EXPECT=refused). simdjson's own version file accepts only its minor release, so the
# project finds it without a version and checks the range itself (cmake/simdjson_version.cmake).
set(work ${BINARY_DIR}/simdjson-range-${VERSION})
file(REMOVE_RECURSE ${work})
file(WRITE ${work}/fake/simdjson-config.cmake
  "add_library(simdjson::simdjson INTERFACE IMPORTED)\n")
file(WRITE ${work}/fake/simdjson-config-version.cmake
  "set(PACKAGE_VERSION ${VERSION})\nset(PACKAGE_VERSION_COMPATIBLE TRUE)\n")
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${work}/build -G Ninja -Dsimdjson_DIR=${work}/fake
                        -DGENAUTH_DTO_TESTS=OFF -DGENAUTH_DTO_TOOLS=OFF -DGENAUTH_DTO_BENCH=OFF -DGENAUTH_DTO_INSTALL=OFF
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(EXPECT STREQUAL "accepted" AND rc)
  message(FATAL_ERROR "simdjson ${VERSION} was refused:\n${out}")
elseif(EXPECT STREQUAL "refused")
  if(NOT rc)
    message(FATAL_ERROR "simdjson ${VERSION} was accepted")
  elseif(NOT out MATCHES "genauth-dto supports simdjson 3\\.0\\.1 to 4\\.x; found ${VERSION}")
    message(FATAL_ERROR "simdjson ${VERSION} was refused without naming the range:\n${out}")
  endif()
endif()
