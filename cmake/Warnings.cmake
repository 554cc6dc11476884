# Warnings live in a target, not in global flags, and are never exported to consumers.
add_library(eccn_warnings INTERFACE)
target_compile_options(eccn_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wimplicit-fallthrough
  -Wold-style-cast -Wswitch-enum)
if(ECCN_WERROR)
  target_compile_options(eccn_warnings INTERFACE -Werror)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 reports false positives inside libstdc++'s std::string at -O2/-O3
  # (GCC bugs 105329 and 105562); they are not about our code.
  target_compile_options(eccn_warnings INTERFACE -Wno-restrict -Wno-maybe-uninitialized)
endif()
