#include "importer.h"

#include "domain/cancelpolicy.h"
#include "domain/currency.h"
#include "domain/money.h"
#include "domain/orderstatus.h"
#include "storage/orderstore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QLocale>
#include <QStringDecoder>

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Services {

using Domain::Order;

namespace {

const QStringList &requiredColumns()
{
    static const QStringList columns{u"provider"_s, u"payment_id"_s, u"amount"_s, u"currency"_s};
    return columns;
}

// UTF-8 only; invalid bytes are an error, never U+FFFD in a stored order.
std::optional<QString> decodeUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

// ISO-8601 with an explicit offset ("Z" or ±hh:mm); a time without one would
// be read in whatever zone this computer is in.
std::optional<QDateTime> parseTime(const QString &text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid() || t.timeSpec() == Qt::LocalTime)
        return std::nullopt;
    return t.toUTC();
}

// One row's values by column name, as read from the file.
using Row = QHash<QString, QString>;

// Identifies a (provider, payment id) in the duplicate check.
using RowDigest = std::array<quint64, 2>;

struct RowDigestHash
{
    size_t operator()(const RowDigest &d) const noexcept { return size_t(d[0] ^ (d[1] << 1)); }
};

RowDigest rowDigest(Domain::Provider provider, const QString &paymentId)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(Domain::providerKey(provider).toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(paymentId.toUtf8());
    const QByteArray full = hash.result();
    RowDigest d{};
    std::memcpy(d.data(), full.constData(), sizeof d);
    return d;
}

struct Validated
{
    std::optional<Order> order;
    QString reason;
};

Validated validateRow(const Row &row)
{
    Validated v;
    for (const QString &column : requiredColumns()) {
        if (row.value(column).trimmed().isEmpty()) {
            v.reason =
                QCoreApplication::translate("Importer", "The value of %1 is missing.").arg(column);
            return v;
        }
    }
    Order o;
    const QString providerText = row.value(u"provider"_s).trimmed();
    const std::optional<Domain::Provider> provider =
        Domain::providerFromKey(providerText.toLower());
    if (!provider) {
        v.reason =
            QCoreApplication::translate("Importer", "Unknown provider \"%1\".").arg(providerText);
        return v;
    }
    o.provider = *provider;
    o.paymentId = row.value(u"payment_id"_s).trimmed();

    const QString currency = row.value(u"currency"_s).trimmed().toUpper();
    if (!Domain::isKnownCurrency(currency)) {
        v.reason = QCoreApplication::translate("Importer", "Unknown currency \"%1\".")
                       .arg(row.value(u"currency"_s).trimmed());
        return v;
    }
    const QString amountText = row.value(u"amount"_s).trimmed();
    const Domain::MoneyResult money = Domain::parseDecimalAmount(amountText, currency);
    if (!money.ok()) {
        v.reason = QCoreApplication::translate("Importer", "Amount \"%1\": %2")
                       .arg(amountText, Domain::moneyErrorText(money.error, currency));
        return v;
    }
    o.amount = money.value;

    o.merchantReference = row.value(u"merchant_reference"_s).trimmed();
    o.paymentMethod = row.value(u"payment_method"_s).trimmed().toUpper();
    o.rawStatus = row.value(u"status"_s).trimmed();
    if (!o.rawStatus.isEmpty()) {
        const Domain::MappedStatus mapped = Domain::mapProviderStatus(o.provider, o.rawStatus);
        o.status = mapped.status;
        o.flags = mapped.flags;
    }
    for (const auto &[column, target] :
         {std::pair{u"created_at"_s, &o.createdAt}, std::pair{u"paid_at"_s, &o.paidAt}}) {
        const QString text = row.value(column).trimmed();
        if (text.isEmpty())
            continue;
        const std::optional<QDateTime> t = parseTime(text);
        if (!t) {
            v.reason = QCoreApplication::translate(
                           "Importer", "%1 \"%2\" is not an ISO-8601 time with an offset "
                                       "(e.g. 2026-03-02T10:00:00+08:00).")
                           .arg(column, text);
            return v;
        }
        *target = *t;
    }
    v.order = o;
    return v;
}

// The rows of a file, one at a time.
class RowSource
{
public:
    virtual ~RowSource() = default;
    // False at the end. A row that could not be read sets *issue instead.
    virtual bool next(Row *row, int *line, QString *issue) = 0;
    virtual QString error() const = 0;
};

// RFC 4180 read as a byte stream: quoted fields with commas, doubled quotes and
// line breaks; CRLF or LF; an optional UTF-8 BOM. Delimiters are ASCII, so the
// bytes are split first and each field decoded as UTF-8 afterwards.
class CsvSource final : public RowSource
{
public:
    explicit CsvSource(QFile &file)
        : m_file(file)
    {}

    bool readHeader()
    {
        QList<QByteArray> fields;
        int line = 0;
        bool tooLong = false;
        bool unclosed = false;
        if (!readRecord(&fields, &line, &tooLong, &unclosed)) {
            m_error = m_readError.isEmpty()
                          ? QCoreApplication::translate("Importer", "The file is empty.")
                          : m_readError;
            return false;
        }
        if (tooLong || unclosed) {
            m_error = QCoreApplication::translate("Importer", "The header row cannot be read.");
            return false;
        }
        for (const QByteArray &field : std::as_const(fields)) {
            const std::optional<QString> name = decodeUtf8(field);
            if (!name) {
                m_error =
                    QCoreApplication::translate("Importer", "The header row is not valid UTF-8.");
                return false;
            }
            const QString key = name->trimmed().toLower();
            if (!key.isEmpty() && m_columns.contains(key)) {
                m_error = QCoreApplication::translate("Importer",
                                                      "The column %1 appears twice in the header.")
                              .arg(key);
                return false;
            }
            m_columns.append(key);
        }
        QStringList missing;
        for (const QString &column : requiredColumns()) {
            if (!m_columns.contains(column))
                missing.append(column);
        }
        if (!missing.isEmpty()) {
            m_error = QCoreApplication::translate("Importer", "Required columns are missing: %1.")
                          .arg(missing.join(u", "_s));
            return false;
        }
        return true;
    }

    bool next(Row *row, int *line, QString *issue) override
    {
        QList<QByteArray> fields;
        for (;;) {
            bool tooLong = false;
            bool unclosed = false;
            if (!readRecord(&fields, line, &tooLong, &unclosed))
                return false;
            if (tooLong) {
                *issue = QCoreApplication::translate("Importer", "The row is longer than %1 bytes.")
                             .arg(Importer::kMaxRowBytes);
                return true;
            }
            if (unclosed) {
                *issue = QCoreApplication::translate(
                    "Importer", "A quoted value is not closed before the end of the file.");
                return true;
            }
            // Blank lines (spreadsheets add them at the end) are not rows.
            if (fields.size() == 1 && fields.first().trimmed().isEmpty())
                continue;
            break;
        }
        if (fields.size() > m_columns.size()) {
            *issue = QCoreApplication::translate("Importer",
                                                 "The row has %1 values but the header has %2.")
                         .arg(fields.size())
                         .arg(m_columns.size());
            return true;
        }
        row->clear();
        for (qsizetype i = 0; i < fields.size(); ++i) {
            const std::optional<QString> value = decodeUtf8(fields.at(i));
            if (!value) {
                *issue = QCoreApplication::translate("Importer", "The row is not valid UTF-8.");
                return true;
            }
            if (!m_columns.at(i).isEmpty())
                row->insert(m_columns.at(i), *value);
        }
        return true;
    }

    QString error() const override { return m_error.isEmpty() ? m_readError : m_error; }

private:
    bool nextByte(char *c)
    {
        if (m_pos >= m_buffer.size()) {
            if (m_eof)
                return false;
            m_buffer = m_file.read(64 * 1024);
            m_pos = 0;
            if (m_buffer.isEmpty()) {
                if (m_file.error() != QFileDevice::NoError)
                    m_readError =
                        QCoreApplication::translate("Importer", "The file cannot be read: %1")
                            .arg(m_file.errorString());
                m_eof = true;
                return false;
            }
            if (m_first) {
                m_first = false;
                if (m_buffer.startsWith("\xEF\xBB\xBF"))
                    m_pos = 3;
                if (m_pos >= m_buffer.size())
                    return nextByte(c);
            }
        }
        *c = m_buffer.at(m_pos++);
        return true;
    }

    void unread() { --m_pos; }

    // One record; *line is the line it starts on. Fields past the row cap are
    // dropped but the record is still read to its end, so the next row starts
    // in the right place.
    bool readRecord(QList<QByteArray> *fields, int *line, bool *tooLong, bool *unclosed)
    {
        fields->clear();
        QByteArray field;
        qsizetype size = 0;
        bool inQuotes = false;
        bool wasQuoted = false;
        bool any = false;
        char c = 0;
        *line = m_line;
        while (nextByte(&c)) {
            any = true;
            if (inQuotes) {
                if (c == '"') {
                    char d = 0;
                    if (nextByte(&d)) {
                        if (d == '"') {
                            field.append('"');
                            ++size;
                            continue;
                        }
                        unread();
                    }
                    inQuotes = false;
                    continue;
                }
                if (c == '\n')
                    ++m_line;
                if (++size <= Importer::kMaxRowBytes)
                    field.append(c);
                else
                    *tooLong = true;
                continue;
            }
            if (c == '"' && field.isEmpty() && !wasQuoted) {
                inQuotes = true;
                wasQuoted = true;
                continue;
            }
            if (c == ',') {
                fields->append(field);
                field.clear();
                wasQuoted = false;
                continue;
            }
            if (c == '\r') {
                char d = 0;
                if (nextByte(&d) && d != '\n')
                    unread();
                ++m_line;
                fields->append(field);
                return true;
            }
            if (c == '\n') {
                ++m_line;
                fields->append(field);
                return true;
            }
            if (++size <= Importer::kMaxRowBytes)
                field.append(c);
            else
                *tooLong = true;
        }
        if (!any)
            return false;
        *unclosed = inQuotes;
        fields->append(field);
        return true;
    }

    QFile &m_file;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool m_eof = false;
    bool m_first = true;
    int m_line = 1;
    QStringList m_columns;
    QString m_error;
    QString m_readError;
};

// The line each element of the top-level array (or of {"orders": [...]})
// starts on, found by a light scan that skips strings. Empty when the shape is
// not recognised; rows then count by index.
QList<int> elementLines(const QByteArray &json)
{
    QList<int> lines;
    QByteArray stack;
    int line = 1;
    bool inString = false;
    bool escaped = false;
    bool expectElement = false;
    const auto inTarget = [&stack] { return stack == "[" || stack == "{["; };
    for (const char c : json) {
        if (c == '\n')
            ++line;
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        if (expectElement && c != ']') {
            lines.append(line);
            expectElement = false;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '{':
        case '[':
            stack.append(c);
            expectElement = c == '[' && inTarget();
            break;
        case '}':
        case ']':
            expectElement = false;
            if (!stack.isEmpty())
                stack.chop(1);
            break;
        case ',':
            expectElement = inTarget();
            break;
        default:
            break;
        }
    }
    return lines;
}

class JsonSource final : public RowSource
{
public:
    bool load(QFile &file)
    {
        if (file.size() > Importer::kMaxJsonBytes) {
            m_error = QCoreApplication::translate(
                          "Importer", "The JSON file is larger than %1 MB; import it as CSV.")
                          .arg(Importer::kMaxJsonBytes / (1024 * 1024));
            return false;
        }
        QByteArray bytes = file.readAll();
        if (bytes.startsWith("\xEF\xBB\xBF"))
            bytes.remove(0, 3);
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            m_error = QCoreApplication::translate("Importer",
                                                  "The file is not valid JSON (at byte %1: %2).")
                          .arg(parseError.offset)
                          .arg(parseError.errorString());
            return false;
        }
        if (doc.isArray()) {
            m_items = doc.array();
        } else if (doc.isObject() && doc.object().value(u"orders"_s).isArray()) {
            m_items = doc.object().value(u"orders"_s).toArray();
        } else {
            m_error = QCoreApplication::translate(
                "Importer", "The JSON file must hold an array of orders or {\"orders\": [...]}.");
            return false;
        }
        m_lines = elementLines(bytes);
        if (m_lines.size() != m_items.size())
            m_lines.clear();
        return true;
    }

    bool next(Row *row, int *line, QString *issue) override
    {
        if (m_index >= m_items.size())
            return false;
        const qsizetype i = m_index++;
        *line = m_lines.isEmpty() ? int(i + 1) : m_lines.at(i);
        const QJsonValue item = m_items.at(i);
        if (!item.isObject()) {
            *issue = QCoreApplication::translate("Importer", "The entry is not a JSON object.");
            return true;
        }
        row->clear();
        const QJsonObject object = item.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString key = it.key().trimmed().toLower();
            const QJsonValue value = it.value();
            if (value.isString()) {
                row->insert(key, value.toString());
            } else if (value.isDouble()) {
                // The shortest text that reads back as the same double: 10.12
                // stays "10.12", so a third decimal is still caught.
                row->insert(key,
                            QString::number(value.toDouble(), 'f', QLocale::FloatingPointShortest));
            } else if (value.isNull()) {
                row->insert(key, {});
            } else {
                *issue = QCoreApplication::translate("Importer", "The value of %1 is not text.")
                             .arg(key);
                return true;
            }
        }
        return true;
    }

    QString error() const override { return m_error; }

