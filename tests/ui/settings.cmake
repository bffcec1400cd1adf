canceldesk_add_test(tst_settings SOURCES tst_settings.cpp LIBS canceldesk_uitestsupport)

# Issue 16: the real keychain. One executable, run in these sessions:
#  tst_keychain_secret_service       a private bus with gnome-keyring unlocked
#                                    (keychain_session.sh), two runs: the second
#                                    reads what the first saved, then removes it;
#  tst_keychain_slow_secret_service  the same, the keyring answering late;
#  tst_keychain_no_secret_service    a private bus without a Secret Service;
#  tst_keychain_no_bus               no session bus at all.
# Each runs only the functions of its session, and a skipped one fails it.
# keychain_session.sh exits 77 (not run) when dbus or gnome-keyring is not
# installed.
find_package(Qt6 REQUIRED COMPONENTS DBus)
add_executable(tst_keychain tst_keychain.cpp)
target_link_libraries(tst_keychain PRIVATE canceldesk_flags canceldesk_testsupport
    canceldesk_uitestsupport Qt6::Test Qt6::DBus)
set(keychain_session ${CMAKE_CURRENT_SOURCE_DIR}/keychain_session.sh)
add_test(NAME tst_keychain_secret_service
    COMMAND ${keychain_session} $<TARGET_FILE:tst_keychain>
            "keychainIsChosen settingsStoresSecretsInTheKeychain"
            "secretsSurviveARestart removedSecretsAreGone")
add_test(NAME tst_keychain_no_secret_service
    COMMAND ${keychain_session} --no-secret-service $<TARGET_FILE:tst_keychain>
            "fileIsChosenWithoutSecretService settingsSaysSecretsAreInAFile")
add_test(NAME tst_keychain_no_bus
    COMMAND tst_keychain fileIsChosenWithoutSecretService settingsSaysSecretsAreInAFile)
# The Secret Service stops answering past the keychain's 5 s job timeout (a
# keyring prompt left open), the console takes the file, then the answer comes:
# no crash (it was a use after free while the store parented its jobs).
add_test(NAME tst_keychain_slow_secret_service
    COMMAND ${keychain_session} $<TARGET_FILE:tst_keychain> lateAnswerAfterFallbackIsHarmless)
set_tests_properties(tst_keychain_secret_service tst_keychain_no_secret_service
    tst_keychain_no_bus tst_keychain_slow_secret_service PROPERTIES
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8"
    FAIL_REGULAR_EXPRESSION "SKIP   : "
    SKIP_RETURN_CODE 77
    TIMEOUT 120)
