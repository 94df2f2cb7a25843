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
glint_require_pkg(ASSIMP assimp libassimp-dev)
# Dear ImGui for the viewer's panels: Debian's static library, its core only
# (glint feeds it input and draws its triangles itself).
glint_require_pkg(IMGUI imgui libimgui-dev)
# zlib: a 3MF's parts are inflated once, counting, before lib3mf reads them.
glint_require_pkg(ZLIB zlib zlib1g-dev)
# lib3mf's .pc names -lzip and -lz for static linking, but Debian's
# lib3mf-dev does not pull in libzip-dev: link the shared library (which
# carries its own dependencies) with the .pc's include folder only.
pkg_check_modules(LIB3MF_PC lib3MF)
find_library(LIB3MF_LIBRARY 3MF)
if(NOT LIB3MF_PC_FOUND OR NOT LIB3MF_LIBRARY)
  message(FATAL_ERROR "glint: lib3MF not found; install the Debian package lib3mf-dev "
                      "(scripts/install-deps.sh does it)")
endif()
add_library(glint_lib3mf INTERFACE IMPORTED)
target_include_directories(glint_lib3mf SYSTEM INTERFACE ${LIB3MF_PC_INCLUDE_DIRS})
target_link_libraries(glint_lib3mf INTERFACE ${LIB3MF_LIBRARY})

find_package(tinyobjloader CONFIG QUIET)
if(NOT tinyobjloader_FOUND)
  message(FATAL_ERROR "glint: tinyobjloader not found; install the Debian package "
                      "libtinyobjloader-dev (scripts/install-deps.sh does it)")
endif()

# EXR output (io_exr.c): Debian's tinyexr, a shared library with a C API.
find_package(tinyexr CONFIG QUIET)
if(NOT tinyexr_FOUND)
  message(FATAL_ERROR "glint: tinyexr not found; install the Debian package "
                      "libtinyexr-dev (scripts/install-deps.sh does it)")
endif()

find_package(Threads REQUIRED)
find_library(MATH_LIBRARY m REQUIRED)
