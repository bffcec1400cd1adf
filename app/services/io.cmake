# target_sources(canceldesk_core PRIVATE …) for the io services
target_sources(canceldesk_core PRIVATE
    services/exporter.h services/exporter.cpp
)
