// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/conversationpane.h"

#include "models/byteformat.h"
#include "models/modeltext.h"
#include "net/connection.h"
#include "views/conversationview.h"
#include "views/hexview.h"
#include "widgets/connectionview.h"

#include "ui_conversationpane.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QItemSelectionModel>
#include <QMenu>
#include <QSettings>
#include <QTimer>

namespace TcpInspector {

ConversationPane::ConversationPane(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::ConversationPane>())
{
    m_ui->setupUi(this);
    m_ui->titleLabel->setWordWrap(true);
    m_ui->titleLabel->setMinimumWidth(1);
    connect(m_ui->hexModeButton, &QToolButton::toggled, this, [this](bool hex) {
        view()->setMode(hex ? ConversationView::Mode::Hex : ConversationView::Mode::Text);
    });
    connect(m_ui->followButton, &QToolButton::toggled, this, [this](bool follow) {
        view()->setFollowLive(follow);
        if (follow)
            view()->scrollToRow(view()->rowCount());
    });
    connect(view(), &ConversationView::chunkActivated, this,
            &ConversationPane::directionViewRequested);
    // The direction view's selector, the other way round: one direction
    // there, both here.
    fillViewCombo();
    connect(m_ui->viewCombo, &QComboBox::activated, this, [this](int index) {
        if (index == 2)
            return;
        {
            const QSignalBlocker blocker(m_ui->viewCombo);
            m_ui->viewCombo->setCurrentIndex(2);
        }
        if (m_directionView)
            m_directionView->setDirection(index == 0 ? Direction::Rx : Direction::Tx);
        emit directionViewRequested();
    });
    // The direction view holds the layer (its View menu action too): these
    // ask it, and show what it chose (linkTo()).
    connect(m_ui->wireButton, &QToolButton::toggled, this, [this](bool wire) {
        const StreamLayer layer = wire ? StreamLayer::Wire : StreamLayer::Plaintext;
        if (m_directionView)
            m_directionView->setLayer(layer);
        else
            showLayer(layer);
    });
    view()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view(), &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        QMenu *menu = contextMenu(position, this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(view()->viewport()->mapToGlobal(position));
    });
    updateLegend();
    updateTitle();
}

ConversationPane::~ConversationPane()
{
    view()->setConnection(nullptr);
}

ConversationView *ConversationPane::view() const
{
    return m_ui->conversationView;
}

void ConversationPane::setConnection(Connection *connection)
{
    m_connection = connection;
    view()->setConnection(connection);
    m_ui->layerBox->setVisible(hasWireLayer(connection));
    updateLegend();
    updateTitle();
}

void ConversationPane::refresh()
{
    if (!isVisible())
        return;
    view()->refresh();
    updateTitle();
}

QMenu *ConversationPane::contextMenu(const QPoint &position, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    const std::optional<ConversationIndex::Entry> entry = view()->chunkAt(position);
    QAction *show = menu->addAction(tr("Show in the chunk table"), this, [this, entry] {
        if (!m_directionView || !entry)
            return;
        m_directionView->setDirection(entry->direction);
        m_directionView->selectChunk(entry->chunk, view()->layer());
        emit directionViewRequested();
    });
    show->setObjectName(QStringLiteral("showChunkAction"));
    QMenu *copy = menu->addMenu(tr("Copy the chunk as"));
    for (ByteFormat::Format format : ByteFormat::copyFormats()) {
        QAction *action
            = copy->addAction(ByteFormat::formatName(format), this, [this, entry, format] {
                  if (entry)
                      copyChunk(entry->direction, entry->chunk, format);
              });
        action->setObjectName(QStringLiteral("copyChunkAction%1").arg(int(format)));
    }
    show->setEnabled(entry.has_value() && m_directionView);
    copy->setEnabled(entry.has_value());
    return menu;
}

void ConversationPane::copyChunk(Direction direction, qint64 chunk, int format)
{
    if (!m_connection)
        return;
    const StreamStore &store = layerChannel(m_connection, direction, view()->layer())->store();
    const ChunkRecord record = store.chunk(chunk);
    if (record.size > HexView::maxCopyBytes) {
        emit statusMessage(tr("The chunk is larger than %1: not copied.")
                               .arg(ModelText::byteCount(HexView::maxCopyBytes)));
        return;
    }
    const QByteArray bytes = store.read(record.offset, record.size);
    const auto as = ByteFormat::Format(format);
    QApplication::clipboard()->setText(ByteFormat::format(bytes, as));
    emit statusMessage(
        tr("Copied %1 as %2.").arg(ModelText::byteCount(bytes.size()), ByteFormat::formatName(as)));
}

