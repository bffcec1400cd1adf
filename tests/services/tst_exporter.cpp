#include "services/exporter.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtEndian>
#include <QThread>
#include <QtTest>

#include <memory>
#include <zlib.h>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using namespace CancelDesk::Services;
using Domain::CancelReason;
using Domain::Provider;
using Storage::AttemptState;
using Storage::CancelAttempt;
using Test::at;

Q_DECLARE_METATYPE(CancelDesk::Services::ExportFormat)

namespace {

const QByteArray kBom = QByteArrayLiteral("\xEF\xBB\xBF");
const QString kMessage = u"Declined, \"card\" locked\nretry later"_s;
const QString kChinese = u"客户要求取消，重复付款"_s;

QTimeZone zone(const char *id)
{
    return QTimeZone(QByteArray(id));
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// RFC 4180 reader: records end with CRLF; a bare CR or LF outside quotes is a
// failure, so the test notices a writer that gets line ends wrong.
std::optional<QList<QStringList>> parseCsv(const QString &text)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    bool wasQuoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == u'"') {
            if (!field.isEmpty() || wasQuoted)
                return std::nullopt; // a quote inside an unquoted field
            quoted = wasQuoted = true;
        } else if (c == u',') {
            record << field;
            field.clear();
            wasQuoted = false;
        } else if (c == u'\r') {
            if (i + 1 >= text.size() || text.at(i + 1) != u'\n')
                return std::nullopt;
            ++i;
            record << field;
            records << record;
            record.clear();
            field.clear();
            wasQuoted = false;
        } else if (c == u'\n') {
            return std::nullopt;
        } else {
            if (wasQuoted)
                return std::nullopt; // text after a closing quote
            field += c;
        }
    }
    if (quoted || !field.isEmpty() || !record.isEmpty())
        return std::nullopt; // the last record must end with CRLF too
    return records;
}

// Just enough of ZIP for what libxlsxwriter writes: the central directory,
// stored or deflated entries, no ZIP64.
class Zip
{
public:
    explicit Zip(QByteArray data)
        : m_data(std::move(data))
    {
        const qsizetype eocd = m_data.lastIndexOf(QByteArrayLiteral("PK\x05\x06"));
        if (eocd < 0 || eocd + 22 > m_data.size())
            return;
        const quint16 count = u16(eocd + 10);
        qsizetype p = u32(eocd + 16);
        for (int i = 0; i < count; ++i) {
            if (p + 46 > m_data.size() || u32(p) != 0x02014b50)
                return;
            Entry e;
            e.method = u16(p + 10);
            e.compressed = u32(p + 20);
            e.size = u32(p + 24);
            const quint16 nameLength = u16(p + 28);
            e.local = u32(p + 42);
            const QString name = QString::fromUtf8(m_data.mid(p + 46, nameLength));
            m_entries.insert(name, e);
            p += 46 + nameLength + u16(p + 30) + u16(p + 32);
        }
        m_valid = true;
    }

    bool isValid() const { return m_valid; }
    QStringList names() const { return m_entries.keys(); }

    std::optional<QByteArray> file(const QString &name) const
    {
        const auto it = m_entries.constFind(name);
        if (it == m_entries.cend())
            return std::nullopt;
        const Entry &e = *it;
        if (e.local + 30 > m_data.size() || u32(e.local) != 0x04034b50)
            return std::nullopt;
        const qsizetype start = e.local + 30 + u16(e.local + 26) + u16(e.local + 28);
        const QByteArray raw = m_data.mid(start, e.compressed);
        if (e.method == 0)
            return raw;
        if (e.method != 8)
            return std::nullopt;
        QByteArray out(qsizetype(e.size), Qt::Uninitialized);
        z_stream z{};
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
            return std::nullopt;
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(raw.constData()));
        z.avail_in = uInt(raw.size());
        z.next_out = reinterpret_cast<Bytef *>(out.data());
        z.avail_out = uInt(out.size());
        const int rc = inflate(&z, Z_FINISH);
        inflateEnd(&z);
        if (rc != Z_STREAM_END || z.total_out != e.size)
            return std::nullopt;
        return out;
    }

private:
    struct Entry
    {
        quint16 method = 0;
        quint32 compressed = 0;
        quint32 size = 0;
        quint32 local = 0;
    };

    quint16 u16(qsizetype at) const { return qFromLittleEndian<quint16>(m_data.constData() + at); }
    quint32 u32(qsizetype at) const { return qFromLittleEndian<quint32>(m_data.constData() + at); }

    QByteArray m_data;
    QMap<QString, Entry> m_entries;
    bool m_valid = false;
};

QString xmlEscaped(QString s)
{
    return s.replace(u'&', u"&amp;"_s).replace(u'<', u"&lt;"_s).replace(u'>', u"&gt;"_s);
}

// One cell of a worksheet's XML by its reference ("E2"); empty when the sheet
// has no such cell (an empty value is not written at all).
QString cellXml(const QString &sheet, const QString &ref)
{
    const QRegularExpression re(u"<c r=\"%1\"(?: [^>/]*)?(?:/>|>.*?</c>)"_s.arg(ref));
    return re.match(sheet).captured(0);
}

// A numeric cell: no t attribute (t="inlineStr", "s", "str" are text) and a <v>.
bool isNumericCell(const QString &cell)
{
    return !cell.isEmpty() && !cell.contains(u" t=\""_s) && cell.contains(u"<v>"_s);
}

double cellNumber(const QString &cell)
{
    static const QRegularExpression re(u"<v>([^<]*)</v>"_s);
    return re.match(cell).captured(1).toDouble();
}

// The text of an inline-string cell (constant-memory mode writes no shared strings).
QString cellText(const QString &cell)
{
    static const QRegularExpression re(u"<t[^>]*>([^<]*)</t>"_s);
    return re.match(cell).captured(1);
}

// The number format code of a cell's style ("#,##0.00"), from styles.xml:
// the cell's s attribute indexes <cellXfs>, whose numFmtId names a custom
// <numFmt> (ids from 164) or a built-in one ("General" for 0).
QString numberFormatOf(const QString &cell, const QString &styles)
{
    static const QRegularExpression styleRe(u" s=\"(\\d+)\""_s);
    const int s = styleRe.match(cell).hasMatch() ? styleRe.match(cell).captured(1).toInt() : 0;
    const qsizetype xfsStart = styles.indexOf(u"<cellXfs"_s);
    const qsizetype xfsEnd = styles.indexOf(u"</cellXfs>"_s);
    if (xfsStart < 0 || xfsEnd < 0)
        return {};
    const QString xfs = styles.mid(xfsStart, xfsEnd - xfsStart);
    static const QRegularExpression xfRe(u"<xf ([^>]*)>"_s);
    QRegularExpressionMatchIterator it = xfRe.globalMatch(xfs);
    QString xf;
    for (int i = 0; i <= s && it.hasNext(); ++i)
        xf = it.next().captured(1);
    static const QRegularExpression idRe(u"numFmtId=\"(\\d+)\""_s);
    const int id = idRe.match(xf).captured(1).toInt();
    if (id == 0)
        return u"General"_s;
    const QRegularExpression fmtRe(u"<numFmt numFmtId=\"%1\" formatCode=\"([^\"]*)\""_s.arg(id));
    const QRegularExpressionMatch m = fmtRe.match(styles);
    return m.hasMatch() ? m.captured(1) : u"builtin:%1"_s.arg(id);
}

// Excel's serial date-time (days since 1899-12-30) of a wall-clock time.
double excelSerial(const QDateTime &wallClock)
{
    const QDate epoch(1899, 12, 30);
    return double(epoch.daysTo(wallClock.date()))
           + wallClock.time().msecsSinceStartOfDay() / 86400000.0;
}

} // namespace

