// SPDX-License-Identifier: GPL-3.0-or-later
// A burst of connects, all at once: the descriptor limit raised to the hard
// one, the backlog that reaches listen(2), and every client of a burst
// accepted with its line, none dropped.
#include "net/connection.h"
#include "net/descriptorcount.h"
#include "net/serverendpoint.h"
#include "stream/streamchannel.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QTest>

#include <cerrno>
#include <climits>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace TcpInspector;

namespace {

int somaxconn()
{
    QFile file(QStringLiteral("/proc/sys/net/core/somaxconn"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return file.readAll().trimmed().toInt();
}

int hardLimit()
{
    rlimit limit {};
    getrlimit(RLIMIT_NOFILE, &limit);
    return limit.rlim_max == RLIM_INFINITY || limit.rlim_max > rlim_t(INT_MAX)
               ? INT_MAX
               : int(limit.rlim_max);
}

/// A client socket of the burst: its descriptor and whether its line went out.
struct BurstClient
{
    int fd = -1;
    bool sent = false;
};

} // namespace

class tst_ConnectionBurst : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void raiseLiftsTheSoftLimitToTheHardOne_data();
    void raiseLiftsTheSoftLimitToTheHardOne();
    void backlogReachesListen_data();
    void backlogReachesListen();
    void burstIsAcceptedWhole();
    void cleanup();

private:
    bool sendLines(std::vector<BurstClient> &clients, int *failed);

    rlimit m_saved {};
    std::vector<BurstClient> m_clients;
};

void tst_ConnectionBurst::initTestCase()
{
    getrlimit(RLIMIT_NOFILE, &m_saved);
}

void tst_ConnectionBurst::cleanup()
{
    for (const BurstClient &client : m_clients)
        ::close(client.fd);
    m_clients.clear();
    // Back to the limit this test started with (only the soft one ever moves).
    setrlimit(RLIMIT_NOFILE, &m_saved);
}

void tst_ConnectionBurst::raiseLiftsTheSoftLimitToTheHardOne_data()
{
    QTest::addColumn<int>("soft");
    QTest::newRow("far below") << 64;
    QTest::newRow("the usual 1024") << 1024;
    QTest::newRow("already the hard limit") << -1;
}

void tst_ConnectionBurst::raiseLiftsTheSoftLimitToTheHardOne()
{
    QFETCH(int, soft);
    const int hard = hardLimit();
    if (hard == INT_MAX)
        QSKIP("an unlimited hard limit: the raise goes to fs.nr_open instead");
    if (soft >= hard)
        QSKIP("the hard limit is lower than this row's soft limit");
    rlimit limit = m_saved;
    limit.rlim_cur = soft < 0 ? limit.rlim_max : rlim_t(soft);
    QVERIFY(setrlimit(RLIMIT_NOFILE, &limit) == 0);
    QCOMPARE(descriptorLimit(), soft < 0 ? hard : soft);

    const DescriptorLimitRaise raise = raiseDescriptorLimit();
    QCOMPARE(raise.sysErrno, 0);
    QCOMPARE(raise.before, soft < 0 ? hard : soft);
    QCOMPARE(raise.target, hard);
    QCOMPARE(raise.after, hard);
    // What the status bar's label and accept() see.
    QCOMPARE(descriptorLimit(), hard);
    rlimit now {};
    getrlimit(RLIMIT_NOFILE, &now);
    QCOMPARE(now.rlim_max, m_saved.rlim_max); // the hard limit is left alone
}

void tst_ConnectionBurst::backlogReachesListen_data()
{
    QTest::addColumn<int>("backlog");
    QTest::newRow("0") << 0;
    QTest::newRow("7") << 7;
    QTest::newRow("1000") << 1000;
    QTest::newRow("the default") << ServerOptions().backlog;
}

void tst_ConnectionBurst::backlogReachesListen()
{
    QFETCH(int, backlog);
    const int cap = somaxconn();
    if (cap <= 0)
        QSKIP("no /proc/sys/net/core/somaxconn");
    ServerEndpoint server;
    QCOMPARE(server.kernelBacklog(), -1);
    ServerOptions options;
    options.address = {QStringLiteral("127.0.0.1"), 0};
    options.backlog = backlog;
    SocketErrorInfo error;
    QVERIFY2(server.listen(options, &error), qPrintable(error.message));
    QCOMPARE(server.kernelBacklog(), std::min(backlog, cap));
    // The note on the server's timeline says what the kernel applied.
    const QString note = server.timeline().at(server.timeline().count() - 1).text;
    QVERIFY2(note.contains(QStringLiteral("backlog %1").arg(std::min(backlog, cap))),
             qPrintable(note));
}

bool tst_ConnectionBurst::sendLines(std::vector<BurstClient> &clients, int *failed)
{
    // Non-blocking connects finish in the kernel, whether or not the server
    // has accepted yet: write each line once its socket is writable.
    std::vector<pollfd> fds;
    std::vector<BurstClient *> waiting;
    for (BurstClient &client : clients) {
        if (!client.sent && client.fd >= 0) {
            fds.push_back({client.fd, POLLOUT, 0});
            waiting.push_back(&client);
        }
    }
    if (fds.empty())
        return true;
    ::poll(fds.data(), fds.size(), 0);
    for (size_t i = 0; i < fds.size(); ++i) {
        if (fds[i].revents & (POLLERR | POLLHUP)) {
            ++*failed;
            ::close(waiting[i]->fd);
            waiting[i]->fd = -1;
        } else if (fds[i].revents & POLLOUT) {
            const QByteArray line
                = "client " + QByteArray::number(waiting[i] - clients.data()) + '\n';
            waiting[i]->sent
                = ::send(waiting[i]->fd, line.constData(), size_t(line.size()), MSG_NOSIGNAL)
                  == line.size();
        }
    }
    return false;
}

void tst_ConnectionBurst::burstIsAcceptedWhole()
{
    const int count = 500;
    raiseDescriptorLimit();
    if (descriptorLimit() < 2 * count + 100)
        QSKIP("needs 1100 file descriptors (ulimit -Hn)");
    ServerEndpoint server;
    ServerOptions options; // the default backlog: the point of this test
    options.address = {QStringLiteral("127.0.0.1"), 0};
    options.connection.rxFraming = QStringLiteral("line");
    SocketErrorInfo error;
    QVERIFY2(server.listen(options, &error), qPrintable(error.message));
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(server.boundAddress().port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    // All at once, before the server's thread accepts a single one.
    for (int i = 0; i < count; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        QVERIFY(fd >= 0);
        m_clients.push_back({fd, false});
        const int rc = ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
        QVERIFY2(rc == 0 || errno == EINPROGRESS, strerror(errno));
    }
    int failed = 0;
    QElapsedTimer timer;
    timer.start();
    auto everyLineIn = [&] {
        sendLines(m_clients, &failed);
        if (server.connections().size() < count)
            return false;
        for (Connection *connection : server.connections()) {
            if (connection->rx().frameCount() < 1)
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(everyLineIn() || failed > 0, 15000);
    QCOMPARE(failed, 0);
    QCOMPARE(server.connections().size(), count);
    QCOMPARE(server.openConnections(), count);
    // Each client's own line, once: none lost, none doubled.
    QSet<QByteArray> lines;
    for (Connection *connection : server.connections()) {
        QCOMPARE(connection->rx().frameCount(), qint64(1));
        lines.insert(connection->rx().store().read(0, connection->rx().store().size()));
    }
    QCOMPARE(lines.size(), count);
    QVERIFY(lines.contains("client 0\n"));
    QVERIFY(lines.contains("client " + QByteArray::number(count - 1) + '\n'));
    qInfo("%d connects accepted with their lines in %lld ms", count, timer.elapsed());
}

QTEST_GUILESS_MAIN(tst_ConnectionBurst)
#include "tst_connectionburst.moc"
