# The order status view (F6): its status history against the in-process sandbox.
canceldesk_add_test(tst_statushistory SOURCES tst_statushistory.cpp LIBS canceldesk_uitestsupport)
