# F18 settings dialog and the secret stores (QtKeychain, 0600 file, memory).
target_sources(canceldesk_ui PRIVATE
    settings/secretstore.h settings/secretstore.cpp
    settings/settingsdialog.h settings/settingsdialog.cpp)
target_link_libraries(canceldesk_ui PRIVATE Qt6Keychain::Qt6Keychain)
