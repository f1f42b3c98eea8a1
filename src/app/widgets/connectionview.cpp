// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/connectionview.h"

#include "framing/decoderregistry.h"
#include "lanes/chunkbuckets.h"
#include "models/chunktablemodel.h"
#include "models/messagefiltermodel.h"
#include "models/messagetablemodel.h"
#include "models/modeltext.h"
#include "models/selectionlinker.h"
#include "session/workbench.h"
#include "views/hexview.h"
#include "views/rowtableview.h"
#include "views/viewzoom.h"
#include "widgets/findbar.h"
#include "widgets/followscroller.h"
#include "widgets/inlinemessage.h"
#include "widgets/rowhighlightdelegate.h"
#include "widgets/tableexport.h"

#include "ui_connectionview.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QMenu>
#include <QSaveFile>
#include <QSettings>

#include <algorithm>

namespace TcpInspector {

namespace {
// Column widths in characters, as the model hints them.
void setUpTable(RowTableView *table, int (*widthHint)(int column))
{
    const int digit
        = QFontMetrics(ViewZoom::instance()->fixedFont()).horizontalAdvance(QLatin1Char('0'));
    for (int column = 0; column < table->model()->columnCount(); ++column) {
        if (const int width = widthHint(column); width > 0)
            table->horizontalHeader()->resizeSection(column, (width + 2) * digit);
    }
    table->horizontalHeader()->setStretchLastSection(true);
    // RowTableView: uniform rows, nothing kept per row (issue 11).
    ViewZoom::instance()->followFixedFont(table);
}
} // namespace

ConnectionView::ConnectionView(Workbench *workbench, QWidget *parent)
    : QWidget(parent),
      m_ui(std::make_unique<Ui::ConnectionView>()),
      m_workbench(workbench),
      m_wireAction(new QAction(this)),
      m_chunks(std::make_unique<ChunkTableModel>()),
      m_messages(std::make_unique<MessageTableModel>()),
      m_filter(new MessageFilterModel(this)),
      m_linker(std::make_unique<SelectionLinker>(*m_chunks, *m_messages)),
      m_chunkHighlight(new RowHighlightDelegate(this)),
      m_messageHighlight(new RowHighlightDelegate(this)),
      m_chunkFollow(nullptr),
      m_messageFollow(nullptr)
{
    m_ui->setupUi(this);
    fillCombos();
    m_ui->framingError->hide();
    m_ui->chunkTable->setModel(m_chunks.get());
    setUpTable(m_ui->chunkTable, &ChunkTableModel::widthHint);
    m_ui->chunkTable->setItemDelegate(m_chunkHighlight);
    m_ui->messageTable->setItemDelegate(m_messageHighlight);
    m_linker->setChunkSelection(m_ui->chunkTable->selectionModel());
    attachMessageModel(false);
    m_ui->hexView->setModels(m_chunks.get(), m_messages.get());
    // The scrollers watch the tables' scroll bars, which outlive model swaps.
    m_chunkFollow = new FollowScroller(m_ui->chunkTable);
    m_messageFollow = new FollowScroller(m_ui->messageTable);
    connect(m_ui->followButton, &QToolButton::toggled, this, &ConnectionView::setFollowLive);
    for (RowTableView *table : {m_ui->chunkTable, m_ui->messageTable}) {
        table->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(table, &QWidget::customContextMenuRequested, this,
                [this, table](const QPoint &position) { handleTableMenu(table, position); });
    }
    m_ui->titleLabel->setWordWrap(true);
    m_ui->titleLabel->setMinimumWidth(1);
    m_ui->tableSplitter->setStretchFactor(0, 1);
    m_ui->tableSplitter->setStretchFactor(1, 1);
    m_ui->verticalSplitter->setStretchFactor(0, 3);
    m_ui->verticalSplitter->setStretchFactor(1, 2);

    connect(m_ui->directionCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index == BothItem) {
            // Both directions are another view, which the window shows; this
            // one stays on its direction for when the user comes back.
            const QSignalBlocker blocker(m_ui->directionCombo);
            m_ui->directionCombo->setCurrentIndex(m_direction == Direction::Rx ? 0 : 1);
            emit conversationRequested();
            return;
        }
        setDirection(index == 0 ? Direction::Rx : Direction::Tx);
    });
    m_wireAction->setObjectName(QStringLiteral("showWireAction"));
    m_wireAction->setCheckable(true);
    m_wireAction->setShortcut(Qt::CTRL | Qt::Key_4);
    connect(m_wireAction, &QAction::toggled, this,
            [this](bool wire) { setLayer(wire ? StreamLayer::Wire : StreamLayer::Plaintext); });
    connect(m_ui->wireButton, &QToolButton::toggled, this,
            [this](bool wire) { setLayer(wire ? StreamLayer::Wire : StreamLayer::Plaintext); });
    connect(m_ui->hexModeButton, &QToolButton::toggled, this, [this](bool hex) {
        m_ui->hexView->setMode(hex ? HexView::Mode::Hex : HexView::Mode::Text);
    });
    wireFraming();
    wireLinks();
    wireFind();
    auto *copyMenu = new QMenu(this);
    for (ByteFormat::Format format : ByteFormat::copyFormats())
        copyMenu->addAction(ByteFormat::formatName(format), this,
                            [this, format] { copyAs(format); });
    m_ui->copyButton->setMenu(copyMenu);
    setConnection(nullptr);
}