private:
    QJsonArray m_items;
    QList<int> m_lines;
    qsizetype m_index = 0;
    QString m_error;
};

// How often a run asks whether to stop, in rows.
constexpr int kStopCheckRows = 256;

// Whether writing o would change nothing of what the store holds.
bool sameAsStored(const Order &o, const Order &stored)
{
    const auto sameText = [](const QString &in, const QString &old) {
        return in.isEmpty() || in == old;
    };
    const auto sameTime = [](const QDateTime &in, const QDateTime &old) {
        return !in.isValid() || in == old;
    };
    return sameText(o.merchantReference, stored.merchantReference)
           && sameText(o.paymentMethod, stored.paymentMethod) && o.amount == stored.amount
           && sameText(o.rawStatus, stored.rawStatus) && sameTime(o.createdAt, stored.createdAt)
           && sameTime(o.paidAt, stored.paidAt);
}

QString nothingImportedText(const QString &why)
{
    return QCoreApplication::translate("Importer", "Nothing was imported: %1").arg(why);
}

// The rows of the file at path, read by its extension (.csv or .json); null
// with *error set when the file cannot be read as one.
std::unique_ptr<RowSource> openSource(const QString &path, QFile &file, QString *error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != u"csv"_s && suffix != u"json"_s) {
        *error = QCoreApplication::translate("Importer",
                                             "%1: only .csv and .json files can be imported.")
                     .arg(QFileInfo(path).fileName());
        return nullptr;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("Importer", "%1 cannot be opened: %2")
                     .arg(QFileInfo(path).fileName(), file.errorString());
        return nullptr;
    }
    if (suffix == u"csv"_s) {
        auto csv = std::make_unique<CsvSource>(file);
        if (!csv->readHeader()) {
            *error = csv->error();
            return nullptr;
        }
        return csv;
    }
    auto json = std::make_unique<JsonSource>();
    if (!json->load(file)) {
        *error = json->error();
        return nullptr;
    }
    return json;
}

