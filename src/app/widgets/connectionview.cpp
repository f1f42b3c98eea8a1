// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/connectionview.h"

#include "framing/decoderregistry.h"
#include "models/chunktablemodel.h"
#include "models/messagefiltermodel.h"
#include "models/messagetablemodel.h"
#include "models/modeltext.h"
#include "models/streamlinks.h"
#include "models/streamsearch.h"
#include "session/workbench.h"
#include "views/hexview.h"
#include "widgets/inlinemessage.h"
#include "widgets/rowhighlightdelegate.h"

#include "ui_connectionview.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHeaderView>
#include <QMenu>
#include <QSettings>
#include <QTimer>

namespace TcpInspector {

namespace {
// Column widths in characters, from the longest value a column usually holds.
void setUpTable(QTableView *table, std::initializer_list<int> widths)
{
    const int digit = QFontMetrics(QFontDatabase::systemFont(QFontDatabase::FixedFont))
                          .horizontalAdvance(QLatin1Char('0'));
    int column = 0;
    for (int width : widths)
        table->horizontalHeader()->resizeSection(column++, (width + 2) * digit);
    table->verticalHeader()->hide();
    // Uniform rows: a million rows cost nothing until they are on screen.
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 4);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    table->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
}

IndexRange selectedRows(const QAbstractItemView *view)
{
    IndexRange range;
    const QModelIndexList rows = view->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows) {
        if (range.isEmpty()) {
            range = {index.row(), index.row()};
        } else {
            range.first = qMin<qint64>(range.first, index.row());
            range.last = qMax<qint64>(range.last, index.row());
        }
    }
    return range;
}
} // namespace

