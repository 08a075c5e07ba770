# The simdjson releases genauth-dto supports: 3.0.1 up to (not including) 5.0. simdjson's own
# version file accepts only releases of the minor version asked for (3.0.x for "3.0.1"), and
# a version range must stay within one minor version, so simdjson is found without a version
# and its version is checked here. Included by the project and by the installed package.
set(GENAUTH_DTO_SIMDJSON_MIN 3.0.1)
set(GENAUTH_DTO_SIMDJSON_BELOW 5.0)
if(simdjson_VERSION VERSION_LESS GENAUTH_DTO_SIMDJSON_MIN OR
   NOT simdjson_VERSION VERSION_LESS GENAUTH_DTO_SIMDJSON_BELOW)
  message(FATAL_ERROR
    "genauth-dto supports simdjson ${GENAUTH_DTO_SIMDJSON_MIN} to 4.x; found ${simdjson_VERSION} in ${simdjson_DIR}. "
    "Point simdjson_DIR or CMAKE_PREFIX_PATH at a supported one.")
endif()
