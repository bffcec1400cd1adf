# The cancel workflow against the in-process sandbox.
canceldesk_add_test(tst_cancelservice SOURCES tst_cancelservice.cpp LIBS canceldesk_sandbox
    ENGINES sqlite postgresql)
