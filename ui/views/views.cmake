# The order status view (F6), the order list's table and its status badge (F3),
# the first-run panel and the providers' strip of the main window.
target_sources(canceldesk_ui PRIVATE
    views/statusview.h views/statusview.cpp
    views/orderlistview.h views/orderlistview.cpp
    views/statusbadgedelegate.h views/statusbadgedelegate.cpp
    views/firstrunpanel.h views/firstrunpanel.cpp
    views/providerstrip.h views/providerstrip.cpp)
