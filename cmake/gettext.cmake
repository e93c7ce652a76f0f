# gettext.cmake - message catalogues (included by packaging.cmake): po/LANG.po compiled by
# msgfmt into BUILD/locale/LANG/LC_MESSAGES/hoso.mo (where a hoso in the build folder finds
# them) and installed into share/locale; the "pot" target writes po/hoso.pot from the
# sources (po/xgettext.sh): cli/'s messages marked _() and N_() (cli/cli_i18n.h), the
# libraries' hs_err formats and hs_tr() (common/hs_common.h).
target_compile_definitions(hoso PRIVATE HOSO_LOCALEDIR="${CMAKE_INSTALL_FULL_LOCALEDIR}")

find_program(HS_MSGFMT msgfmt)
file(GLOB HS_PO_FILES ${HS_SRC}/po/*.po)
if(HS_MSGFMT)
  set(HS_MO_FILES)
  foreach(po ${HS_PO_FILES})
    get_filename_component(lang ${po} NAME_WE)
    set(mo ${CMAKE_BINARY_DIR}/locale/${lang}/LC_MESSAGES/hoso.mo)
    add_custom_command(OUTPUT ${mo}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/locale/${lang}/LC_MESSAGES
      COMMAND ${HS_MSGFMT} --check -o ${mo} ${po}
      DEPENDS ${po} VERBATIM)
    list(APPEND HS_MO_FILES ${mo})
    install(FILES ${mo} DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/${lang}/LC_MESSAGES)
  endforeach()
  add_custom_target(translations ALL DEPENDS ${HS_MO_FILES})
else()
  message(STATUS "msgfmt not found: hoso speaks English only (apt install gettext)")
endif()

find_program(HS_XGETTEXT xgettext)
if(HS_XGETTEXT)
  # the sources and keywords are in po/xgettext.sh, which e2e.i18n runs too
  # po/en.po is the template with each message as its own English text (msginit)
  find_program(HS_MSGINIT msginit)
  add_custom_target(pot
    COMMAND sh ${HS_SRC}/po/xgettext.sh ${HS_SRC}/po/hoso.pot ${PROJECT_VERSION}
    COMMAND ${HS_MSGINIT} --no-translator --no-wrap -l en -i ${HS_SRC}/po/hoso.pot
            -o ${HS_SRC}/po/en.po
    WORKING_DIRECTORY ${HS_SRC}
    COMMENT "Writing po/hoso.pot from the sources"
    VERBATIM)
endif()
