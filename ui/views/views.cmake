# The order status view (F6).
target_sources(canceldesk_ui PRIVATE
    views/statusview.h views/statusview.cpp)
