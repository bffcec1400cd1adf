#include "services/exporter.h"

#include "domain/cancelreason.h"
#include "domain/currency.h"
#include "domain/provider.h"
#include "storage/database.h"

#include <QCoreApplication>
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
#include <charconv>
#include <cmath>
#include <cstring>
#include <deque>
#include <limits>
#include <openssl/evp.h>
#include <utility>
#include <vector>
#include <xlsxwriter.h>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Services {

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

// A wall-clock date and time, what an XLSX date-time cell holds.
struct WallClock
{
    int year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int msec = 0;
};

// A value of one column, as the writers take it. Text is UTF-8: a stored
// value's own bytes where it can be (AttemptRow::utf8), else the cell's.
// Amount and Time cells carry their text too (the exact decimal string, the
// ISO 8601 time): CSV and JSON Lines write that text, only XLSX writes them as
// a number and a date-time.
struct Cell
{
    enum Kind { Text, Number, Null, Amount, Time };
    Kind kind = Null;
    qint64 number = 0; // Number; Amount: the minor units
    int exponent = -1; // Amount: the currency's decimals; -1 when unknown
    WallClock wall;    // Time: in the column's zone

    QByteArrayView text() const { return m_owned ? QByteArrayView(m_own, m_size) : m_text; }
    // Text that lives elsewhere until the row is written.
    void setText(QByteArrayView text)
    {
        m_text = text;
        m_owned = false;
    }
    // Text of the cell's own (copied with it), at most kOwnSize bytes.
    static constexpr int kOwnSize = 48;
    char *own() { return m_own; }
    void setOwned(int size)
    {
        Q_ASSERT(size >= 0 && size <= kOwnSize);
        m_size = size;
        m_owned = true;
    }

private:
    QByteArrayView m_text;
    bool m_owned = false;
    int m_size = 0;
    char m_own[kOwnSize];
};

using Cells = std::array<Cell, kColumnCount>;

void setText(Cell &c, QByteArrayView utf8)
{
    c.kind = Cell::Text;
    c.setText(utf8);
}

void setNumber(Cell &c, qint64 n)
{
    c.kind = Cell::Number;
    c.number = n;
}

void setNull(Cell &c)
{
    c.kind = Cell::Null;
}

