#include "providers/antom/antomsignature.h"
#include "testsupport.h"

#include <QFile>
#include <QtTest>

using namespace CancelDesk::Providers;
using namespace CancelDesk::Providers::Antom;
using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray fixture(const QString &name)
{
    return CancelDesk::Test::fixture(u"antom/"_s + name);
}

// The vector below was produced in the shell, independently of this code:
//   printf 'POST /ams/sandbox/api/v1/payments/cancel\nSANDBOX_5Y0B8N2ZTEST.1685599933871.'
//          '{"paymentId":"2019061218401080010018882020035XXXX"}' > vec.txt   (one line)
//   openssl dgst -sha256 -sign merchant_private_pkcs8.pem vec.txt | base64 -w0
//   python3 -c 'import urllib.parse; print(urllib.parse.quote_plus(<that>))'
const QByteArray kVectorContent =
    "POST /ams/sandbox/api/v1/payments/cancel\n"
    "SANDBOX_5Y0B8N2ZTEST.1685599933871.{\"paymentId\":\"2019061218401080010018882020035XXXX\"}";
const QByteArray kVectorBase64 =
    "XTEZOJKfy0K0Mi8062iR/psZOeShWX7CI58m9B6XaCTQBMcyh+PE/oye1YoHJf8tZ/qVaYf/u6wYymJz6d37Y77RH9Cr"
    "PAUKPkfh5ODAGjC1dAhrOeNocasT0Juj5GjfoyXlbT1rLOS8jHqHnnnPemMvanNDPkHLooeRImcXbg1Zp2DV9vZpt0e/"
    "HVJN+LEtSCIR4iOgPYaAWrXKBCDr3CxquqBrruHjAm9YRXiNchegKrwnFyu6Nbut6hBqaoRLXcSrdoCwWexpW/7ynUIs"
    "KvTk59/2FWbxT630Y96lWwu5FhLtzHRNePmiEe98p1zzTFQwhVWUD47TlMdp5V19xA==";
const QByteArray kVectorUrlEncoded =
    "XTEZOJKfy0K0Mi8062iR%2FpsZOeShWX7CI58m9B6XaCTQBMcyh%2BPE%2Foye1YoHJf8tZ%2FqVaYf%2Fu6wYymJz6"
    "d37Y77RH9CrPAUKPkfh5ODAGjC1dAhrOeNocasT0Juj5GjfoyXlbT1rLOS8jHqHnnnPemMvanNDPkHLooeRImcXbg1Zp"
    "2DV9vZpt0e%2FHVJN%2BLEtSCIR4iOgPYaAWrXKBCDr3CxquqBrruHjAm9YRXiNchegKrwnFyu6Nbut6hBqaoRLXcSr"
    "doCwWexpW%2F7ynUIsKvTk59%2F2FWbxT630Y96lWwu5FhLtzHRNePmiEe98p1zzTFQwhVWUD47TlMdp5V19xA%3D%3D";

std::shared_ptr<const RsaKey> loadPrivateFixture(const QString &name)
{
    const KeyLoadResult loaded = RsaKey::loadPrivate(Secret(fixture(name)));
    if (!loaded.ok())
        qFatal("fixture key %s did not load", qPrintable(name));
    return loaded.key;
}

std::shared_ptr<const RsaKey> loadPublicFixture(const QString &name)
{
    const KeyLoadResult loaded = RsaKey::loadPublic(fixture(name));
    if (!loaded.ok())
        qFatal("fixture key %s did not load", qPrintable(name));
    return loaded.key;
}

} // namespace

class TestAntomSignature : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signingContentLayout();
    void generatedRoundTrip();
    void knownVector_data();
    void knownVector();
    void tamperedFails_data();
    void tamperedFails();
    void wrongKeyFails();
    void publicKeyCannotSign();
    void headerRoundTrip();
    void urlEncodingEdgeCases_data();
    void urlEncodingEdgeCases();
    void parseHeader_data();
    void parseHeader();
    void malformedHeader_data();
    void malformedHeader();
    void keyLoading_data();
    void keyLoading();
    void wrappedBase64Key();
};