// A good row of the file, ready to be written.
struct Pending
{
    Order order;
    int line = 0;
    int rowsRead = 0;    // the run's rows read up to this one (ImportResult::rows)
    int issuesSoFar = 0; // the run's issues noted before it
};

// The reading side of a run: each row counted, validated and checked against
// the rows before it (issues noted by line), the good ones handed on.
class RowChecker
{
public:
    RowChecker(const Domain::CancelPolicy *policy, ImportResult &result)
        : m_policy(policy)
        , m_result(result)
    {}

    // The row when it is good; else its issue is noted.
    std::optional<Pending> check(const Row &row, int line, const QString &issue)
    {
        ++m_result.rows;
        if (!issue.isEmpty()) {
            m_result.issues.append({line, issue});
            return std::nullopt;
        }
        Validated v = validateRow(row);
        if (!v.order) {
            m_result.issues.append({line, v.reason});
            return std::nullopt;
        }
        Order &o = *v.order;
        if (isRepeated(o, line))
            return std::nullopt;
        if (m_policy)
            o.cancelDeadline = m_policy->deadline(o);
        return Pending{std::move(o), line, m_result.rows, int(m_result.issues.size())};
    }

private:
    // Whether an earlier line had the same payment (noted as an issue).
    bool isRepeated(const Order &o, int line)
    {
        const auto [it, inserted] = m_seen.try_emplace(rowDigest(o.provider, o.paymentId), line);
        if (inserted)
            return false;
        m_result.issues.append({line, QCoreApplication::translate(
                                          "Importer", "Payment %1 of %2 is already on line %3.")
                                          .arg(o.paymentId, Domain::providerDisplayName(o.provider))
                                          .arg(it->second)});
        return true;
    }

