// One word per concept (F17): the committed Chinese translation follows the
// terminology table of docs/GLOSSARY.md, which matches the providers' own
// Chinese documents.
#include <QFile>
#include <QRegularExpression>
#include <QtTest>
#include <QXmlStreamReader>

using namespace Qt::Literals::StringLiterals;

namespace {

struct Term
{
    QStringList english; // alternatives, matched at a word start, any case
    QString chinese;
    QStringList avoid;
};

struct Message
{
    QString context;
    QString source;
    QString translation; // all plural forms joined
};

QString sourceFile(const QString &relative)
{
    return QStringLiteral(CANCELDESK_SOURCE_DIR "/") + relative;
}

QStringList cells(const QString &line)
{
    QStringList parts = line.split(u'|');
    if (parts.size() < 3)
        return {};
    parts.removeFirst();
    parts.removeLast();
    for (QString &p : parts)
        p = p.trimmed();
    return parts;
}

QStringList splitList(const QString &cell, QChar separator)
{
    QStringList out;
    for (const QString &part : cell.split(separator, Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            out.append(part.trimmed());
    }
    return out;
}

// The table between the glossary markers: English | 中文 | Seeds | Avoid.
QList<Term> readGlossary(QString *error)
{
    QFile file(sourceFile(u"docs/GLOSSARY.md"_s));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    const QString text = QString::fromUtf8(file.readAll());
    const qsizetype begin = text.indexOf(u"<!-- glossary:begin -->"_s);
    const qsizetype end = text.indexOf(u"<!-- glossary:end -->"_s);
    if (begin < 0 || end < begin) {
        *error = u"glossary markers not found"_s;
        return {};
    }
    QList<Term> terms;
    const QStringList lines = text.mid(begin, end - begin).split(u'\n');
    for (const QString &line : lines) {
        const QStringList c = cells(line);
        if (c.size() != 4 || c.at(0) == u"English" || c.at(0).startsWith(u"---"))
            continue;
        terms.append({splitList(c.at(0), u'/'), c.at(1), splitList(c.at(3), u',')});
    }
    return terms;
}

QList<Message> readTranslations(QString *error)
{
    QFile file(sourceFile(u"translations/canceldesk_zh_CN.ts"_s));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"name")
            context = xml.readElementText();
        else if (xml.name() == u"message")
            current = Message{context, {}, {}};
        else if (xml.name() == u"source")
            current.source = xml.readElementText();
        else if (xml.name() == u"translation") {
            current.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            messages.append(current);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

} // namespace

class TestGlossary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void translationsUseTheGlossaryTerms();
    void translationsAvoidTheRejectedWords();
    void everyChineseTermIsInUse();

private:
    QList<Term> m_terms;
    QList<Message> m_messages;
};

void TestGlossary::initTestCase()
{
    QString error;
    m_terms = readGlossary(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(m_terms.size() >= 15, "the glossary table was not read");
    m_messages = readTranslations(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_messages.size() > 500);
}

void TestGlossary::translationsUseTheGlossaryTerms()
{
    QStringList failures;
    for (const Term &term : std::as_const(m_terms)) {
        for (const QString &english : term.english) {
            const QRegularExpression re(u"\\b"_s + QRegularExpression::escape(english),
                                        QRegularExpression::CaseInsensitiveOption);
            for (const Message &m : std::as_const(m_messages)) {
                if (m.translation.isEmpty() || m.translation.contains(term.chinese))
                    continue;
                auto it = re.globalMatch(m.source);
                while (it.hasNext()) {
                    // A word kept as is in the translation is a literal (the
                    // `cancel` command, the `--reason` option, UNRESOLVED).
                    if (!m.translation.contains(it.next().captured(0))) {
                        failures.append(u"%1: \"%2\" → \"%3\" lacks %4 (%5)"_s.arg(
                            m.context, m.source.left(80), m.translation.left(40), term.chinese,
                            english));
                        break;
                    }
                }
            }
        }
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
}

void TestGlossary::translationsAvoidTheRejectedWords()
{
    QStringList failures;
    for (const Term &term : std::as_const(m_terms)) {
        for (const QString &word : term.avoid) {
            for (const Message &m : std::as_const(m_messages)) {
                if (m.translation.contains(word))
                    failures.append(u"%1: \"%2\" uses %3; the glossary says %4"_s.arg(
                        m.context, m.translation.left(60), word, term.chinese));
            }
        }
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
}

void TestGlossary::everyChineseTermIsInUse()
{
    // A term nobody uses is a sign the table and the translations drifted.
    for (const Term &term : std::as_const(m_terms)) {
        const bool used =
            std::any_of(m_messages.cbegin(), m_messages.cend(),
                        [&](const Message &m) { return m.translation.contains(term.chinese); });
        QVERIFY2(used, qPrintable(term.chinese));
    }
}

QTEST_GUILESS_MAIN(TestGlossary)
#include "tst_glossary.moc"
