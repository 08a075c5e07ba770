include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The precompiled part ships as its source: the package's config makes genauth::dto_compiled
# from it in the user's build, with the user's flags (a binary would fix one -march for all).
install(FILES src/compiled.cpp DESTINATION ${CMAKE_INSTALL_DATADIR}/genauth_dto)
install(TARGETS genauth_dto EXPORT genauth_dto_targets)
install(EXPORT genauth_dto_targets NAMESPACE genauth:: FILE genauth_dto-targets.cmake
        DESTINATION ${CMAKE_INSTALL_DATADIR}/genauth_dto/cmake)
configure_package_config_file(cmake/genauth_dto-config.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/genauth_dto-config.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_DATADIR}/genauth_dto/cmake)
# Header-only: any architecture may use the package.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/genauth_dto-config-version.cmake
  COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/genauth_dto-config.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/genauth_dto-config-version.cmake
              cmake/simdjson_version.cmake
        DESTINATION ${CMAKE_INSTALL_DATADIR}/genauth_dto/cmake)
if(TARGET genauth-dto)
  install(TARGETS genauth-dto RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
configure_file(cmake/genauth_dto.pc.in ${CMAKE_CURRENT_BINARY_DIR}/genauth_dto.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/genauth_dto.pc DESTINATION ${CMAKE_INSTALL_DATADIR}/pkgconfig)
