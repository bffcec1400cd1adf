# The order status view (F6) and the status badge of the order list (F3).
target_sources(canceldesk_ui PRIVATE
    views/statusview.h views/statusview.cpp
    views/statusbadgedelegate.h views/statusbadgedelegate.cpp)
