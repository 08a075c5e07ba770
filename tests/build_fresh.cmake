# Builds TARGET in BINARY_DIR from scratch (its OBJECTS removed first) and prints what the
# compiler said, so that a test can look for a compile-time message on every run.
file(REMOVE ${OBJECTS})
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} --target ${TARGET} --verbose
                OUTPUT_VARIABLE out ERROR_VARIABLE out RESULT_VARIABLE result)
message("${out}")
if(NOT result EQUAL 0)
  message(FATAL_ERROR "building ${TARGET} failed")
endif()