ConnectionView::~ConnectionView()
{
    // The hex view and the tables hold the models; let go before they die.
    m_linker->setChunkSelection(nullptr);
    m_linker->setMessageSelection(nullptr);
    m_ui->hexView->setModels(nullptr, nullptr);
    m_ui->hexView->setChannel(nullptr);
    m_ui->chunkTable->setModel(nullptr);
    m_ui->messageTable->setModel(nullptr);
    m_filter->setMessages(nullptr);
}

void ConnectionView::wireFraming()
{
    connect(m_ui->framingCombo, &QComboBox::activated, this,
            &ConnectionView::handleFramingNameChosen);
    connect(m_ui->framingSpecEdit, &QLineEdit::returnPressed, this,
            [this] { applyFraming(m_ui->framingSpecEdit->text().trimmed()); });
    connect(m_ui->framingSpecEdit, &QLineEdit::textEdited, this,
            &ConnectionView::handleFramingSpecEdited);
    connect(m_ui->applyFramingButton, &QPushButton::clicked, this,
            [this] { applyFraming(m_ui->framingSpecEdit->text().trimmed()); });
}

void ConnectionView::wireLinks()
{
    connect(m_linker.get(), &SelectionLinker::highlightsChanged, this,
            &ConnectionView::showHighlights);
    connect(m_linker.get(), &SelectionLinker::timeSelected, this,
            [this](qint64 timeNs) { emit timeSelected(m_connection, timeNs); });
    connect(m_linker.get(), &SelectionLinker::byteShown, m_ui->hexView, &HexView::scrollToOffset);
    connect(m_linker.get(), &SelectionLinker::chunkRowShown, this,
            [this](int row) { m_ui->chunkTable->scrollTo(m_chunks->index(row, 0)); });
    connect(m_linker.get(), &SelectionLinker::messageRowShown, this, [this](int row) {
        m_ui->messageTable->scrollTo(m_ui->messageTable->model()->index(row, 0));
    });
    connect(m_ui->hexView, &HexView::byteClicked, m_linker.get(), &SelectionLinker::selectByte);
}

void ConnectionView::wireFind()
{
    FindBar *find = m_ui->findBar;
    find->setFilter(m_filter);
    // A search with no last match starts at the selected message.
    find->setAnchor([this]() -> std::optional<FindBar::ByteRange> {
        const QModelIndex current = m_ui->messageTable->currentIndex();
        if (!current.isValid())
            return std::nullopt;
        return m_messages->rowBytes(m_linker->toSourceRow(current.row()));
    });
    connect(find, &FindBar::found, this, &ConnectionView::handleFound);
    connect(find, &FindBar::filteringChanged, this, &ConnectionView::attachMessageModel);
    // A new framing makes new messages: a last match means nothing to them.
    connect(m_messages.get(), &QAbstractItemModel::modelReset, find, &FindBar::forgetLastMatch);
}

