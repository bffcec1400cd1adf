# tests of the configuration reader and of the CLI (subprocess, against the sandbox)
canceldesk_add_test(tst_appconfig SOURCES tst_appconfig.cpp)

canceldesk_add_test(tst_cli SOURCES tst_cli.cpp LIBS Qt6::Sql canceldesk_sandbox)
add_dependencies(tst_cli canceldesk-cli canceldesk-sandbox)
target_compile_definitions(tst_cli PRIVATE
    CANCELDESK_CLI_EXE="$<TARGET_FILE:canceldesk-cli>"
    CANCELDESK_SANDBOX_EXE="$<TARGET_FILE:canceldesk-sandbox>")