void ConversationPane::fillViewCombo()
{
    const QSignalBlocker blocker(m_ui->viewCombo);
    m_ui->viewCombo->clear();
    m_ui->viewCombo->addItem(tr("Received (rx)"));
    m_ui->viewCombo->addItem(tr("Sent (tx)"));
    m_ui->viewCombo->addItem(tr("Both, as a conversation"));
    m_ui->viewCombo->setCurrentIndex(2);
}

void ConversationPane::linkTo(ConnectionView *directionView)
{
    m_directionView = directionView;
    showLayer(directionView->layer());
    connect(directionView, &ConnectionView::layerChanged, this, &ConversationPane::showLayer);
    connect(view(), &ConversationView::chunkClicked, directionView,
            [this, directionView](Direction direction, qint64 chunk) {
                directionView->setDirection(direction);
                directionView->selectChunk(chunk, view()->layer());
            });
    connect(directionView->chunkTable()->selectionModel(), &QItemSelectionModel::currentRowChanged,
            this, [this, directionView](const QModelIndex &current) {
                if (current.isValid() && directionView->connection() == m_connection
                    && directionView->shownLayer() == shownLayer())
                    view()->setCurrentChunk(directionView->direction(), current.row());
            });
}

void ConversationPane::showLayer(StreamLayer layer)
{
    view()->setLayer(layer);
    const QSignalBlocker blocker(m_ui->wireButton);
    const QSignalBlocker other(m_ui->plaintextButton);
    (layer == StreamLayer::Wire ? m_ui->wireButton : m_ui->plaintextButton)->setChecked(true);
}

StreamLayer ConversationPane::shownLayer() const
{
    return view()->layer() == StreamLayer::Wire && hasWireLayer(m_connection)
               ? StreamLayer::Wire
               : StreamLayer::Plaintext;
}

void ConversationPane::updateTitle()
{
    QString title;
    if (!m_connection) {
        title = tr("Select a connection to see its conversation.");
    } else {
        // Who is the client: the peer of an accepted connection, else this end.
        const bool server = m_connection->side() == Connection::Side::Server;
        QString client = server ? m_connection->peerAddress() : m_connection->localAddress();
        QString serverAddress = server ? m_connection->localAddress() : m_connection->peerAddress();
        if (client.isEmpty())
            client = tr("?");
        if (serverAddress.isEmpty())
            serverAddress = tr("?");
        title = tr("<b>Connection %1</b>: client %2, server %3: %4")
                    .arg(m_connection->id())
                    .arg(client.toHtmlEscaped(), serverAddress.toHtmlEscaped(),
                         ModelText::state(m_connection->state()));
    }
    if (title != m_lastTitle) {
        m_lastTitle = title;
        m_ui->titleLabel->setText(title);
    }
}

void ConversationPane::updateLegend()
{
    const ConversationView::Colors &colors = view()->colors();
    auto style = [&](QLabel *label, const QColor &band, const QColor &mark) {
        label->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; "
                                            "border-left: 4px solid %3; padding: 1px 6px; }")
                                 .arg(band.name(), colors.text.name(), mark.name()));
    };
    style(m_ui->clientLegend, colors.clientBand, colors.clientMark);
    style(m_ui->serverLegend, colors.serverBand, colors.serverMark);
}

void ConversationPane::saveSettings(QSettings &settings) const
{
    settings.setValue(QStringLiteral("conversation/hexMode"), m_ui->hexModeButton->isChecked());
    settings.setValue(QStringLiteral("conversation/followLive"), m_ui->followButton->isChecked());
}

void ConversationPane::restoreSettings(const QSettings &settings)
{
    if (settings.value(QStringLiteral("conversation/hexMode")).toBool())
        m_ui->hexModeButton->setChecked(true);
    m_ui->followButton->setChecked(
        settings.value(QStringLiteral("conversation/followLive"), true).toBool());
}

void ConversationPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        fillViewCombo();
        m_lastTitle.clear();
        updateTitle();
    } else if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        // After the view has made its colours from the new palette.
        QTimer::singleShot(0, this, &ConversationPane::updateLegend);
    }
    QWidget::changeEvent(event);
}

void ConversationPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    view()->refresh();
    // A chunk selected in the table while this was hidden may be new here.
    if (const std::optional<ConversationIndex::Entry> current = view()->currentChunk())
        view()->setCurrentChunk(current->direction, current->chunk);
    updateTitle();
}

} // namespace TcpInspector