void ConnectionView::fillCombos()
{
    const int direction = m_ui->directionCombo->currentIndex();
    m_ui->directionCombo->clear();
    m_ui->directionCombo->addItem(tr("Received (rx)"));
    m_ui->directionCombo->addItem(tr("Sent (tx)"));
    m_ui->directionCombo->addItem(tr("Both, as a conversation"));
    m_ui->directionCombo->setCurrentIndex(std::clamp(direction, 0, 1));
    if (m_ui->framingCombo->count() == 0) {
        for (const DecoderInfo &decoder : DecoderRegistry::instance().decoders()) {
            m_ui->framingCombo->addItem(decoder.name, decoder.name);
            m_ui->framingCombo->setItemData(
                m_ui->framingCombo->count() - 1,
                decoder.summary + QLatin1Char('\n') + decoder.synopsis(), Qt::ToolTipRole);
        }
    }
}

const StreamChannel *ConnectionView::channel() const
{
    return layerChannel(m_connection, m_direction, m_layer);
}

StreamLayer ConnectionView::shownLayer() const
{
    return m_layer == StreamLayer::Wire && hasWireLayer(m_connection) ? StreamLayer::Wire
                                                                      : StreamLayer::Plaintext;
}

void ConnectionView::setLayer(StreamLayer layer)
{
    if (layer == m_layer)
        return;
    m_layer = layer;
    bindChannel();
    emit layerChanged(layer);
}

void ConnectionView::updateLayerControls()
{
    // Hidden without TLS: a plain connection has nothing to switch, and
    // its header keeps the width (and so the height) it had before.
    const bool tls = hasWireLayer(m_connection);
    m_ui->layerBox->setVisible(tls);
    const bool wire = m_layer == StreamLayer::Wire;
    {
        const QSignalBlocker blocker(m_ui->wireButton);
        const QSignalBlocker other(m_ui->plaintextButton);
        (wire ? m_ui->wireButton : m_ui->plaintextButton)->setChecked(true);
    }
    const QSignalBlocker blocker(m_wireAction);
    m_wireAction->setText(tr("Show the &TLS records"));
    m_wireAction->setChecked(wire);
    m_wireAction->setEnabled(tls);
    // The records' framing is tls, the window's choice is the plaintext's.
    const bool framing = m_connection && shownLayer() == StreamLayer::Plaintext;
    for (QWidget *widget :
         {static_cast<QWidget *>(m_ui->framingCombo), static_cast<QWidget *>(m_ui->framingSpecEdit),
          static_cast<QWidget *>(m_ui->applyFramingButton)}) {
        widget->setEnabled(framing);
    }
    m_ui->messageTitle->setText(
        shownLayer() == StreamLayer::Wire
            ? tr("<b>TLS records</b> (handshake, change cipher spec, application data, alerts)")
            : tr("<b>Messages</b> (what the decoder reassembled)"));
}

qint64 ConnectionView::chunkOnShownLayer(qint64 chunk, StreamLayer of) const
{
    const StreamLayer shown = shownLayer();
    if (of == shown || !m_connection)
        return chunk;
    // The layers' chunks do not line up: a record read may hold several
    // plaintext reads or part of one. The nearest in time is the one that
    // carried it (a read's records arrive just before its plaintext).
    const StreamStore &from = layerChannel(m_connection, m_direction, of)->store();
    if (chunk < from.firstChunk() || chunk >= from.chunkCount())
        return -1;
    return ChunkBuckets::nearestChunk(channel()->store(), from.chunk(chunk).timestampNs);
}

