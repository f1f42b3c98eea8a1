// SPDX-License-Identifier: GPL-3.0-or-later
// bench/connections: a burst of N (10,000) concurrent connects, all at once,
// each sending one line, against (a) a bare epoll accept loop in C, (b) a
// bare QTcpServer program (one QTcpSocket per connection), (c)
// `tcpinspector-cli listen` and (d) the window, offscreen, in this process.
// For each: the time until every connection is accepted and its line listed,
// connects that failed, and the server's RSS per connection (VmRSS after the
// burst less VmRSS before, over N); for (d) the lateness of a 10 ms timer on
// the GUI thread. (a) and (b) are the baselines of the same run. Prints a
// Markdown table of medians over --runs runs.
#include "benchsupport.h"
#include "benchwindow.h"
#include "timerlateness.h"

#include "net/connection.h"
#include "net/descriptorcount.h"
#include "session/workbench.h"
#include "widgets/connectiontable.h"
#include "widgets/mainwindow.h"
#include "widgets/serverpanel.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <malloc.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

using namespace TcpInspector;

namespace {

constexpr int timeoutMs = 60000;
constexpr int settleMs = 1000; ///< after the burst, before RSS is read: timers, samplers

struct Config
{
    int count = 10000;
    int runs = 3;
    bool gui = true;
    QStringList cliArguments; ///< extra arguments for `listen`
};

/// One run of one case.
struct Result
{
    double acceptedMs = -1; ///< from the first connect() to the last accepted
    double listedMs = -1;   ///< ... to the last line received and shown
    int failed = 0;         ///< connects that failed or timed out: dropped
    double cpuMs = 0;       ///< the server's CPU time (user + system) until all were listed
    double rssPerConnKib = 0;
    double rssBeforeMib = 0;
    double lateP99Ms = -1; ///< the 10 ms timer, GUI only
    double lateMaxMs = -1;
};

qint64 rssKib(pid_t pid)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/status", int(pid));
    FILE *file = std::fopen(path, "re");
    if (!file)
        return -1;
    char line[256];
    qint64 kib = -1;
    while (std::fgets(line, sizeof line, file)) {
        if (std::strncmp(line, "VmRSS:", 6) == 0)
            kib = std::atoll(line + 6);
    }
    std::fclose(file);
    return kib;
}

/// utime + stime of a process, in milliseconds.
double cpuMs(pid_t pid)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/stat", int(pid));
    FILE *file = std::fopen(path, "re");
    if (!file)
        return 0;
    char line[1024] = {};
    const bool read = std::fgets(line, sizeof line, file) != nullptr;
    std::fclose(file);
    // The fields after the command name, which is in parentheses.
    const char *at = read ? std::strrchr(line, ')') : nullptr;
    unsigned long long utime = 0, stime = 0;
    if (!at
        || std::sscanf(at + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime,
                       &stime)
               != 2)
        return 0;
    return double(utime + stime) * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

// ---- the client side: N non-blocking connects at once, one line each ----

/// The clients, in a process of their own (`--burst PORT N`): the server's
/// side of the window case holds N descriptors already, and the clients
/// must never wait for whatever the server's process does.
class Burst
{
public:
    Burst(quint16 port, int count) : m_port(port), m_count(count) { }
    /// Connects, sends, prints {"event":"burst","failed":F}, then holds the
    /// sockets until it is killed.
    int run();

private:
    bool connectAll(int epoll, std::vector<int> &fds);

    quint16 m_port;
    int m_count;
    int m_failed = 0;
};

bool Burst::connectAll(int epoll, std::vector<int> &fds)
{
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(m_port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < m_count; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            std::fprintf(stderr, "socket: %s\n", std::strerror(errno));
            return false;
        }
        fds.push_back(fd);
        if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
            && errno != EINPROGRESS) {
            ++m_failed;
            continue;
        }
        epoll_event event {};
        event.events = EPOLLOUT;
        event.data.u32 = quint32(i);
        ::epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
    }
    return true;
}

int Burst::run()
{
    const int epoll = ::epoll_create1(EPOLL_CLOEXEC);
    std::vector<int> fds;
    fds.reserve(size_t(m_count));
    if (!connectAll(epoll, fds))
        m_failed = m_count;
    int finished = m_failed;
    QElapsedTimer timer;
    timer.start();
    std::vector<epoll_event> events(1024);
    while (finished < m_count && timer.elapsed() < timeoutMs) {
        const int n = ::epoll_wait(epoll, events.data(), int(events.size()), 100);
        for (int i = 0; i < n; ++i) {
            const int index = int(events[size_t(i)].data.u32);
            const int fd = fds[size_t(index)];
            int error = 0;
            socklen_t length = sizeof error;
            ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
            char line[32];
            const int size = std::snprintf(line, sizeof line, "client %d\n", index);
            if (error != 0 || ::send(fd, line, size_t(size), MSG_NOSIGNAL) != size)
                ++m_failed;
            ::epoll_ctl(epoll, EPOLL_CTL_DEL, fd, nullptr);
            ++finished;
        }
    }
    m_failed += m_count - finished; // still connecting after a minute: dropped
    std::printf("{\"event\":\"burst\",\"failed\":%d}\n", m_failed);
    std::fflush(stdout);
    for (;;)
        ::pause(); // held open until the server's side has been measured
}