void setAmount(Cell &c, qint64 minor, int exponent)
{
    c.kind = Cell::Amount;
    c.number = minor;
    c.exponent = exponent;
    static_assert(Domain::Money::kMaxDecimalChars <= Cell::kOwnSize);
    c.setOwned(Domain::Money::writeDecimal(c.own(), minor, exponent));
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

// "yyyy-MM-ddTHH:mm:ss" and "Z" (UTC) or the offset ("+08:00": a local column
// reads as local even at +00:00), written by hand: QDateTime::toString goes
// through QLocale's formatter, and with the local conversion it took half of
// an export's time at a million rows.
void setTime(Cell &c, qint64 ms, bool local, ZoneOffsets &zone)
{
    c.kind = Cell::Time;
    const int offset = local ? zone.at(ms) : 0;
    // The wall clock at that offset, from the instant's milliseconds.
    constexpr qint64 kDayMs = 86400000;
    const qint64 wallMs = ms + qint64(offset) * 1000;
    qint64 days = wallMs / kDayMs;
    qint64 inDay = wallMs % kDayMs;
    if (inDay < 0) {
        inDay += kDayMs;
        --days;
    }
    const QDate date = QDate(1970, 1, 1).addDays(days);
    const QTime time = QTime::fromMSecsSinceStartOfDay(int(inDay));
    WallClock &w = c.wall;
    date.getDate(&w.year, &w.month, &w.day);
    w.hour = time.hour();
    w.minute = time.minute();
    w.second = time.second();
    w.msec = time.msec();

    char *out = c.own();
    int n = 0;
    const auto two = [&out, &n](int v) {
        out[n++] = char('0' + v / 10);
        out[n++] = char('0' + v % 10);
    };
    if (w.year >= 0 && w.year <= 9999) {
        two(w.year / 100);
        two(w.year % 100);
        out[n++] = '-';
        two(w.month);
        out[n++] = '-';
        two(w.day);
        out[n++] = 'T';
        two(w.hour);
        out[n++] = ':';
        two(w.minute);
        out[n++] = ':';
        two(w.second);
    } else {
        // Years Qt writes with more digits or a sign.
        const QByteArray text =
            QDateTime(date, time, Qt::UTC).toString(u"yyyy-MM-ddTHH:mm:ss"_s).toUtf8();
        n = int(std::min<qsizetype>(text.size(), Cell::kOwnSize - 6));
        std::memcpy(out, text.constData(), size_t(n));
    }
    if (!local) {
        out[n++] = 'Z';
    } else {
        const int abs = offset < 0 ? -offset : offset;
        out[n++] = offset < 0 ? '-' : '+';
        two(abs / 3600 % 100);
        out[n++] = ':';
        two(abs % 3600 / 60);
    }
    c.setOwned(n);
}

// What the export writes for a stored key: the stored value read as a
// CancelAttempt reads it (an unknown one as that field's default), then
// written as a key, a label or a number again. The few distinct values of a
// column are worked out once.
template<typename T> class StoredValues
{
public:
    explicit StoredValues(std::function<T(const QString &stored)> convert)
        : m_convert(std::move(convert))
    {}

    const T &operator()(QByteArrayView stored)
    {
        for (const auto &[from, to] : m_known) {
            if (from == stored)
                return to;
        }
        T value = m_convert(QString::fromUtf8(stored));
        // Bounded, whatever a damaged store holds: past that, one at a time.
        if (m_known.size() >= kMaxKnown) {
            m_last = std::move(value);
            return m_last;
        }
        m_known.emplace_back(stored.toByteArray(), std::move(value));
        return m_known.back().second;
    }

private:
    static constexpr size_t kMaxKnown = 64;
    std::function<T(const QString &)> m_convert;
    std::deque<std::pair<QByteArray, T>> m_known; // references stay valid
    T m_last{};
};

// Fills the cells of one stored attempt (PRODUCT.md F15's columns), as
// written before from a CancelAttempt: tst_exporter checks every column
// against the attempts that CancelJournal::list() reads.
class RowCells
{
public:
    explicit RowCells(const QTimeZone &zone)
        : m_zone(zone)
    {}

    const Cells &fill(const Storage::AttemptRow &r)
    {
        using Storage::AttemptColumn;
        using namespace Domain;
        const auto stored = [&r](AttemptColumn c) { return r.utf8(c); };
        const auto time = [&](Cell &utc, Cell &local, AttemptColumn c) {
            if (r.isNull(c)) {
                setNull(utc);
                setNull(local);
                return;
            }
            setTime(utc, r.integer(c), false, m_zone);
            setTime(local, r.integer(c), true, m_zone);
        };
        Cell *c = m_cells.data();
        setNumber(c[0], r.id());
        setText(c[1], m_provider(stored(AttemptColumn::Provider)));
        setText(c[2], stored(AttemptColumn::PaymentId));
        setText(c[3], stored(AttemptColumn::MerchantReference));
        const QByteArrayView currency = stored(AttemptColumn::Currency);
        setAmount(c[4], r.integer(AttemptColumn::AmountMinor), m_exponent(currency));
        setText(c[5], currency);
        setText(c[6], stored(AttemptColumn::PaymentMethod));
        const QByteArrayView reason = stored(AttemptColumn::Reason);
        setText(c[7], m_reasonKey(reason));
        setText(c[8], m_reasonLabel(reason));
        setText(c[9], stored(AttemptColumn::Note));
        setText(c[10], stored(AttemptColumn::Operator));
        setText(c[11], stored(AttemptColumn::Environment));
        setText(c[12], stored(AttemptColumn::IdempotencyKey));
        setText(c[13], m_state(stored(AttemptColumn::State)));
        setText(c[14], stored(AttemptColumn::ProviderCode));
        setText(c[15], stored(AttemptColumn::ProviderMessage));
        // As CancelAttempt holds them: an int, 0 when unknown (empty here).
        if (const int http = int(r.integer(AttemptColumn::HttpStatus)); http > 0)
            setNumber(c[16], http);
        else
            setNull(c[16]);
        setNumber(c[17], int(r.integer(AttemptColumn::Tries)));
        time(c[18], c[19], AttemptColumn::RequestedAt);
        time(c[20], c[21], AttemptColumn::FinishedAt);
        if (const qint64 latency = r.integer(AttemptColumn::LatencyMs); latency >= 0)
            setNumber(c[22], latency);
        else
            setNull(c[22]);
        setText(c[23], stored(AttemptColumn::StatusBefore));
        setText(c[24], stored(AttemptColumn::StatusAfter));
        setText(c[25], r.entryHash());
        return m_cells;
    }

private:
    static Domain::CancelReason reasonOf(const QString &stored)
    {
        return Domain::cancelReasonFromKey(stored).value_or(Domain::CancelReason::Other);
    }

    Cells m_cells;
    ZoneOffsets m_zone;
    StoredValues<QByteArray> m_provider{[](const QString &s) {
        return Domain::providerKey(Domain::providerFromKey(s).value_or(Domain::Provider::Uqpay))
            .toUtf8();
    }};
    StoredValues<QByteArray> m_reasonKey{
        [](const QString &s) { return Domain::cancelReasonKey(reasonOf(s)).toUtf8(); }};
    StoredValues<QByteArray> m_reasonLabel{
        [](const QString &s) { return loggedReasonLabel(reasonOf(s)).toUtf8(); }};
    StoredValues<QByteArray> m_state{[](const QString &s) {
        return Storage::attemptStateKey(
                   Storage::attemptStateFromKey(s).value_or(Storage::AttemptState::Unresolved))
            .toUtf8();
    }};
    StoredValues<int> m_exponent{[](const QString &s) { return Domain::currencyExponent(s); }};
};

// The header row: the contract's keys, or their translated titles instead.
struct HeaderCells
{
    explicit HeaderCells(bool localized)
    {
        for (int i = 0; i < kColumnCount; ++i) {
            const Column &c = kColumns[i];
            texts[size_t(i)] = (localized ? QCoreApplication::translate("Exporter", c.title)
                                          : QString::fromUtf16(c.key))
                                   .toUtf8();
            setText(cells[size_t(i)], texts[size_t(i)]);
        }
    }
    Q_DISABLE_COPY_MOVE(HeaderCells)

    std::array<QByteArray, kColumnCount> texts;
    Cells cells;
};

QString writeError(const QString &path, const QString &reason)
{
    return QCoreApplication::translate("Exporter", "Cannot write the export file %1: %2")
        .arg(QDir::toNativeSeparators(path), reason);
}

// A CSV field: quoted when it holds a comma, quote, CR or LF, with inner
// quotes doubled. A spreadsheet reads a cell that starts with = + - @ tab or
// CR as a formula (CSV injection): such text gets a leading apostrophe.
// Applied to text cells only: number cells are written from integers that are
// never negative (unknown values are empty), and amounts come from Money,
// which is never negative, so they keep their numeric meaning. (All of these
// characters are ASCII, which no byte of a longer UTF-8 sequence is.)
void appendCsvField(QByteArray &out, QByteArrayView s)
{
    const bool formula = !s.isEmpty()
                         && (s.front() == '=' || s.front() == '+' || s.front() == '-'
                             || s.front() == '@' || s.front() == '\t' || s.front() == '\r');
    const bool quoted = std::any_of(
        s.begin(), s.end(), [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
    if (quoted)
        out.append('"');
    if (formula)
        out.append('\'');
    if (!quoted) {
        out.append(s.data(), s.size());
        return;
    }
    qsizetype plain = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i] == '"') {
            out.append(s.data() + plain, i + 1 - plain); // the quote, doubled below
            out.append('"');
            plain = i + 1;
        }
    }
    out.append(s.data() + plain, s.size() - plain);
    out.append('"');
}

