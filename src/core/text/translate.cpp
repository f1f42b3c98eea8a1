// SPDX-License-Identifier: GPL-3.0-or-later
#include "text/translate.h"

#include <QCoreApplication>

namespace TcpInspector {

QString translateIn(const char *context, const char *text)
{
    const QString source = QString::fromUtf8(text);
    const QString translated = QCoreApplication::translate(context, text);
    if (translated != source)
        return translated;
    return QCoreApplication::translate("TcpInspector", text);
}

} // namespace TcpInspector
