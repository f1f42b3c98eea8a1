// SPDX-License-Identifier: GPL-3.0-or-later
// Replays every fuzz corpus under the given folder (corpus/<target>/*) through
// the same harness as the fuzzers, in the normal build: a ctest, so a crash a
// fuzzer once found stays fixed.
#include "fuzzharness.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cstdio>

using namespace TcpInspector::Fuzz;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzzreplay CORPUS_ROOT\n");
        return 2;
    }
    const QDir root(QString::fromLocal8Bit(argv[1]));
    int files = 0;
    for (size_t i = 0; i < fuzzTargetCount; ++i) {
        const QDir dir(root.filePath(QString::fromLatin1(fuzzTargets[i].name)));
        const QStringList names = dir.entryList(QDir::Files, QDir::Name);
        if (names.isEmpty()) {
            std::fprintf(stderr, "no corpus for fuzz target %s in %s\n", fuzzTargets[i].name,
                         qPrintable(dir.path()));
            return 1;
        }
        for (const QString &name : names) {
            QFile file(dir.filePath(name));
            if (!file.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "cannot read %s\n", qPrintable(file.fileName()));
                return 1;
            }
            const QByteArray bytes = file.readAll();
            const auto *data = reinterpret_cast<const uint8_t *>(bytes.constData());
            runFuzzTarget(fuzzTargets[i], data, size_t(bytes.size()));
            ++files;
        }
    }
    std::printf("replayed %d corpus files over %zu fuzz targets\n", files, fuzzTargetCount);
    return 0;
}
