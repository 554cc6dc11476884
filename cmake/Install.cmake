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

# The installed rules compiled once, so that an installed eccn starts without
# parsing them (src/rule_cache/): the installed CLI lists the rules with its
# cache pointed at share/eccn/rule-cache, which it then reads from. Entries name
# the rules files relative to their directory, so a staged install (DESTDIR)
# works once moved; a cross-compiled eccn gets no such cache, only a warning.
install(CODE "
  set(eccn_data \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/eccn\")
  execute_process(
    COMMAND \${CMAKE_COMMAND} -E env --unset=ECCN_RULES ECCN_CACHE_DIR=\${eccn_data}/rule-cache
            \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/eccn\" rules list
    RESULT_VARIABLE eccn_result OUTPUT_QUIET)
  if(NOT eccn_result EQUAL 0)
    message(WARNING \"eccn: the installed rules were not compiled (\${eccn_result})\")
  endif()
")
