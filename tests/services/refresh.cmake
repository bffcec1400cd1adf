# Tests of the refresh services: status refresh, add by id, UQPAY sync, import.
canceldesk_add_test(tst_importer SOURCES tst_importer.cpp LIBS Qt6::Sql)
canceldesk_add_test(tst_refreshservice SOURCES tst_refreshservice.cpp LIBS canceldesk_sandbox)
