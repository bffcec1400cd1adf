# The Debian package (issue 16): `cpack -G DEB` in a release build, made by
# scripts/package.sh. Its contents are the install rules (cmake/install.cmake).

set(CANCELDESK_MAINTAINER "The CancelDesk team <canceldesk@example.org>" CACHE STRING
    "The Debian package's Maintainer field")

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "canceldesk")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "The CancelDesk team")
set(CPACK_PACKAGE_CONTACT "${CANCELDESK_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "console for cancelling payments by hand")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT") # canceldesk_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CANCELDESK_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${CANCELDESK_HOMEPAGE}")
# The libraries the programs link: found by dpkg-shlibdeps. What Qt loads at
# run time is not linked and must be named: the SQL drivers of both engines,
# the X11 platform plugin.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6sql6-psql, qt6-qpa-plugins")
# A Secret Service for the secrets (else a file only the operator can read),
# Qt's own Chinese strings, Wayland.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager | keepassxc, qt6-translations-l10n, qt6-wayland")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-client")
# CPack puts the summary first and indents these paragraphs itself.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "CancelDesk is the console finance operators use to cancel payments by hand
at UQPAY (payment intents), Antom (Alipay global) and Liquido (PIX, boleto,
card and PicPay in Brazil).

It shows one order list across the providers with a normalised status, each
order's cancel deadline and a live countdown. A cancel is written to a
journal before the network is touched, is never sent twice by accident and
is resumed after a crash. Every attempt lands in a tamper-evident cancel log
that can be exported for Excel and verified later. Team mode keeps the
orders and the log on PostgreSQL, with roles and four-eyes approval.

The package holds the console (canceldesk), the command line
(canceldesk-cli) and a simulator of the three providers' APIs
(canceldesk-sandbox), which the console uses when nothing is configured.")

include(CPack)
