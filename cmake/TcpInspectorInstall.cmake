# SPDX-License-Identifier: GPL-3.0-or-later
# What `cmake --install` puts in place besides the two programs, and the .deb
# that CPack makes of it (scripts/package.sh).
include(GNUInstallDirs)

set(TCPI_PROJECT_URL "https://github.com/tcpinspector/tcpinspector" CACHE STRING
    "The project's home, for the AppStream metainfo and the package")
set(TCPI_SCREENSHOT_URL "https://raw.githubusercontent.com/tcpinspector/tcpinspector/main/docs/screenshots"
    CACHE STRING "Where docs/screenshots is published, for the AppStream screenshots")

# The desktop entry, the icon in every size a desktop asks for, the metainfo.
configure_file(${CMAKE_SOURCE_DIR}/resources/tcpinspector.metainfo.xml.in
    ${CMAKE_BINARY_DIR}/org.tcpinspector.tcpinspector.metainfo.xml @ONLY)
install(FILES ${CMAKE_SOURCE_DIR}/resources/tcpinspector.desktop
    DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/tcpinspector.svg
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/resources/icons/hicolor/
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor)
install(FILES ${CMAKE_BINARY_DIR}/org.tcpinspector.tcpinspector.metainfo.xml
    DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${CMAKE_SOURCE_DIR}/LICENSE ${CMAKE_SOURCE_DIR}/README.md
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/tcpinspector)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/tcpinspector
    FILES_MATCHING PATTERN "*.md")
# The user guide's pictures, beside it as its relative links expect.
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/guide/ DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/tcpinspector/guide
    FILES_MATCHING PATTERN "*.png")

# A .deb for Debian 12: the libraries it links found by dpkg-shlibdeps; the
# plugins Qt loads at run time (the xcb platform, the SVG icon engine) named,
# since no linker sees them; a CJK font recommended for the Chinese lessons.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "tcpinspector")
set(CPACK_PACKAGE_VENDOR "The TCP Inspector developers")
set(CPACK_PACKAGE_CONTACT "The TCP Inspector developers <tcpinspector@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Makes TCP visible: chunks, messages, timelines")
set(CPACK_PACKAGE_DESCRIPTION
    "TCP Inspector plays both ends of a TCP connection, or relays between a client and its\n"
    "server, and shows every read as the chunk it was, the messages a framing decoder builds\n"
    "from them, and each connection's states beside the kernel's. With lessons on the classic\n"
    "TCP pitfalls in English and Chinese, scenarios, sessions, and tcpinspector-cli.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${TCPI_PROJECT_URL}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-cjk | fonts-wqy-microhei, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "wireshark | tshark")
set(CPACK_STRIP_FILES ON)
include(CPack)
