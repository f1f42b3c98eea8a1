// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/eventlogpane.h"

#include "lanes/eventlogfiltermodel.h"
#include "lanes/eventlogmodel.h"
#include "lanes/timelinetext.h"
#include "session/workbench.h"
#include "views/viewtheme.h"

#include "ui_eventlogpane.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QScrollBar>
#include <QStyledItemDelegate>

#include <algorithm>
#include <numeric>

namespace TcpInspector {

namespace {

constexpr int listenerSource = 0;

/// Paints error rows red and timeout rows amber on a tint of the same hue,
/// in the colours the timeline gives the same events.
class SeverityDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const int severity = index.data(EventLogModel::SeverityRole).toInt();
        if (severity == EventLogModel::Normal)
            return;
        const ViewTheme theme(option->palette);
        const QColor hue = severity == EventLogModel::Error
                               ? theme.pick(0xc01818, ViewTheme::errorOnDark)
                               : theme.pick(0xb85200, 0xffb74d);
        option->backgroundBrush = theme.tint(hue, 0.12, 0.22);
        option->palette.setColor(QPalette::Text, hue);
    }
};

} // namespace

EventLogPane::EventLogPane(Workbench *workbench, QWidget *parent)
    : QWidget(parent),
      m_ui(std::make_unique<Ui::EventLogPane>()),
      m_model(new EventLogModel(this)),
      m_filter(new EventLogFilterModel(this))
{
    m_ui->setupUi(this);
    m_filter->setLog(m_model);
    setUpTable();
    buildKindMenu();

    m_sources.push_back({});
    m_model->addSource(&workbench->serverTimeline(), labelOf(listenerSource));
    m_ui->connectionCombo->addItem(tr("All connections"), -1);
    addSourceItem(listenerSource);
    for (Connection *connection : workbench->connections())
        addConnection(connection);
    connect(workbench, &Workbench::connectionAdded, this, &EventLogPane::addConnection);
    connect(workbench, &Workbench::connectionsAboutToBeRemoved, this,
            &EventLogPane::handleConnectionsAboutToBeRemoved);

    connect(m_ui->connectionCombo, &QComboBox::currentIndexChanged, this,
            &EventLogPane::handleConnectionFilter);
    m_textDelay.setSingleShot(true);
    m_textDelay.setInterval(200);
    connect(m_ui->filterEdit, &QLineEdit::textChanged, &m_textDelay, qOverload<>(&QTimer::start));
    // The clear button's icon comes from the icon theme, whose first lookup
    // parses the theme's index (ms of start-up, docs/PERFORMANCE.md): it is
    // only shown over text, so it is asked for with the first text.
    QLineEdit *edit = m_ui->filterEdit;
    connect(
        edit, &QLineEdit::textChanged, edit, [edit] { edit->setClearButtonEnabled(true); },
        Qt::SingleShotConnection);
    connect(&m_textDelay, &QTimer::timeout, this,
            [this] { m_filter->setText(m_ui->filterEdit->text()); });
    connect(m_ui->followButton, &QToolButton::toggled, this, &EventLogPane::setFollowLive);
    connect(m_filter, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            &EventLogPane::handleRowsAboutToGo);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &EventLogPane::handleRowsGone);
    refresh();
}

EventLogPane::~EventLogPane() = default;

void EventLogPane::setUpTable()
{
    QTableView *view = m_ui->eventTable;
    view->setModel(m_filter);
    view->setItemDelegate(new SeverityDelegate(view));
    // Fixed row heights: the view never measures a row, however long the log.
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 4);
    QHeaderView *header = view->horizontalHeader();
    const QFontMetrics metrics = view->fontMetrics();
    const int padding = metrics.horizontalAdvance(QLatin1Char('0')) * 2;
    header->resizeSection(EventLogModel::TimeColumn,
                          metrics.horizontalAdvance(QStringLiteral("00:00:00.000000")) + padding);
    header->resizeSection(EventLogModel::ConnectionColumn,
                          metrics.horizontalAdvance(QStringLiteral("server #00000")) + padding);
    // The longest of the usual names, in the language shown.
    header->resizeSection(
        EventLogModel::WhatColumn,
        metrics.horizontalAdvance(TimelineText::markName(MarkKind::QtClosedAfterEof)) + padding);
    view->installEventFilter(this);
    connect(view, &QTableView::doubleClicked, this, &EventLogPane::handleDoubleClick);
    connect(view, &QTableView::customContextMenuRequested, this, &EventLogPane::handleContextMenu);
}

void EventLogPane::buildKindMenu()
{
    const quint32 kinds = m_filter->kinds();
    auto *menu = new QMenu(this);
    m_kindActions.clear();
    for (int kind = 0; kind < EventLogModel::kindCount; ++kind) {
        QAction *action = menu->addAction(EventLogModel::kindName(TimelineEvent::Type(kind)));
        action->setCheckable(true);
        action->setChecked(kinds & (1u << kind));
        connect(action, &QAction::toggled, this, &EventLogPane::handleKindsChanged);
        m_kindActions.append(action);
    }
    menu->addSeparator();
    menu->addAction(tr("All kinds"), this, [this] {
        for (QAction *action : std::as_const(m_kindActions))
            action->setChecked(true);
    });
    menu->addAction(tr("Errors only"), this, [this] {
        for (int kind = 0; kind < int(m_kindActions.size()); ++kind)
            m_kindActions[kind]->setChecked(kind == TimelineEvent::Error);
    });
    delete m_ui->kindButton->menu();
    m_ui->kindButton->setMenu(menu);
    updateKindButton();
}

