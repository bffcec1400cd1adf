# The order list model (F3).
target_sources(canceldesk_ui PRIVATE
    models/ordertablemodel.h models/ordertablemodel.cpp)