void TestAntomSignature::signingContentLayout()
{
    QCOMPARE(signingContent("POST", "/ams/sandbox/api/v1/payments/cancel", "SANDBOX_5Y0B8N2ZTEST",
                            "1685599933871",
                            "{\"paymentId\":\"2019061218401080010018882020035XXXX\"}"),
             kVectorContent);
    // The body goes in verbatim, including bytes that look like separators.
    QCOMPARE(signingContent("POST", "/p", "c", "1", "a.b\nc"), QByteArray("POST /p\nc.1.a.b\nc"));
}

void TestAntomSignature::generatedRoundTrip()
{
    const std::shared_ptr<const RsaKey> key = RsaKey::generate();
    QVERIFY(key);
    QVERIFY(key->isPrivate());
    QCOMPARE(key->bits(), 2048);

    const QByteArray content = signingContent("POST", "/ams/api/v1/payments/inquiryPayment",
                                              "CLIENT", "1700000000000", "{\"paymentId\":\"1\"}");
    const QByteArray signature = key->sign(content);
    QCOMPARE(signature.size(), 256);
    QVERIFY(key->verify(content, signature));

    // Through the PEM exports, as the sandbox stores its keys.
    const KeyLoadResult publicKey = RsaKey::loadPublic(key->publicPem());
    QVERIFY2(publicKey.ok(), qPrintable(publicKey.error));
    QVERIFY(!publicKey.key->isPrivate());
    QVERIFY(publicKey.key->verify(content, signature));

    const Secret pem = key->privatePem();
    QVERIFY(pem.reveal().startsWith("-----BEGIN PRIVATE KEY-----"));
    const KeyLoadResult privateKey = RsaKey::loadPrivate(pem);
    QVERIFY2(privateKey.ok(), qPrintable(privateKey.error));
    // PKCS#1 v1.5 is deterministic: the same key gives the same bytes.
    QCOMPARE(privateKey.key->sign(content), signature);

    // Two generated keys differ.
    const std::shared_ptr<const RsaKey> other = RsaKey::generate();
    QVERIFY(other);
    QVERIFY(!other->verify(content, signature));
}

void TestAntomSignature::knownVector_data()
{
    QTest::addColumn<QString>("file");
    QTest::addRow("pkcs8 pem") << u"merchant_private_pkcs8.pem"_s;
    QTest::addRow("pkcs1 pem") << u"merchant_private_pkcs1.pem"_s;
    QTest::addRow("bare base64 der") << u"merchant_private.b64"_s;
}

void TestAntomSignature::knownVector()
{
    QFETCH(QString, file);
    const std::shared_ptr<const RsaKey> key = loadPrivateFixture(file);
    const QByteArray signature = key->sign(kVectorContent);
    QCOMPARE(signature.toBase64(), kVectorBase64);
    QCOMPARE(encodeSignatureValue(signature), kVectorUrlEncoded);
    QCOMPARE(formatSignatureHeader(signature, 1),
             QByteArray("algorithm=RSA256,keyVersion=1,signature=" + kVectorUrlEncoded));

    QVERIFY(loadPublicFixture(u"merchant_public.pem"_s)->verify(kVectorContent, signature));
    QVERIFY(loadPublicFixture(u"merchant_public.b64"_s)->verify(kVectorContent, signature));
}

void TestAntomSignature::tamperedFails_data()
{
    QTest::addColumn<QByteArray>("content");
    const QByteArray path = "/ams/sandbox/api/v1/payments/cancel";
    const QByteArray client = "SANDBOX_5Y0B8N2ZTEST";
    const QByteArray time = "1685599933871";
    const QByteArray body = "{\"paymentId\":\"2019061218401080010018882020035XXXX\"}";
    QTest::addRow("body") << signingContent(
        "POST", path, client, time, "{\"paymentId\":\"2019061218401080010018882020035XXXY\"}");
    QTest::addRow("body whitespace") << signingContent(
        "POST", path, client, time, "{\"paymentId\": \"2019061218401080010018882020035XXXX\"}");
    QTest::addRow("time") << signingContent("POST", path, client, "1685599933872", body);
    QTest::addRow("path without /ams/sandbox/api")
        << signingContent("POST", "/v1/payments/cancel", client, time, body);
    QTest::addRow("production path")
        << signingContent("POST", "/ams/api/v1/payments/cancel", client, time, body);
    QTest::addRow("client id") << signingContent("POST", path, "SANDBOX_OTHER", time, body);
    QTest::addRow("method") << signingContent("GET", path, client, time, body);
    QTest::addRow("trailing newline") << QByteArray(kVectorContent + '\n');
    QTest::addRow("empty") << QByteArray();
}

