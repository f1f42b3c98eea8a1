// SPDX-License-Identifier: GPL-3.0-or-later
// PLACEHOLDER: to be written.
#include "decodertestutil.h"

#include <QTest>

class tst_LengthDecoder : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(tst_LengthDecoder)
#include "tst_lengthdecoder.moc"
