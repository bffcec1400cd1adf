# The cancel workflow (PRODUCT.md F11–F13) and its crash recovery.
target_sources(canceldesk_core PRIVATE
    services/backoff.h services/backoff.cpp
    services/cancelcheck.h services/cancelcheck.cpp
    services/cancelservice.h services/cancelservice_p.h services/cancelservice.cpp
    services/canceljob.cpp
    services/bulkcanceljob.cpp
    services/cancelrecovery.cpp
)
# The crash tests' stop points (CANCELDESK_TEST_STOP_AT, see canceljob.cpp)
# exist only in builds with tests, never in the release preset.
if(CANCELDESK_BUILD_TESTS)
    set_source_files_properties(services/canceljob.cpp PROPERTIES
        COMPILE_DEFINITIONS CANCELDESK_TEST_FAULT_HOOKS)
endif()
