# The cancel workflow (PRODUCT.md F11–F13) and its crash recovery.
target_sources(canceldesk_core PRIVATE
    services/backoff.h services/backoff.cpp
    services/cancelservice.h services/cancelservice.cpp
)
