#include "services/exporter.h"

#include "domain/cancelreason.h"
#include "domain/currency.h"
#include "domain/provider.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QSaveFile>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryFile>
#include <QVariant>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>
#include <xlsxwriter.h>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Services {

QString csvField(const QString &text)
{
    // A spreadsheet reads a cell that starts with one of these as a formula
    // (CSV injection). Applied to text cells only: number cells are written
    // from integers that are never negative (unknown values are empty), and
    // amounts come from Money, which is never negative, so they keep their
    // numeric meaning.
    QString s = text;
    if (!s.isEmpty()) {
        const QChar c = s.front();
        if (c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r')
            s.prepend(u'\'');
    }
    if (std::none_of(s.cbegin(), s.cend(),
                     [](QChar c) { return c == u',' || c == u'"' || c == u'\r' || c == u'\n'; }))
        return s;
    s.replace(u'"', u"\"\""_s);
    return u'"' + s + u'"';
}

namespace {

struct Column
{
    const char16_t *key;
    const char *title; // QT_TRANSLATE_NOOP("Exporter", …)
    double xlsxWidth;
};

// PRODUCT.md F15: a public contract, in this order.
constexpr Column kColumns[] = {
    {u"attempt_id", QT_TRANSLATE_NOOP("Exporter", "Attempt ID"), 10},
    {u"provider", QT_TRANSLATE_NOOP("Exporter", "Provider"), 10},
    {u"payment_id", QT_TRANSLATE_NOOP("Exporter", "Payment ID"), 28},
    {u"merchant_reference", QT_TRANSLATE_NOOP("Exporter", "Merchant reference"), 24},
    {u"amount", QT_TRANSLATE_NOOP("Exporter", "Amount"), 14},
    {u"currency", QT_TRANSLATE_NOOP("Exporter", "Currency"), 9},
    {u"payment_method", QT_TRANSLATE_NOOP("Exporter", "Payment method"), 16},
    {u"reason_code", QT_TRANSLATE_NOOP("Exporter", "Reason code"), 22},
    {u"reason", QT_TRANSLATE_NOOP("Exporter", "Reason"), 22},
    {u"note", QT_TRANSLATE_NOOP("Exporter", "Note"), 30},
    {u"operator", QT_TRANSLATE_NOOP("Exporter", "Operator"), 14},
    {u"environment", QT_TRANSLATE_NOOP("Exporter", "Environment"), 12},
    {u"idempotency_key", QT_TRANSLATE_NOOP("Exporter", "Idempotency key"), 38},
    {u"outcome", QT_TRANSLATE_NOOP("Exporter", "Outcome"), 13},
    {u"provider_code", QT_TRANSLATE_NOOP("Exporter", "Provider code"), 18},
    {u"provider_message", QT_TRANSLATE_NOOP("Exporter", "Provider message"), 36},
    {u"http_status", QT_TRANSLATE_NOOP("Exporter", "HTTP status"), 11},
    {u"tries", QT_TRANSLATE_NOOP("Exporter", "Tries"), 7},
    {u"requested_at_utc", QT_TRANSLATE_NOOP("Exporter", "Requested at (UTC)"), 21},
    {u"requested_at_local", QT_TRANSLATE_NOOP("Exporter", "Requested at (local)"), 26},
    {u"finished_at_utc", QT_TRANSLATE_NOOP("Exporter", "Finished at (UTC)"), 21},
    {u"finished_at_local", QT_TRANSLATE_NOOP("Exporter", "Finished at (local)"), 26},
    {u"latency_ms", QT_TRANSLATE_NOOP("Exporter", "Latency (ms)"), 12},
    {u"status_before", QT_TRANSLATE_NOOP("Exporter", "Status before"), 14},
    {u"status_after", QT_TRANSLATE_NOOP("Exporter", "Status after"), 14},
    {u"entry_hash", QT_TRANSLATE_NOOP("Exporter", "Entry hash"), 66},
};
constexpr int kColumnCount = int(std::size(kColumns));

// Every how many rows progress is reported.
constexpr qint64 kProgressStep = 500;

// A value of one column. Amount and Time cells carry their text too (the
// exact decimal string, the ISO 8601 time): CSV and JSON Lines write that text,
// only XLSX writes them as a number and a date-time.
struct Cell
{
    enum Kind { Text, Number, Null, Amount, Time };
    Kind kind = Null;
    QString text;
    qint64 number = 0;
    Domain::Money money; // Amount
    // Time: the date and time to show, in the column's zone.
    QDate wallDate;
    QTime wallTime;
};

Cell text(QString s)
{
    Cell c;
    c.kind = Cell::Text;
    c.text = std::move(s);
    return c;
}

Cell number(qint64 n)
{
    Cell c;
    c.kind = Cell::Number;
    c.number = n;
    return c;
}

Cell amount(const Domain::Money &m)
{
    Cell c;
    c.kind = Cell::Amount;
    c.text = m.toDecimalString();
    c.money = m;
    return c;
}

// "yyyy-MM-ddTHH:mm:ss" of a wall-clock date and time, written by hand:
// QDateTime::toString goes through QLocale's formatter, and with the local
// conversion below it took half of an export's time at a million rows.
QString wallText(QDate d, QTime t)
{
    if (d.year() < 0 || d.year() > 9999)
        return QDateTime(d, t, Qt::UTC).toString(u"yyyy-MM-ddTHH:mm:ss"_s);
    char16_t buf[19];
    const auto two = [&buf](int at, int v) {
        buf[at] = char16_t(u'0' + v / 10);
        buf[at + 1] = char16_t(u'0' + v % 10);
    };
    two(0, d.year() / 100);
    two(2, d.year() % 100);
    buf[4] = u'-';
    two(5, d.month());
    buf[7] = u'-';
    two(8, d.day());
    buf[10] = u'T';
    two(11, t.hour());
    buf[13] = u':';
    two(14, t.minute());
    buf[16] = u':';
    two(17, t.second());
    return QString(reinterpret_cast<const QChar *>(buf), 19);
}

// "+08:00": a local column's offset at that instant, "+00:00" rather than
// "Z" so that a local column always reads as local.
QString offsetText(int offsetSeconds)
{
    const int abs = offsetSeconds < 0 ? -offsetSeconds : offsetSeconds;
    char buf[8];
    const int n = std::snprintf(buf, sizeof buf, "%c%02d:%02d", offsetSeconds < 0 ? '-' : '+',
                                abs / 3600, abs % 3600 / 60);
    return QString::fromLatin1(buf, n);
}

// The operator's zone's offset at an instant. Asking QTimeZone per cell was
// most of a time cell's cost: the offset is kept with the span between the
// zone's transitions around it, so a log of one season asks a few times.
class ZoneOffsets
{
public:
    explicit ZoneOffsets(QTimeZone zone)
        : m_zone(std::move(zone))
    {}

    int at(qint64 ms)
    {
        if (ms >= m_from && ms < m_to)
            return m_offset;
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
        m_offset = m_zone.offsetFromUtc(t);
        m_from = std::numeric_limits<qint64>::min();
        m_to = std::numeric_limits<qint64>::max();
        if (m_zone.hasTransitions()) {
            // The transition at or before t, and the next one after it.
            const QTimeZone::OffsetData before = m_zone.previousTransition(t.addMSecs(1));
            const QTimeZone::OffsetData after = m_zone.nextTransition(t);
            if (before.atUtc.isValid())
                m_from = before.atUtc.toMSecsSinceEpoch();
            if (after.atUtc.isValid())
                m_to = after.atUtc.toMSecsSinceEpoch();
        }
        return m_offset;
    }

private:
    QTimeZone m_zone;
    qint64 m_from = 0;
    qint64 m_to = 0; // [m_from, m_to): m_offset holds
    int m_offset = 0;
};

// Unknown numbers (no HTTP answer, no latency measured) and missing times are
// Null: empty in CSV/XLSX, null in JSON.
Cell time(const QDateTime &t, bool local, ZoneOffsets &zone)
{
    if (!t.isValid())
        return Cell{};
    Cell c;
    c.kind = Cell::Time;
    const qint64 ms = t.toMSecsSinceEpoch();
    const int offset = local ? zone.at(ms) : 0;
    // The wall clock at that offset, from the instant's milliseconds.
    const qint64 wallMs = ms + qint64(offset) * 1000;
    constexpr qint64 kDayMs = 86400000;
    qint64 days = wallMs / kDayMs;
    qint64 inDay = wallMs % kDayMs;
    if (inDay < 0) {
        inDay += kDayMs;
        --days;
    }
    // Dropping the offset keeps the wall-clock date and time as they read.
    c.wallDate = QDate(1970, 1, 1).addDays(days);
    c.wallTime = QTime::fromMSecsSinceStartOfDay(int(inDay));
    c.text = wallText(c.wallDate, c.wallTime) + (local ? offsetText(offset) : QStringLiteral("Z"));
    return c;
}

QList<Cell> cellsOf(const Storage::CancelAttempt &a, ZoneOffsets &zone)
{
    QList<Cell> cells;
    cells.reserve(kColumnCount);
    cells << number(a.id) << text(Domain::providerKey(a.provider)) << text(a.paymentId)
          << text(a.merchantReference) << amount(a.amount) << text(a.amount.currency)
          << text(a.paymentMethod) << text(Domain::cancelReasonKey(a.reason))
          << text(loggedReasonLabel(a.reason)) << text(a.note) << text(a.operatorName)
          << text(a.environment) << text(a.idempotencyKey)
          << text(Storage::attemptStateKey(a.state)) << text(a.providerCode)
          << text(a.providerMessage) << (a.httpStatus > 0 ? number(a.httpStatus) : Cell{})
          << number(a.tries) << time(a.requestedAt, false, zone) << time(a.requestedAt, true, zone)
          << time(a.finishedAt, false, zone) << time(a.finishedAt, true, zone)
          << (a.latencyMs >= 0 ? number(a.latencyMs) : Cell{}) << text(a.statusBefore)
          << text(a.statusAfter) << text(a.entryHash);
    Q_ASSERT(cells.size() == kColumnCount);
    return cells;
}

QList<Cell> headerCells(bool localized)
{
    QList<Cell> cells;
    cells.reserve(kColumnCount);
    for (const Column &c : kColumns) {
        cells << text(localized ? QCoreApplication::translate("Exporter", c.title)
                                : QString::fromUtf16(c.key));
    }
    return cells;
}

QString writeError(const QString &path, const QString &reason)
{
    return QCoreApplication::translate("Exporter", "Cannot write the export file %1: %2")
        .arg(QDir::toNativeSeparators(path), reason);
}

class Writer
{
public:
    virtual ~Writer() = default;
    virtual bool open(QString *error) = 0;
    virtual bool header(const QList<Cell> &cells, QString *error) = 0;
    virtual bool row(const QList<Cell> &cells, QString *error) = 0;
    // Completes the file and moves it into place.
    virtual bool commit(QString *error) = 0;
    // Leaves nothing behind; also what destruction without commit() does.
    virtual void discard() = 0;
};

// RFC 4180: comma separated, CRLF line ends, fields with a comma, quote, CR or
// LF enclosed in quotes with inner quotes doubled.
class CsvWriter final : public Writer
{
public:
    CsvWriter(const QString &path, bool bom)
        : m_file(path)
        , m_bom(bom)
    {}

    bool open(QString *error) override
    {
        if (!m_file.open(QIODevice::WriteOnly)) {
            *error = writeError(m_file.fileName(), m_file.errorString());
            return false;
        }
        return !m_bom || write("\xEF\xBB\xBF", error);
    }

    bool header(const QList<Cell> &cells, QString *error) override { return row(cells, error); }

    bool row(const QList<Cell> &cells, QString *error) override
    {
        QString line;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i > 0)
                line += u',';
            const Cell &c = cells.at(i);
            if (c.kind == Cell::Number)
                line += QString::number(c.number);
            else if (c.kind != Cell::Null)
                line += csvField(c.text);
        }
        line += u"\r\n"_s;
        return write(line.toUtf8(), error);
    }

    bool commit(QString *error) override
    {
        if (!m_file.commit()) {
            *error = writeError(m_file.fileName(), m_file.errorString());
            return false;
        }
        return true;
    }

    void discard() override { m_file.cancelWriting(); }

private:
    bool write(const QByteArray &bytes, QString *error)
    {
        if (m_file.write(bytes) != bytes.size()) {
            *error = writeError(m_file.fileName(), m_file.errorString());
            return false;
        }
        return true;
    }

    QSaveFile m_file;
    bool m_bom;
};