void ConnectionView::setConnection(Connection *connection)
{
    m_connection = connection;
    bindChannel();
    const bool has = connection != nullptr;
    m_ui->findBar->setSearchEnabled(has);
    m_ui->directionCombo->setEnabled(has);
    m_ui->copyButton->setEnabled(has);
    updateLayerControls();
}

void ConnectionView::setDirection(Direction direction)
{
    if (direction == m_direction && m_ui->directionCombo->currentIndex() >= 0)
        return;
    m_direction = direction;
    const QSignalBlocker blocker(m_ui->directionCombo);
    m_ui->directionCombo->setCurrentIndex(direction == Direction::Rx ? 0 : 1);
    bindChannel();
}

void ConnectionView::bindChannel()
{
    const StreamChannel *ch = channel();
    const qint64 start = m_connection && m_connection->timeline().count() > 0
                             ? m_connection->timeline().at(0).timeNs
                             : 0;
    // The channel first: a new start time announced over the old channel's
    // rows would make a filter read every one of them again.
    m_chunks->setChannel(ch);
    m_messages->setChannel(ch);
    m_chunks->setStartTimeNs(start);
    m_messages->setStartTimeNs(start);
    m_ui->findBar->setStore(ch ? &ch->store() : nullptr);
    m_ui->hexView->setChannel(ch);
    m_linker->clear();
    m_lastTitle.clear();
    updateFramingSelector();
    updateLayerControls();
    refresh();
}

void ConnectionView::refresh()
{
    m_chunks->refresh();
    m_messages->refresh();
    m_ui->hexView->refresh();
    updateTitle();
    updateRedecodeProgress();
}

void ConnectionView::updateRedecodeProgress()
{
    const double progress = m_connection && shownLayer() == StreamLayer::Plaintext
                                ? m_workbench->framingProgress(m_connection, m_direction)
                                : -1;
    if (progress >= 0) {
        m_showingProgress = true;
        showInlineLabel(m_ui->framingError,
                        tr("Decoding the stored bytes again: %1%").arg(qRound(progress * 100)),
                        false);
    } else if (m_showingProgress) {
        m_showingProgress = false;
        showInlineLabel(m_ui->framingError, QString(), false);
    }
}

void ConnectionView::updateTitle()
{
    QString title;
    if (!m_connection) {
        title = tr("Select a connection in the server or client panel.");
    } else {
        const bool server = m_connection->side() == Connection::Side::Server;
        const QString local = m_connection->localAddress();
        const QString peer = m_connection->peerAddress();
        // An opened session sits beside live connections: say which this is.
        QString side = server ? tr("server side") : tr("client side");
        if (m_connection->isRecorded())
            side = server ? tr("server side, recorded") : tr("client side, recorded");
        title = tr("<b>Connection %1</b>, %2 (%3 ⇄ %4): %5")
                    .arg(m_connection->id())
                    .arg(side, local.isEmpty() ? tr("?") : local, peer.isEmpty() ? tr("?") : peer,
                         ModelText::state(m_connection->state()));
        // The latest error says why a connection failed or ended badly.
        const Timeline &timeline = m_connection->timeline();
        for (qint64 i = timeline.count() - 1; i >= 0 && i >= timeline.count() - 8; --i) {
            const TimelineEvent event = timeline.at(i);
            if (event.type == TimelineEvent::Error || event.type == TimelineEvent::Timeout) {
                title += QLatin1String("<br>") + eventDetail(event).toHtmlEscaped();
                break;
            }
        }
    }
    if (title != m_lastTitle) {
        m_lastTitle = title;
        m_ui->titleLabel->setText(title);
    }
}

void ConnectionView::updateFramingSelector()
{
    const StreamChannel *ch = channel();
    const QString spec = ch ? ch->framing() : QString();
    m_ui->framingSpecEdit->setText(spec);
    setInlineMessage(m_ui->framingSpecEdit, QString());
    showInlineLabel(m_ui->framingError, QString(), false);
    const QString name = spec.section(QLatin1Char(':'), 0, 0);
    const int index = m_ui->framingCombo->findData(name);
    if (index >= 0)
        m_ui->framingCombo->setCurrentIndex(index);
    if (const DecoderInfo *info = DecoderRegistry::instance().find(name))
        m_ui->framingSpecEdit->setToolTip(info->synopsis());
}

