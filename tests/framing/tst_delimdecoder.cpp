// SPDX-License-Identifier: GPL-3.0-or-later
// PLACEHOLDER: to be written.
#include "decodertestutil.h"

#include <QTest>

class tst_DelimDecoder : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(tst_DelimDecoder)
#include "tst_delimdecoder.moc"