void TestAntomSignature::tamperedFails()
{
    QFETCH(QByteArray, content);
    const std::shared_ptr<const RsaKey> publicKey = loadPublicFixture(u"merchant_public.pem"_s);
    const QByteArray signature = QByteArray::fromBase64(kVectorBase64);
    QVERIFY(publicKey->verify(kVectorContent, signature)); // the control
    QVERIFY(!publicKey->verify(content, signature));
}

void TestAntomSignature::wrongKeyFails()
{
    const QByteArray signature = QByteArray::fromBase64(kVectorBase64);
    QVERIFY(!loadPublicFixture(u"antom_public.pem"_s)->verify(kVectorContent, signature));

    QByteArray flipped = signature;
    flipped[100] = char(flipped[100] ^ 0x01);
    const std::shared_ptr<const RsaKey> merchant = loadPublicFixture(u"merchant_public.pem"_s);
    QVERIFY(!merchant->verify(kVectorContent, flipped));
    QVERIFY(!merchant->verify(kVectorContent, signature.left(255)));
    QVERIFY(!merchant->verify(kVectorContent, signature + '\0'));
    QVERIFY(!merchant->verify(kVectorContent, QByteArray()));
    QVERIFY(!merchant->verify(kVectorContent, QByteArray(256, '\0')));
}

void TestAntomSignature::publicKeyCannotSign()
{
    const std::shared_ptr<const RsaKey> key = loadPublicFixture(u"merchant_public.pem"_s);
    QVERIFY(!key->isPrivate());
    QVERIFY(key->sign("anything").isEmpty());
    QVERIFY(key->privatePem().isEmpty());
    QVERIFY(key->publicPem().startsWith("-----BEGIN PUBLIC KEY-----"));
}

void TestAntomSignature::headerRoundTrip()
{
    const QByteArray signature = QByteArray::fromBase64(kVectorBase64);
    const QByteArray header = formatSignatureHeader(signature, 3);
    const QByteArray value = header.mid(header.indexOf("signature=") + 10);
    // URL-encoded: no raw base64 specials survive.
    QVERIFY(!value.contains('+'));
    QVERIFY(!value.contains('/'));
    QVERIFY(!value.contains('='));
    QVERIFY(value.contains("%2B") && value.contains("%2F") && value.contains("%3D"));

    const std::optional<SignatureHeader> parsed = parseSignatureHeader(header);
    QVERIFY(parsed);
    QCOMPARE(parsed->algorithm, QByteArray("RSA256"));
    QCOMPARE(parsed->keyVersion, 3);
    QCOMPARE(parsed->signature, signature);
}

void TestAntomSignature::urlEncodingEdgeCases_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("encoded");
    // base64 "+/8=" → every special at once
    QTest::addRow("plus slash equals") << QByteArray("\xfb\xff", 2) << QByteArray("%2B%2F8%3D");
    // base64 "////" and "++++"
    QTest::addRow("slashes") << QByteArray("\xff\xff\xff", 3) << QByteArray("%2F%2F%2F%2F");
    QTest::addRow("pluses") << QByteArray("\xfb\xef\xbe", 3) << QByteArray("%2B%2B%2B%2B");
    // base64 "AA==": double padding
    QTest::addRow("double padding") << QByteArray("\0", 1) << QByteArray("AA%3D%3D");
    QTest::addRow("no specials") << QByteArray("abc") << QByteArray("YWJj");
}

