// SPDX-License-Identifier: GPL-3.0-or-later
#include "stream/packedpages.h"
#include "stream/fileio.h"
#include "text/tr.h"

#include <QDir>
#include <QTemporaryFile>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>

namespace TcpInspector {

namespace {
constexpr quint32 FirstPage = 256;
} // namespace

PackedPages::PackedPages(quint32 maxRecord, quint32 largestPage)
    : m_maxRecord(maxRecord), m_largestPage(std::max(largestPage, FirstPage))
{ }
PackedPages::~PackedPages() = default;
PackedPages::PackedPages(PackedPages &&other) noexcept = default;
PackedPages &PackedPages::operator=(PackedPages &&other) noexcept = default;

void PackedPages::setSpill(const QString &directory, qint64 budget)
{
    m_spillDirectory = directory;
    m_budget = budget;
}

quint32 PackedPages::pageSize(quint32 page) const
{
    return page >= 16 ? m_largestPage : std::min(FirstPage << page, m_largestPage);
}

PagePosition PackedPages::next()
{
    if (m_pageCount == 0 || m_used + m_maxRecord > pageSize(m_pageCount - 1))
        addPage();
    return {m_pageCount - 1, m_used};
}

void PackedPages::write(const quint8 *record, int size)
{
    next();
    std::memcpy(m_pages.back().data.get() + m_used, record, size_t(size));
    m_used += quint32(size);
}

void PackedPages::addPage()
{
    const quint32 size = pageSize(m_pageCount);
    m_pages.push_back({std::make_unique<quint8[]>(size), -1});
    ++m_pageCount;
    m_used = 0;
    m_residentBytes += size;
    if (m_budget >= 0 && m_residentBytes > m_budget)
        spill();
}

bool PackedPages::openSpillFile()
{
    const QString dir = m_spillDirectory.isEmpty() ? QDir::tempPath() : m_spillDirectory;
    auto file
        = std::make_unique<QTemporaryFile>(dir + QStringLiteral("/tcpinspector-XXXXXX.index"));
    if (!file->open()) {
        m_spillError = Tr::tr("Cannot create a spill file in %1: %2. "
                              "The index stays in memory.")
                           .arg(dir, file->errorString());
        return false;
    }
    m_spillFile = std::move(file);
    return true;
}

void PackedPages::spill()
{
    if (!m_spillFile && !openSpillFile()) {
        m_budget = -1;
        return;
    }
    // The last page is being written; every other one is full and final.
    while (m_residentBytes > m_budget && m_firstResident + 1 < m_pageCount) {
        Page &page = m_pages[m_firstResident - m_firstPage];
        const quint32 size = pageSize(m_firstResident);
        if (!FileIo::writeAll(int(m_spillFile->handle()), page.data.get(), size, m_spillEnd)) {
            m_spillError
                = Tr::tr("Cannot write the spill file %1: %2. "
                         "The index stays in memory.")
                      .arg(m_spillFile->fileName(), QString::fromLocal8Bit(std::strerror(errno)));
            m_budget = -1;
            return;
        }
        page.fileOffset = m_spillEnd;
        page.data.reset();
        m_spillEnd += size;
        m_residentBytes -= size;
        m_spilledBytes += size;
        ++m_firstResident;
    }
}

const quint8 *PackedPages::pageData(quint32 page) const
{
    const Page &entry = m_pages[page - m_firstPage];
    if (entry.data)
        return entry.data.get();
    if (m_loaded && m_loadedPage == page)
        return m_loaded.get();
    const quint32 size = pageSize(page);
    // Sized to the largest page read back so far: the pages of a small index
    // are small.
    if (!m_loaded || m_loadedSize < size) {
        m_loaded = std::make_unique<quint8[]>(size);
        m_loadedSize = size;
    }
    const qint64 n
        = FileIo::readAll(int(m_spillFile->handle()), m_loaded.get(), size, entry.fileOffset);
    // A damaged spill file reads as zeros: records then decode as "same as
    // before" rather than running past the page.
    const size_t good = size_t(std::max<qint64>(n, 0));
    if (good < size)
        std::memset(m_loaded.get() + good, 0, size - good);
    m_loadedPage = page;
    return m_loaded.get();
}

const quint8 *PackedPages::read(PagePosition *position) const
{
    // The writer moved on to a fresh page here.
    if (position->offset + m_maxRecord > pageSize(position->page)) {
        ++position->page;
        position->offset = 0;
    }
    return pageData(position->page) + position->offset;
}

void PackedPages::dropBefore(quint32 page)
{
    if (m_pageCount == 0)
        return;
    page = std::min(page, m_pageCount - 1); // the page being written stays
    while (m_firstPage < page) {
        const Page &entry = m_pages.front();
        const quint32 size = pageSize(m_firstPage);
        if (entry.data) {
            m_residentBytes -= size;
        } else {
            // The spill file holds only what is kept.
            m_spilledBytes -= size;
            ::fallocate(int(m_spillFile->handle()), FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                        entry.fileOffset, size);
        }
        m_pages.pop_front();
        ++m_firstPage;
    }
    m_firstResident = std::max(m_firstResident, m_firstPage);
}

qint64 PackedPages::memoryBytes() const
{
    return qint64(m_pages.capacityBytes()) + m_residentBytes + m_loadedSize;
}

} // namespace TcpInspector
