// SPDX-License-Identifier: GPL-3.0-or-later
// Positioned writes and reads that finish what they start, and say when
// they cannot.
#include "stream/fileio.h"

#include <QTemporaryFile>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

using namespace TcpInspector;

class tst_FileIo : public QObject
{
    Q_OBJECT

private slots:
    void roundTripsAtOffsets_data();
    void roundTripsAtOffsets();
    void readStopsAtTheEnd();
    void holesReadAsZeros();
    void errorsSayWhy();
};

namespace {
std::vector<quint8> pattern(qint64 size, int seed)
{
    std::vector<quint8> bytes(static_cast<size_t>(size));
    for (size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = quint8(i * 131 + size_t(seed) * 7 + i / 251);
    return bytes;
}
} // namespace

void tst_FileIo::roundTripsAtOffsets_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("at");
    QTest::newRow("one byte at 0") << qint64(1) << qint64(0);
    QTest::newRow("a page at an odd offset") << qint64(4096) << qint64(12345);
    // More than one pwrite of a pipe or socket takes; a file takes it whole,
    // the loop must not care.
    QTest::newRow("24 MiB past 4 GiB") << qint64(24) * 1024 * 1024 << (qint64(1) << 32) + 3;
}

void tst_FileIo::roundTripsAtOffsets()
{
    QFETCH(qint64, size);
    QFETCH(qint64, at);
    QTemporaryFile file;
    QVERIFY(file.open());
    const int fd = int(file.handle());
    const std::vector<quint8> bytes = pattern(size, int(at % 97));
    QVERIFY(FileIo::writeAll(fd, bytes.data(), size, at));
    QCOMPARE(file.size(), at + size);
    std::vector<quint8> back(size_t(size), 0xee);
    QCOMPARE(FileIo::readAll(fd, back.data(), size, at), size);
    QVERIFY(back == bytes);
    // Writing nothing succeeds and changes nothing.
    QVERIFY(FileIo::writeAll(fd, bytes.data(), 0, at + size + 100));
    QCOMPARE(file.size(), at + size);
}

void tst_FileIo::readStopsAtTheEnd()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    const int fd = int(file.handle());
    const std::vector<quint8> bytes = pattern(1000, 1);
    QVERIFY(FileIo::writeAll(fd, bytes.data(), 1000, 0));
    std::vector<quint8> back(4096, 0xee);
    QCOMPARE(FileIo::readAll(fd, back.data(), 4096, 600), qint64(400));
    QVERIFY(std::equal(back.begin(), back.begin() + 400, bytes.begin() + 600));
    QCOMPARE(back[400], quint8(0xee)); // nothing written past what was read
    QCOMPARE(FileIo::readAll(fd, back.data(), 10, 5000), qint64(0));
}

void tst_FileIo::holesReadAsZeros()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    const int fd = int(file.handle());
    const quint8 one = 0x5a;
    QVERIFY(FileIo::writeAll(fd, &one, 1, 100000));
    std::vector<quint8> back(100001, 0xee);
    QCOMPARE(FileIo::readAll(fd, back.data(), qint64(back.size()), 0), qint64(back.size()));
    QVERIFY(std::all_of(back.begin(), back.end() - 1, [](quint8 b) { return b == 0; }));
    QCOMPARE(back.back(), one);
}

void tst_FileIo::errorsSayWhy()
{
    const quint8 byte = 1;
    quint8 back = 0;
    errno = 0;
    QVERIFY(!FileIo::writeAll(-1, &byte, 1, 0));
    QCOMPARE(errno, EBADF);
    errno = 0;
    QCOMPARE(FileIo::readAll(-1, &back, 1, 0), qint64(-1));
    QCOMPARE(errno, EBADF);
    // A file opened for reading only.
    QTemporaryFile file;
    QVERIFY(file.open());
    const int readOnly = ::open(QFile::encodeName(file.fileName()).constData(), O_RDONLY);
    QVERIFY(readOnly >= 0);
    errno = 0;
    QVERIFY(!FileIo::writeAll(readOnly, &byte, 1, 0));
    QCOMPARE(errno, EBADF);
    ::close(readOnly);
    // A pipe has no positions to write at.
    int ends[2];
    QCOMPARE(::pipe(ends), 0);
    errno = 0;
    QVERIFY(!FileIo::writeAll(ends[1], &byte, 1, 0));
    QCOMPARE(errno, ESPIPE);
    ::close(ends[0]);
    ::close(ends[1]);
}

QTEST_GUILESS_MAIN(tst_FileIo)
#include "tst_fileio.moc"
