# tests of the configuration reader and of the CLI (subprocess, against the sandbox)
canceldesk_add_test(tst_appconfig SOURCES tst_appconfig.cpp)

canceldesk_add_test(tst_cli SOURCES tst_cli.cpp
    LIBS Qt6::Sql Qt6::Network canceldesk_clirunner canceldesk_sandbox
    ENGINES sqlite postgresql)
target_compile_definitions(tst_cli PRIVATE CANCELDESK_EXPECTED_VERSION="${PROJECT_VERSION}")

# Cancel safety through the CLI (issue 11): exit codes, retrying UNRESOLVED, the providers' clock.
canceldesk_add_test(tst_clisafety SOURCES tst_clisafety.cpp
    LIBS Qt6::Network canceldesk_clirunner canceldesk_sandbox)

# Team mode through the CLI (issue 14): four logins on a PostgreSQL server the test starts.
canceldesk_add_test(tst_cliteam SOURCES tst_cliteam.cpp
    LIBS Qt6::Network canceldesk_clirunner canceldesk_sandbox)