void EventLogPane::updateKindButton()
{
    const quint32 kinds = m_filter->kinds();
    const auto shown = int(qPopulationCount(kinds));
    m_ui->kindButton->setText(kinds == EventLogModel::allKinds
                                  ? tr("All kinds")
                                  : tr("%1 of %2 kinds").arg(shown).arg(EventLogModel::kindCount));
}

QTableView *EventLogPane::table() const
{
    return m_ui->eventTable;
}

void EventLogPane::refresh()
{
    // Decided before the new rows arrive: once they are in, the end has moved.
    const bool follow = isFollowing();
    if (m_model->refresh() > 0 && follow)
        m_ui->eventTable->scrollToBottom();
    if (m_model->droppedCount() != m_droppedShown)
        updateDroppedLabel();
}

void EventLogPane::handleRowsAboutToGo()
{
    // The oldest rows go from the top: without help the view would keep its
    // scroll value and the rows the user reads would slide up under it.
    const QModelIndex top = m_ui->eventTable->indexAt(QPoint(0, 0));
    m_keepTopRow = top.isValid() && !isFollowing();
    m_topRow = m_keepTopRow ? QPersistentModelIndex(top) : QPersistentModelIndex();
}

void EventLogPane::handleRowsGone()
{
    if (!m_keepTopRow)
        return;
    m_keepTopRow = false;
    // When the top row went too, the oldest row left is the nearest to it.
    if (m_topRow.isValid())
        m_ui->eventTable->scrollTo(m_topRow, QAbstractItemView::PositionAtTop);
    else
        m_ui->eventTable->scrollToTop();
    m_topRow = QPersistentModelIndex();
}

void EventLogPane::updateDroppedLabel()
{
    m_droppedShown = m_model->droppedCount();
    m_ui->droppedLabel->setVisible(m_droppedShown > 0);
    if (m_droppedShown == 0)
        return;
    // Whole sentences per number, as the status bar has them.
    const QString limit = locale().toString(m_model->rowLimit());
    m_ui->droppedLabel->setText(
        m_droppedShown == 1
            ? tr("1 older event left this log, which keeps the newest %1; the connections "
                 "still listed keep all of theirs, in the timeline.")
                  .arg(limit)
            : tr("%1 older events left this log, which keeps the newest %2; the connections "
                 "still listed keep all of theirs, in the timeline.")
                  .arg(locale().toString(m_droppedShown), limit));
}

bool EventLogPane::followLive() const
{
    return m_ui->followButton->isChecked();
}

void EventLogPane::setFollowLive(bool follow)
{
    m_ui->followButton->setChecked(follow);
    if (follow)
        m_ui->eventTable->scrollToBottom();
}

bool EventLogPane::isFollowing() const
{
    const QScrollBar *bar = m_ui->eventTable->verticalScrollBar();
    return followLive() && bar->value() >= bar->maximum();
}

QString EventLogPane::labelOf(int source) const
{
    if (source == listenerSource)
        return tr("listener");
    return labelOf(m_sources[size_t(source)]);
}

QString EventLogPane::labelOf(const Source &source)
{
    return TimelineText::laneTitle(source.side, source.id, source.relayPair);
}

void EventLogPane::addConnection(Connection *connection)
{
    if (!connection || m_sourceOf.contains(connection))
        return;
    const Source entry {connection, connection->side(), connection->id(), connection->relayPair()};
    // The model reuses the numbers of sources it has let go.
    const int source = m_model->addSource(&connection->timeline(), labelOf(entry));
    if (source >= int(m_sources.size()))
        m_sources.resize(size_t(source) + 1);
    m_sources[size_t(source)] = entry;
    m_sourceOf.insert(connection, source);
    addSourceItem(source);
}

void EventLogPane::addSourceItem(int source)
{
    m_ui->connectionCombo->addItem(labelOf(source), source);
}

void EventLogPane::handleConnectionsAboutToBeRemoved(const QList<Connection *> &connections)
{
    // Their rows stay: the log is a history. Only the pointers go.
    for (const Connection *connection : connections) {
        const int source = m_sourceOf.take(connection);
        if (source <= listenerSource)
            continue;
        m_model->detachSource(source);
        m_sources[size_t(source)].connection = nullptr;
    }
    pruneDetachedItems();
}