void TestAntomSignature::urlEncodingEdgeCases()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, encoded);
    QCOMPARE(encodeSignatureValue(raw), encoded);
    QCOMPARE(decodeSignatureValue(encoded), std::optional<QByteArray>(raw));
    // Lower-case hex, and the raw base64 some integrations send, decode too.
    QByteArray lowerHex = encoded;
    lowerHex.replace("%2B", "%2b").replace("%2F", "%2f").replace("%3D", "%3d");
    QCOMPARE(decodeSignatureValue(lowerHex), std::optional<QByteArray>(raw));
    QCOMPARE(decodeSignatureValue(raw.toBase64()), std::optional<QByteArray>(raw));
    QCOMPARE(parseSignatureHeader("signature=" + raw.toBase64())->signature, raw);
    QCOMPARE(parseSignatureHeader("signature=" + encoded)->signature, raw);
}

void TestAntomSignature::parseHeader_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("algorithm");
    QTest::addColumn<int>("keyVersion");

    const QByteArray sig = kVectorUrlEncoded;
    QTest::addRow("sdk form") << "algorithm=RSA256,keyVersion=1,signature=" + sig
                              << QByteArray("RSA256") << 1;
    QTest::addRow("raw base64") << "algorithm=RSA256,keyVersion=1,signature=" + kVectorBase64
                                << QByteArray("RSA256") << 1;
    QTest::addRow("order and spaces")
        << " signature=" + sig + " , keyVersion = 2 ,algorithm=RSA256" << QByteArray("RSA256") << 2;
    QTest::addRow("names any case")
        << "ALGORITHM=RSA256,KeyVersion=7,Signature=" + sig << QByteArray("RSA256") << 7;
    QTest::addRow("no key version")
        << "algorithm=RSA256,signature=" + sig << QByteArray("RSA256") << 0;
    QTest::addRow("signature only") << "signature=" + sig << QByteArray() << 0;
    QTest::addRow("unknown field ignored")
        << "algorithm=RSA256,foo=bar,signature=" + sig << QByteArray("RSA256") << 0;
    QTest::addRow("trailing comma")
        << "algorithm=RSA256,keyVersion=1,signature=" + sig + "," << QByteArray("RSA256") << 1;
}

void TestAntomSignature::parseHeader()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, algorithm);
    QFETCH(int, keyVersion);
    const std::optional<SignatureHeader> parsed = parseSignatureHeader(header);
    QVERIFY(parsed);
    QCOMPARE(parsed->algorithm, algorithm);
    QCOMPARE(parsed->keyVersion, keyVersion);
    QCOMPARE(parsed->signature, QByteArray::fromBase64(kVectorBase64));
}

void TestAntomSignature::malformedHeader_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("spaces") << QByteArray("   ");
    QTest::addRow("no signature") << QByteArray("algorithm=RSA256,keyVersion=1");
    QTest::addRow("empty signature") << QByteArray("algorithm=RSA256,keyVersion=1,signature=");
    QTest::addRow("not base64") << QByteArray("algorithm=RSA256,keyVersion=1,signature=abc$def!");
    QTest::addRow("bad percent") << QByteArray("algorithm=RSA256,keyVersion=1,signature=%ZZabc");
    QTest::addRow("cut percent") << QByteArray("algorithm=RSA256,keyVersion=1,signature=YWJj%2");
    QTest::addRow("percent to junk") << QByteArray("signature=YWJj%00");
    QTest::addRow("bad key version")
        << "algorithm=RSA256,keyVersion=one,signature=" + kVectorUrlEncoded;
    QTest::addRow("negative key version")
        << "algorithm=RSA256,keyVersion=-1,signature=" + kVectorUrlEncoded;
    QTest::addRow("duplicate signature")
        << "signature=" + kVectorUrlEncoded + ",signature=" + kVectorUrlEncoded;
    QTest::addRow("part without =") << "algorithm=RSA256,garbage,signature=" + kVectorUrlEncoded;
    QTest::addRow("bare value") << kVectorUrlEncoded;
}

void TestAntomSignature::malformedHeader()
{
    QFETCH(QByteArray, header);
    QVERIFY(!parseSignatureHeader(header).has_value());
}

