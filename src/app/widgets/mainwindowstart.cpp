// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow::applyStart(): the window's command line options (--listen,
// --connect, --framing, --relay), done in the panels as a user would.
#include "widgets/mainwindow.h"

#include "framing/decoderregistry.h"
#include "net/hostport.h"
#include "widgets/clientpanel.h"
#include "widgets/docklayout.h"
#include "widgets/relaypanel.h"
#include "widgets/serverpanel.h"

#include <QDockWidget>

namespace TcpInspector {

QStringList MainWindow::applyStart(const StartRequest &request)
{
    QStringList problems;
    QString error;
    if (!request.framing.isEmpty()) {
        if (DecoderRegistry::instance().validate(request.framing, &error)) {
            m_server->setDefaultFraming(request.framing, request.framing);
            m_client->setDefaultFraming(request.framing, request.framing);
            m_relay->setDefaultFraming(request.framing, request.framing);
        } else {
            problems.append(tr("--framing %1: %2").arg(request.framing, error));
        }
    }
    if (!request.listen.isEmpty()) {
        const std::optional<HostPort> address
            = HostPort::parse(request.listen, HostPort::Use::Listen, &error);
        std::optional<ServerOptions> options = m_server->currentOptions();
        if (!address || !options) {
            problems.append(tr("--listen %1: %2").arg(request.listen, error));
        } else {
            options->address = *address;
            m_server->stop();
            m_server->applyOptions(*options);
            if (!m_server->listen())
                problems.append(tr("--listen %1: cannot listen there (the server panel says why)")
                                    .arg(request.listen));
        }
    }
    // Before connecting: --connect may go to the relay.
    if (!request.relayTarget.isEmpty()) {
        m_relay->setAddresses(request.relayListen.isEmpty() ? QStringLiteral("127.0.0.1:0")
                                                            : request.relayListen,
                              request.relayTarget);
        if (m_relay->start()) {
            if (QDockWidget *dock = m_docks->dock(DockLayout::Relay)) {
                dock->show();
                dock->raise();
            }
        } else {
            problems.append(tr("--relay %1: %2").arg(request.relayTarget, m_relay->errorText()));
        }
    } else if (!request.relayListen.isEmpty()) {
        problems.append(tr("--relay-listen %1: say where to relay to with --relay TARGET too.")
                            .arg(request.relayListen));
    }
    if (!request.connect.isEmpty()) {
        const std::optional<HostPort> target
            = HostPort::parse(request.connect, HostPort::Use::Connect, &error);
        std::optional<ClientOptions> options = m_client->currentOptions();
        if (!target || !options) {
            problems.append(tr("--connect %1: %2").arg(request.connect, error));
        } else {
            options->target = *target;
            m_client->applyOptions(*options);
            m_client->connectToTarget();
        }
    }
    if (!problems.isEmpty())
        showProblems(tr("Command line"), problems.join(QLatin1Char('\n')),
                     QStringLiteral("startReport"));
    return problems;
}

} // namespace TcpInspector
