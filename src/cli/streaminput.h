// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>

namespace TcpInspector {

/// A recorded stream for `decode`: a file or standard input, read with read(2)
/// so each chunk is what one read returned (a pipe from nc gives the sizes
/// the writer wrote).
class StreamInput
{
public:
    StreamInput() = default;
    ~StreamInput();
    StreamInput(const StreamInput &) = delete;
    StreamInput &operator=(const StreamInput &) = delete;

    /// path, or "-" for stdin. False with *error set when it cannot be opened.
    bool open(const QString &path, QString *error);
    /// Returns bytes read, 0 at EOF, -1 on error (with *error set).
    qint64 read(char *buffer, qint64 size, QString *error);
    /// Reads everything, handing each read to consume; chunkSize > 0 re-cuts
    /// the reads into chunkSize-byte ones (the last may be shorter).
    bool forEachRead(qint64 chunkSize, QString *error,
                     const std::function<void(const char *, qint64)> &consume);

private:
    int m_fd = -1;
    bool m_owned = false;
};

} // namespace TcpInspector