    const Domain::CancelPolicy *m_policy;
    ImportResult &m_result; // rows and issues
    // Each (provider, payment id) seen so far -> its first line, as a 128-bit
    // digest: 1,000,000 rows cost tens of megabytes, not the whole file.
    std::unordered_map<RowDigest, int, RowDigestHash> m_seen;
};

// The writing side of a run: the good rows compared with the store (a
// preview) or written into the batch.
class RowWriter
{
public:
    RowWriter(Storage::OrderStore &store, Storage::OrderBatch *batch, ImportResult &result)
        : m_store(store)
        , m_batch(batch)
        , m_result(result)
    {}

    // A preview's row: counted as it would be written.
    void preview(const Pending &p)
    {
        const std::optional<Order> stored = m_store.find(p.order.provider, p.order.paymentId);
        if (stored && sameAsStored(p.order, *stored))
            ++m_result.unchanged;
        else
            ++m_good;
    }

    // Writes a chunk of rows; false when the store refused one (m_result says
    // why, with its line, and holds only what was read up to it): the run
    // ends.
    bool write(const QList<Pending> &pending)
    {
        if (pending.isEmpty())
            return true;
        // Most rows of an import are new: added together (one statement on
        // PostgreSQL, where each is a round trip). Only an order already
        // stored is read, compared and merged. The payments of a chunk are
        // distinct (RowChecker), so the order of the writes does not matter.
        QList<Order> orders;
        orders.reserve(pending.size());
        for (const Pending &p : pending)
            orders.append(p.order);
        const QList<Storage::UpsertResult> added = m_batch->insertManyIfNew(orders);
        for (qsizetype i = 0; i < pending.size(); ++i) {
            const Pending &p = pending.at(i);
            Storage::UpsertResult r = added.at(i);
            if (r.ok && !r.inserted) {
                const std::optional<Order> stored =
                    m_batch->find(p.order.provider, p.order.paymentId);
                if (stored && sameAsStored(p.order, *stored)) {
                    ++m_result.unchanged;
                    continue;
                }
                r = m_batch->upsert(p.order);
            }
            if (!r.ok) {
                m_result.error =
                    QCoreApplication::translate("Importer", "Nothing was imported: line %1: %2")
                        .arg(p.line)
                        .arg(r.error);
                m_result.storageFailed = true;
                m_failedAt = p;
                return false;
            }
            ++m_good;
        }
        return true;
    }