class TestExporter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void formatKeys_data();
    void formatKeys();
    void columns();
    void csvField_data();
    void csvField();

    void csvContents();
    void csvWithoutBom();
    void csvLocalizedHeaders();
    void jsonLines();
    void xlsx();
    void xlsxLocalizedHeaders();
    void xlsxAmountsAreNumbersWithTheCurrencyDecimals_data();
    void xlsxAmountsAreNumbersWithTheCurrencyDecimals();
    void localTimesCarryTheZoneOffset_data();
    void localTimesCarryTheZoneOffset();
    void localTimesFollowTransitionsWithinOneExport();
    void everyCellIsTheStoredAttempt_data();
    void everyCellIsTheStoredAttempt();

    void dateRangeIsInclusiveInTheOperatorZone_data();
    void dateRangeIsInclusiveInTheOperatorZone();
    void filtersApply();

    void emptyLog_data();
    void emptyLog();
    void backgroundExportReportsProgressAndFinishesOnce();
    void stopLeavesNoFile_data();
    void stopLeavesNoFile();
    void unwritableFolderFails_data();
    void unwritableFolderFails();
    void manifestBesideEveryExport_data();
    void manifestBesideEveryExport();
    void manifestOfAFilteredExportCarriesTheWholeHead();
    void readManifestRefusesWhatIsNotOne();

private:
    // Three attempts in 2024-03-01 (Shanghai): a formula-like note, "+1", a
    // Chinese note that is still PREPARED (no finished time).
    void seedThree();
    CancelAttempt addAttempt(const QString &paymentId, const QDateTime &requestedAt,
                             CancelReason reason, const QString &note,
                             std::optional<AttemptState> finalState, const QString &message = {},
                             const Domain::Money &amount = {1012, u"USD"_s});
    QString path(const QString &name) const { return m_dir->filePath(name); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Storage::Database> m_db;
    std::unique_ptr<Storage::CancelJournal> m_journal;
    QList<CancelAttempt> m_seeded;
};

void TestExporter::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<ExportResult>();
}

void TestExporter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = std::make_unique<Storage::Database>(Test::storeLocation(*m_dir, u"canceldesk.db"_s));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
    m_journal = std::make_unique<Storage::CancelJournal>(*m_db);
    m_seeded.clear();
}

void TestExporter::cleanup()
{
    m_journal.reset();
    m_db.reset();
    m_dir.reset();
}

CancelAttempt TestExporter::addAttempt(const QString &paymentId, const QDateTime &requestedAt,
                                       CancelReason reason, const QString &note,
                                       std::optional<AttemptState> finalState,
                                       const QString &message, const Domain::Money &amount)
{
    CancelAttempt a;
    a.provider = Provider::Uqpay;
    a.paymentId = paymentId;
    a.merchantReference = u"REF-"_s + paymentId;
    a.amount = amount;
    a.paymentMethod = u"CARD"_s;
    a.operatorName = u"li.na"_s;
    a.environment = u"sandbox"_s;
    a.reason = reason;
    a.note = note;
    a.requestedAt = requestedAt;
    a.statusBefore = u"PENDING"_s;
    const Storage::JournalResult prepared = m_journal->prepare(a);
    if (!prepared.ok())
        qFatal("prepare failed: %s", qPrintable(prepared.message));
    if (!finalState)
        return prepared.attempt;
    CancelAttempt done = prepared.attempt;
    done.state = *finalState;
    done.providerCode = u"SUCCESS"_s;
    done.providerMessage = message;
    done.httpStatus = 200;
    done.tries = 2;
    done.latencyMs = 345;
    done.statusAfter = u"CANCELLED"_s;
    done.finishedAt = requestedAt.addSecs(3);
    const Storage::JournalResult recorded = m_journal->record(done);
    if (!recorded.ok())
        qFatal("record failed: %s", qPrintable(recorded.message));
    return recorded.attempt;
}

void TestExporter::seedThree()
{
    m_seeded << addAttempt(u"P-1"_s, at(u"2024-03-01T10:00:00+08:00"_s), CancelReason::Other,
                           u"=cmd|' /C calc'!A0"_s, AttemptState::Succeeded, kMessage);
    m_seeded << addAttempt(u"P-2"_s, at(u"2024-03-01T11:00:00+08:00"_s), CancelReason::Duplicate,
                           u"+1"_s, AttemptState::Rejected, u"-5 is not allowed"_s);
    m_seeded << addAttempt(u"P-3"_s, at(u"2024-03-01T12:00:00+08:00"_s),
                           CancelReason::RequestedByCustomer, kChinese, std::nullopt);
}

void TestExporter::formatKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("known");
    QTest::addColumn<ExportFormat>("format");
    QTest::addRow("csv") << u"csv"_s << true << ExportFormat::Csv;
    QTest::addRow("xlsx") << u"xlsx"_s << true << ExportFormat::Xlsx;
    QTest::addRow("jsonl") << u"jsonl"_s << true << ExportFormat::JsonLines;
    QTest::addRow("json") << u"json"_s << false << ExportFormat::Csv;
    QTest::addRow("empty") << QString() << false << ExportFormat::Csv;
}

void TestExporter::formatKeys()
{
    QFETCH(QString, key);
    QFETCH(bool, known);
    QFETCH(ExportFormat, format);
    const std::optional<ExportFormat> parsed = exportFormatFromKey(key);
    QCOMPARE(parsed.has_value(), known);
    if (known) {
        QCOMPARE(*parsed, format);
        QCOMPARE(exportFormatKey(format), key);
    }
}

void TestExporter::csvField_data()
{
    // The one CSV field writer of F15 (exports, the bulk cancel report, the CLI):
    // a leading = + - @ tab or CR is neutralised with a quote, then RFC 4180.
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    QTest::addRow("plain") << u"PAY-1"_s << u"PAY-1"_s;
    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("=") << u"=SUM(A1)"_s << u"'=SUM(A1)"_s;
    QTest::addRow("+") << u"+1"_s << u"'+1"_s;
    QTest::addRow("-") << u"-2"_s << u"'-2"_s;
    QTest::addRow("@") << u"@cmd"_s << u"'@cmd"_s;
    QTest::addRow("tab") << u"\tx"_s << u"'\tx"_s;
    QTest::addRow("CR") << u"\rx"_s << u"\"'\rx\""_s;
    QTest::addRow("inside") << u"a=b"_s << u"a=b"_s;
    QTest::addRow("comma") << u"a,b"_s << u"\"a,b\""_s;
    QTest::addRow("quote") << u"say \"hi\""_s << u"\"say \"\"hi\"\"\""_s;
    QTest::addRow("newline") << u"a\nb"_s << u"\"a\nb\""_s;
    QTest::addRow("formula and comma") << u"=1,2"_s << u"\"'=1,2\""_s;
    QTest::addRow("chinese") << u"客户要求取消"_s << u"客户要求取消"_s;
}

void TestExporter::csvField()
{
    QFETCH(QString, text);
    QFETCH(QString, field);
    QCOMPARE(Services::csvField(text), field);
}

void TestExporter::columns()
{
    const QStringList expected =
        u"attempt_id, provider, payment_id, merchant_reference, amount, "
        "currency, payment_method, reason_code, reason, note, operator, "
        "environment, idempotency_key, outcome, provider_code, "
        "provider_message, http_status, tries, requested_at_utc, "
        "requested_at_local, finished_at_utc, finished_at_local, "
        "latency_ms, status_before, status_after, entry_hash"_s.split(u", "_s);
    QCOMPARE(exportColumns(), expected);
    for (const QString &key : expected)
        QVERIFY(!exportColumnTitle(key).isEmpty());
    QCOMPARE(exportColumnTitle(u"attempt_id"_s), u"Attempt ID"_s);
    QCOMPARE(exportColumnTitle(u"no_such"_s), u"no_such"_s);
}

