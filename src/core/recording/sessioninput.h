// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

namespace TcpInspector {

/// Where a session reader takes its bytes from: positioned reads only, so
/// any number of threads can read at once, and never mmap (touched mapped
/// pages count in the process's resident memory).
class SessionInput
{
public:
    virtual ~SessionInput();
    virtual qint64 size() const = 0;
    /// Up to n bytes at offset at into out; fewer only where the input ends,
    /// -1 on an error (errno says which).
    virtual qint64 read(qint64 at, char *out, qint64 n) const = 0;
    /// What the user calls it: the file name.
    virtual QString name() const = 0;
};

/// A session file on disk, read with pread.
class FileInput final : public SessionInput
{
public:
    FileInput() = default;
    ~FileInput() override;
    FileInput(const FileInput &) = delete;
    FileInput &operator=(const FileInput &) = delete;

    /// False with errorString() when the file cannot be opened.
    bool open(const QString &path);
    qint64 size() const override { return m_size; }
    qint64 read(qint64 at, char *out, qint64 n) const override;
    QString name() const override { return m_path; }
    QString errorString() const { return m_error; }

private:
    QString m_path;
    int m_fd = -1;
    qint64 m_size = 0;
    QString m_error;
};

/// A session in memory: tests and the fuzzer.
class MemoryInput final : public SessionInput
{
public:
    explicit MemoryInput(QByteArray bytes, QString name = QStringLiteral("memory"))
        : m_bytes(std::move(bytes)), m_name(std::move(name))
    { }
    qint64 size() const override { return m_bytes.size(); }
    qint64 read(qint64 at, char *out, qint64 n) const override;
    QString name() const override { return m_name; }

private:
    QByteArray m_bytes;
    QString m_name;
};

} // namespace TcpInspector