// ---- the baselines, run as child processes of this program ----

/// (a): accept4 and one read per connection, nothing kept but the descriptor.
int serveEpoll()
{
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || ::listen(listener, ServerOptions::maxBacklog) != 0
        || ::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return 1;
    std::printf("{\"event\":\"listening\",\"port\":%d}\n", ntohs(address.sin_port));
    std::fflush(stdout);
    const int epoll = ::epoll_create1(EPOLL_CLOEXEC);
    epoll_event event {};
    event.events = EPOLLIN;
    event.data.fd = listener;
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, listener, &event);
    std::vector<epoll_event> events(1024);
    for (;;) {
        const int n = ::epoll_wait(epoll, events.data(), int(events.size()), -1);
        for (int i = 0; i < n; ++i) {
            const int fd = events[size_t(i)].data.fd;
            if (fd == listener) {
                int client = -1;
                while (
                    (client = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC))
                    >= 0) {
                    event.data.fd = client;
                    ::epoll_ctl(epoll, EPOLL_CTL_ADD, client, &event);
                    std::fputs("{\"event\":\"accepted\"}\n", stdout);
                }
            } else {
                char buffer[256];
                if (::read(fd, buffer, sizeof buffer) > 0)
                    std::fputs("{\"event\":\"message\"}\n", stdout);
                ::epoll_ctl(epoll, EPOLL_CTL_DEL, fd, nullptr); // one line each
            }
        }
        std::fflush(stdout);
    }
}

/// (b): what a plain Qt server holds per connection, a QTcpSocket.
int serveQt(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTcpServer server;
    server.setListenBacklogSize(ServerOptions::maxBacklog);
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 1;
    std::printf("{\"event\":\"listening\",\"port\":%d}\n", server.serverPort());
    std::fflush(stdout);
    QObject::connect(&server, &QTcpServer::newConnection, [&server] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            std::fputs("{\"event\":\"accepted\"}\n", stdout);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                if (socket->canReadLine()) {
                    socket->readLine();
                    std::fputs("{\"event\":\"message\"}\n", stdout);
                }
            });
        }
        std::fflush(stdout);
    });
    QTimer flush;
    QObject::connect(&flush, &QTimer::timeout, [] { std::fflush(stdout); });
    flush.start(10);
    return app.exec();
}

// ---- a server in a child process, its JSON lines read from a pipe ----

/// Reads the child's stdout: the listening port, then accepted and message
/// events counted as they come.
class ChildServer
{
public:
    explicit ChildServer(const QStringList &arguments);
    ~ChildServer();
    bool ok() const { return m_pid > 0; }
    pid_t pid() const { return m_pid; }
    /// Reads what is there; false once the child has closed its stdout.
    bool poll(int waitMs);
    quint16 port() const { return m_port; }
    int accepted() const { return m_accepted; }
    int messages() const { return m_messages; }
    /// The burst child: -1 until its clients are all connected (or failed).
    int burstFailed() const { return m_burstFailed; }

private:
    void handleLine(const char *line);

    pid_t m_pid = -1;
    int m_fd = -1;
    QByteArray m_pending;
    quint16 m_port = 0;
    int m_accepted = 0;
    int m_messages = 0;
    int m_burstFailed = -1;
};

ChildServer::ChildServer(const QStringList &arguments)
{
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0)
        return;
    std::vector<QByteArray> bytes;
    for (const QString &argument : arguments)
        bytes.push_back(argument.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &argument : bytes)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
    if (posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
        m_pid = -1;
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipeFds[1]);
    m_fd = pipeFds[0];
}

ChildServer::~ChildServer()
{
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
    }
    ::close(m_fd);
}

bool ChildServer::poll(int waitMs)
{
    pollfd entry {m_fd, POLLIN, 0};
    if (::poll(&entry, 1, waitMs) <= 0)
        return true;
    char buffer[64 * 1024];
    const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
    if (n <= 0)
        return false;
    m_pending.append(buffer, n);
    qsizetype start = 0;
    for (qsizetype end = m_pending.indexOf('\n'); end >= 0; end = m_pending.indexOf('\n', start)) {
        m_pending[end] = '\0';
        handleLine(m_pending.constData() + start);
        start = end + 1;
    }
    m_pending.remove(0, start);
    return true;
}