void TestExporter::csvContents()
{
    seedThree();
    Exporter exporter(*m_db);
    ExportOptions options;
    options.operatorZone = zone("Asia/Shanghai");
    const QString file = path(u"log.csv"_s);
    const ExportResult result = exporter.exportNow(file, options);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.rows, 3);

    const QByteArray bytes = readAll(file);
    QVERIFY(bytes.startsWith(kBom));
    QVERIFY(bytes.mid(3).startsWith("attempt_id,provider,payment_id,"));
    const auto records = parseCsv(QString::fromUtf8(bytes.mid(3)));
    QVERIFY(records);
    QCOMPARE(records->size(), 4);
    QCOMPARE(records->at(0), exportColumns());
    const QStringList keys = exportColumns();
    const auto value = [&](int row, const char *key) {
        return records->at(row).at(keys.indexOf(QString::fromLatin1(key)));
    };
    for (const QStringList &r : *records)
        QCOMPARE(r.size(), keys.size());

    // Row 1: the formula guard, and a message with comma, quote and newline.
    QCOMPARE(value(1, "attempt_id"), QString::number(m_seeded[0].id));
    QCOMPARE(value(1, "provider"), u"uqpay"_s);
    QCOMPARE(value(1, "payment_id"), u"P-1"_s);
    QCOMPARE(value(1, "amount"), u"10.12"_s);
    QCOMPARE(value(1, "currency"), u"USD"_s);
    QCOMPARE(value(1, "reason_code"), u"other"_s);
    // The reason without the picker's "(note required)".
    QCOMPARE(value(1, "reason"), u"Other"_s);
    QCOMPARE(value(1, "reason"), loggedReasonLabel(CancelReason::Other));
    QCOMPARE(value(2, "reason"), Domain::cancelReasonLabel(CancelReason::Duplicate));
    QCOMPARE(value(1, "note"), u"'=cmd|' /C calc'!A0"_s);
    QCOMPARE(value(1, "operator"), u"li.na"_s);
    QCOMPARE(value(1, "environment"), u"sandbox"_s);
    QCOMPARE(value(1, "idempotency_key"), m_seeded[0].idempotencyKey);
    QCOMPARE(value(1, "outcome"), u"SUCCEEDED"_s);
    QCOMPARE(value(1, "provider_code"), u"SUCCESS"_s);
    QCOMPARE(value(1, "provider_message"), kMessage);
    QCOMPARE(value(1, "http_status"), u"200"_s);
    QCOMPARE(value(1, "tries"), u"2"_s);
    QCOMPARE(value(1, "requested_at_utc"), u"2024-03-01T02:00:00Z"_s);
    QCOMPARE(value(1, "requested_at_local"), u"2024-03-01T10:00:00+08:00"_s);
    QCOMPARE(value(1, "finished_at_utc"), u"2024-03-01T02:00:03Z"_s);
    QCOMPARE(value(1, "finished_at_local"), u"2024-03-01T10:00:03+08:00"_s);
    QCOMPARE(value(1, "latency_ms"), u"345"_s);
    QCOMPARE(value(1, "status_before"), u"PENDING"_s);
    QCOMPARE(value(1, "status_after"), u"CANCELLED"_s);
    QCOMPARE(value(1, "entry_hash"), m_seeded[0].entryHash);
    QVERIFY(!m_seeded[0].entryHash.isEmpty());
    // The raw bytes quote the message and double its quotes.
    QVERIFY(bytes.contains("\"Declined, \"\"card\"\" locked\nretry later\""));

    // Row 2: "+1" and a message starting with '-'.
    QCOMPARE(value(2, "note"), u"'+1"_s);
    QCOMPARE(value(2, "provider_message"), u"'-5 is not allowed"_s);
    QCOMPARE(value(2, "outcome"), u"REJECTED"_s);

    // Row 3: Chinese text, unfinished: no finished time, latency or HTTP status.
    QCOMPARE(value(3, "note"), kChinese);
    QCOMPARE(value(3, "outcome"), u"PREPARED"_s);
    QCOMPARE(value(3, "finished_at_utc"), QString());
    QCOMPARE(value(3, "finished_at_local"), QString());
    QCOMPARE(value(3, "latency_ms"), QString());
    QCOMPARE(value(3, "http_status"), QString());
    QCOMPARE(value(3, "tries"), u"0"_s);
    QCOMPARE(value(3, "requested_at_local"), u"2024-03-01T12:00:00+08:00"_s);
}

void TestExporter::csvWithoutBom()
{
    seedThree();
    Exporter exporter(*m_db);
    ExportOptions options;
    options.bom = false;
    const QString file = path(u"log.csv"_s);
    QVERIFY(exporter.exportNow(file, options).ok());
    const QByteArray bytes = readAll(file);
    QVERIFY(!bytes.startsWith(kBom));
    QVERIFY(bytes.startsWith("attempt_id,"));
    const auto records = parseCsv(QString::fromUtf8(bytes));
    QVERIFY(records);
    QCOMPARE(records->size(), 4);
}

void TestExporter::csvLocalizedHeaders()
{
    seedThree();
    Exporter exporter(*m_db);
    ExportOptions options;
    options.localizedHeaders = true;
    const QString file = path(u"log.csv"_s);
    QVERIFY(exporter.exportNow(file, options).ok());
    const auto records = parseCsv(QString::fromUtf8(readAll(file).mid(3)));
    QVERIFY(records);
    // The localised titles replace the key row: one header row, then the rows.
    QCOMPARE(records->size(), 1 + 3);
    QStringList titles;
    for (const QString &key : exportColumns())
        titles << exportColumnTitle(key);
    QCOMPARE(records->at(0), titles);
    QVERIFY(records->at(0) != exportColumns());
    for (const QStringList &r : *records)
        QVERIFY(r != exportColumns());
    QCOMPARE(records->at(1).at(0), QString::number(m_seeded[0].id));
}

void TestExporter::jsonLines()
{
    seedThree();
    Exporter exporter(*m_db);
    ExportOptions options;
    options.format = ExportFormat::JsonLines;
    options.operatorZone = zone("Asia/Shanghai");
    options.localizedHeaders = true; // no header rows in JSON Lines
    const QString file = path(u"log.jsonl"_s);
    const ExportResult result = exporter.exportNow(file, options);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.rows, 3);

    const QByteArray bytes = readAll(file);
    QVERIFY(!bytes.startsWith(kBom));
    QVERIFY(bytes.endsWith('\n'));
    const QList<QByteArray> lines = bytes.chopped(1).split('\n');
    QCOMPARE(lines.size(), 3);
    QList<QJsonObject> objects;
    for (const QByteArray &line : lines) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QVERIFY(doc.isObject());
        objects << doc.object();
        // Keys in column order (QJsonObject would sort them).
        for (const QString &key : exportColumns())
            QVERIFY(line.contains(QByteArray('"' + key.toUtf8() + "\":")));
        QVERIFY(line.indexOf("\"attempt_id\"") < line.indexOf("\"provider\""));
        QVERIFY(line.indexOf("\"status_after\"") < line.indexOf("\"entry_hash\""));
    }
    QStringList sortedKeys = exportColumns();
    sortedKeys.sort();
    QCOMPARE(objects[0].keys(), sortedKeys);

    const QJsonObject first = objects[0];
    QVERIFY(first.value(u"attempt_id").isDouble());
    QCOMPARE(first.value(u"attempt_id").toInteger(), m_seeded[0].id);
    QCOMPARE(first.value(u"amount").toString(), u"10.12"_s); // exact decimal string
    QCOMPARE(first.value(u"http_status").toInt(), 200);
    QCOMPARE(first.value(u"tries").toInt(), 2);
    QCOMPARE(first.value(u"latency_ms").toInt(), 345);
    QCOMPARE(first.value(u"note").toString(), u"=cmd|' /C calc'!A0"_s); // not a spreadsheet
    QCOMPARE(first.value(u"provider_message").toString(), kMessage);
    QCOMPARE(first.value(u"requested_at_utc").toString(), u"2024-03-01T02:00:00Z"_s);
    QCOMPARE(first.value(u"requested_at_local").toString(), u"2024-03-01T10:00:00+08:00"_s);
    QCOMPARE(first.value(u"outcome").toString(), u"SUCCEEDED"_s);
    QCOMPARE(first.value(u"entry_hash").toString(), m_seeded[0].entryHash);

    const QJsonObject third = objects[2];
    QCOMPARE(third.value(u"note").toString(), kChinese);
    QVERIFY(third.value(u"finished_at_utc").isNull());
    QVERIFY(third.value(u"finished_at_local").isNull());
    QVERIFY(third.value(u"latency_ms").isNull());
    QVERIFY(third.value(u"http_status").isNull());
    QCOMPARE(third.value(u"tries").toInt(), 0);
    QCOMPARE(third.value(u"outcome").toString(), u"PREPARED"_s);
}

