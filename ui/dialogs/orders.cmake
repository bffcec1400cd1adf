# F2 getting orders in: Add by ID, Import (with preview), UQPAY sync.
target_sources(canceldesk_ui PRIVATE
    dialogs/addorderdialog.h dialogs/addorderdialog.cpp
    dialogs/importdialog.h dialogs/importdialog.cpp
    dialogs/syncdialog.h dialogs/syncdialog.cpp
)
