# The cancel log view, its model, export and verify (F14–F16).
canceldesk_add_test(tst_cancellog SOURCES tst_cancellog.cpp LIBS canceldesk_uitestsupport)