// One compact JSON object per line, keys in column order (QJsonObject would
// sort them), numbers as numbers and missing values as null. The amount stays
// a decimal string: a JSON number would be read as a double by many tools.
class JsonLinesWriter final : public Writer
{
public:
    explicit JsonLinesWriter(const QString &path)
        : m_file(path)
    {}

    bool open(QString *error) override
    {
        if (!m_file.open(QIODevice::WriteOnly)) {
            *error = writeError(m_file.fileName(), m_file.errorString());
            return false;
        }
        return true;
    }

    bool header(const QList<Cell> &, QString *) override { return true; }

    bool row(const QList<Cell> &cells, QString *error) override
    {
        QString line;
        line += u'{';
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i > 0)
                line += u',';
            appendString(line, QString::fromUtf16(kColumns[i].key));
            line += u':';
            const Cell &c = cells.at(i);
            if (c.kind == Cell::Number)
                line += QString::number(c.number);
            else if (c.kind != Cell::Null)
                appendString(line, c.text);
            else
                line += u"null"_s;
        }
        line += u"}\n"_s;
        const QByteArray bytes = line.toUtf8();
        if (m_file.write(bytes) != bytes.size()) {
            *error = writeError(m_file.fileName(), m_file.errorString());
            return false;
        }
        return true;
    }

    bool commit(QString *error) override
    {
        if (!m_file.commit()) {
            *error = writeError(m_file.fileName(), m_file.errorString());
            return false;
        }
        return true;
    }

    void discard() override { m_file.cancelWriting(); }