void ConnectionView::handleFramingNameChosen()
{
    const QString name = m_ui->framingCombo->currentData().toString();
    const DecoderInfo *info = DecoderRegistry::instance().find(name);
    if (!info)
        return;
    m_ui->framingSpecEdit->setToolTip(info->synopsis());
    // A decoder that needs options gets its example to edit; the rest apply at once.
    QString error;
    if (DecoderRegistry::instance().validate(name, &error)) {
        m_ui->framingSpecEdit->setText(name);
        applyFraming(name);
    } else {
        m_ui->framingSpecEdit->setText(info->example);
        m_ui->framingSpecEdit->setFocus();
        showInlineLabel(
            m_ui->framingError,
            tr("%1 needs options: %2. Edit them and press Enter.").arg(name, info->synopsis()),
            false);
    }
}

void ConnectionView::handleFramingSpecEdited(const QString &text)
{
    QString error;
    const bool ok = DecoderRegistry::instance().validate(text.trimmed(), &error);
    setInlineMessage(m_ui->framingSpecEdit, ok ? QString() : error);
    showInlineLabel(m_ui->framingError, ok ? QString() : error, true);
}

bool ConnectionView::applyFraming(const QString &spec)
{
    if (!m_connection)
        return false;
    QString error;
    if (!m_workbench->setFraming(m_connection, m_direction, spec, &error)) {
        setInlineMessage(m_ui->framingSpecEdit, error);
        showInlineLabel(m_ui->framingError, error, true);
        return false;
    }
    setInlineMessage(m_ui->framingSpecEdit, QString());
    showInlineLabel(m_ui->framingError, QString(), false);
    const int index = m_ui->framingCombo->findData(spec.section(QLatin1Char(':'), 0, 0).trimmed());
    if (index >= 0)
        m_ui->framingCombo->setCurrentIndex(index);
    emit framingApplied(m_connection->side(), m_direction, spec);
    return true;
}

void ConnectionView::showHighlights()
{
    m_chunkHighlight->setRows(m_linker->highlightedChunkRows());
    m_messageHighlight->setRows(m_linker->highlightedMessageRows());
    m_ui->hexView->setHighlights(m_linker->highlightedBytes());
    m_ui->chunkTable->viewport()->update();
    m_ui->messageTable->viewport()->update();
}

void ConnectionView::handleFound(qint64 offset, qint64 length)
{
    m_linker->selectByte(offset);
    m_ui->hexView->setSelection({offset, length});
    m_ui->hexView->scrollToOffset(offset);
}

void ConnectionView::focusFind()
{
    m_ui->findBar->focusFind();
}

void ConnectionView::selectChunk(qint64 chunk, StreamLayer of)
{
    m_chunks->refresh();
    chunk = chunkOnShownLayer(chunk, of);
    if (chunk < 0 || chunk >= m_chunks->rowCount())
        return;
    m_ui->chunkTable->selectRow(int(chunk));
    m_ui->chunkTable->scrollTo(m_chunks->index(int(chunk), 0));
}

void ConnectionView::selectByte(qint64 offset)
{
    // Rows that arrived since the last refresh must be there to be selected.
    m_chunks->refresh();
    m_messages->refresh();
    if (shownLayer() == StreamLayer::Wire) {
        const StreamStore &plain
            = layerChannel(m_connection, m_direction, StreamLayer::Plaintext)->store();
        selectChunk(plain.chunkIndexAt(offset));
        return;
    }
    m_linker->selectByte(offset);
}

