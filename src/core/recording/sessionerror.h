// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

namespace TcpInspector {

/// What is wrong with a session file, or with saving one, and where: every
/// problem names the file offset and the record ("CHNK #17 (connection 3,
/// rx)") so that a bug report can say which bytes to look at.
struct SessionError
{
    enum class Kind {
        NotASession,  ///< wrong magic: another kind of file
        NewerVersion, ///< a major version this build cannot read
        Truncated,    ///< the file ends inside something
        Corrupt,      ///< a checksum or a value that cannot be
        Unsupported,  ///< an unknown mandatory record
        Io,           ///< the system refused a read or a write
        Cancelled,    ///< the user stopped it
        Warning,      ///< everything opened, but something differs (a newer decoder)
    };

    Kind kind = Kind::Corrupt;
    qint64 fileOffset = -1; ///< -1: not about one place in the file
    QString record;         ///< "CHNK #17 (connection 3, rx)", or empty
    QString message;

    /// "offset 4096, CHNK #17 (connection 3, rx): checksum mismatch ..."
    QString toString() const;
    /// "not_a_session", "newer_version", ... for JSON.
    static QString kindKey(Kind kind);
};

} // namespace TcpInspector