void TestExporter::xlsx()
{
    seedThree();
    Exporter exporter(*m_db);
    ExportOptions options;
    options.format = ExportFormat::Xlsx;
    options.operatorZone = zone("Asia/Shanghai");
    const QString file = path(u"log.xlsx"_s);
    const ExportResult result = exporter.exportNow(file, options);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.rows, 3);
    // Only the workbook and its manifest are left in the folder: no temporary files.
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden).filter(u"log"_s),
             (QStringList{u"log.xlsx"_s, u"log.xlsx.manifest.json"_s}));

    const Zip zip(readAll(file));
    QVERIFY(zip.isValid());
    QVERIFY(zip.names().contains(u"[Content_Types].xml"_s));
    QVERIFY(zip.names().contains(u"xl/workbook.xml"_s));
    const auto sheetXml = zip.file(u"xl/worksheets/sheet1.xml"_s);
    QVERIFY(sheetXml);
    const QString sheet = QString::fromUtf8(*sheetXml);
    const auto stylesXml = zip.file(u"xl/styles.xml"_s);
    QVERIFY(stylesXml);
    const QString styles = QString::fromUtf8(*stylesXml);
    // Strings are stored inline (constant-memory mode) or in the shared table.
    QString strings = sheet;
    if (const auto shared = zip.file(u"xl/sharedStrings.xml"_s))
        strings += QString::fromUtf8(*shared);

    // The contract's keys, in one header row (A1, B1, …), then the rows.
    const QStringList keys = exportColumns();
    QCOMPARE(cellText(cellXml(sheet, u"A1"_s)), u"attempt_id"_s);
    QCOMPARE(cellText(cellXml(sheet, u"Z1"_s)), u"entry_hash"_s);
    for (const QString &key : keys)
        QVERIFY2(strings.contains(u">"_s + key + u"<"_s), qPrintable(key));
    QVERIFY(!strings.contains(xmlEscaped(exportColumnTitle(u"merchant_reference"_s))));
    QVERIFY(strings.contains(kChinese));
    QVERIFY(strings.contains(xmlEscaped(u"=cmd|' /C calc'!A0"_s))
            || strings.contains(u"=cmd|&apos; /C calc&apos;!A0"_s));
    QVERIFY(strings.contains(m_seeded[0].entryHash));
    QVERIFY(!sheet.contains(u"<f>"_s)); // never a formula
    // One header row, three data rows.
    QVERIFY(sheet.contains(u"<row r=\"4\""_s));
    QVERIFY(!sheet.contains(u"<row r=\"5\""_s));
    QVERIFY(sheet.contains(u"<pane "_s)); // frozen header
    QVERIFY(sheet.contains(u"<cols>"_s)); // column widths
    QVERIFY(styles.contains(u"<b/>"_s));  // the bold header format

    // attempt_id (A) is a number.
    const QString id = cellXml(sheet, u"A2"_s);
    QVERIFY2(isNumericCell(id), qPrintable(id));
    QCOMPARE(cellNumber(id), double(m_seeded[0].id));

    // amount (E) is a number in major units with the currency's decimals, so
    // that a sum works; the currency stays beside it as text (F).
    const QString amount = cellXml(sheet, u"E2"_s);
    QVERIFY2(isNumericCell(amount), qPrintable(amount));
    QCOMPARE(cellNumber(amount), 10.12);
    QCOMPARE(numberFormatOf(amount, styles), u"#,##0.00"_s);
    QCOMPARE(cellText(cellXml(sheet, u"F2"_s)), u"USD"_s);

    // The times are Excel date-times: *_utc (S, U) in UTC, *_local (T, V) the
    // wall-clock time in the operator's zone; the header names which.
    const auto checkTime = [&](const QString &ref, const QDateTime &wallClock) {
        const QString cell = cellXml(sheet, ref);
        QVERIFY2(isNumericCell(cell), qPrintable(ref + u": "_s + cell));
        QVERIFY2(qAbs(cellNumber(cell) - excelSerial(wallClock)) < 1e-6, qPrintable(cell));
        QCOMPARE(numberFormatOf(cell, styles), u"yyyy-mm-dd hh:mm:ss"_s);
    };
    QCOMPARE(keys.at(18), u"requested_at_utc"_s);
    QCOMPARE(keys.at(21), u"finished_at_local"_s);
    checkTime(u"S2"_s, QDateTime(QDate(2024, 3, 1), QTime(2, 0)));
    checkTime(u"T2"_s, QDateTime(QDate(2024, 3, 1), QTime(10, 0)));
    checkTime(u"U2"_s, QDateTime(QDate(2024, 3, 1), QTime(2, 0, 3)));
    checkTime(u"V2"_s, QDateTime(QDate(2024, 3, 1), QTime(10, 0, 3)));
    // Row 4 (P-3, still PREPARED): no finished time, no latency.
    checkTime(u"S4"_s, QDateTime(QDate(2024, 3, 1), QTime(4, 0)));
    QCOMPARE(cellXml(sheet, u"U4"_s), QString());
    QCOMPARE(cellXml(sheet, u"W4"_s), QString());
    // Text stays text.
    QVERIFY(!isNumericCell(cellXml(sheet, u"C2"_s)));
    QCOMPARE(cellText(cellXml(sheet, u"N3"_s)), u"REJECTED"_s);
}

void TestExporter::xlsxLocalizedHeaders()
{
    seedThree();
    Exporter exporter(*m_db);
    ExportOptions options;
    options.format = ExportFormat::Xlsx;
    options.localizedHeaders = true;
    const QString file = path(u"titled.xlsx"_s);
    const ExportResult result = exporter.exportNow(file, options);
    QVERIFY2(result.ok(), qPrintable(result.error));
    const Zip zip(readAll(file));
    const auto sheetXml = zip.file(u"xl/worksheets/sheet1.xml"_s);
    QVERIFY(sheetXml);
    const QString sheet = QString::fromUtf8(*sheetXml);
    // The translated titles replace the keys: one header row.
    QCOMPARE(cellText(cellXml(sheet, u"A1"_s)), exportColumnTitle(u"attempt_id"_s));
    QCOMPARE(cellText(cellXml(sheet, u"S1"_s)), exportColumnTitle(u"requested_at_utc"_s));
    QVERIFY(!sheet.contains(u">attempt_id<"_s));
    QVERIFY(!sheet.contains(u">merchant_reference<"_s));
    QVERIFY(isNumericCell(cellXml(sheet, u"A2"_s)));
    QCOMPARE(cellNumber(cellXml(sheet, u"A2"_s)), double(m_seeded[0].id));
    QVERIFY(sheet.contains(u"<row r=\"4\""_s));
    QVERIFY(!sheet.contains(u"<row r=\"5\""_s));
}

