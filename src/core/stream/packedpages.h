// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include "stream/slidingvector.h"

#include <memory>

class QFile;

namespace TcpInspector {

/// Where a record starts in PackedPages.
struct PagePosition
{
    quint32 page = 0;
    quint32 offset = 0;
};

/// Variable-length records written one after another into pages that grow
/// from 256 bytes to 64 KiB or less (ten thousand connections with a record or two
/// each must not cost a large page apiece). No record straddles two pages.
/// Past a memory budget the oldest full pages go to a temporary file and come
/// back one at a time when read; dropBefore() lets the oldest pages go for
/// good. What FrameIndex and ChunkIndex pack their entries into.
/// Not thread-safe: the owner locks.
class PackedPages
{
public:
    /// maxRecord: the longest record that will be written; pages grow up to
    /// largestPage bytes.
    explicit PackedPages(quint32 maxRecord, quint32 largestPage = 64 * 1024);
    ~PackedPages();
    PackedPages(PackedPages &&other) noexcept;
    PackedPages &operator=(PackedPages &&other) noexcept;
    PackedPages(const PackedPages &) = delete;
    PackedPages &operator=(const PackedPages &) = delete;

    /// Pages past budget bytes go to a file in directory (empty: the system's
    /// temporary folder); a negative budget keeps everything in memory.
    void setSpill(const QString &directory, qint64 budget);
    QString spillDirectory() const { return m_spillDirectory; }
    qint64 spillBudget() const { return m_budget; }

    /// Where the next record will start, with room for the longest record.
    PagePosition next();
    void write(const quint8 *record, int size);

    /// The record at position, which moves to a fresh page first if the
    /// writer did; the caller adds what it decoded to position->offset.
    const quint8 *read(PagePosition *position) const;
    /// The bytes of a kept page, read back if spilled; valid until the next
    /// read of another spilled page.
    const quint8 *pageData(quint32 page) const;
    /// The first page kept: 0 unless dropBefore() let pages go.
    quint32 firstPage() const { return m_firstPage; }

    /// Lets pages before page go for good.
    void dropBefore(quint32 page);

    /// Heap bytes held: resident pages, their list, the page read back.
    qint64 memoryBytes() const;
    /// Bytes of pages in the spill file and not dropped since.
    qint64 spilledBytes() const { return m_spilledBytes; }
    /// Why the last spill failed (pages then stay in memory), or empty.
    QString spillError() const { return m_spillError; }

private:
    struct Page
    {
        std::unique_ptr<quint8[]> data; ///< null while spilled
        qint64 fileOffset = -1;         ///< where it was spilled; -1: never
    };

    quint32 pageSize(quint32 page) const;
    void addPage();
    void spill();
    bool openSpillFile();

    quint32 m_maxRecord;
    quint32 m_largestPage;
    SlidingVector<Page> m_pages;
    quint32 m_firstPage = 0; ///< page number of m_pages.front()
    quint32 m_pageCount = 0; ///< pages ever added
    quint32 m_used = 0;      ///< bytes used in the last page

    QString m_spillDirectory;
    qint64 m_budget = -1;
    qint64 m_residentBytes = 0;
    qint64 m_spilledBytes = 0;
    quint32 m_firstResident = 0; ///< pages before it are spilled
    std::unique_ptr<QFile> m_spillFile;
    qint64 m_spillEnd = 0;
    QString m_spillError;
    // The spilled page read last: entries are read in runs.
    mutable quint32 m_loadedPage = 0;
    mutable std::unique_ptr<quint8[]> m_loaded;
    mutable quint32 m_loadedSize = 0;
};

} // namespace TcpInspector
