# The cancel dialog, the bulk cancel dialog and the eligibility wording (F8–F13).
target_sources(canceldesk_ui PRIVATE
    dialogs/eligibility.h dialogs/eligibility.cpp
    dialogs/reasonfields.h dialogs/reasonfields.cpp
    dialogs/typedconfirmation.h dialogs/typedconfirmation.cpp
    dialogs/canceldialog.h dialogs/canceldialog.cpp
    dialogs/bulkcanceldialog.h dialogs/bulkcanceldialog.cpp
)