class Writer
{
public:
    virtual ~Writer() = default;
    virtual bool open(QString *error) = 0;
    virtual bool header(const Cells &cells, QString *error) = 0;
    virtual bool row(const Cells &cells, QString *error) = 0;
    // Completes the file and moves it into place.
    virtual bool commit(QString *error) = 0;
    // Leaves nothing behind; also what destruction without commit() does.
    virtual void discard() = 0;
};

void appendNumber(QByteArray &out, qint64 n)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out.append(digits, end - digits);
}

// A text file (CSV, JSON Lines) written through a QSaveFile in blocks of about
// kBlock bytes: a write call per row was a tenth of an export's time.
class TextFile
{
public:
    explicit TextFile(const QString &path)
        : m_file(path)
    {
        m_buffer.reserve(kBlock + kBlock / 4);
    }

    bool open(QString *error)
    {
        if (!m_file.open(QIODevice::WriteOnly)) {
            *error = writeError(m_file.fileName(), m_file.errorString());
            return false;
        }
        return true;
    }

    QByteArray &buffer() { return m_buffer; }
    // After each row: writes the buffer out once it holds a block.
    bool rowDone(QString *error) { return m_buffer.size() < kBlock || flush(error); }

    bool commit(QString *error)
    {
        if (!flush(error))
            return false;
        if (!m_file.commit()) {
            *error = writeError(m_file.fileName(), m_file.errorString());
            return false;
        }
        return true;
    }

