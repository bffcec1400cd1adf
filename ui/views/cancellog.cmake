# The cancel log view (F14), its model, the export dialog (F15) and the log check (F16).
target_sources(canceldesk_ui PRIVATE
    models/cancellogmodel.h models/cancellogmodel.cpp
    views/cancellogview.h views/cancellogview.cpp
    dialogs/exportdialog.h dialogs/exportdialog.cpp
    dialogs/verifyagainstdialog.h dialogs/verifyagainstdialog.cpp
)
