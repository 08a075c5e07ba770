# Builds TARGET, which must not compile, and must fail with exactly one error, matching REGEX
# (contract: compile errors that teach). Run by ctest with -DBINARY_DIR, -DTARGET, -DREGEX.
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} --target ${TARGET}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc EQUAL 0)
  message(FATAL_ERROR "${TARGET} compiled; it must not")
endif()
string(REGEX MATCHALL "error:" errors "${out}")
list(LENGTH errors count)
if(NOT count EQUAL 1 OR NOT out MATCHES "${REGEX}")
  message(FATAL_ERROR "${TARGET}: expected one error matching ${REGEX}, got ${count}:\n${out}")
endif()
