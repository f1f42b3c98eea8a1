// SPDX-License-Identifier: GPL-3.0-or-later
// The status bar's descriptor count and limit against descriptors this test
// opens and closes itself: raw sockets for exact counts, a loopback server
// and clients for the everyday case, and a process filled up to its limit.
#include "net/descriptorcount.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <cerrno>
#include <climits>
#include <memory>
#include <vector>

#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace TcpInspector;

class tst_DescriptorCount : public QObject
{
    Q_OBJECT

private slots:
    void rawSocketsAreCountedExactly_data();
    void rawSocketsAreCountedExactly();
    void loopbackConnectionsOpenAndClose();
    void limitIsTheSoftLimit();
    void atTheLimitTheCountIsTheLimit();
    void limitLeavingExactlyThatManyFree();
    void cleanup();

private:
    std::vector<int> m_fds;
    rlimit m_saved {};
    bool m_lowered = false;
};

namespace {
int openSocket()
{
    return ::socket(AF_INET, SOCK_STREAM, 0);
}
} // namespace

void tst_DescriptorCount::cleanup()
{
    for (int fd : m_fds)
        ::close(fd);
    m_fds.clear();
    if (m_lowered)
        ::setrlimit(RLIMIT_NOFILE, &m_saved);
    m_lowered = false;
}

void tst_DescriptorCount::rawSocketsAreCountedExactly_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("1") << 1;
    QTest::newRow("10") << 10;
    QTest::newRow("300") << 300;
}

void tst_DescriptorCount::rawSocketsAreCountedExactly()
{
    QFETCH(int, count);
    const int before = openDescriptorCount();
    QVERIFY(before >= 3); // stdin, stdout, stderr at least
    for (int i = 0; i < count; ++i) {
        const int fd = openSocket();
        QVERIFY(fd >= 0);
        m_fds.push_back(fd);
    }
    QCOMPARE(openDescriptorCount(), before + count);
    QCOMPARE(listedDescriptorCount(), before + count);
    for (int i = 0; i < count / 2; ++i) {
        ::close(m_fds.back());
        m_fds.pop_back();
    }
    QCOMPARE(openDescriptorCount(), before + count - count / 2);
    QCOMPARE(listedDescriptorCount(), before + count - count / 2);
    cleanup();
    QCOMPARE(openDescriptorCount(), before);
    QCOMPARE(listedDescriptorCount(), before);
}

void tst_DescriptorCount::loopbackConnectionsOpenAndClose()
{
    const int before = openDescriptorCount();
    auto server = std::make_unique<QTcpServer>();
    QVERIFY(server->listen(QHostAddress::LocalHost, 0));
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 5; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, server->serverPort());
    }
    std::vector<QTcpSocket *> accepted;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            while (QTcpSocket *socket = server->nextPendingConnection())
                accepted.push_back(socket);
            return accepted.size() == 5;
        }(),
        5000);
    // The listener, five clients and five accepted ends, at least.
    QVERIFY2(openDescriptorCount() >= before + 11,
             qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(openDescriptorCount())));
    for (auto &client : clients)
        client->abort();
    clients.clear();
    server.reset(); // deletes the accepted sockets too
    QTRY_COMPARE_WITH_TIMEOUT(openDescriptorCount(), before, 2000);
}

void tst_DescriptorCount::limitIsTheSoftLimit()
{
    QVERIFY(::getrlimit(RLIMIT_NOFILE, &m_saved) == 0);
    const int limit = descriptorLimit();
    QVERIFY(limit > 0);
    if (m_saved.rlim_cur != RLIM_INFINITY && m_saved.rlim_cur < rlim_t(INT_MAX))
        QCOMPARE(limit, int(m_saved.rlim_cur));
    rlimit lower = m_saved;
    lower.rlim_cur = rlim_t(openDescriptorCount() + 64);
    m_lowered = true;
    QVERIFY(::setrlimit(RLIMIT_NOFILE, &lower) == 0);
    QCOMPARE(descriptorLimit(), int(lower.rlim_cur));
}

void tst_DescriptorCount::atTheLimitTheCountIsTheLimit()
{
    QVERIFY(::getrlimit(RLIMIT_NOFILE, &m_saved) == 0);
    const int before = openDescriptorCount();
    rlimit lower = m_saved;
    lower.rlim_cur = rlim_t(before + 20);
    m_lowered = true;
    QVERIFY(::setrlimit(RLIMIT_NOFILE, &lower) == 0);
    const int limit = descriptorLimit();
    // Fill every number below the limit, as a server that leaks would.
    for (int i = 0; i < limit; ++i) {
        const int fd = openSocket();
        if (fd < 0) {
            QCOMPARE(errno, EMFILE);
            break;
        }
        m_fds.push_back(fd);
    }
    QVERIFY(m_fds.size() >= 10);
    // Every number below the limit is taken. (Numbers above a lowered limit
    // may be open too, so the count can be more than the limit.)
    QVERIFY(openDescriptorCount() >= limit);
    QCOMPARE(openDescriptorCount(), before + int(m_fds.size()));
    // No descriptor is left to list them with: the listing says "at the limit".
    QCOMPARE(listedDescriptorCount(), limit);
    ::close(m_fds.back());
    m_fds.pop_back();
    // One free again: listed, exactly.
    QCOMPARE(listedDescriptorCount(), before + int(m_fds.size()));
    QCOMPARE(openDescriptorCount(), before + int(m_fds.size()));
}

void tst_DescriptorCount::limitLeavingExactlyThatManyFree()
{
    // A hole below the highest open number counts as free: the kernel hands
    // out the lowest free number first.
    m_fds.push_back(openSocket());
    m_fds.push_back(openSocket());
    QVERIFY(m_fds[0] >= 0 && m_fds[1] >= 0);
    ::close(m_fds[0]);
    m_fds.erase(m_fds.begin());
    QVERIFY(::getrlimit(RLIMIT_NOFILE, &m_saved) == 0);
    rlimit lower = m_saved;
    lower.rlim_cur = rlim_t(limitLeavingFree(3));
    m_lowered = true;
    QVERIFY(::setrlimit(RLIMIT_NOFILE, &lower) == 0);
    for (int i = 0; i < 3; ++i) {
        const int fd = openSocket();
        QVERIFY2(fd >= 0, qPrintable(QString::number(i)));
        m_fds.push_back(fd);
    }
    QCOMPARE(openSocket(), -1);
    QCOMPARE(errno, EMFILE);
}

QTEST_GUILESS_MAIN(tst_DescriptorCount)
#include "tst_descriptorcount.moc"