    // The good rows: written, or for a preview, to be written.
    int good() const { return m_good; }
    // The row the store refused (write() returned false).
    const std::optional<Pending> &failedAt() const { return m_failedAt; }

private:
    Storage::OrderStore &m_store;
    Storage::OrderBatch *m_batch; // null for a preview
    ImportResult &m_result;       // unchanged, error
    int m_good = 0;
    std::optional<Pending> m_failedAt;
};

// The good rows of a source, read and checked on a thread of its own while
// the caller's thread writes the chunks before them (or, for a preview,
// compares them with the store): an import is about as much reading as
// writing. At most kQueued chunks wait, so memory stays
// bounded whatever the file's size.
class ChunkReader
{
public:
    static constexpr qsizetype kChunk = 1000;

    ChunkReader(RowSource &source, const Domain::CancelPolicy *policy)
        : m_source(source)
        , m_checker(policy, m_read)
        , m_thread([this] { run(); })
    {}

    ~ChunkReader() { finish(); }

    Q_DISABLE_COPY_MOVE(ChunkReader)

    // The next chunk, in the file's order; false at the end of the rows.
    // Asks stop() while it waits and between chunks; *stopped when it said so.
    bool next(QList<Pending> *chunk, const Importer::ShouldStop &stop, bool *stopped)
    {
        for (;;) {
            if (stop && stop()) {
                *stopped = true;
                return false;
            }
            std::unique_lock lock(m_mutex);
            m_ready.wait_for(lock, std::chrono::milliseconds(50),
                             [this] { return !m_queue.empty() || m_done; });
            if (!m_queue.empty()) {
                *chunk = std::move(m_queue.front());
                m_queue.pop_front();
                lock.unlock();
                m_room.notify_one();
                return true;
            }
            if (m_done)
                return false;
        }
    }

