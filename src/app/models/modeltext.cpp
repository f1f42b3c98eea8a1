// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/modeltext.h"
#include "text/tr.h"

#include <cstdlib>

namespace TcpInspector::ModelText {

QString relativeTime(qint64 ns)
{
    // Milliseconds read best for what one connection does; past 10 s the
    // tenths of a millisecond are noise and seconds are shorter.
    const bool negative = ns < 0;
    const double magnitude = std::llabs(ns);
    if (magnitude < 10e9) {
        const QString ms = QString::number(magnitude / 1e6, 'f', 1);
        return negative ? Tr::tr("-%1 ms").arg(ms) : Tr::tr("+%1 ms").arg(ms);
    }
    const QString s = QString::number(magnitude / 1e9, 'f', 3);
    return negative ? Tr::tr("-%1 s").arg(s) : Tr::tr("+%1 s").arg(s);
}

QString direction(Direction direction)
{
    return direction == Direction::Rx ? Tr::tr("rx") : Tr::tr("tx");
}

QString hexPreview(const QByteArray &bytes, qsizetype maxBytes)
{
    static const char digits[] = "0123456789abcdef";
    const qsizetype n = std::min(bytes.size(), maxBytes);
    QString text;
    text.reserve(n * 3 + 3);
    for (qsizetype i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(bytes.at(i));
        if (i > 0)
            text += QLatin1Char(' ');
        text += QLatin1Char(digits[c >> 4]);
        text += QLatin1Char(digits[c & 15]);
    }
    if (bytes.size() > maxBytes)
        text += QLatin1String(" ...");
    return text;
}

QString state(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Resolving:
        return Tr::tr("Resolving");
    case ConnectionState::Connecting:
        return Tr::tr("Connecting");
    case ConnectionState::Established:
        return Tr::tr("Established");
    case ConnectionState::LocalHalfClosed:
        return Tr::tr("Half-closed by us");
    case ConnectionState::RemoteHalfClosed:
        return Tr::tr("Half-closed by peer");
    case ConnectionState::Closing:
        return Tr::tr("Closing");
    case ConnectionState::Closed:
        return Tr::tr("Closed");
    case ConnectionState::Reset:
        return Tr::tr("Reset");
    case ConnectionState::Failed:
        return Tr::tr("Failed");
    }
    return QString();
}

QString byteCount(qint64 bytes)
{
    if (bytes < 1024)
        return Tr::tr("%1 B").arg(bytes);
    const double kib = bytes / 1024.0;
    if (kib < 1024)
        return Tr::tr("%1 KiB").arg(kib, 0, 'f', kib < 10 ? 2 : 1);
    const double mib = kib / 1024.0;
    if (mib < 1024)
        return Tr::tr("%1 MiB").arg(mib, 0, 'f', mib < 10 ? 2 : 1);
    return Tr::tr("%1 GiB").arg(mib / 1024.0, 0, 'f', 2);
}

QString byteRate(double bytesPerSecond)
{
    return Tr::tr("%1/s").arg(byteCount(qRound64(bytesPerSecond)));
}

QString age(qint64 ns)
{
    const qint64 ms = ns / 1000000;
    if (ms < 1000)
        return Tr::tr("%1 ms").arg(ms);
    const qint64 s = ms / 1000;
    if (s < 60)
        return Tr::tr("%1 s").arg(s);
    if (s < 3600)
        return Tr::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return Tr::tr("%1 h %2 min").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0'));
}

QVariant streamCell(const StreamCells &cells, int column)
{
    switch (StreamColumn(column)) {
    case NumberColumn:
        return cells.number;
    case TimeColumn:
        return cells.timeKnown ? relativeTime(cells.timestampNs - cells.startNs) : QString();
    case DirectionColumn:
        return direction(cells.direction);
    case OffsetColumn:
        return cells.offset;
    case SizeColumn:
        return cells.size;
    }
    return {};
}

QVariant streamColumnTitle(int column)
{
    switch (StreamColumn(column)) {
    case NumberColumn:
        return Tr::tr("#");
    case TimeColumn:
        return Tr::tr("Time");
    case DirectionColumn:
        return Tr::tr("Dir");
    case OffsetColumn:
        return Tr::tr("Offset");
    case SizeColumn:
        return Tr::tr("Size");
    }
    return {};
}

QString streamColumnToolTip(int column, bool chunks)
{
    switch (StreamColumn(column)) {
    case NumberColumn:
        return chunks ? Tr::tr("Number of the read (or write), counted from 1 in this direction")
                      : Tr::tr("Number of the message, counted from 1; errors and the unfinished "
                               "tail have none");
    case TimeColumn:
        return chunks ? Tr::tr("When the read returned (or the write was made), from the start "
                               "of the connection")
                      : Tr::tr("When the read that completed the message returned, from the start "
                               "of the connection");
    case DirectionColumn:
        return Tr::tr("rx: received from the peer; tx: sent to it");
    case OffsetColumn:
        return Tr::tr("Position of the first byte in this direction's stream, counted from 0");
    case SizeColumn:
        return chunks ? Tr::tr("Bytes this one read or write returned: TCP keeps no message "
                               "boundaries, so any size can arrive")
                      : Tr::tr("Bytes of the whole message, header included (for an error: the "
                               "bytes it skipped; for the tail: the bytes held)");
    }
    return {};
}

int streamColumnWidth(int column)
{
    // #, time, dir, offset, size.
    static constexpr int widths[streamColumnCount] = {6, 10, 3, 9, 6};
    return column >= 0 && column < streamColumnCount ? widths[column] : 0;
}

int streamAlignment(int column)
{
    const bool number = column == NumberColumn || column == TimeColumn || column == OffsetColumn
                        || column == SizeColumn;
    return int((number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
}

} // namespace TcpInspector::ModelText
