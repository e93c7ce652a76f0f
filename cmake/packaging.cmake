# packaging.cmake - what `cmake --install` puts where, the man pages' target, and the Debian
# package CPack builds (cpack -G DEB in the build folder). Included at the end of the
# top-level CMakeLists.txt, after every target.
include(GNUInstallDirs)

set(HS_SRC ${CMAKE_CURRENT_SOURCE_DIR})

# man pages: written into man/ from the help table (cli/cli_help.c) by
#   cmake --build BUILD --target man
# and checked against it by e2e.help
add_custom_target(man
  COMMAND ${CMAKE_COMMAND} -DHOSO=$<TARGET_FILE:hoso> -DOUT=${HS_SRC}/man
    -P ${HS_SRC}/cmake/man.cmake
  DEPENDS hoso
  COMMENT "Writing man/*.1 from cli/cli_help.c"
  VERBATIM)

# the binary is installed by the top-level CMakeLists.txt (bin/)
file(GLOB HS_MAN_PAGES ${HS_SRC}/man/*.1)
install(FILES ${HS_MAN_PAGES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${HS_SRC}/completion/hoso.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME hoso)
install(FILES ${HS_SRC}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${HS_SRC}/docs/reception.md ${HS_SRC}/docs/archivist.md ${HS_SRC}/docs/batch.md
  ${HS_SRC}/docs/DESIGN.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
# a sample dossier (a one-stop receipt and an application) to try hoso scan on
install(DIRECTORY ${HS_SRC}/samples/ DESTINATION ${CMAKE_INSTALL_DATADIR}/hoso/samples)
# data files the commands read at run time (e.g. the public-holiday calendar), found beside
# the binary in ../share/hoso
if(EXISTS ${HS_SRC}/data)
  install(DIRECTORY ${HS_SRC}/data/ DESTINATION ${CMAKE_INSTALL_DATADIR}/hoso)
endif()
# message catalogues (po/LANG.po -> share/locale/LANG/LC_MESSAGES/hoso.mo), when msgfmt is there
if(EXISTS ${HS_SRC}/cmake/gettext.cmake)
  include(${HS_SRC}/cmake/gettext.cmake)
endif()

# the Debian package
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME hoso)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "hoso")
set(CPACK_PACKAGE_CONTACT "hoso maintainers <hoso@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "digitise and search Vietnamese one-stop public-service dossiers")
set(CPACK_PACKAGE_DESCRIPTION
  "hoso turns paper dossiers (ho so) into searchable digital case files for a one-stop
public service centre: image files or a SANE scanner, cleanup, OCR with Tesseract
(Vietnamese), a BagIt bag in a zip per dossier, a SQLite FTS5 index, search in a
terminal or a browser (hoso serve).")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# the libraries from the binary's ELF needs (dpkg-shlibdeps), plus the language data that
# Tesseract loads at run time, which no ELF names
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "tesseract-ocr-vie, tesseract-ocr-eng")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "bash-completion, sane-utils")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# debugging symbols stay in the build folder
set(CPACK_STRIP_FILES ON)
include(CPack)