private:
    static void appendString(QString &out, const QString &s)
    {
        out += u'"';
        for (const QChar c : s) {
            switch (c.unicode()) {
            case u'"':
                out += u"\\\""_s;
                break;
            case u'\\':
                out += u"\\\\"_s;
                break;
            case u'\n':
                out += u"\\n"_s;
                break;
            case u'\r':
                out += u"\\r"_s;
                break;
            case u'\t':
                out += u"\\t"_s;
                break;
            default:
                if (c.unicode() < 0x20)
                    out += u"\\u%1"_s.arg(c.unicode(), 4, 16, QChar(u'0'));
                else
                    out += c;
            }
        }
        out += u'"';
    }

    QSaveFile m_file;
};

// libxlsxwriter in constant-memory mode: rows go to a temporary file as they
// come (strings inline, no shared-string table in memory), so a large log does
// not grow the heap. It writes the workbook to a file name of its own, so it
// writes beside the destination and the result is copied through a QSaveFile.
//
// Text stays text (write_string never makes a formula, so no guard is needed
// and the data is exact). attempt_id, http_status, tries and latency_ms are
// numbers. So that an accountant's filters and sums work:
// - the amount is a number in major units with its currency's decimals
//   ("#,##0.00" for USD, "#,##0" for JPY, per row). The cell value is
//   minor / 10^exponent as a double, computed from the integer minor units
//   (never from a formatted string); IEEE division rounds it to the double
//   nearest the exact decimal, which the spreadsheet shows exactly. This is the
//   only place an amount becomes a double, and only because a spreadsheet
//   number is one. Amounts beyond 2^53 minor units (not exact as a double) and
//   unknown currencies stay the exact decimal string of CSV and JSON;
// - the four times are Excel date-times ("yyyy-mm-dd hh:mm:ss"): *_utc in
//   UTC, *_local the wall-clock time in the operator's zone, as the column
//   keys and titles say. (CSV and JSON keep ISO 8601 text with the offset.)
class XlsxWriter final : public Writer
{
public:
    explicit XlsxWriter(const QString &path)
        : m_path(path)
        , m_temp(QFileInfo(path).absolutePath() + u"/."_s + QFileInfo(path).fileName()
                 + u".XXXXXX.part"_s)
    {}

