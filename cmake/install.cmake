# What `cmake --install` puts where (issue 16): the three programs, the
# launcher entry, the icons, the AppStream metadata, the man pages, bash
# completion and the package's documents. The package (cmake/package.cmake)
# is made from exactly this.

include(GNUInstallDirs)
# Debian keeps a package's documents under its own name, not the project's
# (GNUInstallDirs' DOCDIR, already set by Qt's project setup, uses the latter).
set(CANCELDESK_DOCDIR "${CMAKE_INSTALL_DATAROOTDIR}/doc/canceldesk")

set(CANCELDESK_APP_ID "org.canceldesk.CancelDesk")
set(CANCELDESK_HOMEPAGE "https://canceldesk.example.org" CACHE STRING
    "Where CancelDesk is published: the package's Homepage and AppStream's homepage and screenshots")
set(linux "${PROJECT_SOURCE_DIR}/resources/linux")

# The package's changelog names the version being released: the project's.
file(STRINGS "${linux}/changelog" changelog_head LIMIT_COUNT 1)
if(NOT changelog_head MATCHES "^canceldesk \\(${PROJECT_VERSION}\\) ")
    message(FATAL_ERROR "resources/linux/changelog does not begin with version ${PROJECT_VERSION}")
endif()

install(TARGETS canceldesk canceldesk-cli canceldesk-sandbox
    RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")

install(FILES "${linux}/${CANCELDESK_APP_ID}.desktop"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
configure_file("${linux}/${CANCELDESK_APP_ID}.metainfo.xml.in"
    "${PROJECT_BINARY_DIR}/linux/${CANCELDESK_APP_ID}.metainfo.xml" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/linux/${CANCELDESK_APP_ID}.metainfo.xml"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")

install(FILES "${PROJECT_SOURCE_DIR}/resources/canceldesk.svg"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps"
    RENAME "${CANCELDESK_APP_ID}.svg")
foreach(size 16 24 32 48 64 128 256 512)
    install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/canceldesk-${size}.png"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps"
        RENAME "${CANCELDESK_APP_ID}.png")
endforeach()

install(FILES "${linux}/canceldesk-cli.bash-completion"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions"
    RENAME canceldesk-cli)

# Man pages from each program's own --help (help2man, cmake/manpage.sh), so
# they cannot drift from it. Sanitizer and fuzz builds make none: their
# programs are not the ones installed.
if(NOT CANCELDESK_SANITIZE AND NOT CANCELDESK_FUZZ)
    find_program(CANCELDESK_HELP2MAN help2man)
    if(NOT CANCELDESK_HELP2MAN)
        message(FATAL_ERROR "help2man is missing: scripts/deps.sh installs it")
    endif()
    set(manpages)
    foreach(entry
            "canceldesk|console for cancelling payments by hand at UQPAY, Antom and Liquido"
            "canceldesk-cli|cancel payments at UQPAY, Antom and Liquido from the command line"
            "canceldesk-sandbox|simulate the UQPAY, Antom and Liquido APIs on 127.0.0.1")
        string(REPLACE "|" ";" entry "${entry}")
        list(GET entry 0 program)
        list(GET entry 1 summary)
        set(page "${PROJECT_BINARY_DIR}/man/${program}.1.gz")
        add_custom_command(OUTPUT "${page}"
            COMMAND "${CMAKE_COMMAND}" -E make_directory "${PROJECT_BINARY_DIR}/man"
            COMMAND "${PROJECT_SOURCE_DIR}/cmake/manpage.sh" "$<TARGET_FILE:${program}>"
                "${summary}" "${linux}/${program}.h2m" "${page}"
            DEPENDS ${program} "${linux}/${program}.h2m" "${PROJECT_SOURCE_DIR}/cmake/manpage.sh"
            COMMENT "Writing the man page of ${program}"
            VERBATIM)
        list(APPEND manpages "${page}")
    endforeach()
    add_custom_target(manpages ALL DEPENDS ${manpages})
    install(FILES ${manpages} DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
endif()

# The user guides (Help → User guide) with their screenshots: the program
# finds them in ../share/canceldesk/doc from its bin folder, installed or in
# the build tree (where the console's executable is in ui/, so one level up
# from there is the build folder itself: <build>/share/canceldesk/doc).
add_custom_target(user_guide ALL
    COMMAND "${CMAKE_COMMAND}" -DSRC=${PROJECT_SOURCE_DIR}/docs
        -DDST=${PROJECT_BINARY_DIR}/share/canceldesk/doc -P "${PROJECT_SOURCE_DIR}/cmake/copyguide.cmake"
    COMMENT "Copying the user guides into the build tree"
    VERBATIM)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/docs/"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/canceldesk/doc"
    FILES_MATCHING PATTERN "USER-GUIDE*.md" PATTERN "*.png")

# The package's documents: Debian's copyright file and changelog, the README.
add_custom_command(OUTPUT "${PROJECT_BINARY_DIR}/linux/changelog.gz"
    COMMAND gzip -9n --stdout "${linux}/changelog" > "${PROJECT_BINARY_DIR}/linux/changelog.gz"
    DEPENDS "${linux}/changelog"
    VERBATIM)
add_custom_target(package_changelog ALL DEPENDS "${PROJECT_BINARY_DIR}/linux/changelog.gz")
install(FILES "${linux}/copyright" "${PROJECT_BINARY_DIR}/linux/changelog.gz"
    "${PROJECT_SOURCE_DIR}/README.md"
    DESTINATION "${CANCELDESK_DOCDIR}")
