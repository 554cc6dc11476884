# Warnings live in a target, not in global flags, and are never exported to consumers.
add_library(eccn_warnings INTERFACE)
target_compile_options(eccn_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wimplicit-fallthrough
  -Wold-style-cast -Wswitch-enum)
if(ECCN_WERROR)
  target_compile_options(eccn_warnings INTERFACE -Werror)
endif()
