// SPDX-License-Identifier: GPL-3.0-or-later
// PLACEHOLDER: to be written.
#include "decodertestutil.h"

#include <QTest>

class tst_TlsDecoder : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(tst_TlsDecoder)
#include "tst_tlsdecoder.moc"
