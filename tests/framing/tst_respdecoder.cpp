// SPDX-License-Identifier: GPL-3.0-or-later
// PLACEHOLDER: to be written.
#include "decodertestutil.h"

#include <QTest>

class tst_RespDecoder : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(tst_RespDecoder)
#include "tst_respdecoder.moc"
