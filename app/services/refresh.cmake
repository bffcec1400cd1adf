# The refresh services: status refresh (F5, F7), add by id, UQPAY sync, import (F2).
target_sources(canceldesk_core PRIVATE
    services/refreshservice.h services/refreshservice.cpp
    services/reconcile.h services/reconcile.cpp
    services/importer.h services/importer.cpp)
# The read-only connection probe (Settings' Test connection, the provider strip).
target_sources(canceldesk_core PRIVATE
    services/connectioncheck.h services/connectioncheck.cpp)