std::vector<MessageTableModel::ByteRange> ConnectionView::rowRanges(const QAbstractItemView *table,
                                                                    bool orCurrent) const
{
    std::vector<MessageTableModel::ByteRange> ranges;
    const StreamChannel *ch = channel();
    if (!ch)
        return ranges;
    const bool messages = table == m_ui->messageTable;
    for (int row : TableExport::selectedRows(table, orCurrent)) {
        if (messages) {
            const MessageTableModel::ByteRange range
                = m_messages->rowBytes(m_linker->toSourceRow(row));
            if (range.length > 0)
                ranges.push_back(range);
        } else if (row < m_chunks->rowCount()) {
            const StreamStore::Chunk chunk = ch->store().chunk(row);
            ranges.push_back({chunk.offset, chunk.size});
        }
    }
    return ranges;
}

QByteArray ConnectionView::readRanges(const std::vector<MessageTableModel::ByteRange> &ranges) const
{
    // Summed first: a selection of a million messages must not build a
    // gigabyte string only to throw it away.
    qint64 total = 0;
    for (const MessageTableModel::ByteRange &range : ranges)
        total += range.length;
    const StreamChannel *ch = channel();
    if (!ch || total > HexView::maxCopyBytes)
        return {};
    QByteArray bytes;
    bytes.reserve(total);
    for (const MessageTableModel::ByteRange &range : ranges)
        bytes += ch->store().read(range.offset, range.length);
    return bytes;
}

QByteArray ConnectionView::bytesToCopy() const
{
    if (!channel() || m_ui->hexView->selection().length > HexView::maxCopyBytes)
        return {};
    QByteArray selected = m_ui->hexView->selectedBytes();
    if (!selected.isEmpty())
        return selected;
    const auto messages = rowRanges(m_ui->messageTable, false);
    return readRanges(!messages.empty() ? messages : rowRanges(m_ui->chunkTable, false));
}

void ConnectionView::copyRowsAs(QAbstractItemView *table, ByteFormat::Format format)
{
    copyBytes(readRanges(rowRanges(table, true)), format,
              tr("Nothing copied: select rows with bytes first (at most %1)."));
}

void ConnectionView::copyAs(ByteFormat::Format format)
{
    copyBytes(bytesToCopy(), format,
              tr("Nothing copied: select messages, chunks or bytes first (at most %1)."));
}

void ConnectionView::copyBytes(const QByteArray &bytes, ByteFormat::Format format,
                               const QString &nothingMessage)
{
    if (bytes.isEmpty()) {
        emit statusMessage(nothingMessage.arg(ModelText::byteCount(HexView::maxCopyBytes)));
        return;
    }
    QApplication::clipboard()->setText(ByteFormat::format(bytes, format));
    emit statusMessage(
        tr("Copied %1 as %2.")
            .arg(ModelText::byteCount(bytes.size()), ByteFormat::formatName(format)));
}

void ConnectionView::attachMessageModel(bool filtering)
{
    // The plain model unless filtering: a proxy over a million rows costs a
    // mapping entry per row, for nothing when every row is shown.
    QAbstractItemModel *model
        = filtering ? static_cast<QAbstractItemModel *>(m_filter) : m_messages.get();
    if (m_ui->messageTable->model() == model)
        return;
    // The proxy follows the messages only while it is shown: otherwise it
    // would map every new row for nothing (a million rows, on every batch).
    m_filter->setMessages(filtering ? m_messages.get() : nullptr);
    m_ui->messageTable->setModel(model);
    m_messageHighlight->setProxy(filtering ? m_filter : nullptr);
    setUpTable(m_ui->messageTable, &MessageTableModel::widthHint);
    m_linker->setMessageSelection(m_ui->messageTable->selectionModel());
}

