// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDeadlineTimer>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <functional>

/// A real server for the tests to talk to (redis-server, nginx, socat), on a
/// free loopback port: started in the foreground, ready once it accepts a
/// connection, stopped with SIGTERM (then SIGKILL) when it goes out of scope.
class PeerServer
{
public:
    /// The arguments for a port; called again with another port when the
    /// first one was taken meanwhile.
    using Arguments = std::function<QStringList(quint16 port)>;

    ~PeerServer() { stop(); }

    /// The program's path, searched in PATH and the sbin directories (nginx
    /// lives in /usr/sbin); empty when it is not installed.
    static QString find(const QString &program)
    {
        QString path = QStandardPaths::findExecutable(program);
        if (path.isEmpty())
            path = QStandardPaths::findExecutable(program,
                                                  {"/usr/sbin", "/usr/local/sbin", "/sbin"});
        return path;
    }

    /// Starts program and waits, at most timeoutMs in all, until its port
    /// accepts; false with why() when it did not.
    bool start(const QString &program, const Arguments &arguments, int timeoutMs = 10000)
    {
        const QDeadlineTimer deadline(timeoutMs);
        // The port is free when the system hands it out; another process may
        // take it before the peer binds it, so a second port is tried.
        for (int attempt = 0; attempt < 3 && !deadline.hasExpired(); ++attempt) {
            stop();
            m_port = freePort();
            m_process.setProcessChannelMode(QProcess::MergedChannels);
            m_process.start(program, arguments(m_port));
            if (!m_process.waitForStarted(5000)) {
                m_why
                    = QStringLiteral("%1 did not start: %2").arg(program, m_process.errorString());
                return false;
            }
            if (waitUntilAccepting(deadline))
                return true;
        }
        m_why = QStringLiteral("%1 does not accept on port %2: %3")
                    .arg(program)
                    .arg(m_port)
                    .arg(QString::fromLocal8Bit(m_process.readAll()));
        return false;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(3000)) {
            m_process.kill();
            m_process.waitForFinished(3000);
        }
    }

    /// redis-server in the foreground on 127.0.0.1, keeping nothing on disk.
    static Arguments redisArguments()
    {
        return [](quint16 port) {
            return QStringList {"--port",       QString::number(port),
                                "--bind",       "127.0.0.1",
                                "--save",       "",
                                "--appendonly", "no",
                                "--daemonize",  "no",
                                "--loglevel",   "warning"};
        };
    }

    /// nginx in the foreground, one process (no workers to switch users),
    /// every file it writes under root, serving root/www on the port; with
    /// TLS (a certificate and key, PEM) its port speaks https.
    static Arguments nginxArguments(const QString &root, const QString &certificate = QString(),
                                    const QString &key = QString())
    {
        const QString listen = certificate.isEmpty()
                                   ? QStringLiteral("listen 127.0.0.1:%1;")
                                   : QStringLiteral("listen 127.0.0.1:%1 ssl; ssl_certificate %2; "
                                                    "ssl_certificate_key %3;")
                                         .arg(QStringLiteral("%1"), certificate, key);
        return [root, listen](quint16 port) {
            const QString config = root + QStringLiteral("/nginx.conf");
            QFile file(config);
            if (file.open(QIODevice::WriteOnly)) {
                file.write(QStringLiteral("master_process off;\n"
                                          "pid %1/nginx.pid;\n"
                                          "error_log %1/error.log;\n"
                                          "events { worker_connections 64; }\n"
                                          "http {\n"
                                          "  access_log off;\n"
                                          "  client_body_temp_path %1/body;\n"
                                          "  proxy_temp_path %1/proxy;\n"
                                          "  fastcgi_temp_path %1/fastcgi;\n"
                                          "  uwsgi_temp_path %1/uwsgi;\n"
                                          "  scgi_temp_path %1/scgi;\n"
                                          "  default_type application/octet-stream;\n"
                                          "  server { %2 root %1/www; }\n"
                                          "}\n")
                               .arg(root, listen.arg(port))
                               .toUtf8());
            }
            return QStringList {"-p",   root,         "-c",
                                config, "-e",         root + QStringLiteral("/error.log"),
                                "-g",   "daemon off;"};
        };
    }

    quint16 port() const { return m_port; }
    /// "127.0.0.1:PORT", the value of a scenario's target variable.
    QString target() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    QString why() const { return m_why; }
    /// What the peer printed so far, for a failure message.
    QByteArray output() { return m_process.readAll(); }

private:
    static quint16 freePort()
    {
        QTcpServer probe;
        return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
    }

    bool waitUntilAccepting(const QDeadlineTimer &deadline)
    {
        while (!deadline.hasExpired()) {
            if (m_process.state() == QProcess::NotRunning)
                return false; // it gave up: port taken, bad configuration
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, m_port);
            if (probe.waitForConnected(200)) {
                probe.disconnectFromHost();
                return true;
            }
            QTest::qWait(50);
        }
        return false;
    }

    QProcess m_process;
    quint16 m_port = 0;
    QString m_why;
};