void ChildServer::handleLine(const char *line)
{
    if (std::strstr(line, "\"event\":\"accepted\""))
        ++m_accepted;
    else if (std::strstr(line, "\"event\":\"message\""))
        ++m_messages;
    else if (const char *burst = std::strstr(line, "\"event\":\"burst\"")) {
        if (const char *field = std::strstr(burst, "\"failed\":"))
            m_burstFailed = std::atoi(field + 9);
    } else if (const char *port = std::strstr(line, "\"event\":\"listening\"")) {
        if (const char *field = std::strstr(port, "\"port\":"))
            m_port = quint16(std::atoi(field + 7));
    }
}

QStringList burstArguments(quint16 port, int count)
{
    return {QCoreApplication::applicationFilePath(), QStringLiteral("--burst"),
            QString::number(port), QString::number(count)};
}

Result runChild(const QStringList &arguments, int count)
{
    Result result;
    ChildServer server(arguments);
    QElapsedTimer timer;
    timer.start();
    while (server.ok() && server.port() == 0 && timer.elapsed() < 10000) {
        if (!server.poll(50))
            break;
    }
    if (server.port() == 0)
        qFatal("%s: no listening line", qPrintable(arguments.join(QLatin1Char(' '))));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const qint64 before = rssKib(server.pid());
    const double cpuBefore = cpuMs(server.pid());
    timer.restart();
    ChildServer burst(burstArguments(server.port(), count));
    while (timer.elapsed() < timeoutMs && server.messages() < count) {
        if (!server.poll(5))
            break;
        burst.poll(0);
        if (result.acceptedMs < 0 && server.accepted() >= count)
            result.acceptedMs = double(timer.nsecsElapsed()) / 1e6;
        if (burst.burstFailed() > 0 && server.messages() + burst.burstFailed() >= count)
            break;
    }
    if (server.messages() >= count)
        result.listedMs = double(timer.nsecsElapsed()) / 1e6;
    result.cpuMs = cpuMs(server.pid()) - cpuBefore;
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < settleMs)
        server.poll(20); // keep its stdout drained
    result.rssBeforeMib = double(before) / 1024;
    result.rssPerConnKib = double(rssKib(server.pid()) - before) / count;
    while (burst.burstFailed() < 0 && burst.poll(100) && timer.elapsed() < timeoutMs) { }
    result.failed = std::max(burst.burstFailed(), count - server.messages());
    return result;
}

// ---- (d) the window, offscreen, in this process ----

bool everyLineIn(Workbench *bench, int count)
{
    const QList<Connection *> servers = bench->connections(Connection::Side::Server);
    if (servers.size() < count)
        return false;
    return std::all_of(servers.begin(), servers.end(),
                       [](const Connection *c) { return c->rx().store().size() > 0; });
}

Result runWindow(int count)
{
    Result result;
    malloc_trim(0);
    const std::unique_ptr<MainWindow> window = openBenchWindow(true);
    Workbench *bench = window->workbench();
    spinFor(500);
    const qint64 before = rssKib(::getpid());
    const double cpuBefore = cpuMs(::getpid());

    TimerLateness lateness;
    QAbstractItemModel *table = window->serverPanel()->table()->view()->model();
    QElapsedTimer clock;
    clock.start();
    lateness.start();
    {
        ChildServer burst(burstArguments(bench->boundAddress().port, count));
        QElapsedTimer check;
        check.start();
        while (clock.elapsed() < timeoutMs) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
            burst.poll(0);
            if (check.elapsed() < 50)
                continue; // looking at 10,000 connections costs too
            check.restart();
            const int accepted = int(bench->connections(Connection::Side::Server).size());
            if (result.acceptedMs < 0 && accepted >= count)
                result.acceptedMs = double(clock.nsecsElapsed()) / 1e6;
            if (table->rowCount() >= count && everyLineIn(bench, count)) {
                result.listedMs = double(clock.nsecsElapsed()) / 1e6;
                result.cpuMs = cpuMs(::getpid()) - cpuBefore;
                break;
            }
            if (burst.burstFailed() > 0)
                break;
        }
        spinFor(settleMs);
        lateness.stop();
        result.rssBeforeMib = double(before) / 1024;
        result.rssPerConnKib = double(rssKib(::getpid()) - before) / count;
        while (burst.burstFailed() < 0 && burst.poll(100) && clock.elapsed() < timeoutMs) { }
        result.failed = std::max(burst.burstFailed(),
                                 count - int(bench->connections(Connection::Side::Server).size()));
    }
    result.lateP99Ms = lateness.p99Ms();
    result.lateMaxMs = lateness.worstMs();
    window->serverPanel()->stop();
    spinFor(1000); // the clients' close reaches the server side
    return result;
}

// ---- the table ----