void ConnectionView::jumpToLinked(QAbstractItemView *table)
{
    // The linker has lit, for the selection just made, the other table's rows.
    const bool fromChunks = table == m_ui->chunkTable;
    const IndexRange linked
        = fromChunks ? m_linker->highlightedMessageRows() : m_linker->highlightedChunkRows();
    QAbstractItemView *target = fromChunks ? m_ui->messageTable : m_ui->chunkTable;
    // Message rows are the message model's; the table may show a filter of them.
    int first = -1;
    int last = -1;
    for (qint64 row = linked.first; row <= linked.last; ++row) {
        const int viewRow = fromChunks ? m_linker->toViewRow(int(row)) : int(row);
        if (viewRow < 0)
            continue;
        first = first < 0 ? viewRow : first;
        last = viewRow;
    }
    if (first < 0) {
        emit statusMessage(fromChunks ? tr("No message holds bytes of these chunks yet.")
                                      : tr("These rows have no chunks."));
        return;
    }
    const QAbstractItemModel *model = target->model();
    const QModelIndex firstIndex = model->index(first, 0);
    target->selectionModel()->setCurrentIndex(firstIndex, QItemSelectionModel::NoUpdate);
    target->selectionModel()->select(
        QItemSelection(firstIndex, model->index(last, model->columnCount() - 1)),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    target->scrollTo(firstIndex, QAbstractItemView::PositionAtCenter);
    target->setFocus();
}

bool ConnectionView::exportRowBytes(QAbstractItemView *table, const QString &path,
                                    QString *error) const
{
    const StreamChannel *ch = channel();
    QSaveFile file(path);
    if (!ch || !file.open(QIODevice::WriteOnly)) {
        *error = ch ? file.errorString() : tr("No connection is shown.");
        return false;
    }
    // A piece at a time: a selected 1 GB message never sits in memory whole.
    constexpr qint64 piece = 1 << 20;
    for (const MessageTableModel::ByteRange &range : rowRanges(table, true)) {
        for (qint64 done = 0; done < range.length; done += piece) {
            const QByteArray bytes
                = ch->store().read(range.offset + done, qMin(piece, range.length - done));
            if (file.write(bytes) != bytes.size()) {
                *error = file.errorString();
                return false;
            }
        }
    }
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

void ConnectionView::handleExportAsked(QAbstractItemView *table, bool bytes)
{
    const QString path = bytes ? TableExport::askSavePath(this, tr("Export bytes"),
                                                          tr("Raw bytes (*.bin);;All files (*)"))
                               : TableExport::askSavePath(this, tr("Export rows"),
                                                          tr("Text, tab-separated (*.tsv *.txt)"));
    if (path.isEmpty())
        return;
    QString error;
    const bool written
        = bytes ? exportRowBytes(table, path, &error) : TableExport::writeRows(table, path, &error);
    emit statusMessage(written ? tr("Exported to %1.").arg(path)
                               : tr("Cannot write %1: %2").arg(path, error));
}

QMenu *ConnectionView::contextMenu(QAbstractItemView *table, QWidget *parent)
{
    const bool chunks = table == m_ui->chunkTable;
    const bool hasRows = !TableExport::selectedRows(table).isEmpty();
    auto *menu = new QMenu(parent);
    auto add = [&](QMenu *to, const char *name, const QString &text, bool enabled, auto handler) {
        QAction *action = to->addAction(text, this, handler);
        action->setObjectName(QLatin1String(name));
        action->setEnabled(enabled);
        return action;
    };
    add(menu, "copyRowsAction", tr("Copy rows"), hasRows, [this, table] {
        const int rows = TableExport::copyRows(table);
        emit statusMessage(rows == 1 ? tr("Copied 1 row.") : tr("Copied %1 rows.").arg(rows));
    });
    QMenu *copyAsMenu = menu->addMenu(tr("Copy bytes as"));
    copyAsMenu->setObjectName(QStringLiteral("copyAsMenu"));
    copyAsMenu->setEnabled(hasRows);
    for (ByteFormat::Format format : ByteFormat::copyFormats()) {
        QAction *action
            = copyAsMenu->addAction(ByteFormat::formatName(format), this,
                                    [this, table, format] { copyRowsAs(table, format); });
        action->setObjectName(QStringLiteral("copyAs%1Action").arg(int(format)));
    }
    add(menu, "jumpToLinkedAction", chunks ? tr("Go to its messages") : tr("Go to its chunks"),
        hasRows, [this, table] { jumpToLinked(table); });
    QAction *follow = add(menu, "followLiveAction", tr("Follow live"), true,
                          [this](bool checked) { setFollowLive(checked); });
    follow->setCheckable(true);
    follow->setChecked(followLive());
    menu->addSeparator();
    add(menu, "exportBytesAction", tr("Export bytes…"), hasRows,
        [this, table] { handleExportAsked(table, true); });
    add(menu, "exportRowsAction", tr("Export rows as text…"), hasRows,
        [this, table] { handleExportAsked(table, false); });
    addConnectionActions(menu);
    return menu;
}

void ConnectionView::addConnectionActions(QMenu *menu)
{
    menu->addSeparator();
    const bool open = m_connection && !isFinalState(m_connection->state());
    // By id: the connection may be gone by the time the menu is used.
    const quint64 id = m_connection ? m_connection->id() : 0;
    QAction *close = menu->addAction(tr("Close connection"), this, [this, id] {
        m_workbench->close(m_workbench->connectionById(id));
    });
    close->setObjectName(QStringLiteral("closeConnectionAction"));
    close->setEnabled(open);
    QAction *reset = menu->addAction(tr("Reset connection (RST)"), this, [this, id] {
        m_workbench->abortWithReset(m_workbench->connectionById(id));
    });
    reset->setObjectName(QStringLiteral("resetConnectionAction"));
    reset->setEnabled(open);
}

void ConnectionView::handleTableMenu(QAbstractItemView *table, const QPoint &position)
{
    QMenu *menu = contextMenu(table, this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(table->viewport()->mapToGlobal(position));
}

void ConnectionView::setFollowLive(bool follow)
{
    m_chunkFollow->setEnabled(follow);
    m_messageFollow->setEnabled(follow);
    const QSignalBlocker blocker(m_ui->followButton);
    m_ui->followButton->setChecked(follow);
}

bool ConnectionView::followLive() const
{
    return m_ui->followButton->isChecked();
}

QAbstractItemView *ConnectionView::chunkTable() const
{
    return m_ui->chunkTable;
}

QAbstractItemView *ConnectionView::messageTable() const
{
    return m_ui->messageTable;
}

HexView *ConnectionView::hexView() const
{
    return m_ui->hexView;
}

IndexRange ConnectionView::highlightedChunkRows() const
{
    return m_chunkHighlight->rows();
}

IndexRange ConnectionView::highlightedMessageRows() const
{
    return m_messageHighlight->rows();
}

void ConnectionView::saveSettings(QSettings &settings) const
{
    settings.setValue(QStringLiteral("view/tableSplitter"), m_ui->tableSplitter->saveState());
    settings.setValue(QStringLiteral("view/verticalSplitter"), m_ui->verticalSplitter->saveState());
    settings.setValue(QStringLiteral("view/textMode"), m_ui->textModeButton->isChecked());
    settings.setValue(QStringLiteral("view/followLive"), followLive());
    settings.setValue(QStringLiteral("view/tlsRecords"), m_layer == StreamLayer::Wire);
    m_ui->findBar->saveSettings(settings);
}

void ConnectionView::restoreSettings(const QSettings &settings)
{
    m_ui->tableSplitter->restoreState(
        settings.value(QStringLiteral("view/tableSplitter")).toByteArray());
    m_ui->verticalSplitter->restoreState(
        settings.value(QStringLiteral("view/verticalSplitter")).toByteArray());
    if (settings.value(QStringLiteral("view/textMode")).toBool())
        m_ui->textModeButton->setChecked(true);
    setFollowLive(settings.value(QStringLiteral("view/followLive"), true).toBool());
    setLayer(settings.value(QStringLiteral("view/tlsRecords")).toBool() ? StreamLayer::Wire
                                                                        : StreamLayer::Plaintext);
    m_ui->findBar->restoreSettings(settings);
}

void ConnectionView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        fillCombos();
        updateLayerControls();
        m_lastTitle.clear();
        updateTitle();
    }
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
