"""Vietnamese and English texts of what an import finds and says (issue #11).

Kept apart from :mod:`p8lib.contract.i18n`, which merges them into its ``STRINGS`` (one
catalogue for :func:`~p8lib.contract.i18n.t`): a problem's message is ``problem_<key>`` with
``{placeholders}`` filled from :class:`p8lib.ingest.Problem`'s parameters; ``colrole_*``
name what a column holds; ``accounting_*`` and ``cli_*`` are the import's summary and the
command line's own lines.
"""

from __future__ import annotations

IMPORT_STRINGS: dict[str, dict[str, str]] = {
    # --- import problems (issue #11) ---
    "where_sheet": {"vi": "trang tính {name}", "en": "sheet {name}"},
    "where_row": {"vi": "dòng {n}", "en": "row {n}"},
    "where_column": {"vi": "cột {name}", "en": "column {name}"},
    "where_value": {"vi": " (giá trị {value})", "en": " (value {value})"},
    "problem_in_rows": {"vi": " (ở {n} dòng, từ dòng này trở đi)",
                        "en": " (in {n} rows from this one on)"},
    # What a column holds.
    "colrole_province": {"vi": "tỉnh", "en": "province"},
    "colrole_district": {"vi": "huyện", "en": "district"},
    "colrole_commune": {"vi": "xã", "en": "commune"},
    "colrole_province_code": {"vi": "mã tỉnh", "en": "province code"},
    "colrole_district_code": {"vi": "mã huyện", "en": "district code"},
    "colrole_commune_code": {"vi": "mã xã", "en": "commune code"},
    "colrole_stt": {"vi": "số thứ tự", "en": "row number"},
    "colrole_year": {"vi": "năm", "en": "year"},
    "colrole_period_start": {"vi": "từ năm", "en": "first year"},
    "colrole_period_end": {"vi": "đến năm", "en": "last year"},
    "colrole_measure": {"vi": "loại số liệu", "en": "measure"},
    "colrole_indicator_id": {"vi": "chỉ tiêu", "en": "indicator"},
    "colrole_value": {"vi": "giá trị", "en": "value"},
    "colrole_unit": {"vi": "đơn vị tính", "en": "unit"},
    "colrole_source_id": {"vi": "nguồn", "en": "source"},
    "colrole_quote": {"vi": "trích dẫn", "en": "quote"},
    "colrole_note": {"vi": "ghi chú", "en": "note"},
    # The file as a whole.
    "problem_unsupported_type": {
        "vi": "không nhận loại tệp {suffix}: hãy dùng .csv hoặc .xlsx",
        "en": "unsupported file type {suffix}: use .csv or .xlsx"},
    "problem_cannot_open": {"vi": "không mở được tệp: {reason}",
                            "en": "cannot open the file: {reason}"},
    "problem_file_empty": {"vi": "tệp trống: không có gì để nhập",
                           "en": "the file is empty: nothing to import"},
    "problem_not_text": {
        "vi": "tệp không phải văn bản CSV (có byte nhị phân ở byte {offset}): hãy lưu lại "
              "dưới dạng CSV UTF-8 hoặc XLSX rồi tải lên lại",
        "en": "not a text CSV file (binary content at byte {offset}): save it as CSV UTF-8 "
              "or XLSX and upload it again"},
    "problem_cannot_decode": {
        "vi": "không đọc được bảng mã của tệp: hãy lưu lại dưới dạng CSV UTF-8",
        "en": "the file's text encoding cannot be read: save it as CSV UTF-8"},
    "problem_csv_unreadable": {
        "vi": "không đọc được tệp CSV ({detail}): hãy lưu lại dưới dạng CSV UTF-8 hoặc XLSX",
        "en": "not a readable CSV file ({detail}): save it as CSV UTF-8 or XLSX and retry"},
    "problem_unclosed_quote": {
        "vi": "dấu ngoặc kép mở ở dòng này không bao giờ đóng: tệp bị cắt ngắn hoặc hỏng; "
              "hãy xuất lại tệp",
        "en": "a quote opened on this line is never closed: the file is cut short or "
              "damaged; export it again"},
    "problem_not_xlsx": {
        "vi": "không phải sổ tính Excel .xlsx (tệp hỏng hoặc định dạng khác): mở bằng Excel "
              "và lưu lại dưới dạng .xlsx hoặc CSV UTF-8",
        "en": "not an Excel .xlsx workbook (the file is damaged or another format); open it "
              "in Excel and save as .xlsx or CSV UTF-8"},
    "problem_workbook_damaged": {
        "vi": "sổ tính bị hỏng (cấu trúc tệp không đọc được): mở bằng Excel và lưu lại "
              "dưới dạng .xlsx",
        "en": "the workbook is damaged (its structure cannot be read): open it in Excel and "
              "save it again as .xlsx"},
    "problem_workbook_compression": {
        "vi": "sổ tính dùng kiểu nén lạ ở phần {part}: mở bằng Excel và lưu lại dưới dạng "
              ".xlsx",
        "en": "the workbook uses an unusual compression in {part}: open it in Excel and "
              "save it again as .xlsx"},
    "problem_workbook_unreadable": {
        "vi": "không đọc được sổ tính ({detail}): mở bằng Excel và lưu lại dưới dạng .xlsx",
        "en": "the workbook cannot be read ({detail}); open it in Excel and save it again "
              "as .xlsx"},
    # Limits (p8lib.ingest.limits), checked before the file is parsed.
    "problem_limit_file_bytes": {
        "vi": "tệp quá lớn: {found} byte, tối đa {allowed}; hãy chia báo cáo thành nhiều tệp",
        "en": "the file is too large: {found} bytes, at most {allowed}; split the report "
              "into several files"},
    "problem_limit_rows": {
        "vi": "quá nhiều dòng: {found}, tối đa {allowed}; hãy chia báo cáo thành nhiều tệp",
        "en": "too many rows: {found}, at most {allowed}; split the report into several files"},
    "problem_limit_columns": {
        "vi": "quá nhiều cột: {found}, tối đa {allowed}; một báo cáo có một cột cho mỗi chỉ "
              "tiêu — hãy xoá các cột thừa",
        "en": "too many columns: {found}, at most {allowed}; a report has one column per "
              "indicator — delete the columns that are not part of it"},
    "problem_limit_csv_cells": {
        "vi": "quá nhiều ô: {found}, tối đa {allowed}; hãy chia báo cáo thành nhiều tệp",
        "en": "too many cells: {found}, at most {allowed}; split the report into several "
              "files"},
    "problem_limit_sheet_cells": {
        "vi": "trang tính quá lớn: từ ô A1 đến ô cuối cùng có dữ liệu là {found} ô, tối đa "
              "{allowed}; hãy xoá các ô ở xa bảng (Ctrl+End cho biết ô cuối) rồi lưu lại",
        "en": "the sheet is too large: {found} cells from A1 to its last cell, at most "
              "{allowed}; delete cells far from the table (Ctrl+End shows the last one) and "
              "save again"},
    "problem_limit_workbook_cells": {
        "vi": "sổ tính quá lớn: {found} ô, tối đa {allowed}; hãy chia thành nhiều tệp",
        "en": "the workbook is too large: {found} cells, at most {allowed}; split it into "
              "several files"},
    "problem_limit_sheets": {
        "vi": "quá nhiều trang tính: {found}, tối đa {allowed}; hãy chia sổ tính",
        "en": "too many sheets: {found}, at most {allowed}; split the workbook"},
    "problem_limit_zip_parts": {
        "vi": "sổ tính có quá nhiều phần: {found}, tối đa {allowed}; đây không giống một báo "
              "cáo Excel — mở bằng Excel và lưu lại",
        "en": "the workbook has too many parts: {found}, at most {allowed}; this is not how "
              "an Excel report looks — open it in Excel and save it again"},
    "problem_limit_unzipped_bytes": {
        "vi": "sổ tính khi giải nén quá lớn: trên {found} byte, tối đa {allowed}; tệp có thể "
              "là bom nén — mở bằng Excel và lưu lại",
        "en": "the workbook unzips to too much: over {found} bytes, at most {allowed}; it may "
              "be a zip bomb — open it in Excel and save it again"},
    # Columns.
    "problem_duplicate_role": {
        "vi": "hai cột cùng là cột {role}: {first} (cột {first_letter}) và cột này (cột "
              "{letter}); hãy giữ một cột",
        "en": "two columns are both the {role} column: {first} (column {first_letter}) and "
              "this one (column {letter}); keep one"},
    "problem_duplicate_indicator": {
        "vi": "hai cột cùng là chỉ tiêu {indicator}: {first} (cột {first_letter}) và cột này "
              "(cột {letter}); hãy giữ một cột, hoặc nhập riêng kế hoạch và thực hiện",
        "en": "two columns both mean indicator {indicator}: {first} (column {first_letter}) "
              "and this one (column {letter}); keep one, or import targets and results "
              "separately"},
    "problem_total_column": {"vi": "bỏ qua cột tổng: tổng được tính, không nhập",
                             "en": "total column skipped: totals are computed, not imported"},
    "problem_header_typo": {
        "vi": "tiêu đề cột không có trong danh mục nhưng gần giống chỉ tiêu {indicator} (điểm "
              "{score}): {n} ô chưa được nhập; sửa tiêu đề theo cách viết trong "
              "data/indicators.csv, hoặc xoá cột",
        "en": "header not in the catalogue but close to indicator {indicator} (score "
              "{score}): its {n} cells were not imported; correct the header to a spelling "
              "data/indicators.csv lists, or delete the column"},
    "problem_ignored_column": {
        "vi": "bỏ qua cột (cột {letter}, {n} ô): tiêu đề không phải chỉ tiêu nào trong danh "
              "mục; đổi tên theo data/indicators.csv nếu đây là số liệu cần nhập",
        "en": "column ignored (column {letter}, {n} cells): its header is no indicator of "
              "the catalogue; rename it as data/indicators.csv lists if it holds figures"},
    "problem_unnamed_column": {
        "vi": "bỏ qua cột {letter} không có tiêu đề ({n} ô): hãy đặt tiêu đề hoặc xoá cột",
        "en": "column {letter} has no header and was ignored ({n} cells): give it a header "
              "or delete it"},
    "problem_role_by_spelling": {
        "vi": "tiêu đề được đọc là cột {role} theo cách viết gần đúng ('{spelling}'); hãy sửa "
              "tiêu đề để chắc chắn",
        "en": "header read as the {role} column by its spelling ('{spelling}'); correct it "
              "to be sure"},
    "problem_indicator_by_spelling": {
        "vi": "tiêu đề được đọc là chỉ tiêu {indicator} theo cách viết gần đúng; hãy kiểm tra",
        "en": "header read as indicator {indicator} by its spelling; check it is the right "
              "one"},
    "problem_no_header": {
        "vi": "không tìm thấy dòng tiêu đề trong các dòng đầu: cần các cột địa bàn (Tỉnh/"
              "Huyện/Xã) và các cột chỉ tiêu đặt tên như trong danh mục, hoặc các cột "
              "indicator_id và value của dạng dài",
        "en": "no header row found in the first rows: expected unit columns (Tỉnh/Huyện/Xã or "
              "Province/District/Commune) and indicator columns named as in the catalogue, "
              "or the long layout's indicator_id and value columns"},
    "problem_sheet_skipped": {
        "vi": "bỏ qua trang tính ({n} ô): không tìm thấy dòng tiêu đề của bảng số liệu",
        "en": "sheet skipped ({n} cells): no header row found in the first rows"},
    "problem_hidden_sheet": {
        "vi": "trang tính bị ẩn trong Excel nhưng vẫn được đọc: hãy bỏ ẩn để kiểm tra",
        "en": "the sheet is hidden in Excel, yet it is read: unhide it to check it"},
    "problem_hidden_rows": {
        "vi": "{n} dòng bị ẩn trong Excel nhưng vẫn được đọc (dòng {rows}): hãy bỏ ẩn để "
              "kiểm tra",
        "en": "{n} rows are hidden in Excel, yet they are read (rows {rows}): unhide them to "
              "check them"},
    "problem_hidden_columns": {
        "vi": "{n} cột bị ẩn trong Excel nhưng vẫn được đọc (cột {columns}): hãy bỏ ẩn để "
              "kiểm tra",
        "en": "{n} columns are hidden in Excel, yet they are read (columns {columns}): "
              "unhide them to check them"},
    "problem_formula_without_value": {
        "vi": "ô {cell} có công thức nhưng không có giá trị đã lưu: mở tệp bằng Excel, lưu "
              "lại rồi tải lên lại",
        "en": "cell {cell} holds a formula without a saved value: open and save the file in "
              "Excel, then upload it again"},
    "problem_error_cell": {
        "vi": "ô {cell} chứa lỗi Excel: sửa công thức hoặc thay bằng số",
        "en": "cell {cell} holds an Excel error: correct the formula or type the number"},
    # Rows.
    "problem_total_row": {"vi": "bỏ qua dòng tổng '{label}': tổng được tính, không nhập",
                          "en": "total row '{label}' skipped: totals are computed, not "
                                "imported"},
    "problem_filled_down": {
        "vi": "{n} dòng có ô {role} trống dưới một ô có tên (ô gộp): đã điền theo dòng trên",
        "en": "{n} rows had an empty {role} cell under a filled one (merged cells): filled "
              "down from the row above"},
    "problem_merged_filled": {
        "vi": "{n} ô {role} nằm trong ô gộp: đã lấy giá trị của ô gộp",
        "en": "{n} {role} cells lie in merged cells: given the merged cell's value"},
    "problem_no_period": {
        "vi": "{n} số liệu không có giai đoạn: thêm cột Năm, hoặc chọn năm khi nhập "
              "(--year YYYY hoặc --period YYYY-YYYY)",
        "en": "{n} figures have no period: add a Năm/Year column or pass --year YYYY or "
              "--period YYYY-YYYY"},
    "problem_no_measure": {
        "vi": "không nêu loại số liệu: số liệu được đọc là '{measure}' (kết quả); chọn "
              "'target' cho bảng kế hoạch",
        "en": "no measure given: figures read as '{measure}' results (pass --measure target "
              "for a table of targets)"},
    "problem_not_a_year": {
        "vi": "không phải năm: ghi năm bằng bốn chữ số, ví dụ 2023",
        "en": "not a year: write a whole four-digit year, e.g. 2023"},
    "problem_unit_fuzzy": {
        "vi": "'{label}' được khớp theo cách viết gần đúng với {unit} (điểm {score}); hãy "
              "kiểm tra đúng địa bàn",
        "en": "'{label}' matched by spelling to {unit} (score {score}); check it is the "
              "right unit"},
    "problem_unit_fuzzy_inferred": {
        "vi": "'{label}' được khớp theo cách viết gần đúng với {unit} (điểm {score}); {parent} "
              "được xác định theo {child}: {found}; hãy kiểm tra đúng địa bàn",
        "en": "'{label}' matched by spelling to {unit} (score {score}); {parent} inferred from "
              "the {child}: {found}; check it is the right unit"},
    "problem_unit_unmatched": {
        "vi": "không tìm thấy {level} {name} (địa bàn '{label}'); gần nhất: {candidates}; "
              "sửa tên (có dấu) hoặc ghi mã GSO",
        "en": "{level} {name} not found (unit '{label}'); closest: {candidates}; correct "
              "the name (with diacritics) or give the GSO code"},
    "problem_unit_ambiguous": {
        "vi": "{level} {name} khớp với nhiều địa bàn (địa bàn '{label}'): {candidates}; ghi "
              "rõ tên đầy đủ hoặc mã GSO",
        "en": "{level} {name} fits several units (unit '{label}'): {candidates}; write the "
              "full name or give the GSO code"},
    "problem_name_contradicts_code": {
        "vi": "tên không khớp với mã {code} ({official}) ở cột {code_column}: sửa tên hoặc mã",
        "en": "the name does not fit code {code} ({official}) in column {code_column}: "
              "correct the name or the code"},
    "problem_name_not_found_code_used": {
        "vi": "không nhận ra tên; dùng mã {code} ({official}) ở cột {code_column}: hãy kiểm tra",
        "en": "name not recognised; code {code} ({official}) in column {code_column} is "
              "used: check it"},
    "problem_no_unit": {
        "vi": "dòng có số liệu nhưng không có tên hay mã địa bàn: điền tên tỉnh/huyện/xã "
              "(số liệu không được ghi thành số liệu toàn quốc)",
        "en": "row has figures but no unit name or code: fill in the province/district/"
              "commune (they are not filed as national figures)"},
    "problem_national_by_default": {
        "vi": "dòng không có tên hay mã địa bàn: được đọc là số liệu toàn quốc; hãy kiểm tra",
        "en": "row without a unit name or code: read as a national figure; check it is one"},
    "problem_no_value": {
        "vi": "dòng không có giá trị: không tạo số liệu nào",
        "en": "row without a value: no figure made from it"},
    # Values.
    "problem_not_a_number": {
        "vi": "không phải số: chỉ ghi chữ số, ví dụ 1234 hoặc 12,5",
        "en": "not a number: write digits only, e.g. 1234 or 12,5"},
    "problem_other_digits": {
        "vi": "chữ số không phải 0–9 (ví dụ chữ số Ả Rập hay chữ số toàn độ rộng): gõ lại "
              "bằng 0–9",
        "en": "digits other than 0–9 (e.g. Arabic-Indic or full-width digits): retype the "
              "number with 0–9"},
    "problem_not_finite": {
        "vi": "số quá lớn hoặc vô hạn: ghi số thật của chỉ tiêu",
        "en": "number too large or infinite: write the indicator's real figure"},
    "problem_percent_in_count": {
        "vi": "có dấu % trong cột số đếm: ghi số lượng, không ghi tỷ lệ",
        "en": "a percentage in a column of counts: write the count, not a share"},
    "problem_thousands_read": {
        "vi": "{n} giá trị có dấu phân cách hàng nghìn được đọc là số nguyên, ví dụ "
              "'{example}' → {number}",
        "en": "{n} values written with thousands separators were read as whole numbers, "
              "e.g. '{example}' → {number}"},
    # Checks of the figures (p8lib.ingest.validation).
    "problem_negative_value": {
        "vi": "giá trị âm: số đếm và số tiền không thể dưới 0; hãy sửa ô",
        "en": "negative value: counts and amounts cannot be below 0; correct the cell"},
    "problem_province_code_format": {"vi": "mã tỉnh phải có 2 chữ số, ví dụ 04 hoặc 94",
                                     "en": "province code must be 2 digits, e.g. 04 or 94"},
    "problem_district_code_format": {"vi": "mã huyện phải có 3 chữ số, ví dụ 085",
                                     "en": "district code must be 3 digits, e.g. 085"},
    "problem_commune_code_format": {"vi": "mã xã phải có 5 chữ số, ví dụ 02839",
                                    "en": "commune code must be 5 digits, e.g. 02839"},
    "problem_measure_invalid": {"vi": "loại số liệu phải là 'target' hoặc 'actual'",
                                "en": "measure must be 'target' or 'actual'"},
    "problem_level_invalid": {"vi": "cấp phải là national, province, district hoặc commune",
                              "en": "level must be national, province, district or commune"},
    "problem_year_too_early": {"vi": "năm quá sớm: ghi năm bốn chữ số (2015–2035)",
                               "en": "year too early: use a 4-digit year (2015–2035)"},
    "problem_year_too_late": {"vi": "năm quá muộn: ghi năm bốn chữ số (2015–2035)",
                              "en": "year too late: use a 4-digit year (2015–2035)"},
    "problem_period_order": {"vi": "năm kết thúc trước năm bắt đầu",
                             "en": "period_end is before period_start"},
    "problem_codes_fit_level": {
        "vi": "mã không khớp với cấp (ví dụ dòng cấp xã không có mã xã)",
        "en": "codes do not fit the level (e.g. a commune row without a commune)"},
    "problem_schema_check": {"vi": "giá trị không đạt kiểm tra {check}",
                             "en": "the value fails the check {check}"},
    "problem_column_check": {"vi": "cột {column_name}: {check}",
                             "en": "column {column_name}: {check}"},
    "problem_unknown_indicator": {
        "vi": "chỉ tiêu không có trong danh mục: dùng mã trong data/indicators.csv hoặc một "
              "cách viết tiêu đề được liệt kê",
        "en": "unknown indicator: use an id of data/indicators.csv or a header spelling it "
              "lists"},
    "problem_percent_over_100": {"vi": "tỷ lệ trên 100", "en": "percentage over 100"},
    "problem_unit_differs": {
        "vi": "đơn vị tính khác với danh mục ('{unit}'): số liệu này không được so với kế "
              "hoạch",
        "en": "unit differs from the catalogue's '{unit}': such figures are not compared "
              "with targets"},
    "problem_unknown_code": {
        "vi": "không có mã địa bàn này trong danh mục 2021, hoặc huyện/xã không thuộc đơn vị "
              "cấp trên",
        "en": "unit code not found in the 2021 units, or a district/commune outside its "
              "parent"},
    "problem_duplicate_rows": {
        "vi": "các dòng trùng nhau cho cùng địa bàn, chỉ tiêu, loại số liệu, giai đoạn và "
              "nguồn (dòng {rows}): giữ một dòng, hoặc ghi mã nguồn riêng cho mỗi báo cáo",
        "en": "duplicate rows for the same unit, indicator, measure, period and source (rows "
              "{rows}): keep one row, or give each report its own source id"},
    "problem_conflicting_values": {
        "vi": "các giá trị mâu thuẫn cho cùng địa bàn, chỉ tiêu, loại số liệu, giai đoạn và "
              "nguồn (dòng {rows}): giữ một dòng, hoặc ghi mã nguồn riêng cho mỗi báo cáo",
        "en": "conflicting values for the same unit, indicator, measure, period and source "
              "(rows {rows}): keep one row, or give each report its own source id"},
    "problem_unknown_source": {
        "vi": "mã nguồn không có trong data/sources.csv: hãy thêm nguồn để số liệu trích dẫn "
              "được",
        "en": "source id not in data/sources.csv: add the source so the figure can be cited"},
    # The import as a whole.
    "problem_no_table": {"vi": "không trang tính nào chứa bảng số liệu",
                         "en": "no sheet holds a table of figures"},
    "problem_no_figures": {
        "vi": "tệp không cho số liệu nào: kiểm tra các cột chỉ tiêu có số",
        "en": "the file yields no figure: check that its indicator columns hold numbers"},
    "problem_unaccounted": {
        "vi": "{n} ô không được nhập mà cũng không được nêu lý do: đây là lỗi của chương "
              "trình — xin báo lại kèm tệp",
        "en": "{n} cells were neither imported nor reported: a fault of the program — "
              "please report it with the file"},
    "problem_import_failed": {
        "vi": "không nhập được tệp (lỗi chương trình {error}); kiểm tra tệp mở được bằng "
              "Excel và lưu lại dưới dạng .xlsx hoặc CSV UTF-8; nếu vẫn lỗi, xin báo lại",
        "en": "the file could not be imported (program error {error}); check that it opens "
              "in Excel and save it as .xlsx or CSV UTF-8; if it still fails, please report "
              "it"},
    "problem_import_timeout": {
        "vi": "đọc tệp mất quá {seconds} giây nên đã dừng: hãy chia báo cáo thành tệp nhỏ hơn",
        "en": "reading the file took over {seconds} s and was stopped: split the report "
              "into smaller files"},
    "problem_import_crashed": {
        "vi": "trình đọc tệp dừng đột ngột ({detail}); có thể tệp quá lớn hoặc bị hỏng: mở "
              "bằng Excel, lưu lại, hoặc chia nhỏ tệp",
        "en": "the file's reader stopped ({detail}); the file may be too large or damaged: "
              "open it in Excel and save it again, or split it"},
    "problem_import_busy": {
        "vi": "máy chủ đang đọc các tệp khác: hãy tải lên lại sau ít phút",
        "en": "the server is busy reading other files: upload again in a few minutes"},
    # Where the cells went (p8lib.ingest.accounting).
    "accounting_summary": {"vi": "{n} ô có nội dung: {parts}.",
                           "en": "{n} non-empty cells read: {parts}."},
    "accounting_figures": {"vi": "{n} số liệu", "en": "{n} figures"},
    "accounting_label": {"vi": "{n} nhãn (tên địa bàn, năm, số thứ tự…)",
                         "en": "{n} labels (unit names, years, row numbers…)"},
    "accounting_title": {"vi": "{n} ô tiêu đề báo cáo", "en": "{n} title cells"},
    "accounting_header": {"vi": "{n} ô tiêu đề cột", "en": "{n} column headers"},
    "accounting_total": {"vi": "{n} ô tổng bỏ qua", "en": "{n} total cells skipped"},
    "accounting_ignored_column": {"vi": "{n} ô ở cột bỏ qua",
                                  "en": "{n} cells in ignored columns"},
    "accounting_no_table": {"vi": "{n} ô ở trang tính không có bảng",
                            "en": "{n} cells in sheets without a table"},
    "accounting_unreadable": {"vi": "{n} ô không đọc được (công thức chưa lưu giá trị, lỗi)",
                              "en": "{n} unreadable cells (formulas without a value, errors)"},
    "accounting_problem": {"vi": "{n} ô có lỗi", "en": "{n} cells with problems"},
    # The command line.
    "cli_counts": {"vi": "{errors} lỗi, {warnings} cảnh báo",
                   "en": "{errors} errors, {warnings} warnings"},
    "cli_written": {"vi": "đã ghi {n} số liệu vào {path}", "en": "{n} figures written to {path}"},
    "cli_would_import": {"vi": "sẽ nhập {n} số liệu", "en": "{n} figures would be imported"},
    "cli_nothing_written": {
        "vi": "chưa ghi gì vào {path}: sửa các lỗi trên rồi chạy lại",
        "en": "nothing written to {path}: fix the errors above and run again"},
    "cli_matched": {"vi": "đã khớp {n} dòng: {counts}", "en": "{n} rows matched: {counts}"},
    "cli_no_province_column": {"vi": "không có cột 'province'; các cột là {columns}",
                               "en": "no 'province' column; columns are {columns}"},
    "cli_output_not_file": {
        "vi": "không ghi vào {path}: đó không phải một tệp thường (liên kết, thiết bị hay thư "
              "mục); hãy chọn tên tệp khác",
        "en": "not writing to {path}: it is not a regular file (a link, a device or a "
              "folder); choose another file name"},
    "cli_output_failed": {"vi": "không ghi được {path}: {reason}",
                          "en": "cannot write {path}: {reason}"},
    "cli_failed": {
        "vi": "LỖI: lỗi chương trình ({error}) khi xử lý {path}; xin báo lại kèm lệnh đã chạy",
        "en": "ERROR: program error ({error}) while handling {path}; please report it with "
              "the command you ran"},
}