    ~XlsxWriter() override { closeWorkbook(); }
    Q_DISABLE_COPY_MOVE(XlsxWriter)

    bool open(QString *error) override
    {
        if (!m_temp.open()) {
            *error = writeError(m_path, m_temp.errorString());
            return false;
        }
        m_temp.close(); // libxlsxwriter opens it by name
        m_tmpDir = QFile::encodeName(QFileInfo(m_path).absolutePath());
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE;
        options.tmpdir = m_tmpDir.data();
        m_workbook = workbook_new_opt(QFile::encodeName(m_temp.fileName()).constData(), &options);
        if (!m_workbook) {
            *error = writeError(m_path, QCoreApplication::translate(
                                            "Exporter", "the spreadsheet could not be created"));
            return false;
        }
        m_bold = workbook_add_format(m_workbook);
        format_set_bold(m_bold);
        m_dateTime = workbook_add_format(m_workbook);
        format_set_num_format(m_dateTime, "yyyy-mm-dd hh:mm:ss");
        return addSheet(error);
    }

    bool header(const QList<Cell> &cells, QString *error) override
    {
        m_headers.append(cells);
        if (!writeRow(cells, m_bold, error))
            return false;
        worksheet_freeze_panes(m_sheet, m_row, 0);
        return true;
    }

