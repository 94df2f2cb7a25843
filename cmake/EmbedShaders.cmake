# Embeds every file under shaders/ into the binary as a C table of
# (name, source). The sources are read again from disk when the development
# option (--shader-dir) names a folder. Call from the directory of the target
# that compiles the result: custom command outputs are per directory.
function(glint_embed_shaders out_var)
  set(shader_dir ${PROJECT_SOURCE_DIR}/shaders)
  file(GLOB files CONFIGURE_DEPENDS ${shader_dir}/*.vert ${shader_dir}/*.frag
       ${shader_dir}/*.glsl)
  set(output ${CMAKE_CURRENT_BINARY_DIR}/gfx_embedded_shaders.c)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} "-DFILES=${files}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    COMMENT "Embedding shaders"
    VERBATIM)
  set(${out_var} ${output} PARENT_SCOPE)
endfunction()
