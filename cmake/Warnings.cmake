# Project-wide compile flags, applied to glint's own targets through
# glint_target_defaults() so that generated code (glad) can be built with
# warnings that it does not trip.
set(GLINT_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
    -Wmissing-prototypes -Wno-unused-parameter)
set(GLINT_CXX_WARNINGS -Wall -Wextra -Wpedantic)
if(GLINT_WERROR)
  list(APPEND GLINT_WARNINGS -Werror)
  list(APPEND GLINT_CXX_WARNINGS -Werror)
endif()

if(GLINT_SANITIZE)
  set(GLINT_SAN_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all
      -fno-omit-frame-pointer)
  add_compile_options(${GLINT_SAN_FLAGS})
  add_link_options(${GLINT_SAN_FLAGS})
  add_compile_definitions(GLINT_SANITIZE=1)
endif()

function(glint_target_defaults target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:C>:${GLINT_WARNINGS}>
    $<$<COMPILE_LANGUAGE:CXX>:${GLINT_CXX_WARNINGS}>)
  # Each module's headers are included as "module/header.h" from src/.
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
endfunction()
