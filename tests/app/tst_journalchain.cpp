// The journal's canonical content and hash (PRODUCT.md F16): written by hand
// for speed (issue 15), they must stay byte for byte what QJsonObject +
// QJsonDocument::toJson(Compact) and SHA-256 give, or every existing chain
// would stop verifying.

#include "storage/journalchain.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk::Storage::JournalChain;
using CancelDesk::Storage::RowCursor;

Q_DECLARE_METATYPE(CancelDesk::Storage::RowCursor::Mode)

namespace {

// The definition: a QJsonObject of strings (null for SQL NULL), compact.
QByteArray referenceContent(const QVariant &seq, const QVariant &attemptId,
                            const QVariant &recordedAt, const QVariant &recordedBy, int format,
                            const QVariantList &values)
{
    const auto value = [](const QVariant &v) {
        return v.isValid() ? QJsonValue(v.toString()) : QJsonValue(QJsonValue::Null);
    };
    QJsonObject o;
    o.insert(u"seq"_s, value(seq));
    o.insert(u"attempt_id"_s, value(attemptId));
    o.insert(u"recorded_at"_s, value(recordedAt));
    if (format >= kRecordedBySince)
        o.insert(u"recorded_by"_s, value(recordedBy));
    if (format >= 2)
        o.insert(u"format"_s, QString::number(format));
    for (qsizetype i = 0; i < qsizetype(kColumns.size()); ++i) {
        if (kColumns[size_t(i)].sinceFormat <= format)
            o.insert(QString::fromUtf16(kColumns[size_t(i)].name), value(values.value(i)));
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Text that JSON escaping and UTF-8 can get wrong.
QList<QString> awkwardTexts()
{
    QList<QString> texts{u""_s,
                         u"plain"_s,
                         u"say \"no\""_s,
                         u"C:\\path\\"_s,
                         u"tab\tnew\nline\rcr"_s,
                         u"\u007f del"_s,
                         u"Ünïcödé – 取消台 ₩"_s,
                         u"emoji 😀 pair"_s,
                         u"/slash/"_s,
                         u"\u2028\u2029\ufeff\ufffe\uffff"_s};
    QString controls;
    for (char16_t c = 0; c < 0x20; ++c)
        controls.append(QChar(c));
    texts << controls;
    // Lone and misordered surrogates (a broken value in a damaged row).
    texts << QString(QChar(0xD83D)) << QString(QChar(0xDE00)) << u"a"_s + QChar(0xD83D) + u"b"_s
          << QString(QChar(0xDE00)) + QChar(0xD83D) << u"end"_s + QChar(0xDBFF);
    return texts;
}

} // namespace

class TestJournalChain final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void contentIsWhatQJsonDocumentWrites();
    void hashIsSha256OfPreviousNewlineContent();
    void sameCanonicalComparesAsText();
    void cursorContentIsTheQVariantContent_data();
    void cursorContentIsTheQVariantContent();
};

void TestJournalChain::contentIsWhatQJsonDocumentWrites()
{
    const QList<QString> texts = awkwardTexts();
    std::mt19937 random(16);
    const auto pick = [&random](qsizetype n) { return qsizetype(random() % quint32(n)); };
    const auto anyValue = [&](Kind kind) -> QVariant {
        switch (pick(4)) {
        case 0:
            return {}; // SQL NULL
        case 1:
            return kind == Kind::Text ? QVariant(texts.at(pick(texts.size())))
                                      : QVariant(qint64(random()) - qint64(1) * 2147483648LL);
        case 2:
            return QVariant(std::numeric_limits<qint64>::min() + qint64(pick(3)));
        default:
            return QVariant(texts.at(pick(texts.size()))); // text in a number column too
        }
    };
    for (int format = 1; format <= kCurrentFormat + 1; ++format) {
        for (int n = 0; n < 300; ++n) {
            QVariantList values;
            for (const Column &column : kColumns)
                values.append(anyValue(column.kind));
            const QVariant seq = n % 7 == 0 ? QVariant() : QVariant(qint64(n) * 977);
            const QVariant attempt = QVariant(int(n));
            const QVariant recordedAt = anyValue(Kind::Time);
            const QVariant recordedBy = anyValue(Kind::Text);
            QCOMPARE(canonicalContent(seq, attempt, recordedAt, recordedBy, format, values),
                     referenceContent(seq, attempt, recordedAt, recordedBy, format, values));
        }
    }
}

void TestJournalChain::hashIsSha256OfPreviousNewlineContent()
{
    const QByteArray content = "{\"a\":\"取消\"}";
    for (const QString &prev : {genesisHash(), QString(64, u'f'), u"previous"_s}) {
        const QString expected =
            QString::fromLatin1(QCryptographicHash::hash(QByteArray(prev.toUtf8() + '\n' + content),
                                                         QCryptographicHash::Sha256)
                                    .toHex());
        QCOMPARE(chainHash(prev, content), expected);
    }
}

void TestJournalChain::sameCanonicalComparesAsText()
{
    QVERIFY(sameCanonical(QVariant(), QVariant()));
    QVERIFY(!sameCanonical(QVariant(), QVariant(u""_s)));
    QVERIFY(!sameCanonical(QVariant(qint64(0)), QVariant()));
    QVERIFY(sameCanonical(QVariant(qint64(42)), QVariant(qint64(42))));
    QVERIFY(!sameCanonical(QVariant(qint64(42)), QVariant(qint64(43))));
    QVERIFY(sameCanonical(QVariant(qint64(42)), QVariant(u"42"_s)));
    QVERIFY(sameCanonical(QVariant(int(7)), QVariant(qint64(7))));
    QVERIFY(!sameCanonical(QVariant(u"a"_s), QVariant(u"A"_s)));
}

// Verify writes the content straight from SQLite's stored bytes when they are
// plain UTF-8; anything else (invalid or overlong UTF-8, encoded surrogates,
// numbers in text columns, reals, blobs) must come out as the QVariant path
// writes it, and the column comparison must agree with the QVariant one. The
// read-ahead cursor (its rows copied by another thread) must read every value
// as the direct one does, across its batches, and stop cleanly part-way.
void TestJournalChain::cursorContentIsTheQVariantContent_data()
{
    QTest::addColumn<RowCursor::Mode>("mode");
    QTest::addRow("direct") << RowCursor::Mode::Direct;
    QTest::addRow("read ahead") << RowCursor::Mode::ReadAhead;
}

void TestJournalChain::cursorContentIsTheQVariantContent()
{
    QFETCH(RowCursor::Mode, mode);
    QTemporaryDir dir;
    const QString name = u"cursor-"_s + QString::fromLatin1(QTest::currentDataTag());
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    db.setDatabaseName(dir.filePath(u"c.db"_s));
    QVERIFY(db.open());
    // The reference reads through a connection of its own: a read-ahead
    // cursor's connection is its thread's alone while it runs.
    QSqlDatabase other = QSqlDatabase::cloneDatabase(db, name + u"-reference"_s);
    QVERIFY(other.open());
    const int kRows = 1500; // several read-ahead batches
    {
        const int columns = 4 + int(kColumns.size());
        QStringList names;
        for (int i = 0; i < columns; ++i)
            names << u"c%1"_s.arg(i);
        QSqlQuery q(db);
        QVERIFY(
            q.exec(u"CREATE TABLE t (id INTEGER PRIMARY KEY, "_s + names.join(u", "_s) + u")"_s));
        // SQL literals: every kind of value a damaged or hand-edited row may hold.
        const QStringList literals{u"NULL"_s,
                                   u"''"_s,
                                   u"'plain'"_s,
                                   u"'say \"no\" \\ / tab	end'"_s,
                                   u"'取消台 ÄÖ 😀'"_s,
                                   u"42"_s,
                                   u"-9223372036854775808"_s,
                                   u"'42'"_s,
                                   u"1.5"_s,
                                   u"X'00FF'"_s,
                                   u"CAST(X'C3' AS TEXT)"_s,
                                   u"CAST(X'C0AF' AS TEXT)"_s,
                                   u"CAST(X'EDA080' AS TEXT)"_s,
                                   u"CAST(X'F4908080' AS TEXT)"_s,
                                   u"CAST(X'410A0D7F' AS TEXT)"_s,
                                   u"char(1, 31, 127, 8232)"_s};
        std::mt19937 random(17);
        for (int row = 0; row < kRows; ++row) {
            QStringList values;
            for (int i = 0; i < columns; ++i)
                values << literals.at(qsizetype(random() % quint32(literals.size())));
            QVERIFY2(q.exec(u"INSERT INTO t ("_s + names.join(u", "_s) + u") VALUES ("_s
                            + values.join(u", "_s) + u")"_s),
                     qPrintable(q.lastError().text()));
        }
    }
    for (int format = 1; format <= kCurrentFormat; ++format) {
        RowCursor cursor(db, u"SELECT * FROM t ORDER BY id"_s, {}, mode);
        QVERIFY(cursor.exec());
        QSqlQuery plain(other);
        QVERIFY(plain.exec(u"SELECT * FROM t ORDER BY id"_s));
        RowCursor direct(other, u"SELECT * FROM t ORDER BY id"_s);
        QVERIFY(direct.exec());
        int rows = 0;
        while (cursor.next()) {
            QVERIFY(plain.next());
            QVERIFY(direct.next());
            ++rows;
            // The stored bytes first: reading text through UTF-16 converts
            // SQLite's copy of a value that is not plain UTF-8.
            for (int c = 0; c < 5 + int(kColumns.size()); ++c) {
                QCOMPARE(cursor.storedText(c), direct.storedText(c));
                QCOMPARE(cursor.storedInteger(c), direct.storedInteger(c));
                QCOMPARE(cursor.isNull(c), direct.isNull(c));
                QCOMPARE(cursor.int64(c), direct.int64(c));
                QCOMPARE(cursor.utf8(c), direct.utf8(c));
                QCOMPARE(cursor.text(c), direct.text(c));
                QCOMPARE(cursor.value(c), direct.value(c));
            }
            // Columns 1..4 as the entry's own, the snapshot from 5 on.
            const QByteArray fast = canonicalContent(cursor, EntryColumns{1, 2, 3, 4, 5}, format);
            const QByteArray slow =
                canonicalContent(valueAt(plain, 1), valueAt(plain, 2), valueAt(plain, 3),
                                 valueAt(plain, 4), format, snapshotAt(plain, 5));
            QCOMPARE(fast, slow);
            for (int a = 1; a < 8; ++a) {
                for (int b = 1; b < 8; ++b)
                    QCOMPARE(sameCanonical(cursor, a, b),
                             sameCanonical(valueAt(plain, a), valueAt(plain, b)));
            }
        }
        QVERIFY(cursor.error().isEmpty());
        QCOMPARE(rows, kRows);
        QVERIFY(!cursor.next()); // and stays at the end
    }
    // Ended part-way, run again, and left part-way.
    RowCursor cursor(db, u"SELECT id FROM t WHERE id > ? ORDER BY id"_s, {qint64(0)}, mode);
    QVERIFY(cursor.exec());
    for (int i = 1; i <= 10; ++i) {
        QVERIFY(cursor.next());
        QCOMPARE(cursor.int64(0), i);
    }
    cursor.finish();
    QVERIFY(cursor.exec({qint64(kRows - 600)}));
    int rows = 0;
    while (cursor.next())
        QCOMPARE(cursor.int64(0), kRows - 600 + ++rows);
    QCOMPARE(rows, 600);
    QVERIFY(cursor.exec({qint64(0)}));
    QVERIFY(cursor.next());
}

QTEST_GUILESS_MAIN(TestJournalChain)
#include "tst_journalchain.moc"