    // Stops the reading (where it is, unless at its end) and waits for it.
    void finish()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_room.notify_all();
        if (m_thread.joinable())
            m_thread.join();
    }

    // After finish(): what the reading found (rows, issues) and the source's
    // error, if any.
    const ImportResult &read() const { return m_read; }
    QString sourceError() const { return m_source.error(); }

private:
    void run()
    {
        QList<Pending> chunk;
        Row row;
        int line = 0;
        QString issue;
        while (m_source.next(&row, &line, &issue)) {
            if (std::optional<Pending> p = m_checker.check(row, line, std::exchange(issue, {})))
                chunk.append(std::move(*p));
            if (chunk.size() >= kChunk && !hand(std::exchange(chunk, {})))
                return;
            if (m_read.rows % kStopCheckRows == 0 && stopping())
                return;
        }
        if (!chunk.isEmpty() && !hand(std::move(chunk)))
            return;
        {
            const std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_ready.notify_all();
    }

    // Queues a chunk, waiting for room; false when the run is stopped.
    bool hand(QList<Pending> chunk)
    {
        std::unique_lock lock(m_mutex);
        m_room.wait(lock, [this] { return m_stop || m_queue.size() < kQueued; });
        if (m_stop)
            return false;
        m_queue.push_back(std::move(chunk));
        lock.unlock();
        m_ready.notify_one();
        return true;
    }

    bool stopping()
    {
        const std::lock_guard lock(m_mutex);
        return m_stop;
    }

    static constexpr size_t kQueued = 4;
    RowSource &m_source;
    ImportResult m_read; // the reading thread's until m_done
    RowChecker m_checker;
    std::mutex m_mutex;
    std::condition_variable m_ready; // a chunk is queued, or the end
    std::condition_variable m_room;  // the queue has room, or stop
    std::deque<QList<Pending>> m_queue;
    bool m_done = false;
    bool m_stop = false;
    std::thread m_thread; // last: starts once the rest is set up
};

} // namespace

Importer::Importer(Storage::OrderStore &store, const Domain::CancelPolicy *policy, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_policy(policy)
{}

ImportResult Importer::preview(const QString &path, const ShouldStop &stop) const
{
    return run(path, false, stop);
}

ImportResult Importer::importFile(const QString &path, const ShouldStop &stop)
{
    ImportResult result = run(path, true, stop);
    if (result.committed && result.imported > 0)
        Q_EMIT ordersImported(result.imported);
    return result;
}

ImportResult Importer::run(const QString &path, bool write, const ShouldStop &stop) const
{
    ImportResult result;
    QFile file(path);
    const std::unique_ptr<RowSource> source = openSource(path, file, &result.error);
    if (!source)
        return result;

    // Written as it is read, inside one transaction: a 100 MB file is never
    // held in memory, and an error anywhere rolls everything back.
    std::optional<Storage::OrderBatch> batch;
    if (write) {
        batch.emplace(m_store, Storage::StatusSource::Import);
        QString error;
        if (!batch->begin(&error)) {
            result.error = nothingImportedText(error);
            result.storageFailed = true;
            return result;
        }
    }
    RowWriter writer(m_store, batch ? &*batch : nullptr, result);
    {
        // Each return rolls the open transaction (if any) back with the batch.
        ChunkReader reader(*source, m_policy);
        QList<Pending> chunk;
        bool stopped = false;
        bool written = true;
        while (written && reader.next(&chunk, stop, &stopped)) {
            if (batch) {
                written = writer.write(chunk);
            } else {
                for (const Pending &p : std::as_const(chunk))
                    writer.preview(p);
            }
        }
        reader.finish();
        result.rows = reader.read().rows;
        result.issues = reader.read().issues;
        if (const std::optional<Pending> &failed = writer.failedAt()) {
            // The run ended at that row: what was read after it is not told.
            result.rows = failed->rowsRead;
            result.issues.resize(failed->issuesSoFar);
            return result;
        }
        if (stopped) {
            result.stopped = true;
            return result;
        }
        if (!reader.sourceError().isEmpty()) {
            result.error = reader.sourceError();
            return result;
        }
    }
    if (batch) {
        QString error;
        if (!batch->commit(&error)) {
            result.error = nothingImportedText(error);
            result.storageFailed = true;
            return result;
        }
    }
    result.imported = writer.good();
    result.committed = write;
    return result;
}

} // namespace CancelDesk::Services
