# tests of the io services: canceldesk_add_test(...) lines
# The XLSX test reads the workbook back with its own small ZIP reader.
find_package(ZLIB REQUIRED)
canceldesk_add_test(tst_exporter SOURCES tst_exporter.cpp LIBS ZLIB::ZLIB ENGINES sqlite postgresql)
