// MainWindow: the filter bar above the order list (search, preset, provider,
// status, method) and the hint that offers all orders when a search finds
// nothing in the current filters (issue 12).

#include "mainwindow.h"
#include "models/ordertablemodel.h"
#include "views/orderlistview.h"

#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>

namespace CancelDesk::Ui {

QLayout *MainWindow::buildFilterBar(QWidget *parent)
{
    auto *filters = new QHBoxLayout();
    m_search = new QLineEdit(parent);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(180);
    auto *searchTimer = new QTimer(this);
    searchTimer->setSingleShot(true);
    searchTimer->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, searchTimer, qOverload<>(&QTimer::start));
    connect(searchTimer, &QTimer::timeout, this, &MainWindow::applyFilter);
    filters->addWidget(m_search, 2);
    m_presetLabel = new QLabel(parent);
    filters->addWidget(m_presetLabel);
    m_preset = new QComboBox(parent);
    m_preset->setObjectName(QStringLiteral("presetCombo"));
    filters->addWidget(m_preset, 1);
    m_provider = new QComboBox(parent);
    m_provider->setObjectName(QStringLiteral("providerCombo"));
    filters->addWidget(m_provider, 1);
    m_status = new QComboBox(parent);
    m_status->setObjectName(QStringLiteral("statusCombo"));
    filters->addWidget(m_status, 1);
    m_method = new QComboBox(parent);
    m_method->setObjectName(QStringLiteral("methodCombo"));
    filters->addWidget(m_method, 1);
    for (QComboBox *combo : {m_preset, m_provider, m_status, m_method}) {
        connect(combo, &QComboBox::activated, this, &MainWindow::applyFilter);
        // Narrow enough for 1024 px beside the status pane, in both languages.
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(7);
    }
    return filters;
}

QWidget *MainWindow::buildSearchHint(QWidget *parent)
{
    m_searchHint = new QFrame(parent);
    m_searchHint->setObjectName(QStringLiteral("searchHint"));
    auto *row = new QHBoxLayout(m_searchHint);
    row->setContentsMargins(6, 2, 6, 2);
    m_searchHintText = new QLabel(m_searchHint);
    m_searchHintText->setObjectName(QStringLiteral("searchHintText"));
    m_searchHintText->setWordWrap(true);
    m_searchAll = new QPushButton(m_searchHint);
    m_searchAll->setObjectName(QStringLiteral("searchAllButton"));
    connect(m_searchAll, &QPushButton::clicked, this, &MainWindow::searchAllOrders);
    row->addWidget(m_searchHintText, 1);
    row->addWidget(m_searchAll);
    m_searchHint->setStyleSheet(
        QStringLiteral("#searchHint { background: #FFF8E1; border: 1px solid #FFE082; }"));
    m_searchHint->hide();
    return m_searchHint;
}

void MainWindow::updateSearchHint()
{
    const int matches = m_model->matchesInAllOrders();
    m_searchAll->setText(tr("Search all orders"));
    m_searchHint->setVisible(matches > 0 && m_model->rowCount() == 0);
    if (matches <= 0)
        return;
    const QString where =
        m_preset->currentIndex() > 0 ? m_preset->currentText() : tr("the current filters");
    m_searchHintText->setText(
        tr("No match in “%1” — %n order(s) match in all orders.", nullptr, matches).arg(where));
}

void MainWindow::searchAllOrders()
{
    for (QComboBox *combo : {m_preset, m_provider, m_status, m_method})
        combo->setCurrentIndex(0);
    applyFilter();
}

void MainWindow::applyFilter()
{
    OrderFilter f;
    f.text = m_search->text();
    f.preset = OrderFilter::Preset(m_preset->currentData().toInt());
    if (const int p = m_provider->currentData().toInt(); p >= 0)
        f.provider = Domain::Provider(p);
    if (const int s = m_status->currentData().toInt(); s >= 0)
        f.status = Domain::NormStatus(s);
    f.method = m_method->currentData().toString();
    if (f.preset == OrderFilter::Preset::CancellableNow)
        m_view->horizontalHeader()->setSortIndicator(OrderTableModel::DeadlineColumn,
                                                     Qt::AscendingOrder);
    m_model->setFilter(f);
}

void MainWindow::retranslateFilters()
{
    m_search->setPlaceholderText(tr("Search payment IDs and merchant references (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search orders"));
    m_view->setAccessibleName(tr("Orders"));
    m_presetLabel->setText(tr("Show:"));
    const int preset = qMax(0, m_preset->currentIndex());
    m_preset->clear();
    m_preset->addItem(tr("All orders"), int(OrderFilter::Preset::All));
    m_preset->addItem(tr("Cancellable now"), int(OrderFilter::Preset::CancellableNow));
    m_preset->addItem(tr("Expiring within 1 h"), int(OrderFilter::Preset::ExpiringWithinHour));
    m_preset->addItem(tr("Unresolved cancels"), int(OrderFilter::Preset::Unresolved));
    m_preset->addItem(tr("Conflicts"), int(OrderFilter::Preset::Conflicts));
    m_preset->setCurrentIndex(preset);
    const int provider = qMax(0, m_provider->currentIndex());
    m_provider->clear();
    m_provider->addItem(tr("All providers"), -1);
    for (Domain::Provider p : Domain::allProviders())
        m_provider->addItem(Domain::providerDisplayName(p), int(p));
    m_provider->setCurrentIndex(provider);
    const int status = qMax(0, m_status->currentIndex());
    m_status->clear();
    m_status->addItem(tr("All statuses"), -1);
    for (Domain::NormStatus s :
         {Domain::NormStatus::Pending, Domain::NormStatus::RequiresAction,
          Domain::NormStatus::Authorized, Domain::NormStatus::Succeeded,
          Domain::NormStatus::Cancelled, Domain::NormStatus::Failed, Domain::NormStatus::Unknown})
        m_status->addItem(Domain::statusLabel(s), int(s));
    m_status->setCurrentIndex(status);
    if (m_method->count() == 0)
        m_method->addItem(QString(), QString());
    m_method->setItemText(0, tr("All methods"));
}

} // namespace CancelDesk::Ui
