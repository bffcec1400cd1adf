#include "statusview.h"

#include "dialogs/eligibility.h"
#include "domain/cancelpolicy.h"
#include "format.h"
#include "providers/paymentprovider.h"
#include "providers/providerregistry.h"
#include "services/cancelcheck.h"
#include "storage/canceljournal.h"
#include "storage/orderstore.h"

#include <QEvent>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace CancelDesk::Ui {

namespace {

enum Field {
    Provider,
    PaymentId,
    Reference,
    Amount,
    Method,
    Status,
    Created,
    Paid,
    Deadline,
    TimeLeft
};

QString sourceLabel(Storage::StatusSource source)
{
    switch (source) {
    case Storage::StatusSource::Import:
        return StatusView::tr("import");
    case Storage::StatusSource::Refresh:
        return StatusView::tr("refresh");
    case Storage::StatusSource::Cancel:
        return StatusView::tr("cancel");
    case Storage::StatusSource::Manual:
        return StatusView::tr("added by ID");
    }
    return {};
}

// The status history as people read it: the first status, each change
// ("Pending → Cancelled"), a contradicted cancel (F7) and its review. The store
// records changes only (a refresh that finds the same status adds no row), so a
// later retrieval that confirmed the status is one last line, dated by
// lastSyncedAt: "Confirmed: Pending". Not under a conflict, where the provider
// said something else.
QList<QTreeWidgetItem *> historyItems(const QList<Storage::StatusChange> &history,
                                      const Domain::Order &order)
{
    QList<QTreeWidgetItem *> items;
    std::optional<Domain::NormStatus> before;
    QDateTime newest;
    for (const Storage::StatusChange &c : history) {
        const QString after = Domain::statusLabel(c.statusAfter);
        QString what;
        if (c.note.startsWith(QLatin1String("conflict:"))) // OrderStore's stable prefix
            what = StatusView::tr("Provider reported %1 after the confirmed cancel; %2 kept")
                       .arg(c.rawAfter, after);
        else if (c.note == QLatin1String("conflict cleared"))
            what = StatusView::tr("Conflict reviewed; %1 kept").arg(after);
        else if (!before || c.rawBefore.isEmpty())
            what = StatusView::tr("First status: %1").arg(after);
        else if (*before != c.statusAfter)
            what = StatusView::tr("%1 → %2").arg(Domain::statusLabel(*before), after);
        else // the provider's own status changed within one of ours
            what = StatusView::tr("%1 (provider: %2 → %3)").arg(after, c.rawBefore, c.rawAfter);
        auto *item =
            new QTreeWidgetItem(QStringList{formatLocalTime(c.at), what, sourceLabel(c.source)});
        item->setToolTip(
            1, c.rawBefore.isEmpty()
                   ? StatusView::tr("Provider status: %1").arg(c.rawAfter)
                   : StatusView::tr("Provider status: %1 → %2").arg(c.rawBefore, c.rawAfter));
        items.append(item);
        before = c.statusAfter;
        if (!newest.isValid() || c.at > newest)
            newest = c.at;
    }
    if (order.lastSyncedAt.isValid() && (!newest.isValid() || order.lastSyncedAt > newest)
        && !order.flags.testFlag(Domain::StatusFlag::Conflict)) {
        auto *item = new QTreeWidgetItem(
            QStringList{formatLocalTime(order.lastSyncedAt),
                        StatusView::tr("Confirmed: %1").arg(Domain::statusLabel(order.status)),
                        StatusView::tr("latest retrieval")});
        item->setToolTip(1, StatusView::tr("The provider reported the same status again (%1). "
                                           "Only changes are kept; this is the latest check.")
                                .arg(order.rawStatus));
        items.append(item);
    }
    return items;
}

// Flattens a provider answer into "path  value" rows ("amount.value  1250"),
// at most kMaxFields of them.
void addJsonFields(const QJsonValue &value, const QString &path, QList<QTreeWidgetItem *> *out)
{
    constexpr qsizetype kMaxFields = 300;
    if (out->size() >= kMaxFields)
        return;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            addJsonFields(it.value(), path.isEmpty() ? it.key() : path + u'.' + it.key(), out);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            addJsonFields(array.at(i), path + u'[' + QString::number(i) + u']', out);
    } else if (!path.isEmpty()) {
        QString text;
        if (value.isString())
            text = value.toString();
        else if (value.isBool())
            text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else if (value.isDouble())
            text =
                QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
                    .mid(1)
                    .chopped(1);
        else
            text = QStringLiteral("null");
        out->append(new QTreeWidgetItem(QStringList{path, text}));
    }
}

} // namespace