ConnectionView::ConnectionView(Workbench *workbench, QWidget *parent)
    : QWidget(parent),
      m_ui(std::make_unique<Ui::ConnectionView>()),
      m_workbench(workbench),
      m_chunks(std::make_unique<ChunkTableModel>()),
      m_messages(std::make_unique<MessageTableModel>()),
      m_links(std::make_unique<StreamLinks>(*m_chunks, *m_messages)),
      m_filter(new MessageFilterModel(this))
{
    m_ui->setupUi(this);
    fillCombos();
    m_ui->framingError->hide();
    m_ui->chunkTable->setModel(m_chunks.get());
    // #, time, dir, offset, size, hex | text.
    setUpTable(m_ui->chunkTable, {6, 10, 3, 9, 6, 22});
    m_chunkHighlight = new RowHighlightDelegate(this);
    m_messageHighlight = new RowHighlightDelegate(this);
    m_ui->chunkTable->setItemDelegate(m_chunkHighlight);
    m_ui->messageTable->setItemDelegate(m_messageHighlight);
    attachMessageModel();
    m_ui->hexView->setModels(m_chunks.get(), m_messages.get());
    // A new framing makes new messages: what the old selection lit is stale.
    connect(m_messages.get(), &QAbstractItemModel::modelReset, this, [this] {
        m_chunkHighlight->setRows({});
        m_messageHighlight->setRows({});
        m_ui->hexView->setHighlights({});
        m_lastMatch = -1;
        m_ui->chunkTable->viewport()->update();
    });
    m_ui->titleLabel->setWordWrap(true);
    m_ui->titleLabel->setMinimumWidth(1);
    m_ui->tableSplitter->setStretchFactor(0, 1);
    m_ui->tableSplitter->setStretchFactor(1, 1);
    m_ui->verticalSplitter->setStretchFactor(0, 3);
    m_ui->verticalSplitter->setStretchFactor(1, 2);

    connect(m_ui->directionCombo, &QComboBox::currentIndexChanged, this,
            [this](int index) { setDirection(index == 0 ? Direction::Rx : Direction::Tx); });
    connect(m_ui->framingCombo, &QComboBox::activated, this,
            &ConnectionView::handleFramingNameChosen);
    connect(m_ui->framingSpecEdit, &QLineEdit::returnPressed, this,
            [this] { applyFraming(m_ui->framingSpecEdit->text().trimmed()); });
    connect(m_ui->framingSpecEdit, &QLineEdit::textEdited, this, [this](const QString &text) {
        QString error;
        const bool ok = DecoderRegistry::instance().validate(text.trimmed(), &error);
        setInlineMessage(m_ui->framingSpecEdit, ok ? QString() : error);
        showInlineLabel(m_ui->framingError, ok ? QString() : error, true);
    });
    connect(m_ui->applyFramingButton, &QPushButton::clicked, this,
            [this] { applyFraming(m_ui->framingSpecEdit->text().trimmed()); });

    connect(m_ui->chunkTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ConnectionView::handleChunkSelection);
    connect(m_ui->hexView, &HexView::byteClicked, this, &ConnectionView::handleByteClicked);
    connect(m_ui->hexModeButton, &QToolButton::toggled, this, [this](bool hex) {
        m_ui->hexView->setMode(hex ? HexView::Mode::Hex : HexView::Mode::Text);
    });

    connect(m_ui->findEdit, &QLineEdit::returnPressed, this, [this] { findNext(); });
    connect(m_ui->findNextButton, &QToolButton::clicked, this, [this] { findNext(); });
    connect(m_ui->findPreviousButton, &QToolButton::clicked, this, [this] { findNext(true); });
    connect(m_ui->filterButton, &QToolButton::toggled, this, [this](bool on) {
        if (!setFilterEnabled(on)) {
            const QSignalBlocker blocker(m_ui->filterButton);
            m_ui->filterButton->setChecked(false);
        }
    });
    // Filtering reads the messages' bytes: wait until typing pauses.
    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(250);
    connect(&m_filterDelay, &QTimer::timeout, this, [this] {
        if (m_filtering && !setFilterEnabled(true)) {
            const QSignalBlocker blocker(m_ui->filterButton);
            m_ui->filterButton->setChecked(false);
        }
    });
    connect(m_ui->findEdit, &QLineEdit::textChanged, this, [this] {
        m_lastMatch = -1;
        if (m_filtering)
            m_filterDelay.start();
    });
    connect(m_ui->findModeCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (m_filtering)
            setFilterEnabled(true);
    });

    auto *copyMenu = new QMenu(this);
    for (ByteFormat::Format format : {ByteFormat::Hex, ByteFormat::Text, ByteFormat::CArray,
                                      ByteFormat::GoSlice, ByteFormat::PythonBytes}) {
        copyMenu->addAction(ByteFormat::formatName(format), this,
                            [this, format] { copyAs(format); });
    }
    m_ui->copyButton->setMenu(copyMenu);
    setConnection(nullptr);
}

ConnectionView::~ConnectionView()
{
    // The hex view and the tables hold the models; let go before they die.
    m_ui->hexView->setModels(nullptr, nullptr);
    m_ui->hexView->setChannel(nullptr);
    m_ui->chunkTable->setModel(nullptr);
    m_ui->messageTable->setModel(nullptr);
    m_filter->setMessages(nullptr);
}

void ConnectionView::fillCombos()
{
    const int direction = m_ui->directionCombo->currentIndex();
    m_ui->directionCombo->clear();
    m_ui->directionCombo->addItem(tr("Received (rx)"));
    m_ui->directionCombo->addItem(tr("Sent (tx)"));
    m_ui->directionCombo->setCurrentIndex(qMax(0, direction));
    if (m_ui->framingCombo->count() == 0) {
        for (const DecoderInfo &decoder : DecoderRegistry::instance().decoders()) {
            m_ui->framingCombo->addItem(decoder.name, decoder.name);
            m_ui->framingCombo->setItemData(
                m_ui->framingCombo->count() - 1,
                decoder.summary + QLatin1Char('\n') + decoder.synopsis(), Qt::ToolTipRole);
        }
    }
    const int findMode = m_ui->findModeCombo->currentIndex();
    m_ui->findModeCombo->clear();
    m_ui->findModeCombo->addItem(tr("Text"));
    m_ui->findModeCombo->addItem(tr("Hex"));
    m_ui->findModeCombo->setCurrentIndex(qMax(0, findMode));
}

