# cmake -DSRC=docs -DDST=<build>/share/canceldesk/doc -P copyguide.cmake
# Puts the user guides and their screenshots where a program in the build tree
# looks for them (UserGuideWindow::installedDirectory(): ../share/canceldesk/doc
# from its bin folder), as the package installs them.
file(GLOB guides "${SRC}/USER-GUIDE*.md")
file(MAKE_DIRECTORY "${DST}")
if(guides)
    file(COPY ${guides} DESTINATION "${DST}")
endif()
if(EXISTS "${SRC}/screenshots")
    file(COPY "${SRC}/screenshots" DESTINATION "${DST}" FILES_MATCHING PATTERN "*.png")
endif()
