# Fails when canceldesk_core links Qt Widgets or GUI, directly or in its interface,
# or when its archive references a QWidget symbol.
foreach(list IN ITEMS "${LINKS}" "${INTERFACE}")
    if(list MATCHES "Widgets" OR list MATCHES "Qt6::Gui")
        message(FATAL_ERROR "canceldesk_core links a GUI library: ${list}")
    endif()
endforeach()
find_program(NM nm REQUIRED)
execute_process(COMMAND ${NM} -C --undefined-only ${TARGET_FILE}
                OUTPUT_VARIABLE symbols RESULT_VARIABLE rc ERROR_QUIET)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "nm failed on ${TARGET_FILE}")
endif()
if(symbols MATCHES "QWidget::" OR symbols MATCHES "QApplication::")
    message(FATAL_ERROR "canceldesk_core references Qt Widgets symbols")
endif()
message(STATUS "canceldesk_core is free of Qt Widgets")
