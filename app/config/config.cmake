# The configuration reader (PRODUCT.md §10 config keys).
target_sources(canceldesk_core PRIVATE
    config/appconfig.h config/appconfig.cpp
)
