// The configuration reader (app/config/appconfig.*): the input is a whole
// canceldesk.ini, written to a private temporary folder that also holds a
// usable Antom key pair, so that *_file keys can name real files.

#include "config/appconfig.h"
#include "fuzzcheck.h"
#include "providers/antom/antomsignature.h"
#include "providers/httpclient.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace CancelDesk;
using namespace Qt::Literals::StringLiterals;

namespace {

void writePrivate(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    FUZZ_CHECK(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    FUZZ_CHECK(file.write(bytes) == bytes.size());
    FUZZ_CHECK(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
}

struct Fixture
{
    QTemporaryDir dir;
    Fixture()
    {
        QStandardPaths::setTestModeEnabled(true);
        FUZZ_CHECK(dir.isValid());
        const auto key = Providers::Antom::RsaKey::generate();
        FUZZ_CHECK(key);
        writePrivate(dir.filePath(u"merchant_private.pem"_s), key->privatePem().reveal());
        writePrivate(dir.filePath(u"antom_public.pem"_s), key->publicPem());
        writePrivate(dir.filePath(u"uqpay_api_key"_s), "fuzz-uqpay-key\n");
    }
};

bool inRange(qint64 value, qint64 min, qint64 max)
{
    return value >= min && value <= max;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static Fixture f;
    // A new name each time: QSettings caches a file by name and would miss a
    // rewrite within the same millisecond of the same size.
    static quint64 counter = 0;
    const QString path = f.dir.filePath(u"canceldesk-%1.ini"_s.arg(++counter));
    writePrivate(path, Fuzz::bytes(data, size));

    const Config::SecretLookup lookup = [](const QString &key) -> QByteArray {
        return key == u"liquido/api_key"_s ? QByteArray("fuzz-liquido-key") : QByteArray();
    };
    const Config::ConfigLoad load = Config::loadConfig(path, lookup);
    QFile::remove(path);

    const Config::AppConfig &c = load.config;
    FUZZ_CHECK(c.path == QFileInfo(path).absoluteFilePath());
    if (!load.ok()) {
        // Never half a configuration.
        FUZZ_CHECK(!c.hasProviders());
        return 0;
    }
    FUZZ_CHECK(c.environment == u"sandbox"_s || c.environment == u"test"_s
               || c.environment == u"production"_s);
    const Services::WorkflowSettings &n = c.network;
    FUZZ_CHECK(inRange(n.timeout.count(), 100, 600000));
    FUZZ_CHECK(inRange(n.maxRetries, 0, 20));
    FUZZ_CHECK(inRange(n.retryBase.count(), 1, 600000));
    FUZZ_CHECK(inRange(n.confirmTimeout.count(), 1, 86400));
    FUZZ_CHECK(inRange(n.pollInterval.count(), 10, 3600000));
    FUZZ_CHECK(inRange(n.concurrency, 1, 64));
    // Every configured provider is complete and reachable only over an
    // allowed URL.
    if (const auto &u = c.providers.uqpay) {
        FUZZ_CHECK(!u->clientId.isEmpty() && !u->apiKey.isEmpty());
        FUZZ_CHECK(Providers::HttpClient::isAllowedUrl(u->baseUrl));
    }
    if (const auto &a = c.providers.antom) {
        FUZZ_CHECK(!a->clientId.isEmpty() && !a->merchantPrivateKey.isEmpty());
        FUZZ_CHECK(Providers::HttpClient::isAllowedUrl(a->baseUrl));
        FUZZ_CHECK(inRange(a->keyVersion, 1, 1000000));
    }
    if (const auto &l = c.providers.liquido) {
        FUZZ_CHECK(!l->clientId.isEmpty() && !l->clientSecret.isEmpty() && !l->apiKey.isEmpty());
        FUZZ_CHECK(Providers::HttpClient::isAllowedUrl(l->baseUrl));
        FUZZ_CHECK(Providers::HttpClient::isAllowedUrl(l->authUrl));
    }
    return 0;
}
