# Configures, builds and runs the consumer project; for "package", installs genauth-dto into a
# temporary prefix first.
set(work ${BINARY_DIR}/consumer-${VIA})
file(REMOVE_RECURSE ${work})
set(prefix_args)
if(VIA STREQUAL "package")
  execute_process(COMMAND ${CMAKE_COMMAND} --install ${BINARY_DIR} --prefix ${work}/prefix
                  RESULT_VARIABLE rc OUTPUT_QUIET)
  if(rc)
    message(FATAL_ERROR "cmake --install failed")
  endif()
  foreach(f include/genauth/dto.hpp include/genauth/dto/decode.hpp share/genauth_dto/cmake/genauth_dto-config.cmake
            share/genauth_dto/cmake/genauth_dto-config-version.cmake share/pkgconfig/genauth_dto.pc)
    if(NOT EXISTS ${work}/prefix/${f})
      message(FATAL_ERROR "not installed: ${f}")
    endif()
  endforeach()
  set(prefix_args -DCMAKE_PREFIX_PATH=${work}/prefix)
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/consumer -B ${work}/build -G Ninja
                        -DCMAKE_CXX_COMPILER=${CXX} -DGENAUTH_DTO_VIA=${VIA} -DGENAUTH_DTO_SOURCE=${SOURCE_DIR}
                        ${prefix_args} RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "configure failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${work}/build RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "build failed")
endif()
execute_process(COMMAND ${work}/build/consumer RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(rc OR NOT out MATCHES "6229ff has 2 departments")
  message(FATAL_ERROR "consumer failed (${rc}): ${out}")
endif()
