#pragma once

#include <QIcon>

namespace CancelDesk::Ui {

// CancelDesk's icon from the PNGs rendered from resources/canceldesk.svg
// (scripts/icons.sh): Qt draws PNGs without its SVG plugin, which a desktop
// need not have installed.
QIcon applicationIcon();

} // namespace CancelDesk::Ui
