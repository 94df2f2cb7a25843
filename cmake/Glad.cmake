# Generates the glad 2 OpenGL 3.3 core loader into the build tree with Debian's
# python3-glad. --reproducible makes glad use the Khronos XML packaged with it
# instead of downloading it. Generated files are never committed.
#
# Only the GL loader is generated: EGL belongs to src/plat, which uses the
# system's <EGL/egl.h> from libegl-dev, so that glad stays inside src/gfx.

# Debian's python3 is the one apt installed glad for; another python3 (pyenv,
# a venv) may come first on PATH and lack it, so try Debian's first.
set(_glint_python_candidates /usr/bin/python3)
find_program(_glint_path_python NAMES python3)
if(_glint_path_python)
  list(APPEND _glint_python_candidates ${_glint_path_python})
endif()
set(GLINT_GLAD_PYTHON "" CACHE FILEPATH "Python interpreter that can import glad")
if(NOT GLINT_GLAD_PYTHON)
  foreach(candidate IN LISTS _glint_python_candidates)
    if(EXISTS ${candidate})
      execute_process(COMMAND ${candidate} -c "import glad"
                      RESULT_VARIABLE _glad_import OUTPUT_QUIET ERROR_QUIET)
      if(_glad_import EQUAL 0)
        set(GLINT_GLAD_PYTHON ${candidate} CACHE FILEPATH
            "Python interpreter that can import glad" FORCE)
        break()
      endif()
    endif()
  endforeach()
endif()
if(NOT GLINT_GLAD_PYTHON)
  message(FATAL_ERROR "glint: no python3 that can 'import glad' (tried: "
          "${_glint_python_candidates}); install the Debian package python3-glad "
          "(scripts/install-deps.sh does it) or set -DGLINT_GLAD_PYTHON=/path/to/python3")
endif()

set(GLINT_GLAD_DIR ${CMAKE_BINARY_DIR}/glad)
# KHR_debug gives readable driver messages in debug runs; nothing else is needed
# beyond core 3.3, and a short list keeps the generated source small.
set(GLINT_GLAD_EXTENSIONS GL_KHR_debug)
set(_glad_outputs ${GLINT_GLAD_DIR}/src/gl.c ${GLINT_GLAD_DIR}/include/glad/gl.h)
add_custom_command(
  OUTPUT ${_glad_outputs}
  COMMAND ${GLINT_GLAD_PYTHON} -m glad --quiet --reproducible
          --api gl:core=3.3 --extensions ${GLINT_GLAD_EXTENSIONS}
          --out-path ${GLINT_GLAD_DIR} c
  COMMENT "Generating the glad OpenGL 3.3 core loader"
  VERBATIM)

add_library(glint_glad STATIC ${_glad_outputs})
target_include_directories(glint_glad PUBLIC ${GLINT_GLAD_DIR}/include)
set_target_properties(glint_glad PROPERTIES POSITION_INDEPENDENT_CODE ON)
