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

# The include graph, one way: each module may include only these modules'
# headers (its own included). app, tests and tools see everything.
set(GLINT_MODULES core io scene detect draw settings gfx render inspect plat ui app)
set(GLINT_SEES_core core)
set(GLINT_SEES_io core io)
set(GLINT_SEES_scene core io scene)
set(GLINT_SEES_detect core detect)
set(GLINT_SEES_draw core io draw)
set(GLINT_SEES_settings core settings)
set(GLINT_SEES_gfx core gfx)
set(GLINT_SEES_render core io scene gfx render)
# render's own header names gfx, io and scene types, so inspect sees them too.
set(GLINT_SEES_inspect core io scene detect gfx render inspect)
set(GLINT_SEES_plat core plat)
set(GLINT_SEES_ui core ui)
set(GLINT_SEES_app ${GLINT_MODULES})

# glint_target_defaults(TARGET [MODULE]): warnings, plus an include view: a
# folder in the build tree with links to just the modules MODULE may see, so
# that `#include "gfx/gfx.h"` from io fails to compile rather than creep in.
# Without MODULE (tests, tools) the target sees every module.
function(glint_target_defaults target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:C>:${GLINT_WARNINGS}>
    $<$<COMPILE_LANGUAGE:CXX>:${GLINT_CXX_WARNINGS}>)
  if(ARGC GREATER 1)
    set(module ${ARGV1})
    set(view ${CMAKE_BINARY_DIR}/include-views/${module})
    foreach(visible IN LISTS GLINT_SEES_${module})
      if(NOT EXISTS ${view}/${visible})
        file(MAKE_DIRECTORY ${view})
        file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/${visible} ${view}/${visible} SYMBOLIC)
      endif()
    endforeach()
    target_include_directories(${target} PRIVATE ${view})
  else()
    target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  endif()
endfunction()
