// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace TcpInspector {

/// A self-signed certificate for this machine (localhost, 127.0.0.1, ::1),
/// for TLS lessons on loopback: made at first use in a folder of the app's
/// data and kept there, so that a client can be told to trust it. Labelled
/// in its subject as for local testing only.
struct LocalCertificate
{
    QString certificateFile; ///< PEM
    QString keyFile;         ///< PEM, readable by the user alone
    bool made = false;       ///< made now rather than found

    /// The certificate in folder, made (valid for 365 days) when there is
    /// none or it expires within a day; empty files and *error when it
    /// cannot be.
    static LocalCertificate ensure(const QString &folder, QString *error);
    /// The app's data folder's "tls": the window and the CLI share it.
    static QString defaultFolder();
};

} // namespace TcpInspector
