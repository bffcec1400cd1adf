#include "providerstrip.h"

#include "providers/providerregistry.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLocale>
#include <QToolButton>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Ui {

using Services::ConnectionState;

namespace {

constexpr Domain::Provider kProviders[] = {Domain::Provider::Uqpay, Domain::Provider::Antom,
                                           Domain::Provider::Liquido};

QString dotColor(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Reachable:
        return u"#2E7D32"_s;
    case ConnectionState::CredentialsRefused:
    case ConnectionState::Misconfigured:
    case ConnectionState::Unreachable:
        return u"#C62828"_s;
    case ConnectionState::Checking:
    case ConnectionState::Untested:
        return u"#F9A825"_s;
    case ConnectionState::NotConfigured:
        break;
    }
    return u"#9E9E9E"_s;
}

} // namespace

ProviderStrip::ProviderStrip(const Providers::ProviderRegistry &providers,
                             const QString &environment, QWidget *parent)
    : QWidget(parent)
    , m_providers(providers)
{
    setObjectName(u"providerStrip"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    for (Domain::Provider p : kProviders) {
        auto *button = new QToolButton(this);
        button->setObjectName(u"providerStatus_"_s + Domain::providerKey(p));
        button->setAutoRaise(true);
        layout->addWidget(button);
        m_buttons.insert(p, button);
        Services::ConnectionStatus status;
        status.state = m_providers.provider(p) != nullptr ? ConnectionState::Untested
                                                          : ConnectionState::NotConfigured;
        m_status.insert(p, status);
        connect(button, &QToolButton::clicked, this, [this, p] {
            if (m_status.value(p).state == ConnectionState::NotConfigured)
                Q_EMIT settingsRequested(Domain::providerKey(p));
            else
                check(p);
        });
        show(p);
    }
    if (environment != u"production")
        checkAll();
}

void ProviderStrip::checkAll()
{
    for (Domain::Provider p : kProviders)
        check(p);
}

void ProviderStrip::check(Domain::Provider provider)
{
    Providers::PaymentProvider *backend = m_providers.provider(provider);
    if (!backend || m_status.value(provider).state == ConnectionState::Checking)
        return;
    m_status[provider].state = ConnectionState::Checking;
    show(provider);
    auto *probe = new Services::ConnectionCheck(*backend, this);
    connect(probe, &Services::ConnectionCheck::finished, this,
            [this](Domain::Provider p, const Services::ConnectionStatus &status) {
                m_status.insert(p, status);
                show(p);
            });
}

void ProviderStrip::show(Domain::Provider provider)
{
    QToolButton *button = m_buttons.value(provider);
    const Services::ConnectionStatus status = m_status.value(provider);
    button->setText(u"● "_s + Domain::providerDisplayName(provider));
    button->setStyleSheet(u"QToolButton { color: %1; }"_s.arg(dotColor(status.state)));
    QString tip = tr("%1: %2").arg(Domain::providerDisplayName(provider),
                                   Services::connectionStateText(status.state));
    if (!status.detail.isEmpty())
        tip += u'\n' + status.detail;
    if (status.checkedAtUtc.isValid())
        tip += u'\n'
               + tr("Checked at %1")
                     .arg(QLocale().toString(status.checkedAtUtc.toLocalTime().time(),
                                             QLocale::ShortFormat));
    tip += u'\n'
           + (status.state == ConnectionState::NotConfigured
                  ? tr("Click to open its settings.")
                  : tr("Click to test the connection (a read-only status query)."));
    button->setToolTip(tip);
    button->setAccessibleName(tip);
}

void ProviderStrip::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        for (Domain::Provider p : kProviders)
            show(p);
    }
    QWidget::changeEvent(event);
}

} // namespace CancelDesk::Ui
