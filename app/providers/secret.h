#pragma once

#include <QByteArray>
#include <QDebug>

namespace CancelDesk::Providers {

// A credential (API key, client secret, private key, token). It never converts
// to text implicitly and prints as <redacted>, so it cannot slip into a log,
// a message or an export by accident; reveal() is the one, visible, way out.
class Secret
{
public:
    Secret() = default;
    explicit Secret(QByteArray value)
        : m_value(std::move(value))
    {}

    const QByteArray &reveal() const { return m_value; }
    bool isEmpty() const { return m_value.isEmpty(); }

    friend bool operator==(const Secret &, const Secret &) = default;

private:
    QByteArray m_value;
};

inline QDebug operator<<(QDebug debug, const Secret &)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "<redacted>";
    return debug;
}

} // namespace CancelDesk::Providers
