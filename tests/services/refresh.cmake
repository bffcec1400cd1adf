# Tests of the refresh services: status refresh, add by id, UQPAY sync, import.
canceldesk_add_test(tst_importer SOURCES tst_importer.cpp LIBS Qt6::Sql canceldesk_clirunner
    ENGINES sqlite postgresql)
# Three imports of a 100 MB file (memory, not time, is checked): a longer
# test, on both engines.
# Qt Test's own watchdog (300 s by default) gets the same time.
set_tests_properties(tst_importer tst_importer_pg PROPERTIES TIMEOUT 900)
set_property(TEST tst_importer tst_importer_pg APPEND PROPERTY ENVIRONMENT
    QTEST_FUNCTION_TIMEOUT=900000)
canceldesk_add_test(tst_refreshservice SOURCES tst_refreshservice.cpp LIBS canceldesk_sandbox
    ENGINES sqlite postgresql)
