# Every dependency comes from a Debian package installed by scripts/install-deps.sh.
# A missing one stops configuration with the package to install.
find_package(PkgConfig REQUIRED)

macro(glint_require_pkg var module debian_package)
  pkg_check_modules(${var} IMPORTED_TARGET ${module})
  if(NOT ${var}_FOUND)
    message(FATAL_ERROR "glint: ${module} not found; install the Debian package "
                        "${debian_package} (scripts/install-deps.sh does it)")
  endif()
endmacro()

glint_require_pkg(GLFW glfw3 libglfw3-dev)
glint_require_pkg(EGL egl libegl-dev)
glint_require_pkg(CGLM cglm libcglm-dev)
glint_require_pkg(STB stb libstb-dev)
glint_require_pkg(CJSON libcjson libcjson-dev)

find_package(tinyobjloader CONFIG QUIET)
if(NOT tinyobjloader_FOUND)
  message(FATAL_ERROR "glint: tinyobjloader not found; install the Debian package "
                      "libtinyobjloader-dev (scripts/install-deps.sh does it)")
endif()

find_package(Threads REQUIRED)
find_library(MATH_LIBRARY m REQUIRED)
