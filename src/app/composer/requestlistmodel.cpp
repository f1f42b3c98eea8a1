// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer/requestlistmodel.h"

#include "composer/requestlibrary.h"
#include "models/modeltext.h"
#include "text/bytetext.h"

#include <QLocale>

namespace TcpInspector {

namespace {
QString modeName(ComposerDraft::Mode mode)
{
    switch (mode) {
    case ComposerDraft::Mode::Text:
        return RequestListModel::tr("Text");
    case ComposerDraft::Mode::Hex:
        return RequestListModel::tr("Hex");
    case ComposerDraft::Mode::File:
        return RequestListModel::tr("File");
    }
    return {};
}

/// What the options add to the bytes, as the composer's labels say it.
QString optionsText(const ComposerDraft &draft)
{
    QStringList parts;
    if (draft.fragmentSize > 0)
        parts << RequestListModel::tr("fragments of %1 B every %2 ms")
                     .arg(draft.fragmentSize)
                     .arg(draft.fragmentDelayMs);
    if (draft.repeat > 1)
        parts << RequestListModel::tr("%1× every %2 ms").arg(draft.repeat).arg(draft.intervalMs);
    return parts.join(QStringLiteral(", "));
}
} // namespace

RequestListModel::RequestListModel(RequestLibrary *library, Kind kind, QObject *parent)
    : QAbstractTableModel(parent), m_library(library), m_kind(kind)
{
    // Lists of at most a hundred rows: a reset is cheaper than bookkeeping.
    const auto reset = [this] {
        beginResetModel();
        endResetModel();
    };
    if (kind == Kind::Saved)
        connect(library, &RequestLibrary::savedChanged, this, reset);
    else
        connect(library, &RequestLibrary::historyChanged, this, reset);
}

int RequestListModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return int(m_kind == Kind::Saved ? m_library->saved().size() : m_library->history().size());
}

int RequestListModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_kind == Kind::Saved ? int(SavedColumnCount) : int(HistoryColumnCount);
}

QVariant RequestListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    return m_kind == Kind::Saved ? savedData(index.row(), index.column(), role)
                                 : historyData(index.row(), index.column(), role);
}

QVariant RequestListModel::savedData(int row, int column, int role) const
{
    const SavedRequest &request = m_library->saved().at(row);
    if (role == Qt::ToolTipRole) {
        const QString options = optionsText(request.draft);
        return tr("%1 (%2): %3")
                   .arg(request.name, modeName(request.draft.mode), request.draft.preview(200))
               + (options.isEmpty() ? QString() : QStringLiteral("\n") + options)
               + QStringLiteral("\n") + tr("Double-click or Enter loads it into the composer.");
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case NameColumn:
        return request.name;
    case ModeColumn:
        return modeName(request.draft.mode);
    case ContentColumn:
        return request.draft.preview();
    default:
        return {};
    }
}

QVariant RequestListModel::historyData(int row, int column, int role) const
{
    const HistoryEntry &entry = m_library->history().at(row);
    const QLocale locale;
    if (role == Qt::ToolTipRole) {
        QString tip = tr("Sent %1 to %2: %3")
                          .arg(locale.toString(entry.time, QLocale::ShortFormat), entry.target,
                               ModelText::byteCount(entry.size));
        const QString options = optionsText(entry.draft);
        if (!options.isEmpty())
            tip += QStringLiteral(", ") + options;
        if (entry.halfClose)
            tip += QStringLiteral(", ") + tr("then FIN");
        tip += QStringLiteral("\n") + entry.draft.preview(200);
        if (entry.reply)
            tip += QStringLiteral("\n")
                   + tr("First reply: %1")
                         .arg(ByteText::escape(entry.reply->left(200), ByteText::KeepUtf8));
        return tip;
    }
    if (role == Qt::TextAlignmentRole && column == SizeColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case TimeColumn:
        return entry.time.time().toString(QStringLiteral("HH:mm:ss"));
    case TargetColumn:
        return entry.target;
    case SizeColumn:
        return ModelText::byteCount(entry.size);
    case PreviewColumn:
        return entry.halfClose ? entry.draft.preview() + QStringLiteral(" +FIN")
                               : entry.draft.preview();
    default:
        return {};
    }
}

QVariant RequestListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (m_kind == Kind::Saved) {
        switch (section) {
        case NameColumn:
            return tr("Name");
        case ModeColumn:
            return tr("Mode");
        case ContentColumn:
            return tr("Content");
        default:
            return {};
        }
    }
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case TargetColumn:
        return tr("Connection");
    case SizeColumn:
        return tr("Size");
    case PreviewColumn:
        return tr("Sent");
    default:
        return {};
    }
}

} // namespace TcpInspector
