# The cancel dialog and the bulk cancel dialog (F8–F13), clicking the real
# controls against the in-process sandbox.
canceldesk_add_test(tst_canceldialog SOURCES tst_canceldialog.cpp LIBS canceldesk_uitestsupport)
canceldesk_add_test(tst_bulkcancel SOURCES tst_bulkcancel.cpp LIBS canceldesk_uitestsupport)
