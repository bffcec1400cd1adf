#pragma once

#include "domain/provider.h"
#include "services/connectioncheck.h"

#include <QHash>
#include <QWidget>

class QToolButton;

namespace CancelDesk::Providers {
class ProviderRegistry;
}

namespace CancelDesk::Ui {

// The main window's per-provider strip: for each provider, whether it is
// configured in this environment and whether it answered the last connection
// probe. A click probes again (read-only: the retrieve of an id that cannot
// exist). Outside production the configured providers are probed at start;
// production is contacted only when the operator asks.
class ProviderStrip final : public QWidget
{
    Q_OBJECT

public:
    // environment: the configuration's environment name; "production" is not
    // probed at start.
    ProviderStrip(const Providers::ProviderRegistry &providers, const QString &environment,
                  QWidget *parent = nullptr);

    Services::ConnectionStatus status(Domain::Provider provider) const
    {
        return m_status.value(provider);
    }
    void check(Domain::Provider provider);
    void checkAll();

Q_SIGNALS:
    // A provider that is not configured was clicked: open its settings page.
    void settingsRequested(const QString &page);

protected:
    void changeEvent(QEvent *event) override;

private:
    void show(Domain::Provider provider);

    const Providers::ProviderRegistry &m_providers;
    QHash<Domain::Provider, QToolButton *> m_buttons;
    QHash<Domain::Provider, Services::ConnectionStatus> m_status;
};

} // namespace CancelDesk::Ui