    void discard() { m_file.cancelWriting(); }

private:
    static constexpr qsizetype kBlock = 256 * 1024;

    bool flush(QString *error)
    {
        if (m_file.write(m_buffer) != m_buffer.size()) {
            *error = writeError(m_file.fileName(), m_file.errorString());
            return false;
        }
        m_buffer.resize(0); // keeps the capacity
        return true;
    }

    QSaveFile m_file;
    QByteArray m_buffer;
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
        if (!m_file.open(error))
            return false;
        if (m_bom)
            m_file.buffer().append("\xEF\xBB\xBF");
        return true;
    }

    bool header(const Cells &cells, QString *error) override { return row(cells, error); }

    bool row(const Cells &cells, QString *error) override
    {
        QByteArray &out = m_file.buffer();
        for (size_t i = 0; i < cells.size(); ++i) {
            if (i > 0)
                out.append(',');
            const Cell &c = cells[i];
            if (c.kind == Cell::Number)
                appendNumber(out, c.number);
            else if (c.kind != Cell::Null)
                appendCsvField(out, c.text());
        }
        out.append("\r\n");
        return m_file.rowDone(error);
    }

    bool commit(QString *error) override { return m_file.commit(error); }
    void discard() override { m_file.discard(); }

private:
    TextFile m_file;
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
    {
        for (int i = 0; i < kColumnCount; ++i) {
            QByteArray &key = m_keys[size_t(i)];
            key = i > 0 ? "," : "{";
            appendString(key, QString::fromUtf16(kColumns[i].key).toUtf8());
            key.append(':');
        }
    }

    bool open(QString *error) override { return m_file.open(error); }

    bool header(const Cells &, QString *) override { return true; }

    bool row(const Cells &cells, QString *error) override
    {
        QByteArray &out = m_file.buffer();
        for (size_t i = 0; i < cells.size(); ++i) {
            out.append(m_keys[i]);
            const Cell &c = cells[i];
            if (c.kind == Cell::Number)
                appendNumber(out, c.number);
            else if (c.kind != Cell::Null)
                appendString(out, c.text());
            else
                out.append("null");
        }
        out.append("}\n");
        return m_file.rowDone(error);
    }

    bool commit(QString *error) override { return m_file.commit(error); }
    void discard() override { m_file.discard(); }