void printRow(const char *name, const std::vector<Result> &runs, const Result &baseline)
{
    auto med = [&runs](double Result::*field) {
        std::vector<double> values;
        for (const Result &r : runs)
            values.push_back(r.*field);
        return median(values);
    };
    int failed = 0;
    for (const Result &r : runs)
        failed = std::max(failed, r.failed);
    const double listed = med(&Result::listedMs);
    // Not reached within the bench's minute: a dash, not a negative time.
    auto ms = [](double value) {
        return value < 0 ? QByteArray("-") : QByteArray::number(value, 'f', 0);
    };
    char late[64] = "-";
    if (med(&Result::lateP99Ms) >= 0)
        std::snprintf(late, sizeof late, "%.0f / %.0f", med(&Result::lateP99Ms),
                      med(&Result::lateMaxMs));
    std::printf(
        "| %s | %s | %s | %s | %.0f | %d | %.1f | %.2f | %+.1f | %s |\n", name,
        ms(med(&Result::acceptedMs)).constData(), ms(listed).constData(),
        listed < 0
            ? "-"
            : QByteArray::number(listed / std::max(1.0, baseline.listedMs), 'f', 1).constData(),
        med(&Result::cpuMs), failed, med(&Result::rssBeforeMib), med(&Result::rssPerConnKib),
        med(&Result::rssPerConnKib) - baseline.rssPerConnKib, late);
    std::fflush(stdout);
}

Result medianResult(const std::vector<Result> &runs)
{
    Result m;
    std::vector<double> listed, rss;
    for (const Result &r : runs) {
        listed.push_back(r.listedMs);
        rss.push_back(r.rssPerConnKib);
    }
    m.listedMs = median(listed);
    m.rssPerConnKib = median(rss);
    return m;
}

Config readConfig(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption count(QStringLiteral("count"), QStringLiteral("Connections."),
                                   QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Runs of each case."),
                                  QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption noGui(QStringLiteral("no-gui"), QStringLiteral("Skip the window."));
    const QCommandLineOption cli(QStringLiteral("cli-arg"),
                                 QStringLiteral("An extra argument for listen (repeatable)."),
                                 QStringLiteral("ARG"));
    parser.addOptions({count, runs, noGui, cli});
    parser.process(app);
    Config config;
    config.count = parser.value(count).toInt();
    config.runs = std::max(1, parser.value(runs).toInt());
    config.gui = !parser.isSet(noGui);
    config.cliArguments = parser.values(cli);
    return config;
}

} // namespace

int main(int argc, char *argv[])
{
    const DescriptorLimitRaise raise = raiseDescriptorLimit();
    if (argc > 1 && std::strcmp(argv[1], "--serve-epoll") == 0)
        return serveEpoll();
    if (argc > 3 && std::strcmp(argv[1], "--burst") == 0)
        return Burst(quint16(std::atoi(argv[2])), std::atoi(argv[3])).run();
    if (argc > 1 && std::strcmp(argv[1], "--serve-qt") == 0)
        return serveQt(argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const Config config = readConfig(app);
    if (raise.after < config.count + 200)
        qFatal("needs %d descriptors, the limit is %d", config.count + 200, raise.after);

    const QString self = QCoreApplication::applicationFilePath();
    const QStringList cli = QStringList {QStringLiteral(TCPI_CLI_PATH),
                                         QStringLiteral("listen"),
                                         QStringLiteral("127.0.0.1:0"),
                                         QStringLiteral("--framing"),
                                         QStringLiteral("line"),
                                         QStringLiteral("--events"),
                                         QStringLiteral("listening,accepted,message")}
                            + config.cliArguments;
    std::vector<Result> epoll, qt, listen, window;
    for (int run = 0; run < config.runs; ++run) {
        epoll.push_back(runChild({self, QStringLiteral("--serve-epoll")}, config.count));
        qt.push_back(runChild({self, QStringLiteral("--serve-qt")}, config.count));
        listen.push_back(runChild(cli, config.count));
        if (config.gui)
            window.push_back(runWindow(config.count));
    }
    std::printf("\n%d connects at once, one line each; medians of %d runs "
                "(somaxconn caps the backlog; RSS per connection = growth / N)\n\n",
                config.count, config.runs);
    std::printf("| server | all accepted ms | all listed ms | x (a) | server CPU ms | failed "
                "| RSS before MiB | KiB/conn | KiB/conn - (a) | 10 ms timer late p99 / max ms |\n"
                "|---|---|---|---|---|---|---|---|---|---|\n");
    const Result base = medianResult(epoll);
    printRow("(a) epoll accept loop", epoll, base);
    printRow("(b) QTcpServer + QTcpSocket", qt, base);
    printRow("(c) tcpinspector-cli listen", listen, base);
    if (config.gui)
        printRow("(d) window, offscreen", window, base);
    return 0;
}