void TestExporter::xlsxAmountsAreNumbersWithTheCurrencyDecimals_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("format");
    QTest::addRow("JPY, no decimals") << qint64(150000) << u"JPY"_s << 150000.0 << u"#,##0"_s;
    QTest::addRow("USD, 2") << qint64(123456789) << u"USD"_s << 1234567.89 << u"#,##0.00"_s;
    QTest::addRow("USD, cents") << qint64(5) << u"USD"_s << 0.05 << u"#,##0.00"_s;
    QTest::addRow("KWD, 3") << qint64(1) << u"KWD"_s << 0.001 << u"#,##0.000"_s;
    QTest::addRow("PHP zero") << qint64(0) << u"PHP"_s << 0.0 << u"#,##0.00"_s;
}

void TestExporter::xlsxAmountsAreNumbersWithTheCurrencyDecimals()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(double, value);
    QFETCH(QString, format);
    // A USD row first, so that each row gets its own currency's format.
    addAttempt(u"P-0"_s, at(u"2024-03-01T10:00:00+08:00"_s), CancelReason::Duplicate, {},
               AttemptState::Succeeded);
    addAttempt(u"P-1"_s, at(u"2024-03-01T10:00:00+08:00"_s), CancelReason::Duplicate, {},
               AttemptState::Succeeded, {}, {minor, currency});
    Exporter exporter(*m_db);
    ExportOptions options;
    options.format = ExportFormat::Xlsx;
    const QString file = path(u"amounts.xlsx"_s);
    const ExportResult result = exporter.exportNow(file, options);
    QVERIFY2(result.ok(), qPrintable(result.error));
    const Zip zip(readAll(file));
    const QString sheet = QString::fromUtf8(zip.file(u"xl/worksheets/sheet1.xml"_s).value());
    const QString styles = QString::fromUtf8(zip.file(u"xl/styles.xml"_s).value());
    const QString usd = cellXml(sheet, u"E2"_s);
    QVERIFY2(isNumericCell(usd), qPrintable(usd));
    QCOMPARE(numberFormatOf(usd, styles), u"#,##0.00"_s);
    const QString cell = cellXml(sheet, u"E3"_s);
    QVERIFY2(isNumericCell(cell), qPrintable(cell));
    QCOMPARE(cellNumber(cell), value);
    QCOMPARE(numberFormatOf(cell, styles), format);
    QCOMPARE(cellText(cellXml(sheet, u"F3"_s)), currency);
}

void TestExporter::localTimesCarryTheZoneOffset_data()
{
    QTest::addColumn<QByteArray>("zoneId");
    QTest::addColumn<QString>("requested");
    QTest::addColumn<QString>("local");
    QTest::addRow("Berlin summer")
        << "Europe/Berlin"_ba << u"2024-07-01T10:00:00Z"_s << u"2024-07-01T12:00:00+02:00"_s;
    QTest::addRow("Berlin winter")
        << "Europe/Berlin"_ba << u"2024-01-01T10:00:00Z"_s << u"2024-01-01T11:00:00+01:00"_s;
    QTest::addRow("Sao Paulo") << "America/Sao_Paulo"_ba << u"2024-01-01T00:30:00Z"_s
                               << u"2023-12-31T21:30:00-03:00"_s;
    QTest::addRow("UTC") << "UTC"_ba << u"2024-01-01T00:30:00Z"_s << u"2024-01-01T00:30:00+00:00"_s;
}

void TestExporter::localTimesCarryTheZoneOffset()
{
    QFETCH(QByteArray, zoneId);
    QFETCH(QString, requested);
    QFETCH(QString, local);
    addAttempt(u"P-1"_s, at(requested), CancelReason::Duplicate, {}, std::nullopt);
    Exporter exporter(*m_db);
    ExportOptions options;
    options.format = ExportFormat::JsonLines;
    options.operatorZone = QTimeZone(zoneId);
    QVERIFY(options.operatorZone.isValid());
    const QString file = path(u"log.jsonl"_s);
    QVERIFY(exporter.exportNow(file, options).ok());
    const QJsonObject o = QJsonDocument::fromJson(readAll(file)).object();
    QCOMPARE(o.value(u"requested_at_local").toString(), local);
    QCOMPARE(o.value(u"requested_at_utc").toString(), requested);
}

// Issue 15: the export keeps a zone's offset between its transitions instead
// of asking QTimeZone per cell. One export whose attempts cross transitions
// both ways (New York's hour, Lord Howe's half hour, Sao Paulo's last DST)
// must still give each row the offset of its own instant.
void TestExporter::localTimesFollowTransitionsWithinOneExport()
{
    for (const QByteArray &zoneId :
         {"America/New_York"_ba, "Australia/Lord_Howe"_ba, "America/Sao_Paulo"_ba}) {
        init();
        const QTimeZone zone(zoneId);
        QVERIFY(zone.isValid());
        QList<QDateTime> times;
        // Every 7 hours 13 minutes over two years, and each transition's
        // instant and the second before it.
        const QDateTime from = at(u"2018-01-01T00:00:00Z"_s);
        for (QDateTime t = from; t < from.addYears(2); t = t.addSecs(7 * 3600 + 13 * 60))
            times << t;
        for (const QTimeZone::OffsetData &d : zone.transitions(from, from.addYears(2))) {
            times << d.atUtc << d.atUtc.addSecs(-1);
        }
        std::sort(times.begin(), times.end());
        for (qsizetype i = 0; i < times.size(); ++i)
            addAttempt(u"P-%1"_s.arg(i), times.at(i), CancelReason::Duplicate, {}, std::nullopt);
        Exporter exporter(*m_db);
        ExportOptions options;
        options.format = ExportFormat::JsonLines;
        options.operatorZone = zone;
        const QString file = path(u"log.jsonl"_s);
        QVERIFY(exporter.exportNow(file, options).ok());
        const QList<QByteArray> lines = readAll(file).trimmed().split('\n');
        QCOMPARE(lines.size(), times.size());
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QDateTime local = times.at(i).toTimeZone(zone);
            const int offset = local.offsetFromUtc();
            const QString expected = local.toString(u"yyyy-MM-ddTHH:mm:ss"_s)
                                     + (offset < 0 ? u'-' : u'+')
                                     + u"%1:%2"_s.arg(qAbs(offset) / 3600, 2, 10, QLatin1Char('0'))
                                           .arg(qAbs(offset) % 3600 / 60, 2, 10, QLatin1Char('0'));
            const QJsonObject o = QJsonDocument::fromJson(lines.at(i)).object();
            QCOMPARE(o.value(u"requested_at_local").toString(), expected);
        }
        cleanup();
    }
}

void TestExporter::everyCellIsTheStoredAttempt_data()
{
    QTest::addColumn<ExportFormat>("format");
    QTest::addRow("csv") << ExportFormat::Csv;
    QTest::addRow("jsonl") << ExportFormat::JsonLines;
}

