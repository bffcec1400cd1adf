# Four eyes in the console (F23): the approvals queue, its count in the status
# bar and the approve dialog, clicking the real controls against the
# in-process sandbox.
canceldesk_add_test(tst_approvals SOURCES tst_approvals.cpp LIBS canceldesk_uitestsupport)
# The console as the third login of a team (issue 14's "done when"): its
# login dialog and keychain password over TCP, and four eyes beside two CLIs,
# on a PostgreSQL server the test starts.
canceldesk_add_test(tst_teamconsole SOURCES tst_teamconsole.cpp
    LIBS canceldesk_uitestsupport canceldesk_clirunner)
