// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

/// What each framing's kind numbers are called, written out here rather than
/// taken from the decoders, so a renamed key fails the test.
inline QString expectedKindName(const QString &framing, int kind)
{
    static const QHash<int, QString> resp {
        {'+', "simple_string"}, {'-', "simple_error"},
        {':', "integer"},       {'$', "bulk_string"},
        {'*', "array"},         {'_', "null"},
        {',', "double"},        {'#', "boolean"},
        {'!', "bulk_error"},    {'=', "verbatim_string"},
        {'(', "big_number"},    {'%', "map"},
        {'~', "set"},           {'>', "push"},
    };
    static const QHash<int, QString> tls {
        {20, "change_cipher_spec"}, {21, "alert"},     {22, "handshake"},
        {23, "application_data"},   {24, "heartbeat"},
    };
    static const QHash<int, QString> http {
        {1, "request"},
        {2, "response"},
        {3, "tunnel"},
        {0x101, "request_chunked"},
        {0x102, "response_chunked"},
    };
    if (framing == QLatin1String("resp"))
        return resp.value(kind);
    if (framing == QLatin1String("tls"))
        return tls.value(kind);
    if (framing == QLatin1String("http"))
        return http.value(kind);
    return QString(); // no names: delim's kind is an index
}