// The export writes each cell from the stored row's bytes (issue 15). Every
// column of random attempts, with text of every awkward kind, must read back
// as what CancelJournal::list() gives for the same attempts.
void TestExporter::everyCellIsTheStoredAttempt()
{
    QFETCH(ExportFormat, format);
    const QStringList texts{
        {},
        u"plain"_s,
        u"=SUM(A1)"_s,
        u"-5"_s,
        u"@x"_s,
        u"\tTab"_s,
        u"\rCR first"_s,
        u"a,b"_s,
        u"say \"hi\""_s,
        u"line\nbreak"_s,
        u"back\\slash"_s,
        u"ctrl \x01\x02\x1f del \x7f"_s,
        kChinese,
        u"emoji \U0001F600 é"_s,
        u"12345"_s,
        QString(QChar(0xD800)) + u"lone high"_s,
        u"lone low "_s + QChar(0xDC00),
    };
    QRandomGenerator rng(15);
    const auto pick = [&] { return texts.at(rng.bounded(int(texts.size()))); };
    // What identifies an attempt must read back as written for record() to
    // accept it: not the last two texts, with lone surrogates.
    const auto pickWhole = [&] { return texts.at(rng.bounded(int(texts.size()) - 2)); };
    const QList<AttemptState> finals{AttemptState::Succeeded, AttemptState::Rejected,
                                     AttemptState::Unresolved};
    const QList<Domain::Money> amounts{{0, u"USD"_s},      {1, u"KWD"_s},
                                       {123456, u"JPY"_s}, {99, u"CLF"_s},
                                       {250, u"BRL"_s},    {(qint64(1) << 53) + 1, u"USD"_s}};
    const QList<Provider> providers{Provider::Uqpay, Provider::Antom, Provider::Liquido};
    for (int i = 0; i < 60; ++i) {
        CancelAttempt a;
        a.provider = providers.at(i % 3);
        a.paymentId = u"P-%1-"_s.arg(i) + pickWhole();
        a.merchantReference = pickWhole();
        a.amount = amounts.at(rng.bounded(int(amounts.size())));
        a.paymentMethod = pickWhole();
        a.operatorName = pickWhole() + u" li.na"_s; // never empty
        a.environment = u"sandbox"_s;
        a.reason = Domain::CancelReason(rng.bounded(int(CancelReason::Other) + 1));
        a.note = pickWhole() + u" (note)"_s; // Other needs one
        a.requestedAt = at(u"2024-03-01T10:00:00Z"_s).addSecs(qint64(i) * 86400 * 11 + i);
        a.statusBefore = pick();
        const Storage::JournalResult prepared = m_journal->prepare(a);
        QVERIFY2(prepared.ok(), qPrintable(prepared.message));
        if (i % 4 == 0)
            continue; // stays PREPARED: no finish time, status or latency
        CancelAttempt done = prepared.attempt;
        done.state = finals.at(i % 3);
        done.providerCode = pick();
        done.providerMessage = pick();
        done.httpStatus = i % 5 == 0 ? 0 : 200 + i;
        done.tries = i % 7;
        done.latencyMs = i % 6 == 0 ? -1 : i * 13;
        done.statusAfter = pick();
        done.finishedAt = done.requestedAt.addMSecs(1500 + i);
        const Storage::JournalResult recorded = m_journal->record(done);
        QVERIFY2(recorded.ok(), qPrintable(recorded.message));
    }
    const QList<CancelAttempt> stored = m_journal->list({});
    QCOMPARE(stored.size(), 60);

    Exporter exporter(*m_db);
    ExportOptions options;
    options.format = format;
    options.operatorZone = zone("America/Sao_Paulo");
    const QString file = path(u"log"_s);
    const ExportResult result = exporter.exportNow(file, options);
    QVERIFY2(result.ok(), qPrintable(result.error));

    // As the file holds text: UTF-8, so a lone surrogate reads back as U+FFFD.
    const auto asWritten = [](const QString &s) { return QString::fromUtf8(s.toUtf8()); };
    const auto timeText = [&](const QDateTime &t, bool local) -> QString {
        if (!t.isValid())
            return QString();
        if (!local)
            return t.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss"_s) + u'Z';
        const QDateTime l = t.toTimeZone(options.operatorZone);
        const int offset = l.offsetFromUtc();
        return l.toString(u"yyyy-MM-ddTHH:mm:ss"_s) + (offset < 0 ? u'-' : u'+')
               + u"%1:%2"_s.arg(qAbs(offset) / 3600, 2, 10, QLatin1Char('0'))
                     .arg(qAbs(offset) % 3600 / 60, 2, 10, QLatin1Char('0'));
    };
    // Column by column, each attempt's values as text; null for no value.
    const auto expected = [&](const CancelAttempt &a) {
        return QStringList{
            QString::number(a.id),
            Domain::providerKey(a.provider),
            asWritten(a.paymentId),
            asWritten(a.merchantReference),
            a.amount.toDecimalString(),
            a.amount.currency,
            asWritten(a.paymentMethod),
            Domain::cancelReasonKey(a.reason),
            loggedReasonLabel(a.reason),
            asWritten(a.note),
            asWritten(a.operatorName),
            a.environment,
            a.idempotencyKey,
            Storage::attemptStateKey(a.state),
            asWritten(a.providerCode),
            asWritten(a.providerMessage),
            a.httpStatus > 0 ? QString::number(a.httpStatus) : QString(),
            QString::number(a.tries),
            timeText(a.requestedAt, false),
            timeText(a.requestedAt, true),
            timeText(a.finishedAt, false),
            timeText(a.finishedAt, true),
            a.latencyMs >= 0 ? QString::number(a.latencyMs) : QString(),
            asWritten(a.statusBefore),
            asWritten(a.statusAfter),
            a.entryHash,
        };
    };
    const QStringList keys = exportColumns();
    const QByteArray bytes = readAll(file);
    if (format == ExportFormat::Csv) {
        QVERIFY(bytes.startsWith(kBom));
        const std::optional<QList<QStringList>> records =
            parseCsv(QString::fromUtf8(bytes.mid(kBom.size())));
        QVERIFY(records);
        QCOMPARE(records->size(), stored.size() + 1);
        QCOMPARE(records->at(0), keys);
        for (qsizetype r = 0; r < stored.size(); ++r) {
            const QStringList want = expected(stored.at(r));
            const QStringList &got = records->at(r + 1);
            QCOMPARE(got.size(), keys.size());
            for (qsizetype c = 0; c < keys.size(); ++c) {
                QString cell = want.at(c);
                // Text that a spreadsheet would take for a formula starts with '.
                static const QString formula = u"=+-@\t\r"_s;
                const bool number = c == 0 || c == 16 || c == 17 || c == 22;
                if (!number && !cell.isEmpty() && formula.contains(cell.front()))
                    cell.prepend(u'\'');
                QVERIFY2(got.at(c) == cell, qPrintable(u"row %1 %2: %3 != %4"_s.arg(r).arg(
                                                keys.at(c), got.at(c), cell)));
            }
        }
    } else {
        const QList<QByteArray> lines = bytes.chopped(1).split('\n');
        QCOMPARE(lines.size(), stored.size());
        for (qsizetype r = 0; r < stored.size(); ++r) {
            QJsonParseError error;
            const QJsonObject o = QJsonDocument::fromJson(lines.at(r), &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
            const QStringList want = expected(stored.at(r));
            for (qsizetype c = 0; c < keys.size(); ++c) {
                const QJsonValue v = o.value(keys.at(c));
                const bool number = c == 0 || c == 16 || c == 17 || c == 22;
                const bool nullable = number || (c >= 18 && c <= 21);
                QString got;
                if (v.isDouble())
                    got = QString::number(v.toInteger());
                else if (v.isString())
                    got = v.toString();
                else
                    QVERIFY2(v.isNull() && nullable, qPrintable(keys.at(c)));
                QVERIFY2(number ? !v.isString() : !v.isDouble(), qPrintable(keys.at(c)));
                QVERIFY2(got == want.at(c), qPrintable(u"row %1 %2: %3 != %4"_s.arg(r).arg(
                                                keys.at(c), got, want.at(c))));
            }
        }
    }
}

void TestExporter::dateRangeIsInclusiveInTheOperatorZone_data()
{
    QTest::addColumn<QByteArray>("zoneId");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<QString>("requested"); // UTC
    QTest::addColumn<bool>("included");

    const QDate mar1(2024, 3, 1);
    QTest::addRow("Shanghai first second")
        << "Asia/Shanghai"_ba << mar1 << mar1 << u"2024-02-29T16:00:00Z"_s << true;
    QTest::addRow("Shanghai day before")
        << "Asia/Shanghai"_ba << mar1 << mar1 << u"2024-02-29T15:59:59Z"_s << false;
    QTest::addRow("Shanghai last second")
        << "Asia/Shanghai"_ba << mar1 << mar1 << u"2024-03-01T15:59:59Z"_s << true;
    QTest::addRow("Shanghai day after")
        << "Asia/Shanghai"_ba << mar1 << mar1 << u"2024-03-01T16:00:00Z"_s << false;

    // 2018-11-04: clocks went from 00:00 to 01:00, so the day begins at 01:00-02.
    const QDate spring(2018, 11, 4);
    QTest::addRow("Sao Paulo gap day, first instant")
        << "America/Sao_Paulo"_ba << spring << spring << u"2018-11-04T03:00:00Z"_s << true;
    QTest::addRow("Sao Paulo gap day, before it")
        << "America/Sao_Paulo"_ba << spring << spring << u"2018-11-04T02:59:59Z"_s << false;
    QTest::addRow("Sao Paulo day before the gap, last second")
        << "America/Sao_Paulo"_ba << spring.addDays(-1) << spring.addDays(-1)
        << u"2018-11-04T02:59:59Z"_s << true;
    QTest::addRow("Sao Paulo day before the gap, next day")
        << "America/Sao_Paulo"_ba << spring.addDays(-1) << spring.addDays(-1)
        << u"2018-11-04T03:00:00Z"_s << false;
    // 2019-02-17 00:00-02 became 2019-02-16 23:00-03: the 16th has 25 hours.
    const QDate autumn(2019, 2, 16);
    QTest::addRow("Sao Paulo repeated hour, second pass")
        << "America/Sao_Paulo"_ba << autumn << autumn << u"2019-02-17T02:30:00Z"_s << true;
    QTest::addRow("Sao Paulo repeated hour, last second")
        << "America/Sao_Paulo"_ba << autumn << autumn << u"2019-02-17T02:59:59Z"_s << true;
    QTest::addRow("Sao Paulo after the long day")
        << "America/Sao_Paulo"_ba << autumn << autumn << u"2019-02-17T03:00:00Z"_s << false;
    QTest::addRow("Sao Paulo long day, first instant")
        << "America/Sao_Paulo"_ba << autumn << autumn << u"2019-02-16T02:00:00Z"_s << true;
    QTest::addRow("Sao Paulo long day, before it")
        << "America/Sao_Paulo"_ba << autumn << autumn << u"2019-02-16T01:59:59Z"_s << false;

    // Berlin: 2024-03-31 has 23 hours, 2024-10-27 has 25.
    const QDate berlinSpring(2024, 3, 31);
    const QDate berlinAutumn(2024, 10, 27);
    QTest::addRow("Berlin short day, first")
        << "Europe/Berlin"_ba << berlinSpring << berlinSpring << u"2024-03-30T23:00:00Z"_s << true;
    QTest::addRow("Berlin short day, last")
        << "Europe/Berlin"_ba << berlinSpring << berlinSpring << u"2024-03-31T21:59:59Z"_s << true;
    QTest::addRow("Berlin short day, after")
        << "Europe/Berlin"_ba << berlinSpring << berlinSpring << u"2024-03-31T22:00:00Z"_s << false;
    QTest::addRow("Berlin long day, first")
        << "Europe/Berlin"_ba << berlinAutumn << berlinAutumn << u"2024-10-26T22:00:00Z"_s << true;
    QTest::addRow("Berlin long day, before")
        << "Europe/Berlin"_ba << berlinAutumn << berlinAutumn << u"2024-10-26T21:59:59Z"_s << false;
    QTest::addRow("Berlin long day, last")
        << "Europe/Berlin"_ba << berlinAutumn << berlinAutumn << u"2024-10-27T22:59:59Z"_s << true;
    QTest::addRow("Berlin long day, after")
        << "Europe/Berlin"_ba << berlinAutumn << berlinAutumn << u"2024-10-27T23:00:00Z"_s << false;
    // A range of several days, and open ends.
    QTest::addRow("week, inside") << "Asia/Shanghai"_ba << QDate(2024, 3, 1) << QDate(2024, 3, 7)
                                  << u"2024-03-04T08:00:00Z"_s << true;
    QTest::addRow("open start") << "Asia/Shanghai"_ba << QDate() << mar1
                                << u"2020-01-01T00:00:00Z"_s << true;
    QTest::addRow("open end") << "Asia/Shanghai"_ba << mar1 << QDate() << u"2030-01-01T00:00:00Z"_s
                              << true;
    QTest::addRow("open end, before")
        << "Asia/Shanghai"_ba << mar1 << QDate() << u"2024-02-29T15:59:59Z"_s << false;
}

void TestExporter::dateRangeIsInclusiveInTheOperatorZone()
{
    QFETCH(QByteArray, zoneId);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(QString, requested);
    QFETCH(bool, included);

    addAttempt(u"P-1"_s, at(requested), CancelReason::Duplicate, {}, AttemptState::Succeeded);
    Exporter exporter(*m_db);
    ExportOptions options;
    options.format = ExportFormat::JsonLines;
    options.operatorZone = QTimeZone(zoneId);
    QVERIFY(options.operatorZone.isValid());
    if (from.isValid())
        options.from = from;
    if (to.isValid())
        options.to = to;
    const QString file = path(u"log.jsonl"_s);
    const ExportResult result = exporter.exportNow(file, options);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.rows, included ? 1 : 0);
    QCOMPARE(readAll(file).count('\n'), included ? 1 : 0);
}