    bool row(const QList<Cell> &cells, QString *error) override
    {
        if (m_row > kLastRow && !addSheet(error))
            return false;
        return writeRow(cells, nullptr, error);
    }

    bool commit(QString *error) override
    {
        const lxw_error closed = closeWorkbook();
        if (closed != LXW_NO_ERROR) {
            *error = writeError(m_path, QString::fromUtf8(lxw_strerror(closed)));
            return false;
        }
        QFile in(m_temp.fileName());
        QSaveFile out(m_path);
        if (!in.open(QIODevice::ReadOnly)) {
            *error = writeError(m_path, in.errorString());
            return false;
        }
        if (!out.open(QIODevice::WriteOnly)) {
            *error = writeError(m_path, out.errorString());
            return false;
        }
        while (!in.atEnd()) {
            const QByteArray chunk = in.read(1 << 20);
            if (chunk.isEmpty() || out.write(chunk) != chunk.size()) {
                *error = writeError(m_path, chunk.isEmpty() ? in.errorString() : out.errorString());
                out.cancelWriting();
                return false;
            }
        }
        if (!out.commit()) {
            *error = writeError(m_path, out.errorString());
            return false;
        }
        return true;
    }

    // The temporary file goes with m_temp.
    void discard() override { closeWorkbook(); }

private:
    // An Excel sheet holds 1,048,576 rows (0-based last row 1,048,575). Longer
    // logs continue on further sheets with the same header, so there is no cap.
    static constexpr lxw_row_t kLastRow = 1048575;
    // Excel's limit for one cell (libxlsxwriter counts UTF-8 bytes).
    static constexpr qsizetype kMaxCellBytes = 32767;
    // Integers up to 2^53 are exact in a double.
    static constexpr qint64 kExactInDouble = qint64(1) << 53;

    bool addSheet(QString *error)
    {
        ++m_sheets;
        const QString title =
            m_sheets == 1 ? QCoreApplication::translate("Exporter", "Cancel log")
                          : QCoreApplication::translate("Exporter", "Cancel log %1").arg(m_sheets);
        m_sheet =
            workbook_add_worksheet(m_workbook, title.left(LXW_SHEETNAME_MAX).toUtf8().constData());
        if (!m_sheet) // a translation with characters Excel forbids in names
            m_sheet = workbook_add_worksheet(m_workbook, nullptr);
        if (!m_sheet) {
            *error = writeError(m_path, QCoreApplication::translate(
                                            "Exporter", "the spreadsheet could not be created"));
            return false;
        }
        m_row = 0;
        for (int c = 0; c < kColumnCount; ++c)
            worksheet_set_column(m_sheet, lxw_col_t(c), lxw_col_t(c), kColumns[c].xlsxWidth,
                                 nullptr);
        if (!m_headers.isEmpty()) {
            worksheet_freeze_panes(m_sheet, lxw_row_t(m_headers.size()), 0);
            for (const QList<Cell> &h : std::as_const(m_headers)) {
                if (!writeRow(h, m_bold, error))
                    return false;
            }
        }
        return true;
    }

