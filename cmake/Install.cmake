include(CMakePackageConfigHelpers)

install(TARGETS eccn EXPORT eccnTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS eccn_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/eccn DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY rules/ DESTINATION ${CMAKE_INSTALL_DATADIR}/eccn/rules)

set(ECCN_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/eccn)
install(EXPORT eccnTargets NAMESPACE eccn:: DESTINATION ${ECCN_CMAKE_DIR})
configure_package_config_file(cmake/eccnConfig.cmake.in
  ${PROJECT_BINARY_DIR}/eccnConfig.cmake INSTALL_DESTINATION ${ECCN_CMAKE_DIR})
# 0.x: minor versions may break the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/eccnConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/eccnConfig.cmake ${PROJECT_BINARY_DIR}/eccnConfigVersion.cmake
  DESTINATION ${ECCN_CMAKE_DIR})