void TestAntomSignature::keyLoading_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("asPrivate");
    QTest::addColumn<bool>("ok");

    QTest::addRow("private pkcs8 pem") << u"merchant_private_pkcs8.pem"_s << true << true;
    QTest::addRow("private pkcs1 pem") << u"merchant_private_pkcs1.pem"_s << true << true;
    QTest::addRow("private bare base64") << u"merchant_private.b64"_s << true << true;
    QTest::addRow("public spki pem") << u"merchant_public.pem"_s << false << true;
    QTest::addRow("public bare base64") << u"merchant_public.b64"_s << false << true;

    QTest::addRow("public key as private") << u"merchant_public.pem"_s << true << false;
    QTest::addRow("public base64 as private") << u"merchant_public.b64"_s << true << false;
    QTest::addRow("private key as public") << u"merchant_private_pkcs8.pem"_s << false << false;
    QTest::addRow("private base64 as public") << u"merchant_private.b64"_s << false << false;
    QTest::addRow("encrypted private") << u"merchant_private_encrypted.pem"_s << true << false;
    QTest::addRow("ec private") << u"ec_private.pem"_s << true << false;
    QTest::addRow("ec public") << u"ec_public.pem"_s << false << false;
    QTest::addRow("rsa 1024 private") << u"rsa1024_private.pem"_s << true << false;
    QTest::addRow("rsa 1024 public") << u"rsa1024_public.pem"_s << false << false;
    QTest::addRow("garbage private") << u"@garbage"_s << true << false;
    QTest::addRow("garbage public") << u"@garbage"_s << false << false;
    QTest::addRow("garbage pem private") << u"@garbage-pem"_s << true << false;
    QTest::addRow("garbage pem public") << u"@garbage-pem-public"_s << false << false;
    QTest::addRow("valid base64 not a key") << u"@base64-junk"_s << true << false;
    QTest::addRow("empty private") << u"@empty"_s << true << false;
    QTest::addRow("empty public") << u"@empty"_s << false << false;
}

void TestAntomSignature::keyLoading()
{
    QFETCH(QString, file);
    QFETCH(bool, asPrivate);
    QFETCH(bool, ok);

    QByteArray input;
    if (file == "@garbage"_L1)
        input = "SECRETMARKER-not-a-key-at-all";
    else if (file == "@garbage-pem"_L1)
        input = "-----BEGIN PRIVATE KEY-----\nSECRETMARKERabcdefgh\n-----END PRIVATE KEY-----\n";
    else if (file == "@garbage-pem-public"_L1)
        input = "-----BEGIN PUBLIC KEY-----\nSECRETMARKERabcdefgh\n-----END PUBLIC KEY-----\n";
    else if (file == "@base64-junk"_L1)
        input = QByteArray("SECRETMARKER this is no DER key").toBase64();
    else if (file == "@empty"_L1)
        input = "";
    else
        input = fixture(file);

    const KeyLoadResult loaded =
        asPrivate ? RsaKey::loadPrivate(Secret(input)) : RsaKey::loadPublic(input);
    QCOMPARE(loaded.ok(), ok);
    if (ok) {
        QVERIFY(loaded.error.isEmpty());
        QCOMPARE(loaded.key->isPrivate(), asPrivate);
        QCOMPARE(loaded.key->bits(), 2048);
        return;
    }
    QVERIFY(!loaded.key);
    QVERIFY(!loaded.error.isEmpty());
    // The message never quotes the input.
    QVERIFY2(!loaded.error.contains("SECRETMARKER"_L1), qPrintable(loaded.error));
    QVERIFY2(!loaded.error.contains("MII"_L1), qPrintable(loaded.error));
    for (const QByteArray &line : input.split('\n')) {
        if (line.size() >= 12 && !line.startsWith("-----"))
            QVERIFY2(!loaded.error.contains(QString::fromLatin1(line.left(12))),
                     qPrintable(loaded.error));
    }
}

void TestAntomSignature::wrappedBase64Key()
{
    // Copied out of a dashboard or an e-mail: wrapped, indented, CRLF.
    const QByteArray flat = fixture(u"merchant_private.b64"_s).trimmed();
    QByteArray wrapped = "  ";
    for (qsizetype i = 0; i < flat.size(); i += 64)
        wrapped += flat.mid(i, 64) + "\r\n\t";
    const KeyLoadResult loaded = RsaKey::loadPrivate(Secret(wrapped));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QCOMPARE(loaded.key->sign(kVectorContent).toBase64(), kVectorBase64);
}

QTEST_GUILESS_MAIN(TestAntomSignature)
#include "tst_antomsignature.moc"