    bool writeRow(const QList<Cell> &cells, lxw_format *format, QString *error)
    {
        for (int c = 0; c < cells.size(); ++c) {
            const Cell &cell = cells.at(c);
            lxw_error e = LXW_NO_ERROR;
            if (cell.kind == Cell::Number) {
                e = worksheet_write_number(m_sheet, m_row, lxw_col_t(c), double(cell.number),
                                           format);
            } else if (cell.kind == Cell::Amount && amountFormat(cell.money)) {
                e = worksheet_write_number(m_sheet, m_row, lxw_col_t(c), amountValue(cell.money),
                                           amountFormat(cell.money));
            } else if (cell.kind == Cell::Time) {
                const QDate d = cell.wallDate;
                const QTime t = cell.wallTime;
                lxw_datetime dt{d.year(), d.month(),  d.day(),
                                t.hour(), t.minute(), t.second() + t.msec() / 1000.0};
                e = worksheet_write_datetime(m_sheet, m_row, lxw_col_t(c), &dt, m_dateTime);
            } else if (cell.kind != Cell::Null && !cell.text.isEmpty()) {
                QByteArray utf8 = cell.text.toUtf8();
                if (utf8.size() > kMaxCellBytes) {
                    qsizetype cut = kMaxCellBytes;
                    while (cut > 0 && (uchar(utf8.at(cut)) & 0xC0) == 0x80)
                        --cut; // not inside a UTF-8 sequence
                    utf8.truncate(cut);
                }
                e = worksheet_write_string(m_sheet, m_row, lxw_col_t(c), utf8.constData(), format);
            }
            if (e != LXW_NO_ERROR) {
                *error = writeError(m_path, QString::fromUtf8(lxw_strerror(e)));
                return false;
            }
        }
        ++m_row;
        return true;
    }

    // The format of an amount in its currency ("#,##0.00"), one per exponent;
    // null when the amount is written as text (see the class comment).
    lxw_format *amountFormat(const Domain::Money &m)
    {
        const int exp = Domain::currencyExponent(m.currency);
        if (exp < 0 || exp >= int(m_amountFormats.size()) || m.minor < -kExactInDouble
            || m.minor > kExactInDouble)
            return nullptr;
        lxw_format *&format = m_amountFormats[size_t(exp)];
        if (!format) {
            QByteArray code("#,##0");
            if (exp > 0)
                code += '.' + QByteArray(exp, '0');
            format = workbook_add_format(m_workbook);
            format_set_num_format(format, code.constData());
        }
        return format;
    }

    static double amountValue(const Domain::Money &m)
    {
        // Both exact as doubles (|minor| <= 2^53, 10^exp <= 10^4): one
        // correctly rounded division.
        return double(m.minor) / std::pow(10.0, Domain::currencyExponent(m.currency));
    }

    lxw_error closeWorkbook()
    {
        if (!m_workbook)
            return LXW_NO_ERROR;
        const lxw_error e = workbook_close(m_workbook); // also frees it
        m_workbook = nullptr;
        return e;
    }

    QString m_path;
    QTemporaryFile m_temp;
    QByteArray m_tmpDir;
    lxw_workbook *m_workbook = nullptr;
    lxw_worksheet *m_sheet = nullptr;
    lxw_format *m_bold = nullptr;
    lxw_format *m_dateTime = nullptr;
    // By currency exponent; ISO 4217 has none above 4 (CLF).
    std::array<lxw_format *, 5> m_amountFormats{};
    QList<QList<Cell>> m_headers;
    lxw_row_t m_row = 0;
    int m_sheets = 0;
};

std::unique_ptr<Writer> makeWriter(const QString &path, const ExportOptions &options)
{
    switch (options.format) {
    case ExportFormat::Csv:
        return std::make_unique<CsvWriter>(path, options.bom);
    case ExportFormat::Xlsx:
        return std::make_unique<XlsxWriter>(path);
    case ExportFormat::JsonLines:
        return std::make_unique<JsonLinesWriter>(path);
    }
    Q_UNREACHABLE();
    return {};
}

QString sha256Of(const QString &path, QString *error)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file)) {
        *error = writeError(path, file.errorString());
        return {};
    }
    return QString::fromLatin1(hash.result().toHex());
}

QString manifestError(const QString &path, const QString &reason)
{
    return QCoreApplication::translate("Exporter", "Cannot read the export manifest %1: %2")
        .arg(QDir::toNativeSeparators(path), reason);
}

