// SPDX-License-Identifier: GPL-3.0-or-later
#include "junitreport.h"

#include "clitr.h"

#include <QFileInfo>
#include <QSaveFile>
#include <QXmlStreamWriter>

#include <algorithm>

namespace TcpInspector {

namespace {
QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 3);
}
} // namespace

void JunitReport::addFile(const ScenarioFile &file, const QList<StepResult> &results, qint64 ms)
{
    Suite suite;
    suite.name = file.path;
    suite.ms = ms;
    for (int i = 0; i < file.scenarios.size(); ++i) {
        const Scenario &scenario = file.scenarios.at(i);
        Case testCase;
        testCase.name = scenario.name;
        bool ran = false;
        for (const StepResult &result : results) {
            if (result.scenario != i)
                continue;
            testCase.ms += result.ms;
            ran |= result.status != StepResult::Status::Skipped;
            if (result.status != StepResult::Status::Failed || !testCase.failure.isEmpty())
                continue;
            testCase.failure = result.message;
            const QString source = scenario.steps.value(result.step).source;
            testCase.failureDetail
                = QStringLiteral("%1:%2: %3").arg(file.path).arg(result.line).arg(source);
            if (!result.expected.isEmpty())
                testCase.failureDetail += QStringLiteral("\nexpected: ") + result.expected;
            if (!result.received.isEmpty())
                testCase.failureDetail += QStringLiteral("\nreceived: ") + result.received;
        }
        testCase.skipped = !ran && testCase.failure.isEmpty();
        suite.cases.append(testCase);
    }
    m_suites.append(suite);
}

bool JunitReport::write(const QString &path, QString *error) const
{
    // Whole or not at all: a CI job that reads a half-written report fails
    // for the wrong reason.
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        *error = CliTr::tr("Cannot write the JUnit report %1: %2. Check the folder exists and "
                           "you may write there.")
                     .arg(path, out.errorString());
        return false;
    }
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("testsuites"));
    for (const Suite &suite : m_suites) {
        const auto failures = std::count_if(suite.cases.begin(), suite.cases.end(),
                                            [](const Case &c) { return !c.failure.isEmpty(); });
        const auto skipped = std::count_if(suite.cases.begin(), suite.cases.end(),
                                           [](const Case &c) { return c.skipped; });
        xml.writeStartElement(QStringLiteral("testsuite"));
        xml.writeAttribute(QStringLiteral("name"), suite.name);
        xml.writeAttribute(QStringLiteral("tests"), QString::number(suite.cases.size()));
        xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
        xml.writeAttribute(QStringLiteral("errors"), QStringLiteral("0"));
        xml.writeAttribute(QStringLiteral("skipped"), QString::number(skipped));
        xml.writeAttribute(QStringLiteral("time"), seconds(suite.ms));
        for (const Case &testCase : suite.cases) {
            xml.writeStartElement(QStringLiteral("testcase"));
            xml.writeAttribute(QStringLiteral("name"), testCase.name);
            xml.writeAttribute(QStringLiteral("classname"),
                               QFileInfo(suite.name).completeBaseName());
            xml.writeAttribute(QStringLiteral("time"), seconds(testCase.ms));
            if (!testCase.failure.isEmpty()) {
                xml.writeStartElement(QStringLiteral("failure"));
                xml.writeAttribute(QStringLiteral("message"), testCase.failure);
                xml.writeCharacters(testCase.failureDetail);
                xml.writeEndElement();
            } else if (testCase.skipped) {
                xml.writeEmptyElement(QStringLiteral("skipped"));
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    if (!out.commit()) {
        *error = CliTr::tr("Cannot write the JUnit report %1: %2.").arg(path, out.errorString());
        return false;
    }
    return true;
}

} // namespace TcpInspector
