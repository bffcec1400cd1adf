# Four eyes in the console (F23): the approvals queue, its count in the status
# bar and the approve dialog, clicking the real controls against the
# in-process sandbox.
canceldesk_add_test(tst_approvals SOURCES tst_approvals.cpp LIBS canceldesk_uitestsupport)