private:
    // JSON's escapes for the quote, the backslash, LF, CR and tab, \u00XX for
    // the other control characters; every other byte of the UTF-8 as it is.
    static void appendString(QByteArray &out, QByteArrayView s)
    {
        static constexpr char kHex[] = "0123456789abcdef";
        out.append('"');
        qsizetype plain = 0; // s[plain, i) needs no escape
        for (qsizetype i = 0; i < s.size(); ++i) {
            const auto c = uchar(s[i]);
            if (c >= 0x20 && c != '"' && c != '\\')
                continue;
            out.append(s.data() + plain, i - plain);
            plain = i + 1;
            switch (c) {
            case '"':
                out.append("\\\"");
                break;
            case '\\':
                out.append("\\\\");
                break;
            case '\n':
                out.append("\\n");
                break;
            case '\r':
                out.append("\\r");
                break;
            case '\t':
                out.append("\\t");
                break;
            default: {
                const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
                out.append(escaped, sizeof escaped);
            }
            }
        }
        out.append(s.data() + plain, s.size() - plain);
        out.append('"');
    }

    TextFile m_file;
    std::array<QByteArray, kColumnCount> m_keys; // ',"key":'
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

    bool header(const Cells &cells, QString *error) override
    {
        m_headers.emplace_back();
        for (size_t i = 0; i < cells.size(); ++i)
            m_headers.back()[i] = cells[i].text().toByteArray();
        if (!writeHeader(m_headers.back(), error))
            return false;
        worksheet_freeze_panes(m_sheet, m_row, 0);
        return true;
    }

    bool row(const Cells &cells, QString *error) override
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
        if (!m_headers.empty()) {
            worksheet_freeze_panes(m_sheet, lxw_row_t(m_headers.size()), 0);
            for (const HeaderTexts &h : m_headers) {
                if (!writeHeader(h, error))
                    return false;
            }
        }
        return true;
    }

    using HeaderTexts = std::array<QByteArray, kColumnCount>;

    bool writeHeader(const HeaderTexts &texts, QString *error)
    {
        for (size_t c = 0; c < texts.size(); ++c) {
            if (!check(writeString(lxw_col_t(c), texts[c], m_bold), error))
                return false;
        }
        ++m_row;
        return true;
    }

    bool writeRow(const Cells &cells, lxw_format *format, QString *error)
    {
        for (size_t i = 0; i < cells.size(); ++i) {
            const Cell &cell = cells[i];
            const auto c = lxw_col_t(i);
            lxw_error e = LXW_NO_ERROR;
            if (cell.kind == Cell::Number) {
                e = worksheet_write_number(m_sheet, m_row, c, double(cell.number), format);
            } else if (lxw_format *amount =
                           cell.kind == Cell::Amount ? amountFormat(cell) : nullptr) {
                e = worksheet_write_number(m_sheet, m_row, c, amountValue(cell), amount);
            } else if (cell.kind == Cell::Time) {
                const WallClock &w = cell.wall;
                lxw_datetime dt{w.year, w.month,  w.day,
                                w.hour, w.minute, w.second + w.msec / 1000.0};
                e = worksheet_write_datetime(m_sheet, m_row, c, &dt, m_dateTime);
            } else if (cell.kind != Cell::Null) {
                e = writeString(c, cell.text(), format);
            }
            if (!check(e, error))
                return false;
        }
        ++m_row;
        return true;
    }

    lxw_error writeString(lxw_col_t column, QByteArrayView utf8, lxw_format *format)
    {
        if (utf8.isEmpty())
            return LXW_NO_ERROR;
        qsizetype size = utf8.size();
        if (size > kMaxCellBytes) {
            size = kMaxCellBytes;
            while (size > 0 && (uchar(utf8[size]) & 0xC0) == 0x80)
                --size; // not inside a UTF-8 sequence
        }
        // libxlsxwriter takes a C string.
        m_text.resize(0);
        m_text.append(utf8.data(), size);
        return worksheet_write_string(m_sheet, m_row, column, m_text.constData(), format);
    }

    bool check(lxw_error e, QString *error) const
    {
        if (e == LXW_NO_ERROR)
            return true;
        *error = writeError(m_path, QString::fromUtf8(lxw_strerror(e)));
        return false;
    }

    // The format of an amount in its currency ("#,##0.00"), one per exponent;
    // null when the amount is written as text (see the class comment).
    lxw_format *amountFormat(const Cell &amount)
    {
        const int exp = amount.exponent;
        if (exp < 0 || exp >= int(m_amountFormats.size()) || amount.number < -kExactInDouble
            || amount.number > kExactInDouble)
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

    static double amountValue(const Cell &amount)
    {
        // Both exact as doubles (|minor| <= 2^53, 10^exp <= 10^4): one
        // correctly rounded division.
        return double(amount.number) / std::pow(10.0, amount.exponent);
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
    std::vector<HeaderTexts> m_headers;
    QByteArray m_text; // writeString()'s C string
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

// OpenSSL's SHA-256 (the CPU's SHA instructions where there are some): Qt's
// took a fifth of a CSV export's time at a million rows.
QString sha256Of(const QString &path, QString *error)
{
    QFile file(path);
    const std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX *)> ctx(EVP_MD_CTX_new(),
                                                                  EVP_MD_CTX_free);
    const auto fail = [&](const QString &reason) {
        *error = writeError(path, reason);
        return QString();
    };
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
        return fail(QCoreApplication::translate("Exporter", "SHA-256 is not available"));
    QByteArray block(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = file.read(block.data(), block.size());
        if (n < 0)
            return fail(file.errorString());
        if (n == 0)
            break;
        if (EVP_DigestUpdate(ctx.get(), block.constData(), size_t(n)) != 1)
            return fail(QCoreApplication::translate("Exporter", "SHA-256 is not available"));
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1)
        return fail(QCoreApplication::translate("Exporter", "SHA-256 is not available"));
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
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
    const HeaderCells header(options.localizedHeaders);
    if (!writer->open(&result.error) || !writer->header(header.cells, &result.error)) {
        writer->discard();
        return result;
    }
    if (progress)
        progress(0, total);

    QString readError;
    RowCells cells(options.operatorZone);
    const bool read = journal.forEachRow(
        filter,
        [&](const Storage::AttemptRow &attempt) {
            if (stop()) {
                result.stopped = true;
                return false;
            }
            if (!writer->row(cells.fill(attempt), &result.error))
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

QString csvField(const QString &text)
{
    QByteArray field;
    appendCsvField(field, text.toUtf8());
    return QString::fromUtf8(field);
}

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