void TestExporter::filtersApply()
{
    seedThree();
    Exporter exporter(*m_db);
    ExportOptions options;
    options.format = ExportFormat::JsonLines;
    options.filter.state = AttemptState::Rejected;
    const QString file = path(u"log.jsonl"_s);
    const ExportResult result = exporter.exportNow(file, options);
    QVERIFY(result.ok());
    QCOMPARE(result.rows, 1);
    QCOMPARE(QJsonDocument::fromJson(readAll(file)).object().value(u"payment_id").toString(),
             u"P-2"_s);

    options.filter = {};
    options.filter.reason = CancelReason::RequestedByCustomer;
    QCOMPARE(exporter.exportNow(file, options).rows, 1);
    options.filter = {};
    options.filter.operatorName = u"someone.else"_s;
    QCOMPARE(exporter.exportNow(file, options).rows, 0);
    options.filter = {};
    options.filter.provider = Provider::Uqpay;
    QCOMPARE(exporter.exportNow(file, options).rows, 3);
}

void TestExporter::emptyLog_data()
{
    QTest::addColumn<ExportFormat>("format");
    QTest::addRow("csv") << ExportFormat::Csv;
    QTest::addRow("xlsx") << ExportFormat::Xlsx;
    QTest::addRow("jsonl") << ExportFormat::JsonLines;
}

void TestExporter::emptyLog()
{
    QFETCH(ExportFormat, format);
    Exporter exporter(*m_db);
    ExportOptions options;
    options.format = format;
    const QString file = path(u"empty."_s + exportFormatKey(format));
    const ExportResult result = exporter.exportNow(file, options);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.rows, 0);
    QVERIFY(QFile::exists(file));
    const QByteArray bytes = readAll(file);
    switch (format) {
    case ExportFormat::Csv:
        QCOMPARE(bytes, kBom + exportColumns().join(u',').toUtf8() + "\r\n");
        break;
    case ExportFormat::JsonLines:
        QVERIFY(bytes.isEmpty());
        break;
    case ExportFormat::Xlsx: {
        const Zip zip(bytes);
        QVERIFY(zip.isValid());
        const auto sheet = zip.file(u"xl/worksheets/sheet1.xml"_s);
        QVERIFY(sheet);
        QVERIFY(sheet->contains(">entry_hash<"));
        QVERIFY(!sheet->contains("<row r=\"2\""));
        break;
    }
    }
}