StatusView::StatusView(OrderReads reads, const Providers::ProviderRegistry &providers,
                       QWidget *parent)
    : QWidget(parent)
    , m_reads(std::move(reads))
    , m_providers(providers)
{
    setObjectName(QStringLiteral("statusView"));
    build();
    retranslateUi();
    fill();
}

StatusView::~StatusView() = default;

void StatusView::build()
{
    auto *layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("statusEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_empty, 1);

    // The body scrolls rather than cutting text when the pane is short or
    // narrow (1024 x 700, or a long Chinese verdict).
    auto *scroll = new QScrollArea(this);
    m_scroll = scroll;
    scroll->setObjectName(QStringLiteral("statusScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_body = new QWidget(scroll);
    auto *body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    m_form = new QFormLayout();
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // Narrow: values go below their labels instead of being squeezed.
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    for (int i = 0; i < 10; ++i) {
        m_labels[i] = new QLabel(m_body);
        m_values[i] = new QLabel(m_body);
        m_values[i]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_values[i]->setWordWrap(true);
        m_values[i]->setMinimumWidth(0);
        m_form->addRow(m_labels[i], m_values[i]);
    }
    m_values[Status]->setObjectName(QStringLiteral("statusValue"));
    m_values[TimeLeft]->setObjectName(QStringLiteral("timeLeftValue"));
    m_values[Deadline]->setObjectName(QStringLiteral("deadlineValue"));
    body->addLayout(m_form);

    m_eligibility = new QLabel(m_body);
    m_eligibility->setObjectName(QStringLiteral("eligibilityText"));
    m_eligibility->setWordWrap(true);
    m_eligibility->setFrameShape(QFrame::StyledPanel);
    m_eligibility->setMargin(6);
    body->addWidget(m_eligibility);
    m_openSettings = new QPushButton(m_body);
    m_openSettings->setObjectName(QStringLiteral("statusOpenSettingsButton"));
    connect(m_openSettings, &QPushButton::clicked, this,
            [this] { Q_EMIT settingsRequested(m_settingsPage); });
    auto *settingsRow = new QHBoxLayout();
    settingsRow->addWidget(m_openSettings);
    settingsRow->addStretch(1);
    body->addLayout(settingsRow);

    auto *syncRow = new QHBoxLayout();
    m_synced = new QLabel(m_body);
    m_synced->setObjectName(QStringLiteral("syncedText"));
    m_synced->setWordWrap(true);
    m_refresh = new QPushButton(m_body);
    m_refresh->setObjectName(QStringLiteral("statusRefreshButton"));
    connect(m_refresh, &QPushButton::clicked, this, [this] {
        if (m_order)
            Q_EMIT refreshRequested(*m_order);
    });
    syncRow->addWidget(m_synced, 1);
    syncRow->addWidget(m_refresh);
    body->addLayout(syncRow);
    m_syncError = new QLabel(m_body);
    m_syncError->setObjectName(QStringLiteral("syncErrorText"));
    m_syncError->setWordWrap(true);
    m_syncError->setStyleSheet(QStringLiteral("color: #C62828;"));
    body->addWidget(m_syncError);

    m_fieldsTitle = addTable(body, QStringLiteral("providerFields"), 2, &m_fields);
    m_timelineTitle = addTable(body, QStringLiteral("timeline"), 3, &m_timeline);
    m_attemptsTitle = addTable(body, QStringLiteral("attempts"), 4, &m_attempts);
    scroll->setWidget(m_body);
    m_body = scroll; // shown and hidden as one
    layout->addWidget(scroll, 1);
}

// A titled table of the body: provider fields, the status history, the cancel
// attempts. Returns the title label; the table goes to *table.
QLabel *StatusView::addTable(QVBoxLayout *body, const QString &objectName, int columns,
                             QTreeWidget **table)
{
    auto *title = new QLabel(m_body);
    body->addWidget(title);
    *table = new QTreeWidget(m_body);
    (*table)->setObjectName(objectName);
    (*table)->setRootIsDecorated(false);
    (*table)->setColumnCount(columns);
    (*table)->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    (*table)->setMinimumHeight(90);
    body->addWidget(*table, 1);
    return title;
}

void StatusView::retranslateUi()
{
    m_title->setText(tr("Order status"));
    m_empty->setText(tr("Select an order to see its live status, its history and whether it "
                        "can still be cancelled."));
    const QString labels[] = {tr("Provider:"), tr("Payment ID:"), tr("Merchant reference:"),
                              tr("Amount:"),   tr("Method:"),     tr("Status:"),
                              tr("Created:"),  tr("Paid:"),       tr("Cancel deadline:"),
                              tr("Time left:")};
    for (int i = 0; i < 10; ++i)
        m_labels[i]->setText(labels[i]);
    m_refresh->setText(tr("Refresh"));
    m_openSettings->setText(tr("Open Settings…"));
    m_refresh->setToolTip(tr("Retrieve this order's status from the provider now (F5)."));
    m_fieldsTitle->setText(tr("Provider fields (from the last status retrieval)"));
    m_fields->setHeaderLabels({tr("Field"), tr("Value")});
    m_timelineTitle->setText(tr("Status history"));
    m_timeline->setHeaderLabels({tr("Time"), tr("Change"), tr("Source")});
    m_attemptsTitle->setText(tr("Cancel attempts"));
    // The tables are named by the titles above them (not their buddies).
    m_fields->setAccessibleName(tr("Provider fields"));
    m_timeline->setAccessibleName(m_timelineTitle->text());
    m_attempts->setAccessibleName(m_attemptsTitle->text());
    m_scroll->setAccessibleName(m_title->text());
    m_attempts->setHeaderLabels({tr("Requested"), tr("Outcome"), tr("Operator"), tr("Reason")});
    fill();
}

void StatusView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void StatusView::showOrder(const std::optional<Domain::OrderKey> &order)
{
    m_order = order;
    reload();
}

void StatusView::reload()
{
    m_loaded.reset();
    if (m_order)
        m_loaded = m_reads.orders.find(m_order->provider, m_order->paymentId);
    fill();
}

void StatusView::fill()
{
    m_empty->setVisible(!m_loaded);
    m_body->setVisible(m_loaded.has_value());
    m_timeline->clear();
    m_attempts->clear();
    m_fields->clear();
    if (!m_loaded)
        return;
    // The provider's own fields as last retrieved, flattened to paths.
    const QJsonDocument payload = QJsonDocument::fromJson(m_loaded->lastPayload);
    QList<QTreeWidgetItem *> fields;
    addJsonFields(payload.isArray() ? QJsonValue(payload.array()) : QJsonValue(payload.object()),
                  QString(), &fields);
    m_fields->addTopLevelItems(fields);
    const Domain::Order &o = *m_loaded;
    m_values[Provider]->setText(Domain::providerDisplayName(o.provider));
    m_values[PaymentId]->setText(o.paymentId);
    const int shared = m_reads.orders.referenceCount(o.provider, o.merchantReference);
    m_values[Reference]->setText(
        shared > 1 && !o.merchantReference.isEmpty()
            ? tr("%1 — shared by %n order(s)", nullptr, shared).arg(o.merchantReference)
            : o.merchantReference);
    m_values[Amount]->setText(formatMoneyFull(o.amount));
    m_values[Method]->setText(o.paymentMethod);
    m_values[Status]->setText(
        tr("%1 (provider: %2)").arg(Domain::statusLabel(o.status), o.rawStatus));
    m_values[Status]->setStyleSheet(
        QStringLiteral("color: %1; font-weight: bold;").arg(statusColor(o.status).name()));
    m_values[Created]->setText(formatLocalTime(o.createdAt));
    m_values[Paid]->setText(o.paidAt.isValid() ? formatLocalTime(o.paidAt) : tr("not paid"));

    m_timeline->addTopLevelItems(historyItems(m_reads.orders.history(o.provider, o.paymentId), o));
    Storage::AttemptFilter filter;
    filter.provider = o.provider;
    filter.paymentId = o.paymentId;
    m_attemptFlags = {};
    for (const Storage::CancelAttempt &a : m_reads.journal.list(filter)) {
        // The list is in id order: the newest unresolved one wins.
        if (Storage::holdsOrder(a.state))
            m_attemptFlags.setActive(a);
        else if (a.state == Storage::AttemptState::Unresolved)
            m_attemptFlags.unresolvedAttemptId = a.id;
        auto *item = new QTreeWidgetItem(
            QStringList{formatLocalTime(a.requestedAt), Storage::attemptStateLabel(a.state),
                        a.operatorName, Domain::cancelReasonLabel(a.reason)});
        if (!a.providerCode.isEmpty())
            item->setToolTip(1, a.providerCode + QStringLiteral(": ") + a.providerMessage);
        m_attempts->addTopLevelItem(item);
    }
    tick();
}

void StatusView::tick()
{
    if (!m_loaded)
        return;
    const Domain::Order &o = *m_loaded;
    const QDateTime now = m_reads.clock();
    // The core's rule (F8, F12, §10) on what was read with the order: no
    // query every second.
    const Services::CancelCheck check =
        Services::checkCancel(o, m_reads.policy, now, m_attemptFlags);
    const Domain::PolicyDecision &decision = check.decision;
    const bool showDeadline =
        decision.isEligible() || decision.reason == Domain::IneligibleReason::WindowClosed;
    const Countdown c =
        countdown(showDeadline ? decision.deadlineUtc : QDateTime(), decision.providerZone, now);
    const QString provider = formatProviderTime(decision.deadlineUtc, decision.providerZone);
    m_values[Deadline]->setText(
        !showDeadline || !decision.deadlineUtc.isValid() ? tr("none known")
        : provider.isEmpty()
            ? formatLocalTime(decision.deadlineUtc)
            : tr("%1 (%2 provider time)").arg(formatLocalTime(decision.deadlineUtc), provider));
    m_values[TimeLeft]->setText(c.text);
    m_values[TimeLeft]->setStyleSheet(
        QStringLiteral("color: %1; font-weight: bold;").arg(countdownColor(c.level).name()));

    // The same words as the Cancel action's tooltip and the cancel dialog.
    updateVerdict(check, explainDecision(decision));

    const bool stale = !o.lastSyncedAt.isValid() || o.lastSyncedAt.secsTo(now) > kStaleAfterSeconds;
    m_synced->setText(stale ? tr("Last synced %1 — stale, refresh before deciding")
                                  .arg(formatAge(o.lastSyncedAt, now))
                            : tr("Last synced %1").arg(formatAge(o.lastSyncedAt, now)));
    m_synced->setStyleSheet(stale ? QStringLiteral("color: #B36B00; font-weight: bold;")
                                  : QString());
    m_syncError->setVisible(!o.lastSyncError.isEmpty());
    // Kept as a failure kind: worded now, in the current language.
    m_syncError->setText(
        tr("Last sync failed: %1").arg(Providers::storedFailureText(o.lastSyncError)));
}

QString StatusView::missingForCancel(QString *page) const
{
    const Domain::Provider provider = m_loaded->provider;
    if (m_providers.provider(provider) == nullptr) {
        *page = Domain::providerKey(provider);
        return tr("%1 is not configured: enter its credentials in Settings to refresh or cancel "
                  "this order.")
            .arg(Domain::providerDisplayName(provider));
    }
    page->clear();
    return {};
}

void StatusView::updateVerdict(const Services::CancelCheck &check, const QString &explanation)
{
    const Domain::Order &o = *m_loaded;
    const QDateTime now = m_reads.clock();
    const QString amber = QStringLiteral("color: #8D6E00;");
    const QString missing = missingForCancel(&m_settingsPage);
    m_openSettings->setVisible(!missing.isEmpty());
    // A status read long ago, or whose last refresh failed, is not a basis
    // for "Can be cancelled" (nor for "cannot", unless the status is final).
    const bool failed = !o.lastSyncError.isEmpty();
    const bool stale = !o.lastSyncedAt.isValid() || o.lastSyncedAt.secsTo(now) > kStaleAfterSeconds;
    const bool unconfirmed =
        failed || (stale && (check.decision.isEligible() || !Domain::isTerminal(o.status)));
    QString text;
    QString style = amber;
    if (!missing.isEmpty()) {
        text = missing;
    } else if (check.isRetry() || check.verdict == Services::CancelCheck::Verdict::ActiveAttempt) {
        text = Services::cancelCheckNote(check);
    } else if (unconfirmed) {
        const QString why =
            failed ? tr("the last sync failed")
                   : tr("the status was last read %1").arg(formatAge(o.lastSyncedAt, now));
        text = check.decision.isEligible()
                   ? tr("Status not confirmed — refresh first (%1). By the last status read it "
                        "could be cancelled.")
                         .arg(why)
                   : tr("Status not confirmed — refresh first (%1). By the last status read it "
                        "cannot be cancelled: %2")
                         .arg(why, explanation);
    } else if (check.decision.isEligible()) {
        text = explanation.isEmpty() ? tr("Can be cancelled.")
                                     : tr("Can be cancelled. %1").arg(explanation);
        style = QStringLiteral("color: #1B5E20;");
    } else {
        text = tr("Cannot be cancelled: %1").arg(explanation);
    }
    m_eligibility->setText(text);
    m_eligibility->setStyleSheet(style);
}

} // namespace CancelDesk::Ui
