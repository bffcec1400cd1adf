# The order status view (F6): its status history against the in-process sandbox.
canceldesk_add_test(tst_statushistory SOURCES tst_statushistory.cpp LIBS canceldesk_uitestsupport)
# The order list and the status view beside it (issue 12): eligibility verdict,
# failed-sync marks, Del explaining, layouts across languages and sizes, search.
canceldesk_add_test(tst_orderlist SOURCES tst_orderlist.cpp LIBS canceldesk_uitestsupport)
# Issue 13: ticks, the Cancel action and the cancel dialogs read the model, not the database.
canceldesk_add_test(tst_guithread SOURCES tst_guithread.cpp LIBS canceldesk_uitestsupport)
# F24: another console's writes show in this one's list and status view.
canceldesk_add_test(tst_live SOURCES tst_live.cpp LIBS canceldesk_uitestsupport
    ENGINES sqlite postgresql)