const StreamChannel *ConnectionView::channel() const
{
    if (!m_connection)
        return nullptr;
    return m_direction == Direction::Rx ? &m_connection->rx() : &m_connection->tx();
}

void ConnectionView::setConnection(Connection *connection)
{
    m_connection = connection;
    m_search.reset();
    m_ui->findStatus->clear();
    bindChannel();
    const bool has = connection != nullptr;
    for (QWidget *widget :
         {static_cast<QWidget *>(m_ui->directionCombo), static_cast<QWidget *>(m_ui->framingCombo),
          static_cast<QWidget *>(m_ui->framingSpecEdit),
          static_cast<QWidget *>(m_ui->applyFramingButton), static_cast<QWidget *>(m_ui->findEdit),
          static_cast<QWidget *>(m_ui->copyButton)}) {
        widget->setEnabled(has);
    }
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
    m_chunkHighlight->setRows({});
    m_messageHighlight->setRows({});
    // The channel first: a new start time announced over the old channel's
    // rows would make a filter read every one of them again.
    m_chunks->setChannel(ch);
    m_messages->setChannel(ch);
    m_chunks->setStartTimeNs(start);
    m_messages->setStartTimeNs(start);
    m_search.reset();
    m_lastMatch = -1;
    m_ui->hexView->setChannel(ch);
    m_ui->hexView->setHighlights({});
    m_lastTitle.clear();
    updateFramingSelector();
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
    const double progress
        = m_connection ? m_workbench->framingProgress(m_connection, m_direction) : -1;
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
        const QString side = server ? tr("server side") : tr("client side");
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

void ConnectionView::handleChunkSelection()
{
    if (m_linking)
        return;
    const IndexRange chunks = selectedRows(m_ui->chunkTable);
    IndexRange messages;
    for (qint64 row = chunks.first; row <= chunks.last; ++row) {
        const IndexRange touched = m_links->messageRowsOfChunk(int(row));
        if (touched.isEmpty())
            continue;
        messages.first = messages.isEmpty() ? touched.first : qMin(messages.first, touched.first);
        messages.last = qMax(messages.last, touched.last);
    }
    m_chunkHighlight->setRows({});
    m_messageHighlight->setRows(messages);
    std::vector<HexView::ByteRange> bytes;
    if (!chunks.isEmpty()) {
        const QModelIndex first = m_chunks->index(int(chunks.first), 0);
        const QModelIndex last = m_chunks->index(int(chunks.last), 0);
        const qint64 from = first.data(ChunkTableModel::OffsetRole).toLongLong();
        const qint64 to = last.data(ChunkTableModel::OffsetRole).toLongLong()
                          + last.data(ChunkTableModel::SizeRole).toLongLong();
        bytes.push_back({from, to - from});
        m_ui->hexView->scrollToOffset(from);
        emit timeSelected(m_connection, first.data(ChunkTableModel::TimestampNsRole).toLongLong());
    }
    m_ui->hexView->setHighlights(bytes);
    if (!messages.isEmpty()) {
        const int row = toViewRow(int(messages.first));
        if (row >= 0)
            m_ui->messageTable->scrollTo(m_ui->messageTable->model()->index(row, 0));
    }
    m_ui->chunkTable->viewport()->update();
    m_ui->messageTable->viewport()->update();
}

void ConnectionView::handleMessageSelection()
{
    if (m_linking)
        return;
    const IndexRange messages = selectedMessageRows();
    IndexRange chunks;
    std::vector<HexView::ByteRange> bytes;
    for (qint64 row = messages.first; row <= messages.last; ++row) {
        const IndexRange built = m_links->chunkRowsOfMessage(int(row));
        if (!built.isEmpty()) {
            chunks.first = chunks.isEmpty() ? built.first : qMin(chunks.first, built.first);
            chunks.last = qMax(chunks.last, built.last);
        }
        const MessageTableModel::ByteRange range = m_messages->rowBytes(int(row));
        if (range.length > 0)
            bytes.push_back({range.offset, range.length});
    }
    m_messageHighlight->setRows({});
    m_chunkHighlight->setRows(chunks);
    if (!messages.isEmpty()) {
        const QModelIndex first = m_messages->index(int(messages.first), 0);
        emit timeSelected(m_connection,
                          first.data(MessageTableModel::TimestampNsRole).toLongLong());
    }
    m_ui->hexView->setHighlights(bytes);
    if (!bytes.empty())
        m_ui->hexView->scrollToOffset(bytes.front().offset);
    if (!chunks.isEmpty())
        m_ui->chunkTable->scrollTo(m_chunks->index(int(chunks.first), 0));
    m_ui->chunkTable->viewport()->update();
    m_ui->messageTable->viewport()->update();
}

void ConnectionView::handleByteClicked(qint64 offset)
{
    const StreamChannel *ch = channel();
    if (!ch)
        return;
    // The message holding the byte, else the chunk: selecting it links the rest.
    const IndexRange chunks = chunksOfRange(ch->store(), offset, 1);
    // Rows are in stream order: the last row starting at or before the byte.
    int low = 0;
    int high = m_messages->rowCount() - 1;
    int candidate = -1;
    while (low <= high) {
        const int mid = low + (high - low) / 2;
        if (m_messages->rowBytes(mid).offset <= offset) {
            candidate = mid;
            low = mid + 1;
        } else {
            high = mid - 1;
        }
    }
    if (candidate >= 0) {
        const MessageTableModel::ByteRange range = m_messages->rowBytes(candidate);
        const int row = toViewRow(candidate);
        if (offset < range.offset + range.length && row >= 0) {
            m_ui->messageTable->selectRow(row);
            return;
        }
    }
    if (!chunks.isEmpty() && chunks.first < m_chunks->rowCount())
        m_ui->chunkTable->selectRow(int(chunks.first));
}

void ConnectionView::selectChunk(qint64 chunk)
{
    m_chunks->refresh();
    if (chunk < 0 || chunk >= m_chunks->rowCount())
        return;
    m_ui->chunkTable->selectRow(int(chunk));
    m_ui->chunkTable->scrollTo(m_chunks->index(int(chunk), 0));
}

QByteArray ConnectionView::bytesToCopy() const
{
    const StreamChannel *ch = channel();
    if (!ch)
        return {};
    if (m_ui->hexView->selection().length > HexView::maxCopyBytes)
        return {};
    const QByteArray selected = m_ui->hexView->selectedBytes();
    if (!selected.isEmpty())
        return selected;
    // Rows one by one, in stream order, up to the limit: a selection of a
    // million messages must not build a gigabyte string.
    QByteArray bytes;
    qint64 total = 0;
    auto take = [&](qint64 offset, qint64 length) {
        total += length;
        if (total <= HexView::maxCopyBytes)
            bytes += ch->store().read(offset, length);
    };
    QModelIndexList messages = m_ui->messageTable->selectionModel()->selectedRows();
    std::sort(messages.begin(), messages.end());
    if (!messages.isEmpty()) {
        for (const QModelIndex &index : std::as_const(messages)) {
            const MessageTableModel::ByteRange range
                = m_messages->rowBytes(toSourceRow(index.row()));
            take(range.offset, range.length);
        }
    } else {
        QModelIndexList chunks = m_ui->chunkTable->selectionModel()->selectedRows();
        std::sort(chunks.begin(), chunks.end());
        for (const QModelIndex &index : std::as_const(chunks)) {
            take(index.data(ChunkTableModel::OffsetRole).toLongLong(),
                 index.data(ChunkTableModel::SizeRole).toLongLong());
        }
    }
    if (total > HexView::maxCopyBytes)
        return {};
    return bytes;
}

void ConnectionView::copyAs(ByteFormat::Format format)
{
    const QByteArray bytes = bytesToCopy();
    if (bytes.isEmpty()) {
        emitStatus(tr("Nothing copied: select messages, chunks or bytes first (at most %1).")
                       .arg(ModelText::byteCount(HexView::maxCopyBytes)));
        return;
    }
    QApplication::clipboard()->setText(ByteFormat::format(bytes, format));
    emitStatus(tr("Copied %1 as %2.")
                   .arg(ModelText::byteCount(bytes.size()), ByteFormat::formatName(format)));
}

void ConnectionView::findNext(bool backward)
{
    const StreamChannel *ch = channel();
    QString error;
    const QByteArray needle = findPattern(&error);
    m_ui->findStatus->setText(error);
    if (!ch || needle.isEmpty())
        return;
    // Go on from the last match; else start after the selected message (or
    // before it, backwards); else at an end of the stream.
    qint64 from = backward ? ch->store().size() : 0;
    const QModelIndex current = m_ui->messageTable->currentIndex();
    if (m_lastMatch >= 0) {
        from = backward ? m_lastMatch : m_lastMatch + 1;
    } else if (current.isValid()) {
        const MessageTableModel::ByteRange range = m_messages->rowBytes(toSourceRow(current.row()));
        from = backward ? range.offset : range.offset + qMax<qint64>(1, range.length);
    }
    m_search = std::make_unique<StreamSearch>(ch->store(), needle, from,
                                              backward ? StreamSearch::Direction::Backward
                                                       : StreamSearch::Direction::Forward);
    m_searchNeedleSize = needle.size();
    m_searchFrom = from;
    m_searchBackward = backward;
    m_searchWrapped = false;
    continueSearch();
}

void ConnectionView::continueSearch()
{
    if (!m_search)
        return;
    // A slice per event-loop turn: the window stays live through gigabytes.
    if (!m_search->step()) {
        m_ui->findStatus->setText(
            tr("Searching… %1").arg(ModelText::byteCount(m_search->position())));
        QTimer::singleShot(0, this, &ConnectionView::continueSearch);
        return;
    }
    const qint64 offset = m_search->offset();
    const StreamChannel *searched = channel();
    const bool fromAnEnd
        = m_searchBackward ? m_searchFrom >= searched->store().size() : m_searchFrom <= 0;
    if (offset < 0 && !m_searchWrapped && !fromAnEnd) {
        // Past the last match: once more from the other end, as editors do.
        m_searchWrapped = true;
        m_search
            = std::make_unique<StreamSearch>(searched->store(), findPattern(nullptr),
                                             m_searchBackward ? searched->store().size() : 0,
                                             m_searchBackward ? StreamSearch::Direction::Backward
                                                              : StreamSearch::Direction::Forward);
        QTimer::singleShot(0, this, &ConnectionView::continueSearch);
        return;
    }
    m_search.reset();
    finishSearch(offset);
}

void ConnectionView::finishSearch(qint64 offset)
{
    if (offset < 0) {
        m_ui->findStatus->setText(tr("Not found"));
        return;
    }
    m_lastMatch = offset;
    m_ui->findStatus->setText(m_searchWrapped
                                  ? tr("Found at offset %1 (wrapped around)").arg(offset)
                                  : tr("Found at offset %1").arg(offset));
    handleByteClicked(offset);
    m_ui->hexView->setSelection({offset, m_searchNeedleSize});
    m_ui->hexView->scrollToOffset(offset);
}

QByteArray ConnectionView::findPattern(QString *error) const
{
    const QString text = m_ui->findEdit->text();
    if (m_ui->findModeCombo->currentIndex() != 1)
        return text.toUtf8();
    const ByteFormat::ParseResult parsed = ByteFormat::parseHex(text);
    if (!parsed.isValid()) {
        if (error)
            *error = parsed.error;
        return {};
    }
    return parsed.bytes;
}

bool ConnectionView::setFilterEnabled(bool enabled)
{
    QString error;
    const QByteArray pattern = enabled ? findPattern(&error) : QByteArray();
    if (!error.isEmpty()) {
        m_ui->findStatus->setText(error);
        enabled = false;
    }
    m_filter->setPattern(pattern);
    if (enabled != m_filtering) {
        m_filtering = enabled;
        attachMessageModel();
    }
    if (m_ui->filterButton->isChecked() != enabled) {
        const QSignalBlocker blocker(m_ui->filterButton);
        m_ui->filterButton->setChecked(enabled);
    }
    if (enabled) {
        m_ui->findStatus->setText(
            tr("%1 of %2 rows shown").arg(m_filter->rowCount()).arg(m_messages->rowCount()));
    }
    return error.isEmpty();
}

void ConnectionView::attachMessageModel()
{
    // The plain model unless filtering: a proxy over a million rows costs a
    // mapping entry per row, for nothing when every row is shown.
    QAbstractItemModel *model
        = m_filtering ? static_cast<QAbstractItemModel *>(m_filter) : m_messages.get();
    if (m_ui->messageTable->model() == model)
        return;
    // The proxy follows the messages only while it is shown: otherwise it
    // would map every new row for nothing (a million rows, on every batch).
    m_filter->setMessages(m_filtering ? m_messages.get() : nullptr);
    m_ui->messageTable->setModel(model);
    m_messageHighlight->setProxy(m_filtering ? m_filter : nullptr);
    // #, time, dir, offset, size, header | preview.
    setUpTable(m_ui->messageTable, {6, 10, 3, 9, 6, 14});
    connect(m_ui->messageTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ConnectionView::handleMessageSelection);
}

int ConnectionView::toSourceRow(int viewRow) const
{
    if (!m_filtering)
        return viewRow;
    return m_filter->mapToSource(m_filter->index(viewRow, 0)).row();
}

int ConnectionView::toViewRow(int sourceRow) const
{
    if (!m_filtering)
        return sourceRow;
    return m_filter->mapFromSource(m_messages->index(sourceRow, 0)).row();
}

IndexRange ConnectionView::selectedMessageRows() const
{
    IndexRange range;
    for (const QModelIndex &index : m_ui->messageTable->selectionModel()->selectedRows()) {
        const int row = toSourceRow(index.row());
        if (row < 0)
            continue;
        if (range.isEmpty()) {
            range = {row, row};
        } else {
            range.first = qMin<qint64>(range.first, row);
            range.last = qMax<qint64>(range.last, row);
        }
    }
    return range;
}

void ConnectionView::emitStatus(const QString &text)
{
    emit statusMessage(text);
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
    settings.setValue(QStringLiteral("view/findMode"), m_ui->findModeCombo->currentIndex());
}

void ConnectionView::restoreSettings(const QSettings &settings)
{
    m_ui->tableSplitter->restoreState(
        settings.value(QStringLiteral("view/tableSplitter")).toByteArray());
    m_ui->verticalSplitter->restoreState(
        settings.value(QStringLiteral("view/verticalSplitter")).toByteArray());
    if (settings.value(QStringLiteral("view/textMode")).toBool())
        m_ui->textModeButton->setChecked(true);
    m_ui->findModeCombo->setCurrentIndex(settings.value(QStringLiteral("view/findMode")).toInt());
}

void ConnectionView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        fillCombos();
        m_lastTitle.clear();
        updateTitle();
    }
    QWidget::changeEvent(event);
}

} // namespace TcpInspector
