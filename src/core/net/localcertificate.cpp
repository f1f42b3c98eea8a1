// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/localcertificate.h"

#include "text/tr.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDevice>
#include <QStandardPaths>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <memory>

namespace TcpInspector {

namespace {

constexpr int validDays = 365;

struct Deleter
{
    void operator()(X509 *x) const { X509_free(x); }
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
    void operator()(BIO *b) const { BIO_free(b); }
};

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(size));
}

bool addExtension(X509 *certificate, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    const bool added = extension && X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

/// A P-256 key and a certificate for it, self-signed; PEM each, or empty.
bool make(QByteArray *certificatePem, QByteArray *keyPem)
{
    std::unique_ptr<EVP_PKEY, Deleter> key(EVP_EC_gen("P-256"));
    std::unique_ptr<X509, Deleter> certificate(X509_new());
    if (!key || !certificate)
        return false;
    X509 *x = certificate.get();
    X509_set_version(x, 2);
    ASN1_INTEGER_set_int64(X509_get_serialNumber(x), QDateTime::currentSecsSinceEpoch());
    X509_gmtime_adj(X509_getm_notBefore(x), -60); // a clock a little behind still accepts it
    X509_gmtime_adj(X509_getm_notAfter(x), long(validDays) * 24 * 3600);
    X509_set_pubkey(x, key.get());
    X509_NAME *name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(
        name, "O", MBSTRING_UTF8,
        reinterpret_cast<const unsigned char *>("TCP Inspector, for local testing only"), -1, -1,
        0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>("localhost"), -1, -1, 0);
    X509_set_issuer_name(x, name);
    // Its own CA, as `openssl req -x509` makes: a client trusts it with --ca.
    if (!addExtension(x, NID_basic_constraints, "critical,CA:TRUE")
        || !addExtension(x, NID_subject_key_identifier, "hash")
        || !addExtension(x, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1")
        || X509_sign(x, key.get(), EVP_sha256()) == 0)
        return false;
    std::unique_ptr<BIO, Deleter> certificateBio(BIO_new(BIO_s_mem()));
    std::unique_ptr<BIO, Deleter> keyBio(BIO_new(BIO_s_mem()));
    if (!certificateBio || !keyBio || PEM_write_bio_X509(certificateBio.get(), x) != 1
        || PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)
               != 1)
        return false;
    *certificatePem = bioBytes(certificateBio.get());
    *keyPem = bioBytes(keyBio.get());
    return true;
}

/// The certificate in path expires after a day from now.
bool stillGood(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray pem = file.readAll();
    std::unique_ptr<BIO, Deleter> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    std::unique_ptr<X509, Deleter> certificate(
        bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    ERR_clear_error();
    if (!certificate)
        return false;
    time_t tomorrow = time(nullptr) + time_t(24) * 3600;
    return X509_cmp_time(X509_get0_notAfter(certificate.get()), &tomorrow) > 0;
}

bool writeFile(const QString &path, const QByteArray &bytes, QFileDevice::Permissions permissions)
{
    QFile file(path);
    // Permissions before the key goes in: never readable by others, even briefly.
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.setPermissions(permissions)
           && file.write(bytes) == bytes.size() && file.flush();
}

} // namespace

QString LocalCertificate::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/tls");
}

LocalCertificate LocalCertificate::ensure(const QString &folder, QString *error)
{
    LocalCertificate result;
    const QDir dir(folder);
    result.certificateFile = dir.filePath(QStringLiteral("localhost-cert.pem"));
    result.keyFile = dir.filePath(QStringLiteral("localhost-key.pem"));
    if (stillGood(result.certificateFile) && QFile::exists(result.keyFile))
        return result;
    QByteArray certificate;
    QByteArray key;
    if (!QDir().mkpath(folder) || !make(&certificate, &key)
        || !writeFile(result.keyFile, key, QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || !writeFile(result.certificateFile, certificate,
                      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                          | QFileDevice::ReadOther)) {
        *error = Tr::tr("Cannot make a certificate for localhost in %1.").arg(folder);
        ERR_clear_error();
        return {};
    }
    result.made = true;
    return result;
}

} // namespace TcpInspector