// Written after the export file is in place, through a QSaveFile (temporary
// file + rename) like the export itself: a manifest is never half written.
bool writeManifest(const QString &exportPath, const ExportOptions &options, qint64 rows,
                   const Storage::JournalHead &head, QString *error)
{
    const QString sha256 = sha256Of(exportPath, error);
    if (sha256.isEmpty())
        return false;
    const QJsonObject manifest{
        {u"file"_s, QFileInfo(exportPath).fileName()},
        {u"format"_s, exportFormatKey(options.format)},
        {u"rows"_s, rows},
        {u"sha256"_s, sha256},
        {u"head"_s, head.toJson()},
        {u"written_at_utc"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
    };
    const QString path = manifestPath(exportPath);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(manifest).toJson(QJsonDocument::Indented)) < 0
        || !file.commit()) {
        *error = writeError(path, file.errorString());
        return false;
    }
    return true;
}

// The same conditions as CancelJournal's filter, for the progress total only.
// The export itself, on whichever thread calls it (its own connection).
ExportResult runExport(Storage::Database &db, const QString &path, const ExportOptions &options,
                       const std::function<bool()> &stop,
                       const std::function<void(qint64, qint64)> &progress)
{
    ExportResult result;
    const Storage::AttemptFilter filter = exportFilter(options);
    const QSqlDatabase connection = db.connection();
    // One read transaction: the total and the rows come from the same snapshot
    // even while another process appends to the log.
    const Storage::ReadSnapshot snapshot(connection);

    Storage::CancelJournal journal(db);
    const qint64 total = journal.count(filter);
    // The head in the same snapshot as the rows, for the manifest.
    QString headError;
    const std::optional<Storage::JournalHead> head = journal.head(&headError);
    if (!head) {
        result.error = QCoreApplication::translate("Exporter", "Cannot read the cancel log: %1")
                           .arg(headError);
        return result;
    }
    std::unique_ptr<Writer> writer = makeWriter(path, options);
    // One header row: the contract's keys, or their translated titles instead.
    if (!writer->open(&result.error)
        || !writer->header(headerCells(options.localizedHeaders), &result.error)) {
        writer->discard();
        return result;
    }
    if (progress)
        progress(0, total);

    QString readError;
    ZoneOffsets zone(options.operatorZone);
    const bool read = journal.forEach(
        filter,
        [&](const Storage::CancelAttempt &attempt) {
            if (stop()) {
                result.stopped = true;
                return false;
            }
            if (!writer->row(cellsOf(attempt, zone), &result.error))
                return false;
            ++result.rows;
            if (progress && result.rows % kProgressStep == 0)
                progress(result.rows, std::max(total, result.rows));
            return true;
        },
        &readError);
    if (!read) {
        result.error = QCoreApplication::translate("Exporter", "Cannot read the cancel log: %1")
                           .arg(readError);
    }
    if (!result.stopped && stop())
        result.stopped = true; // stopped after the last row: still no file
    if (result.stopped || !result.error.isEmpty()) {
        writer->discard();
        if (result.stopped)
            result.error.clear();
        return result;
    }
    // An older manifest beside the file no longer describes it.
    QFile::remove(manifestPath(path));
    if (!writer->commit(&result.error))
        return result;
    if (!writeManifest(path, options, result.rows, *head, &result.error))
        return result;
    result.manifestPath = manifestPath(path);
    if (progress)
        progress(result.rows, std::max(total, result.rows));
    return result;
}

} // namespace