void EventLogPane::pruneDetachedItems()
{
    // The rows of a removed connection stay under "All connections"; its
    // own entry goes, unless it is the one shown. A server that churns
    // through 100,000 connections would otherwise grow a combo box of them
    // (some 30 MB an hour in bench/soak, and a list no one can use).
    QComboBox *combo = m_ui->connectionCombo;
    for (int item = combo->count() - 1; item > 0; --item) {
        const int source = combo->itemData(item).toInt();
        if (source > listenerSource && item != combo->currentIndex()
            && !m_sources[size_t(source)].connection)
            combo->removeItem(item);
    }
}

void EventLogPane::showConnection(const Connection *connection)
{
    const int source = connection ? m_sourceOf.value(connection, -1) : -1;
    const int item = m_ui->connectionCombo->findData(source);
    m_ui->connectionCombo->setCurrentIndex(std::max(item, 0));
}

void EventLogPane::handleConnectionFilter()
{
    const QVariant source = m_ui->connectionCombo->currentData();
    m_filter->setSourceFilter(source.isValid() ? source.toInt() : -1);
    // The filter names it: its number must not pass to another connection.
    m_model->pinSource(m_filter->sourceFilter());
    pruneDetachedItems();
}

void EventLogPane::handleKindsChanged()
{
    quint32 kinds = 0;
    for (int kind = 0; kind < int(m_kindActions.size()); ++kind) {
        if (m_kindActions[kind]->isChecked())
            kinds |= 1u << kind;
    }
    m_filter->setKinds(kinds);
    updateKindButton();
}

void EventLogPane::clearFilter()
{
    m_ui->connectionCombo->setCurrentIndex(0);
    m_ui->filterEdit->clear();
    m_textDelay.stop();
    for (QAction *action : std::as_const(m_kindActions))
        action->setChecked(true);
    m_filter->clearFilter();
}

void EventLogPane::handleDoubleClick(const QModelIndex &index)
{
    const int row = m_filter->mapToSource(index).row();
    if (row < 0)
        return;
    Connection *connection = m_sources[size_t(m_model->source(row))].connection;
    if (connection)
        emit connectionActivated(connection);
}

void EventLogPane::handleContextMenu(const QPoint &position)
{
    QTableView *view = m_ui->eventTable;
    const QModelIndex index = view->indexAt(position);
    QMenu menu(this);
    QAction *copy = menu.addAction(tr("Copy"), this, &EventLogPane::copySelection);
    copy->setShortcut(QKeySequence::Copy);
    copy->setEnabled(view->selectionModel()->hasSelection());
    menu.addAction(tr("Copy all visible"), this, &EventLogPane::copyAllVisible)
        ->setEnabled(m_filter->rowCount() > 0);
    menu.addSeparator();
    if (index.isValid()) {
        const int source = m_model->source(m_filter->mapToSource(index).row());
        menu.addAction(tr("Show only %1").arg(m_model->sourceLabel(source)), this, [this, source] {
            // A removed connection's entry was pruned; its rows are still here.
            if (m_ui->connectionCombo->findData(source) < 0)
                addSourceItem(source);
            m_ui->connectionCombo->setCurrentIndex(
                std::max(m_ui->connectionCombo->findData(source), 0));
        });
    }
    menu.addAction(tr("Clear filter"), this, &EventLogPane::clearFilter)
        ->setEnabled(m_filter->isFiltering());
    menu.exec(view->viewport()->mapToGlobal(position));
}

QString EventLogPane::textOfRows(QList<int> proxyRows) const
{
    std::sort(proxyRows.begin(), proxyRows.end());
    QStringList lines;
    lines.reserve(proxyRows.size());
    for (int row : std::as_const(proxyRows))
        lines.append(m_model->rowText(m_filter->mapToSource(m_filter->index(row, 0)).row()));
    return lines.join(QLatin1Char('\n'));
}

QString EventLogPane::selectedText() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_ui->eventTable->selectionModel()->selectedRows())
        rows.append(index.row());
    return textOfRows(rows);
}

QString EventLogPane::visibleText() const
{
    QList<int> rows(m_filter->rowCount());
    std::iota(rows.begin(), rows.end(), 0);
    return textOfRows(rows);
}

void EventLogPane::copySelection() const
{
    const QString text = selectedText();
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

void EventLogPane::copyAllVisible() const
{
    const QString text = visibleText();
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

bool EventLogPane::eventFilter(QObject *watched, QEvent *event)
{
    // The view's own Ctrl+C copies one cell; the log copies whole rows. The
    // override keeps a window's Copy shortcut from taking the key first.
    const bool key = event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride;
    if (watched == m_ui->eventTable && key
        && static_cast<QKeyEvent *>(event)->matches(QKeySequence::Copy)) {
        event->accept();
        if (event->type() == QEvent::KeyPress)
            copySelection();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void EventLogPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        m_ui->connectionCombo->setItemText(0, tr("All connections"));
        for (int source = 0; source < int(m_sources.size()); ++source) {
            if (m_model->isInUse(source))
                m_model->setSourceLabel(source, labelOf(source));
        }
        QComboBox *combo = m_ui->connectionCombo;
        for (int item = 1; item < combo->count(); ++item)
            combo->setItemText(item, labelOf(combo->itemData(item).toInt()));
        buildKindMenu();
        updateDroppedLabel();
    }
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