void TestExporter::backgroundExportReportsProgressAndFinishesOnce()
{
    seedThree();
    Exporter exporter(*m_db);
    ExportOptions options;
    const QString file = path(u"log.csv"_s);
    ExportJob *job = exporter.start(file, options);
    QVERIFY(job);
    QCOMPARE(job->parent(), &exporter);
    QSignalSpy progress(job, &ExportJob::progress);
    QSignalSpy finished(job, &ExportJob::finished);
    QThread *finishedOn = nullptr;
    connect(job, &ExportJob::finished, this,
            [&finishedOn] { finishedOn = QThread::currentThread(); });

    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QCOMPARE(finishedOn, QThread::currentThread());
    const auto result = finished.at(0).at(0).value<ExportResult>();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.rows, 3);
    QVERIFY(job->isFinished());
    // Progress starts at 0 and ends at the total.
    QTRY_VERIFY(!progress.isEmpty());
    QCOMPARE(progress.first().at(0).toLongLong(), 0);
    QCOMPARE(progress.last().at(0).toLongLong(), 3);
    QCOMPARE(progress.last().at(1).toLongLong(), 3);
    const auto records = parseCsv(QString::fromUtf8(readAll(file).mid(3)));
    QVERIFY(records);
    QCOMPARE(records->size(), 4);

    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
    delete job;
}

void TestExporter::stopLeavesNoFile_data()
{
    emptyLog_data();
}

void TestExporter::stopLeavesNoFile()
{
    QFETCH(ExportFormat, format);
    seedThree();
    // An earlier export at the same path survives a stopped one untouched.
    const QString file = path(u"log."_s + exportFormatKey(format));
    {
        QFile old(file);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old export");
    }
    const QString otherFile = path(u"fresh."_s + exportFormatKey(format));

    Exporter exporter(*m_db);
    ExportOptions options;
    options.format = format;
    for (const QString &target : {file, otherFile}) {
        ExportJob *job = exporter.start(target, options);
        QSignalSpy finished(job, &ExportJob::finished);
        // Stopped before its first row, so the test does not depend on timing
        // (progress arrives queued on this thread, possibly after the end).
        job->stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        const auto result = finished.at(0).at(0).value<ExportResult>();
        QVERIFY(result.stopped);
        QVERIFY(!result.ok());
        QVERIFY(result.error.isEmpty());
        QCOMPARE(result.rows, 0);
        delete job;
    }
    QCOMPARE(readAll(file), "old export"_ba);
    QVERIFY(!QFile::exists(otherFile));
    // No temporary files are left beside them.
    const QStringList left = QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(left.filter(u"log"_s), QStringList{QFileInfo(file).fileName()});
    QVERIFY(left.filter(u"fresh"_s).isEmpty());
}

void TestExporter::unwritableFolderFails_data()
{
    emptyLog_data();
}

void TestExporter::unwritableFolderFails()
{
    QFETCH(ExportFormat, format);
    seedThree();
    Exporter exporter(*m_db);
    ExportOptions options;
    options.format = format;
    const QString file = path(u"no/such/folder/log."_s + exportFormatKey(format));
    const ExportResult result = exporter.exportNow(file, options);
    QVERIFY(!result.ok());
    QVERIFY(!result.stopped);
    QVERIFY(result.error.contains(QDir::toNativeSeparators(file)));
    QVERIFY(!QFile::exists(file));
}

void TestExporter::manifestBesideEveryExport_data()
{
    emptyLog_data();
}

void TestExporter::manifestBesideEveryExport()
{
    QFETCH(ExportFormat, format);
    seedThree();
    const std::optional<Storage::JournalHead> head = m_journal->head();
    QVERIFY(head);
    QCOMPARE(head->seq, 5);
    Exporter exporter(*m_db);
    ExportOptions options;
    options.format = format;
    const QString file = path(u"log."_s + exportFormatKey(format));
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const ExportResult result = exporter.exportNow(file, options);
    QVERIFY2(result.ok(), qPrintable(result.error));
    const QString manifestFile = file + u".manifest.json"_s;
    QCOMPARE(manifestPath(file), manifestFile);
    QCOMPARE(result.manifestPath, manifestFile);
    QVERIFY(QFile::exists(manifestFile));

    // The documented keys, read as plain JSON.
    QJsonParseError error;
    const QJsonObject m = QJsonDocument::fromJson(readAll(manifestFile), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(m.value(u"file"_s).toString(), QFileInfo(file).fileName());
    QCOMPARE(m.value(u"format"_s).toString(), exportFormatKey(format));
    QCOMPARE(m.value(u"rows"_s).toInteger(), 3);
    QCOMPARE(m.value(u"sha256"_s).toString(),
             QString::fromLatin1(
                 QCryptographicHash::hash(readAll(file), QCryptographicHash::Sha256).toHex()));
    QCOMPARE(m.value(u"head"_s).toObject().value(u"seq"_s).toInteger(), head->seq);
    QCOMPARE(m.value(u"head"_s).toObject().value(u"hash"_s).toString(), head->hash);
    const QDateTime written =
        QDateTime::fromString(m.value(u"written_at_utc"_s).toString(), Qt::ISODate);
    QVERIFY(written.isValid());
    QCOMPARE(written.timeSpec(), Qt::UTC);
    QVERIFY(written >= before && written <= QDateTime::currentDateTimeUtc().addSecs(1));

    // And through readManifest(), as the CLI and the console read it.
    QString readError;
    const std::optional<ExportManifest> read = readManifest(manifestFile, &readError);
    QVERIFY2(read, qPrintable(readError));
    QCOMPARE(read->head, *head);
    QCOMPARE(read->rows, 3);
    QCOMPARE(read->format, format);
    QCOMPARE(read->sha256, m.value(u"sha256"_s).toString());
    QVERIFY(m_journal->verifyAgainst(read->head).ok);
    // No temporary files are left beside them.
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden).filter(u"log"_s),
             (QStringList{QFileInfo(file).fileName(), QFileInfo(manifestFile).fileName()}));
}

void TestExporter::manifestOfAFilteredExportCarriesTheWholeHead()
{
    // The head anchors the whole cancel log, whatever rows the file holds.
    seedThree();
    Exporter exporter(*m_db);
    ExportOptions options;
    options.filter.paymentId = u"P-2"_s;
    const QString file = path(u"one.csv"_s);
    const ExportResult result = exporter.exportNow(file, options);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.rows, 1);
    const std::optional<ExportManifest> read = readManifest(manifestPath(file));
    QVERIFY(read);
    QCOMPARE(read->rows, 1);
    QCOMPARE(read->head, *m_journal->head());
}

void TestExporter::readManifestRefusesWhatIsNotOne()
{
    const QString missing = path(u"nope.manifest.json"_s);
    QString error;
    QVERIFY(!readManifest(missing, &error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(missing)), qPrintable(error));
    const QString bad = path(u"bad.manifest.json"_s);
    for (const QByteArray &content :
         {"not json"_ba, "{}"_ba, R"({"head": {"seq": 3, "hash": "xyz"}, "rows": 1})"_ba}) {
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
        f.close();
        error.clear();
        QVERIFY(!readManifest(bad, &error));
        QVERIFY2(error.contains(QDir::toNativeSeparators(bad)), qPrintable(error));
    }
}

QTEST_GUILESS_MAIN(TestExporter)
#include "tst_exporter.moc"
