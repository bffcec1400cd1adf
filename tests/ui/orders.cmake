# F2 dialogs: Add by ID, Import with preview, UQPAY sync (against the in-process sandbox).
canceldesk_add_test(tst_orderdialogs SOURCES tst_orderdialogs.cpp LIBS canceldesk_uitestsupport)