QString exportFormatKey(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Csv:
        return u"csv"_s;
    case ExportFormat::Xlsx:
        return u"xlsx"_s;
    case ExportFormat::JsonLines:
        return u"jsonl"_s;
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<ExportFormat> exportFormatFromKey(QStringView key)
{
    for (const ExportFormat f : {ExportFormat::Csv, ExportFormat::Xlsx, ExportFormat::JsonLines}) {
        if (key == exportFormatKey(f))
            return f;
    }
    return std::nullopt;
}

QString manifestPath(const QString &exportPath)
{
    return exportPath + u".manifest.json"_s;
}

std::optional<ExportManifest> readManifest(const QString &path, QString *error)
{
    const auto fail = [&](const QString &reason) {
        if (error)
            *error = manifestError(path, reason);
        return std::nullopt;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(1 << 20), &parseError);
    if (!doc.isObject())
        return fail(parseError.error != QJsonParseError::NoError
                        ? parseError.errorString()
                        : QCoreApplication::translate("Exporter", "not a JSON object"));
    const QJsonObject o = doc.object();
    const std::optional<Storage::JournalHead> head =
        Storage::JournalHead::fromJson(o.value(u"head"_s).toObject());
    if (!head)
        return fail(QCoreApplication::translate("Exporter", "it holds no valid head"));
    ExportManifest manifest;
    manifest.head = *head;
    manifest.file = o.value(u"file"_s).toString();
    manifest.format =
        exportFormatFromKey(o.value(u"format"_s).toString()).value_or(ExportFormat::Csv);
    manifest.rows = o.value(u"rows"_s).toInteger();
    manifest.sha256 = o.value(u"sha256"_s).toString();
    manifest.writtenAt =
        QDateTime::fromString(o.value(u"written_at_utc"_s).toString(), Qt::ISODateWithMs);
    return manifest;
}

QDateTime exportRangeStart(QDate from, const QTimeZone &zone)
{
    // startOfDay() finds the first instant of the day even when a DST change
    // skips midnight (America/Sao_Paulo until 2019).
    return from.startOfDay(zone).toUTC();
}

QDateTime exportRangeEnd(QDate to, const QTimeZone &zone)
{
    return to.addDays(1).startOfDay(zone).toUTC();
}

Storage::AttemptFilter exportFilter(const ExportOptions &options)
{
    Storage::AttemptFilter filter = options.filter;
    if (options.from)
        filter.requestedFrom = exportRangeStart(*options.from, options.operatorZone);
    if (options.to)
        filter.requestedTo = exportRangeEnd(*options.to, options.operatorZone);
    return filter;
}

QString loggedReasonLabel(Domain::CancelReason reason)
{
    // Only the picker's "Other" carries a request for a note.
    if (reason == Domain::CancelReason::Other)
        return QCoreApplication::translate("Exporter", "Other");
    return Domain::cancelReasonLabel(reason);
}

QStringList exportColumns()
{
    QStringList keys;
    keys.reserve(kColumnCount);
    for (const Column &c : kColumns)
        keys << QString::fromUtf16(c.key);
    return keys;
}

QString exportColumnTitle(const QString &key)
{
    for (const Column &c : kColumns) {
        if (key == QStringView(c.key))
            return QCoreApplication::translate("Exporter", c.title);
    }
    return key;
}

ExportJob::ExportJob(QObject *parent)
    : QObject(parent)
{}

// Deleting the job cancels it in the Exporter's runner: the worker stops at
// the next row and leaves no file; the runner waits for it before the
// Exporter (and the Database it reads) go away.
ExportJob::~ExportJob() = default;

void ExportJob::stop()
{
    m_stop->store(true);
}

void ExportJob::deliver(const ExportResult &result)
{
    if (m_delivered)
        return;
    m_delivered = true;
    emit finished(result);
}

Exporter::Exporter(Storage::Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_jobs(new JobRunner(this))
{}

Exporter::~Exporter()
{
    // Cancels the running exports and joins their workers (they read m_db);
    // the jobs, children too, go after it with nothing delivered.
    delete m_jobs;
}

ExportJob *Exporter::start(const QString &path, const ExportOptions &options)
{
    auto *job = new ExportJob(this);
    Storage::Database *db = &m_db;
    const std::shared_ptr<std::atomic_bool> stop = job->m_stop;
    // Begun from the event loop, not here: a caller may stop() the job right
    // after start(), before its first row. Progress and the result arrive
    // queued on this thread, so connecting after start() misses nothing.
    QMetaObject::invokeMethod(
        job,
        [this, job, db, path, options, stop] {
            job->m_id = m_jobs->start(
                u"export"_s, job,
                [db, path, options, stop](JobControl &control) {
                    return runExport(
                        *db, path, options,
                        [&control, &stop] { return stop->load() || control.isCancelled(); },
                        [&control](qint64 rows, qint64 total) {
                            control.reportProgress(rows, total);
                        });
                },
                [job](const ExportResult &result) { job->deliver(result); },
                [job](qint64 rows, qint64 total) { emit job->progress(rows, total); });
        },
        Qt::QueuedConnection);
    return job;
}

ExportResult Exporter::exportNow(const QString &path, const ExportOptions &options,
                                 const std::function<void(qint64, qint64)> &progress)
{
    return runExport(
        m_db, path, options, [] { return false; }, progress);
}

} // namespace CancelDesk::Services
