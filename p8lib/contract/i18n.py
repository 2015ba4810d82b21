"""Vietnamese and English strings for the dashboard, and the number and date formats.

Strings live in one dict, :data:`STRINGS`, keyed by a short id; :func:`t` picks the language
and fills ``{placeholders}``. Numbers, percentages and dates are written by CLDR's rules for
each language (:mod:`p8lib.contract.formats`, Babel): Vietnamese groups thousands with a dot
and writes decimals with a comma (``10.393``, ``115,5``), English the other way round. No
streamlit here: the app and the tests share it.
"""

from __future__ import annotations

import math

import pandas as pd

from p8lib.contract.formats import fmt_date, fmt_datetime, fmt_number, fmt_pct
from p8lib.contract.import_messages import IMPORT_STRINGS
from p8lib.contract.words import COUNT_OF_TEXT, COVERAGE_GROUP_VI, ROLE_TEXT, UNIT_VI

__all__ = [
    "DEFAULT_LANG", "LANGS", "LANG_NAMES", "LEVEL_TEXT", "MEASURE_TEXT", "STATUS_MEANING_VI",
    "STATUS_TEXT", "STRINGS", "area_label", "check_lang", "coverage_group_text",
    "count_of_text", "fmt_date", "fmt_datetime", "fmt_number", "fmt_pct", "measure_text",
    "role_text", "status_text", "t", "unit_text",
]

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"vi": "Dự án 8 — Bình đẳng giới", "en": "Project 8 — Gender equality"},
    "app_subtitle": {
        "vi": "Theo dõi Dự án 8 (Chương trình MTQG 1719), Hội LHPN Việt Nam",
        "en": "Monitoring Project 8 (National Target Program 1719), Vietnam Women's Union"},
    "page_overview": {"vi": "Tổng quan", "en": "Overview"},
    "page_map": {"vi": "Bản đồ phạm vi", "en": "Coverage map"},
    "page_province": {"vi": "Hồ sơ tỉnh", "en": "Province profile"},
    "page_indicators": {"vi": "Chỉ tiêu", "en": "Indicators"},
    "page_data": {"vi": "Dữ liệu (nhập & kiểm tra)", "en": "Data (import & validate)"},
    "page_sources": {"vi": "Nguồn & phương pháp", "en": "Sources & method"},
    "filters": {"vi": "Bộ lọc", "en": "Filters"},
    "province": {"vi": "Tỉnh (đơn vị cũ, 2021)", "en": "Province (2021 units)"},
    "year": {"vi": "Năm", "en": "Year"},
    "content_area": {"vi": "Nội dung", "en": "Content area"},
    "indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "language": {"vi": "Ngôn ngữ", "en": "Language"},
    "presenter": {"vi": "Chế độ trình chiếu", "en": "Presenter mode"},
    "exit_presenter": {"vi": "Thoát chế độ trình chiếu", "en": "Exit presenter mode"},
    "all": {"vi": "Tất cả", "en": "All"},
    "all_provinces": {"vi": "Toàn quốc / tất cả tỉnh", "en": "National / all provinces"},
    "all_years": {"vi": "Tất cả các năm", "en": "All years"},
    "all_areas": {"vi": "Tất cả nội dung", "en": "All content areas"},
    "all_indicators": {"vi": "Tất cả chỉ tiêu", "en": "All indicators"},
    "area_n": {"vi": "Nội dung {n}", "en": "Content area {n}"},
    "area_1": {"vi": "Truyền thông, vận động thay đổi nếp nghĩ, cách làm",
               "en": "Communication and advocacy to change thinking and ways of doing"},
    "area_2": {"vi": "Xây dựng, nhân rộng mô hình; trao quyền kinh tế cho phụ nữ",
               "en": "Models that change practice; women's economic empowerment"},
    "area_3": {"vi": "Tiếng nói và sự tham gia của phụ nữ, trẻ em; lãnh đạo",
               "en": "Voice and participation of women and children; leadership"},
    "area_4": {"vi": "Trang bị kiến thức, kỹ năng về bình đẳng giới cho cán bộ",
               "en": "Equipping officials with gender-equality knowledge and skills"},
    "area_none": {"vi": "Quản lý dự án và nội dung chung",
                  "en": "Programme management and cross-cutting"},
    "reached_provinces": {"vi": "Tỉnh được báo cáo", "en": "Provinces reported"},
    "reached_districts": {"vi": "Huyện được báo cáo", "en": "Districts reported"},
    "reached_communes": {"vi": "Xã được báo cáo", "en": "Communes reported"},
    "attainment_by_area": {"vi": "Mức đạt theo nội dung (trung bình các chỉ tiêu so sánh được)",
                           "en": "Attainment by content area (mean of comparable indicators)"},
    "target_line": {"vi": "Kế hoạch (100%)", "en": "Target (100%)"},
    "attainment": {"vi": "Mức đạt", "en": "Attainment"},
    "attainment_pct": {"vi": "Mức đạt (%)", "en": "Attainment (%)"},
    "status": {"vi": "Tình trạng", "en": "Status"},
    "status_code": {"vi": "Mã tình trạng", "en": "Status code"},
    "meaning": {"vi": "Ý nghĩa", "en": "Meaning"},
    "target": {"vi": "Kế hoạch", "en": "Target"},
    "actual": {"vi": "Thực hiện", "en": "Result"},
    "value": {"vi": "Giá trị", "en": "Value"},
    "unit": {"vi": "Đơn vị tính", "en": "Unit"},
    "period": {"vi": "Giai đoạn", "en": "Period"},
    "measure": {"vi": "Loại số liệu", "en": "Measure"},
    "source": {"vi": "Nguồn", "en": "Source"},
    "quote": {"vi": "Trích dẫn", "en": "Quote"},
    "level": {"vi": "Cấp", "en": "Level"},
    "unit_name": {"vi": "Địa bàn", "en": "Place"},
    "national": {"vi": "Toàn quốc", "en": "National"},
    "subnational": {"vi": "Tỉnh, huyện, xã", "en": "Provinces, districts and communes"},
    "years_reported": {"vi": "Năm có số liệu", "en": "Years reported"},
    "indicators_compared": {"vi": "Số chỉ tiêu so sánh", "en": "Indicators compared"},
    "reported_where": {"vi": "Số liệu được báo cáo ở đâu", "en": "What is reported where"},
    "figures_count": {"vi": "Số liệu", "en": "Figures"},
    "synthetic_banner": {
        "vi": "DỮ LIỆU GIẢ LẬP — không phải số liệu thật. Các con số trên trang này được tạo tự "
              "động để đo hiệu năng; không trích dẫn, không dùng để báo cáo.",
        "en": "SYNTHETIC DATA — not real figures. The numbers on this page were generated to "
              "measure performance; do not cite or report them."},
    "no_chart_rows": {"vi": "Không có số liệu cấp tỉnh để vẽ biểu đồ; bảng dưới đây liệt kê "
                            "các số liệu của huyện, xã trong tỉnh.",
                      "en": "No province-level figures to chart; the table below lists the "
                            "figures of the province's districts and communes."},
    "no_data": {"vi": "Không có số liệu cho bộ lọc này. Hãy bỏ bớt bộ lọc ở thanh bên.",
                "en": "No figures for these filters. Clear some filters in the sidebar."},
    "no_attainment": {"vi": "Chưa có chỉ tiêu nào so sánh được với kế hoạch cho bộ lọc này.",
                      "en": "No indicator can be compared with a target for these filters."},
    "not_comparable": {"vi": "không so sánh được", "en": "not comparable"},
    "download_csv": {"vi": "Tải CSV", "en": "Download CSV"},
    "download_xlsx": {"vi": "Tải Excel", "en": "Download Excel"},
    "choose_province": {
        "vi": "Hãy chọn một tỉnh ở thanh bên (hoặc trên bản đồ phạm vi) để xem hồ sơ.",
        "en": "Choose a province in the sidebar or on the map to see its profile."},
    "targets_results": {"vi": "Kế hoạch và kết quả theo chỉ tiêu, năm",
                        "en": "Targets and results per indicator and year"},
    "coverage_rows": {"vi": "Huyện, xã triển khai", "en": "Districts and communes covered"},
    "no_coverage": {"vi": "Nguồn chưa nêu huyện, xã triển khai ở tỉnh này.",
                    "en": "The sources name no covered districts or communes here."},
    "sources_quotes": {"vi": "Nguồn và trích dẫn", "en": "Sources with quotes"},
    "role": {"vi": "Vai trò", "en": "Role"},
    "group": {"vi": "Nhóm", "en": "Group"},
    "count": {"vi": "Số lượng", "en": "Count"},
    "count_of": {"vi": "Đơn vị đếm", "en": "Counted units"},
    "choose_indicator": {"vi": "Hãy chọn một chỉ tiêu ở thanh bên hoặc ở đây.",
                         "en": "Choose an indicator in the sidebar or here."},
    "catalogue": {"vi": "Danh mục chỉ tiêu", "en": "Indicator catalogue"},
    "core": {"vi": "Cốt lõi", "en": "Core"},
    "upload": {"vi": "Tải lên báo cáo (CSV hoặc Excel)", "en": "Upload a report (CSV or Excel)"},
    "upload_hint": {
        "vi": "Tải lên một báo cáo; số liệu được kiểm tra trước khi dùng. "
              "Chưa có mẫu? Tải mẫu bên dưới.",
        "en": "Upload a report; figures are checked before use. "
              "No template yet? Download one below."},
    "period_start": {"vi": "Từ năm", "en": "From year"},
    "period_end": {"vi": "Đến năm", "en": "To year"},
    "source_id": {"vi": "Mã nguồn", "en": "Source id"},
    "problems": {"vi": "Vấn đề phát hiện", "en": "Problems found"},
    "no_problems": {"vi": "Không phát hiện vấn đề.", "en": "No problems found."},
    "notes": {"vi": "Ghi chú", "en": "Notes"},
    "rows_shown": {"vi": "Đang hiển thị {shown} trong {n} dòng; tải xuống để có tất cả.",
                   "en": "Showing {shown} of {n} rows; download for all of them."},
    "figures_shown": {"vi": "Đang hiển thị {shown} trong {n} số liệu; tải xuống để có tất cả.",
                      "en": "Showing {shown} of {n} figures; download for all of them."},
    "xlsx_too_big": {"vi": "Tệp Excel chỉ có cho bảng đến {limit} dòng (tệp lớn hơn mất nhiều "
                           "phút để tạo; một trang Excel chứa tối đa 1.048.575 dòng). Bảng này "
                           "có {n} dòng: hãy tải CSV.",
                     "en": "Excel files are offered for tables of up to {limit} rows (a larger "
                           "one takes minutes to make; a sheet holds at most 1,048,575 rows). "
                           "This table has {n}: download the CSV."},
    "summed_commune": {"vi": "{name} (cộng {n} xã)", "en": "{name} ({n} communes summed)"},
    "summed_district": {"vi": "{name} (cộng {n} huyện)", "en": "{name} ({n} districts summed)"},
    "across_summed": {
        "vi": "Chỉ tiêu này có số liệu ở {n} địa bàn, quá nhiều để vẽ từng nơi: số liệu cấp xã "
              "và huyện được cộng theo huyện hoặc tỉnh (mỗi cấp riêng).",
        "en": "This indicator has figures for {n} places, too many to draw one by one: commune "
              "and district figures are summed per district or province (each level apart)."},
    "across_not_summable": {
        "vi": "Chỉ tiêu này có số liệu ở {n} địa bàn, quá nhiều để vẽ từng nơi, và số liệu của "
              "nó không cộng được.",
        "en": "This indicator has figures for {n} places, too many to draw one by one, and its "
              "figures cannot be added up."},
    "across_cut": {
        "vi": "Biểu đồ chỉ vẽ {shown} địa bàn đầu tiên; chọn một tỉnh, hoặc tải bảng số liệu, "
              "để xem tất cả.",
        "en": "The chart draws the first {shown} places; choose a province, or download the "
              "table, to see them all."},
    "across_detail": {"vi": "Chọn một tỉnh để xem chi tiết hơn.",
                      "en": "Choose a province to see more detail."},
    "has_errors": {"vi": "Có lỗi: sửa tệp theo bảng trên rồi tải lên lại. Chưa dùng số liệu nào.",
                   "en": "Errors found: fix the file as listed above and upload it again. "
                         "No figures were used."},
    "preview": {"vi": "Xem trước số liệu đã làm sạch", "en": "Preview of the cleaned figures"},
    "templates": {"vi": "Mẫu báo cáo trống", "en": "Empty report templates"},
    "template_long": {"vi": "Mẫu dạng dài (mỗi dòng một số liệu)",
                      "en": "Long template (one figure per row)"},
    "template_wide": {"vi": "Mẫu dạng rộng (mỗi cột một chỉ tiêu)",
                      "en": "Wide template (one column per indicator)"},
    "shipped_figures": {"vi": "Bảng số liệu hiện dùng", "en": "Figures in use"},
    "sources": {"vi": "Các nguồn", "en": "Sources"},
    "title": {"vi": "Tiêu đề", "en": "Title"},
    "publisher": {"vi": "Đơn vị đăng", "en": "Publisher"},
    "date": {"vi": "Ngày", "en": "Date"},
    "link": {"vi": "Đường dẫn / tệp", "en": "Link / file"},
    "method": {"vi": "Mức đạt nghĩa là gì", "en": "What attainment means"},
    "method_text": {
        "vi": "Mức đạt = kết quả lũy kế ÷ kế hoạch của cùng địa bàn, chỉ tiêu, đơn vị tính và "
              "giai đoạn. Trường hợp không so sánh được được ghi rõ tình trạng, không bao giờ "
              "hiển thị là 0 %.",
        "en": "Attainment = result to date ÷ target for the same place, indicator, unit and "
              "phase. What cannot be compared keeps its status and is never shown as 0 %."},
    "approximate": {"vi": "Những gì là ước lượng", "en": "What is approximate"},
    "approximate_text": {
        "vi": "Ranh giới tỉnh và huyện lấy từ bản đồ hành chính của Chính phủ (gis.chinhphu.vn, "
              "3/2025, qua dvhcvn), đã đơn giản hóa; Quảng Ninh theo Open Development Vietnam; "
              "vài huyện mới hoặc đã điều chỉnh được dựng lại từ các xã và ghi là gần đúng. "
              "Ranh giới xã là gần đúng, không chính thức: dựng từ tâm các xã "
              "(vietnamadminunits) bên trong huyện của xã. Quần đảo Hoàng Sa và Trường Sa vẽ "
              "theo các đảo của Natural Earth. Số xã, huyện được báo cáo là những gì nguồn nêu, "
              "không phải toàn bộ địa bàn triển khai.",
        "en": "Province and district boundaries come from the Government's administrative map "
              "(gis.chinhphu.vn, March 2025, via dvhcvn), simplified; Quảng Ninh from Open "
              "Development Vietnam; a few new or changed districts are rebuilt from their "
              "communes and marked approximate. Commune boundaries are approximate, not "
              "official: derived from commune centroids (vietnamadminunits) inside their "
              "district. The Hoàng Sa and Trường Sa archipelagos are drawn from Natural Earth's "
              "islands. Counts of districts and communes are what the sources name, not every "
              "place Project 8 reaches."},
    "credits": {"vi": "Giấy phép và ghi công", "en": "Licences and credits"},
    "credits_text": {
        "vi": "Bản đồ: dvhcvn (GPL-3.0), Open Development Vietnam (MIT), vietnamadminunits "
              "(giấy phép MIT), Natural Earth (phạm vi công cộng), chi tiết ở bảng dưới; số liệu "
              "từ các báo cáo và bài báo được liệt kê ở trên, theo quyền của tác giả.",
        "en": "Maps: dvhcvn (GPL-3.0), Open Development Vietnam (MIT), vietnamadminunits (MIT "
              "licence), Natural Earth (public domain), detailed in the table below; figures "
              "from the reports and articles listed above, under their authors' rights."},
    "map_not_built": {
        "vi": "Lớp bản đồ chưa được dựng (p8lib.maps / p8lib.maps.geo chưa có). Danh sách tỉnh "
              "thí điểm vẫn ở bên dưới.",
        "en": "Map layers not built yet (p8lib.maps / p8lib.maps.geo missing). The pilot "
              "provinces are listed below."},
    # Boundaries: the note under every map and the Sources page's credits (issue #16);
    # p8lib.maps.credits holds the table, geo/README.md and geo/LICENSE the provenance.
    "map_boundaries_note": {
        "vi": "Tỉnh, huyện: bản đồ hành chính của Chính phủ (gis.chinhphu.vn, 3/2025) qua "
              "dvhcvn, GPL-3.0; Quảng Ninh: Open Development Vietnam (MIT); vài huyện dựng lại "
              "từ xã. Ranh giới xã là gần đúng, dựng từ tâm xã (vietnamadminunits, MIT). Các "
              "đảo Hoàng Sa, Trường Sa: © Natural Earth.",
        "en": "Provinces and districts: the Government's administrative map (gis.chinhphu.vn, "
              "March 2025) via dvhcvn, GPL-3.0; Quảng Ninh: Open Development Vietnam (MIT); a "
              "few districts rebuilt from communes. Commune boundaries are approximate, derived "
              "from commune centroids (vietnamadminunits, MIT). Hoàng Sa and Trường Sa "
              "islands: © Natural Earth."},
    "boundary_credits": {"vi": "Ranh giới trên bản đồ: nguồn và giấy phép",
                         "en": "Map boundaries: sources and licences"},
    "credit_covers": {"vi": "Dùng cho", "en": "Used for"},
    "licence": {"vi": "Giấy phép", "en": "Licence"},
    "credit_date": {"vi": "Ngày / phiên bản", "en": "Date / version"},
    "credit_covers_dvhcvn": {
        "vi": "Ranh giới 62 tỉnh và các huyện (2021); 34 tỉnh (2025) là hợp của các tỉnh cũ",
        "en": "Boundaries of 62 provinces and their districts (2021); the 34 provinces (2025) "
              "as unions of the old ones"},
    "credit_covers_odv": {
        "vi": "Ranh giới tỉnh Quảng Ninh; đối chiếu 63 và 34 tỉnh",
        "en": "Quảng Ninh's province boundary; a check of the 63 and 34 provinces"},
    "credit_covers_package": {
        "vi": "Mã, tên, tâm và khung bao của xã (ranh giới xã gần đúng), bảng chuyển đổi "
              "2021 → 2025",
        "en": "Codes, names, commune centroids and boxes (the approximate commune "
              "boundaries), the 2021 → 2025 crosswalk"},
    "credit_covers_natural_earth": {
        "vi": "Các đảo của quần đảo Hoàng Sa và Trường Sa",
        "en": "The islands of the Hoàng Sa and Trường Sa archipelagos"},
    "archipelago_hoang_sa": {"vi": "Quần đảo Hoàng Sa", "en": "Hoàng Sa (Paracel) archipelago"},
    "archipelago_truong_sa": {"vi": "Quần đảo Trường Sa",
                              "en": "Trường Sa (Spratly) archipelago"},
    "vintage": {"vi": "Đơn vị hành chính", "en": "Administrative units"},
    "vintage_2021": {"vi": "63 tỉnh (trước 7/2025)", "en": "63 provinces (before July 2025)"},
    "vintage_2025": {"vi": "34 tỉnh (từ 7/2025)", "en": "34 provinces (from July 2025)"},
    "pilot_provinces": {"vi": "8 tỉnh chỉ đạo điểm của TW Hội", "en": "The 8 VWU pilot provinces"},
    "map_selected": {"vi": "Đã chọn: {name}", "en": "Selected: {name}"},
    "open_profile": {"vi": "Mở hồ sơ tỉnh", "en": "Open province profile"},
    "file": {"vi": "Tệp", "en": "File"},
    "sheet": {"vi": "Trang tính", "en": "Sheet"},
    "row": {"vi": "Dòng", "en": "Row"},
    "column": {"vi": "Cột", "en": "Column"},
    "message": {"vi": "Nội dung", "en": "Message"},
    "severity": {"vi": "Mức độ", "en": "Severity"},
    "severity_error": {"vi": "lỗi", "en": "error"},
    "severity_warning": {"vi": "cảnh báo", "en": "warning"},
    "severity_info": {"vi": "ghi chú", "en": "info"},
    "name": {"vi": "Tên", "en": "Name"},
    "code": {"vi": "Mã", "en": "Code"},
    # Units of the 2025 vintage, named beside those of 2021 (issue 18)
    "unit_2025": {"vi": "{name} (đơn vị từ 7/2025)", "en": "{name} (units since July 2025)"},
    # Sources page: each source's notes, one source's figures and its quotes in context (issue 18)
    "note": {"vi": "Ghi chú", "en": "Note"},
    "field": {"vi": "Mục", "en": "Field"},
    "author": {"vi": "Tác giả", "en": "Author"},
    "machine_translation": {"vi": "Dịch máy", "en": "Machine translation"},
    "yes": {"vi": "có", "en": "yes"},
    "no": {"vi": "không", "en": "no"},
    "undated": {"vi": "không ghi ngày", "en": "undated"},
    "unknown": {"vi": "không rõ", "en": "unknown"},
    "lang_vi": {"vi": "tiếng Việt", "en": "Vietnamese"},
    "lang_en": {"vi": "tiếng Anh", "en": "English"},
    "lang_ms": {"vi": "tiếng Mã Lai", "en": "Malay"},
    "figures_n": {"vi": "Số liệu", "en": "Figures"},
    "coverage_n": {"vi": "Dòng địa bàn", "en": "Coverage rows"},
    "sources_intro": {
        "vi": "Mỗi số liệu lấy từ một nguồn dưới đây, kèm câu trích nguyên văn chứa con số. "
              "Ghi chú nêu những gì nguồn để ngỏ (không ghi ngày, dịch máy, số gần đúng…).",
        "en": "Every figure comes from one of the sources below, with the verbatim sentence "
              "that holds its number. The notes say what a source leaves open (no date, a "
              "machine translation, approximate numbers…)."},
    "source_pick": {"vi": "Xem số liệu và trích dẫn của một nguồn",
                    "en": "See the figures and quotes of one source"},
    "source_pick_hint": {"vi": "Chọn một nguồn", "en": "Choose a source"},
    "source_figures": {"vi": "Số liệu lấy từ nguồn này", "en": "Figures taken from this source"},
    "source_coverage": {"vi": "Địa bàn theo nguồn này", "en": "Coverage rows from this source"},
    "no_source_rows": {"vi": "Nguồn này không có số liệu hay dòng địa bàn nào (nguồn phương "
                             "pháp).",
                       "en": "No figure or coverage row cites this source (a method source)."},
    "quote_in_context": {"vi": "Trích dẫn trong văn bản nguồn", "en": "The quote in its context"},
    "quote_pick": {"vi": "Trích dẫn", "en": "Quote"},
    "context_missing": {"vi": "Văn bản nguồn ({file}) không có trên máy này.",
                        "en": "The source text ({file}) is not on this machine."},
    "quote_not_found": {"vi": "Không tìm thấy trích dẫn trong văn bản nguồn.",
                        "en": "The quote was not found in the source text."},
    "unused_sources": {"vi": "Trích đoạn không dùng và lý do", "en": "Excerpts not used, and why"},
    "reason": {"vi": "Lý do", "en": "Reason"},
    # The store: batches, publish, history, "data as of" (#13)
    "store_duplicate": {
        "vi": "Tệp này đã được công bố: lô {batch} ({file}, {when}). Không công bố lại.",
        "en": "This file was published before: batch {batch} ({file}, {when}). Not published "
              "again."},
    "store_no_batch": {"vi": "Không có lô {batch}.", "en": "There is no batch {batch}."},
    "store_replace_inactive": {
        "vi": "Lô {batch} đang ở trạng thái \u201c{status}\u201d: chỉ thay thế được lô đang dùng.",
        "en": "Batch {batch} is {status}: only an active batch can be replaced."},
    "store_not_active": {
        "vi": "Lô {batch} đang ở trạng thái \u201c{status}\u201d: chỉ rút được lô đang dùng.",
        "en": "Batch {batch} is {status}: only an active batch can be withdrawn."},
    "store_not_withdrawn": {
        "vi": "Lô {batch} đang ở trạng thái \u201c{status}\u201d: chỉ khôi phục được lô đã rút.",
        "en": "Batch {batch} is {status}: only a withdrawn batch can be restored."},
    "store_reason_needed": {"vi": "Hãy ghi lý do rút lô.",
                            "en": "Say why the batch is withdrawn."},
    "store_no_actor": {"vi": "Không rõ ai thực hiện thay đổi này.",
                       "en": "Who makes this change is not known."},
    "data_as_of": {"vi": "Số liệu tính đến {when} (lô {batch})",
                   "en": "Data as of {when} (batch {batch})"},
    "publish": {"vi": "Công bố", "en": "Publish"},
    "publish_hint": {
        "vi": "Công bố đưa các số liệu này vào kho chung: mọi người xem sẽ thấy chúng.",
        "en": "Publishing puts these figures in the shared store: everyone will see them."},
    "publish_note": {"vi": "Ghi chú cho lô (tuỳ chọn)", "en": "Note for the batch (optional)"},
    "publish_replaces": {"vi": "Thay thế lô", "en": "Replaces batch"},
    "publish_replaces_none": {"vi": "Không thay thế lô nào", "en": "Replaces no batch"},
    "published": {"vi": "Đã công bố lô {batch}: {n} số liệu.",
                  "en": "Published batch {batch}: {n} figures."},
    "page_history": {"vi": "Lịch sử dữ liệu", "en": "Data history"},
    "history_intro": {
        "vi": "Mỗi lần công bố là một lô. Lô có thể bị rút (có lý do) và khôi phục; không gì "
              "bị xoá.",
        "en": "Every publish is a batch. A batch can be withdrawn (with a reason) and "
              "restored; nothing is deleted."},
    "batches": {"vi": "Các lô", "en": "Batches"},
    "events": {"vi": "Nhật ký thay đổi", "en": "Change log"},
    "batch": {"vi": "Lô", "en": "Batch"},
    "batch_choose": {"vi": "Chọn lô", "en": "Choose a batch"},
    "status_active": {"vi": "đang dùng", "en": "active"},
    "status_superseded": {"vi": "đã được thay thế", "en": "superseded"},
    "status_withdrawn": {"vi": "đã rút", "en": "withdrawn"},
    "kind": {"vi": "Loại", "en": "Kind"},
    "kind_shipped": {"vi": "bảng kèm ứng dụng", "en": "shipped tables"},
    "kind_report": {"vi": "báo cáo", "en": "report"},
    "who": {"vi": "Người thực hiện", "en": "By"},
    "when": {"vi": "Thời điểm (UTC)", "en": "When (UTC)"},
    "action": {"vi": "Việc", "en": "Action"},
    "warnings_count": {"vi": "Cảnh báo", "en": "Warnings"},
    "withdraw": {"vi": "Rút lô", "en": "Withdraw"},
    "withdraw_reason": {"vi": "Lý do rút", "en": "Why it is withdrawn"},
    "restore": {"vi": "Khôi phục lô", "en": "Restore"},
    "withdrawn_done": {"vi": "Đã rút lô {batch}.", "en": "Batch {batch} withdrawn."},
    "restored_done": {"vi": "Đã khôi phục lô {batch}.", "en": "Batch {batch} restored."},
    "batch_download": {"vi": "Tải số liệu của lô", "en": "Download the batch's figures"},
    "shipped_newer": {
        "vi": "Ứng dụng có bảng số liệu mới hơn lô {batch}. Công bố chúng thành một lô mới?",
        "en": "The app ships newer tables than batch {batch}. Publish them as a new batch?"},
    "publish_shipped": {"vi": "Công bố bảng kèm ứng dụng", "en": "Publish the shipped tables"},
    "action_published": {"vi": "công bố", "en": "published"},
    "action_superseded": {"vi": "bị thay thế", "en": "superseded"},
    "action_withdrawn": {"vi": "rút", "en": "withdrawn"},
    "action_restored": {"vi": "khôi phục", "en": "restored"},
    "action_reinstated": {"vi": "dùng lại", "en": "reinstated"},
    # Sign-in and roles (#14)
    "store_role_needed": {
        "vi": "{actor} (vai trò {role}) không được phép {action}: cần vai trò {needed}.",
        "en": "{actor} ({role}) may not {action}: it needs the role {needed}."},
    "user_bad_role": {"vi": "Vai trò {role!r} không có; các vai trò: {roles}.",
                      "en": "There is no role {role!r}; the roles are {roles}."},
    "user_short_password": {"vi": "Mật khẩu cần ít nhất {n} ký tự.",
                            "en": "A password needs at least {n} characters."},
    "user_bad_email": {"vi": "{email!r} không phải là địa chỉ e-mail.",
                       "en": "{email!r} is not an e-mail address."},
    "user_exists": {"vi": "Đã có tài khoản {email}.", "en": "{email} already has an account."},
    "user_password_mismatch": {"vi": "Hai lần nhập mật khẩu không khớp.",
                               "en": "The two passwords differ."},
    "user_unknown": {"vi": "Không có tài khoản {email}.", "en": "There is no account {email}."},
    "signin_failed": {"vi": "E-mail hoặc mật khẩu không đúng.",
                      "en": "Wrong e-mail or password."},
    "signin_locked": {
        "vi": "Đăng nhập sai quá nhiều lần: tài khoản bị khoá {minutes} phút.",
        "en": "Too many failed sign-ins: the account is locked for {minutes} minutes."},
    "sign_in": {"vi": "Đăng nhập", "en": "Sign in"},
    "sign_out": {"vi": "Đăng xuất", "en": "Sign out"},
    "signed_in_as": {"vi": "Đăng nhập: {email} ({role})", "en": "Signed in: {email} ({role})"},
    "not_signed_in": {"vi": "Chưa đăng nhập: chỉ xem", "en": "Not signed in: viewing only"},
    "email": {"vi": "E-mail", "en": "E-mail"},
    "password": {"vi": "Mật khẩu", "en": "Password"},
    "sign_in_to_publish": {"vi": "Đăng nhập (vai trò phân tích) để công bố.",
                           "en": "Sign in (as an analyst) to publish."},
    "sign_in_to_change": {"vi": "Đăng nhập (vai trò phân tích) để rút hoặc khôi phục lô.",
                          "en": "Sign in (as an analyst) to withdraw or restore batches."},
    "open_store": {
        "vi": "Chưa có tài khoản nào: ai cũng công bố được. Tạo tài khoản bằng "
              "`python -m p8lib users add`.",
        "en": "No accounts yet: anyone may publish. Create them with "
              "`python -m p8lib users add`."},
    "account_changes": {"vi": "Thay đổi tài khoản", "en": "Account changes"},
    "role_viewer": {"vi": "người xem", "en": "viewer"},
    "role_analyst": {"vi": "phân tích", "en": "analyst"},
    "role_admin": {"vi": "quản trị", "en": "admin"},
    "oidc_no_cookie_secret": {
        "vi": "Đăng nhập OIDC đã bật ([auth] trong .streamlit/secrets.toml) nhưng thiếu "
              "cookie_secret: thêm một chuỗi ngẫu nhiên dài rồi khởi động lại.",
        "en": "OIDC sign-in is on ([auth] in .streamlit/secrets.toml) but has no "
              "cookie_secret: add a long random string and restart."},
    # --- presenter and pages (issue #17) ---
    # Content areas by a short name, where a chart or a column header has little room.
    "area_short": {"vi": "{n}. {name}", "en": "{n}. {name}"},
    "area_short_1": {"vi": "Truyền thông", "en": "Communication"},
    "area_short_2": {"vi": "Mô hình, kinh tế", "en": "Models, economy"},
    "area_short_3": {"vi": "Tiếng nói, lãnh đạo", "en": "Voice, leadership"},
    "area_short_4": {"vi": "Năng lực cán bộ", "en": "Officials' skills"},
    "area_short_none": {"vi": "Quản lý, chung", "en": "Management, general"},
    # What a number's scope is: a place (or the country) and a period.
    "scope": {"vi": "{place} · {period}", "en": "{place} · {period}"},
    "all_content_areas_note": {"vi": "mọi nội dung", "en": "all content areas"},
    "reach_title": {"vi": "Địa bàn được báo cáo", "en": "Places reported"},
    "reached_figures": {"vi": "Số liệu được báo cáo", "en": "Figures reported"},
    "core_title": {"vi": "Chỉ tiêu cốt lõi so với kế hoạch",
                   "en": "Core indicators against targets"},
    "no_core": {"vi": "Không có chỉ tiêu cốt lõi nào có kế hoạch trong phạm vi này.",
                "en": "No core indicator has a target in this scope."},
    "reported_where_title": {"vi": "Số liệu được báo cáo ở đâu (số số liệu theo nội dung)",
                             "en": "What is reported where (number of figures per content "
                                   "area)"},
    "targets_results_title": {"vi": "Kế hoạch và kết quả", "en": "Targets and results"},
    "attainment_by_indicator": {"vi": "Mức đạt theo chỉ tiêu", "en": "Attainment by indicator"},
    "attainment_by_area_short": {"vi": "Mức đạt theo nội dung",
                                 "en": "Attainment by content area"},
    "lower_level_figures": {
        "vi": "Số liệu của tỉnh này chỉ có ở cấp huyện, xã:",
        "en": "This province's figures are reported for its districts and communes only:"},
    "no_province_figures": {
        "vi": "Các nguồn chưa nêu số liệu nào của tỉnh này; dưới đây là các địa bàn triển khai "
              "mà nguồn nêu.",
        "en": "The sources give no figure for this province yet; these are the places they "
              "name where Project 8 works."},
    "indicator_across_title": {"vi": "{indicator} theo địa bàn", "en": "{indicator} by place"},
    "chart_rows_cut": {
        "vi": "Biểu đồ vẽ {shown} trong {n} chỉ tiêu cho vừa màn hình; bảng và tệp tải xuống có "
              "tất cả.",
        "en": "The chart draws {shown} of {n} indicators to fit the screen; the table and the "
              "downloads have them all."},
    "chart_places_cut": {
        "vi": "Biểu đồ vẽ {shown} trong {n} địa bàn cho vừa màn hình; xem tất cả ở trang Chỉ "
              "tiêu.",
        "en": "The chart draws {shown} of {n} places to fit the screen; the Indicators page "
              "has them all."},
    "choose_indicator_pick": {"vi": "Chọn một chỉ tiêu", "en": "Choose an indicator"},
    "choose_indicator_presenting": {"vi": "Hãy chọn một chỉ tiêu ở đây.",
                                    "en": "Choose an indicator here."},
    "choose_province_presenting": {
        "vi": "Chưa chọn tỉnh nào. Chuyển sang trang trình chiếu tiếp theo, hoặc thoát chế độ "
              "trình chiếu để chọn một tỉnh.",
        "en": "No province chosen. Go to the next slide, or leave presenter mode to choose a "
              "province."},
    "slide_previous": {"vi": "◀ Trước", "en": "◀ Previous"},
    "slide_next": {"vi": "Tiếp ▶", "en": "Next ▶"},
    "slide_position": {"vi": "Trang {n}/{total}: {name}", "en": "Slide {n} of {total}: {name}"},
    "slide_keys_next": {"vi": "Phím: → PageDown Space", "en": "Keys: → PageDown Space"},
    "slide_keys_previous": {"vi": "Phím: ← PageUp", "en": "Keys: ← PageUp"},
    "slide_overview": {"vi": "Tổng quan toàn quốc", "en": "National overview"},
    "slide_map": {"vi": "Bản đồ phạm vi", "en": "Coverage map"},
    "rows_shown_presenting": {"vi": "{shown} trong {n} dòng (tất cả ở chế độ thường).",
                              "en": "{shown} of {n} rows (all of them outside presenter mode)."},
    # Streamlit's own file-uploader texts, covered in Vietnamese (app/widgets.py).
    "uploader_limit": {"vi": "Tối đa {mb} MB mỗi tệp", "en": "Up to {mb} MB per file"},
    "uploader_browse": {"vi": "Chọn tệp", "en": "Browse files"},
    # --- Coverage map: measures, legend, tooltips, notes (issue #17, points 1–2) ---
    "map_measure": {"vi": "Tô màu theo", "en": "Colour by"},
    "map_2025_rows_not_drawn": {
        "vi": "{n} dòng số liệu ở đây được báo cáo theo đơn vị hành chính từ 7/2025 và chưa "
              "được tô trên bản đồ; xem chúng ở trang Chỉ tiêu và hồ sơ tỉnh.",
        "en": "{n} rows here are reported for the units since July 2025 and are not coloured "
              "on the map; the Indicators page and the province profiles show them."},
    "measure_attainment": {"vi": "Mức đạt kế hoạch", "en": "Attainment of target"},
    "measure_value": {"vi": "Kết quả", "en": "Result"},
    "measure_coverage": {"vi": "Phạm vi triển khai", "en": "Coverage"},
    "map_level": {"vi": "Cấp hiển thị", "en": "Level shown"},
    "map_level_district": {"vi": "Huyện", "en": "Districts"},
    "map_level_commune": {"vi": "Xã", "en": "Communes"},
    "map_national": {"vi": "Xem toàn quốc", "en": "Back to the whole country"},
    "map_selected_unit": {"vi": "Đã chọn trên bản đồ: {name}", "en": "Chosen on the map: {name}"},
    "map_made_of": {"vi": "Tỉnh từ 7/2025, gồm (đơn vị cũ): {parts}",
                    "en": "Province since July 2025, made of (former units): {parts}"},
    "map_choose_indicator": {
        "vi": "Chọn một chỉ tiêu ở thanh bên để tô màu theo kết quả: các chỉ tiêu có đơn vị "
              "tính khác nhau nên không cộng được với nhau.",
        "en": "Choose an indicator in the sidebar to colour by its result: indicators have "
              "different units and cannot be added together."},
    "no_data_map": {"vi": "Không có số liệu", "en": "No data"},
    "coverage_pilot_province": {"vi": "Tỉnh chỉ đạo điểm (kế hoạch chỉ đạo điểm của TW Hội)",
                                "en": "Pilot province (VWU point-direction plan)"},
    "coverage_pilot_district": {"vi": "Huyện chỉ đạo điểm", "en": "Pilot district"},
    "coverage_pilot_commune": {"vi": "Xã chỉ đạo điểm", "en": "Pilot commune"},
    "coverage_implementing": {"vi": "Có triển khai (nguồn có nêu)",
                              "en": "Implementing (named in a source)"},
    "coverage_not_reported": {"vi": "Nguồn chưa nêu", "en": "Not named in the sources"},
    "map_pilot_outline": {"vi": "Viền đậm: tỉnh chỉ đạo điểm",
                          "en": "Dark outline: pilot province"},
    "map_pilot_outline_2021": {"vi": "Viền đậm: tỉnh chỉ đạo điểm (ranh giới trước 7/2025)",
                               "en": "Dark outline: pilot province (boundaries before July 2025)"},
    "map_implementing_district": {"vi": "Huyện triển khai", "en": "Implementing district"},
    "map_district_lines": {"vi": "Ranh giới huyện", "en": "District boundaries"},
    "map_commune_implementing": {"vi": "Xã triển khai", "en": "Implementing commune"},
    "map_commune_priority": {"vi": "Xã ưu tiên", "en": "Priority commune"},
    "map_commune_other": {"vi": "Xã khác", "en": "Other commune"},
    "legend_attainment": {"vi": "{indicator}: % kế hoạch {period} đã đạt",
                          "en": "{indicator}: % of the {period} target reached"},
    "legend_attainment_mean": {
        "vi": "Mức đạt trung bình của các chỉ tiêu có kế hoạch (%), kế hoạch {period}",
        "en": "Mean attainment of the indicators with a target (%), targets {period}"},
    "legend_value": {"vi": "{indicator}: {unit}, {period}", "en": "{indicator}: {unit}, {period}"},
    "legend_value_per_commune": {"vi": "{indicator}: {unit} bình quân mỗi xã, {period}",
                                 "en": "{indicator}: {unit} per commune, {period}"},
    "legend_coverage": {"vi": "Nơi các nguồn nêu có Dự án 8, {period}",
                        "en": "Where the sources name Project 8, {period}"},
    "tip_attainment": {"vi": "Đạt {pct} kế hoạch {period}", "en": "{pct} of the {period} target"},
    "tip_mean": {"vi": "Trung bình đạt {pct} ({n} chỉ tiêu)",
                 "en": "Mean {pct} of target ({n} indicators)"},
    "tip_target": {"vi": "Kế hoạch {period}: {value}", "en": "Target {period}: {value}"},
    "tip_target_result": {"vi": "Kế hoạch {target} · kết quả {years}: {value}",
                          "en": "Target {target} · result {years}: {value}"},
    "tip_result": {"vi": "Kết quả {years}: {value}", "en": "Result {years}: {value}"},
    "tip_per_commune": {"vi": "{value} mỗi xã ({n} xã)",
                        "en": "{value} per commune ({n} communes)"},
    "tip_source": {"vi": "Nguồn: {source}", "en": "Source: {source}"},
    "tip_rolled_up": {"vi": "Tổng kết quả của {units} (cộng lên)",
                      "en": "Sum of the results of {units}"},
    "tip_units": {"vi": "{n} đơn vị cấp {levels}", "en": "{n} units ({levels})"},
    "tip_parts": {"vi": "Gồm (đơn vị cũ): {names}",
                  "en": "Made of (units before July 2025): {names}"},
    "tip_not_combined": {"vi": "Tỷ lệ của các đơn vị cũ không cộng gộp được",
                         "en": "Shares of the former units are not combined"},
    "n_provinces": {"vi": "{n} tỉnh", "en": "{n} provinces"},
    "n_districts": {"vi": "{n} huyện", "en": "{n} districts"},
    "n_communes": {"vi": "{n} xã", "en": "{n} communes"},
    "n_province_one": {"vi": "{n} tỉnh", "en": "{n} province"},
    "n_district_one": {"vi": "{n} huyện", "en": "{n} district"},
    "n_commune_one": {"vi": "{n} xã", "en": "{n} commune"},
    "note_other_levels_below": {
        "vi": "Chỉ tiêu này cũng có số liệu của {where}: chọn một tỉnh để xem.",
        "en": "This indicator also has figures for {where}: choose a province to see them."},
    "note_other_levels": {"vi": "Ngoài cấp đang hiển thị, có số liệu của {where}.",
                          "en": "Besides the level shown, there are figures for {where}."},
    "note_national": {"vi": "Số liệu toàn quốc (không phải một địa bàn trên bản đồ): {figure}.",
                      "en": "National figure (no single place on the map): {figure}."},
    "note_province_also": {
        "vi": "{name} còn báo cáo cho cả tỉnh: {figure}.",
        "en": "{name} also reports for the province as a whole: {figure}."},
    "note_province_only": {
        "vi": "{name} báo cáo chỉ tiêu này cho cả tỉnh: {figure}.",
        "en": "{name} reports this indicator for the province as a whole: {figure}."},
    "note_no_districts_2025": {
        "vi": "Từ 7/2025 không còn cấp huyện: số liệu của {districts} (đơn vị cũ) được tính "
              "vào tỉnh, không vẽ riêng.",
        "en": "Since July 2025 there are no districts: figures of {districts} (former units) "
              "count in the province, not drawn apart."},
    "note_counts": {"vi": "Nguồn cho biết {what}, nhưng không nêu tên từng nơi.",
                    "en": "Sources report {what}, without naming each place."},
    "count_of_in": {"vi": "{what} ({source})", "en": "{what} ({source})"},
    "count_pilot": {"vi": "chỉ đạo điểm", "en": "pilot"},
    "count_of_commune_2025": {"vi": "xã (đơn vị từ 7/2025)", "en": "communes (2025 units)"},
    "count_of_village": {"vi": "thôn, bản", "en": "villages"},
    "count_of_hamlet": {"vi": "thôn, xóm", "en": "hamlets"},
}
# --- import problems (issue #11) --- (their texts: p8lib.contract.import_messages)
STRINGS.update(IMPORT_STRINGS)

STATUS_TEXT: dict[str, dict[str, str]] = {
    "complete": {"vi": "đủ giai đoạn", "en": "whole period reported"},
    "partial": {"vi": "mới có một số năm", "en": "only some years reported"},
    "no_result": {"vi": "chưa có kết quả", "en": "no result reported"},
    "no_target": {"vi": "không có kế hoạch", "en": "no target"},
    "different_unit": {"vi": "khác đơn vị tính", "en": "different units"},
    "not_summable": {"vi": "không cộng được theo năm", "en": "yearly shares cannot be added"},
}

MEASURE_TEXT = {"target": {"vi": "kế hoạch", "en": "target"},
                "actual": {"vi": "thực hiện", "en": "result"}}
LEVEL_TEXT = {"national": {"vi": "toàn quốc", "en": "national"},
              "province": {"vi": "tỉnh", "en": "province"},
              "district": {"vi": "huyện", "en": "district"},
              "commune": {"vi": "xã", "en": "commune"}}


def check_lang(lang: str | None) -> str:
    """``lang`` if it is a known language, else :data:`DEFAULT_LANG`."""
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str, **values: object) -> str:
    """The string ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``.

    Raises
    ------
    KeyError
        If ``key`` is not in :data:`STRINGS` (a typo should fail loudly in tests).

    Examples
    --------
    >>> t("area_n", "en", n=2)
    'Content area 2'
    """
    text = STRINGS[key][check_lang(lang)]
    return text.format(**values) if values else text


# What each attainment status means, for the Sources & method page (English: metrics.STATUSES).
STATUS_MEANING_VI = {
    "complete": "kết quả đã phủ cả giai đoạn của chỉ tiêu",
    "partial": "mới báo cáo một số năm của giai đoạn",
    "no_result": "có chỉ tiêu nhưng chưa có kết quả nào được báo cáo",
    "no_target": "có kết quả nhưng không có chỉ tiêu cùng đơn vị hành chính và giai đoạn",
    "different_unit": "kết quả và chỉ tiêu tính bằng đơn vị khác nhau",
    "not_summable": "tỷ lệ của từng năm không cộng dồn được",
}


def status_text(status: str, lang: str) -> str:
    """Human text for an attainment status (a key of :data:`p8lib.analysis.metrics.STATUSES`)."""
    return STATUS_TEXT.get(status, {}).get(check_lang(lang), status)


def area_label(area: object, lang: str, short: bool = False) -> str:
    """Label of a content area 1–4; missing → programme management and cross-cutting.

    In full "Nội dung 2: Xây dựng, nhân rộng mô hình; …"; ``short`` (for charts and column
    headers) its number and short name, "2. Mô hình, kinh tế".

    >>> area_label(1, "en", short=True), area_label(None, "vi", short=True)
    ('1. Communication', 'Quản lý, chung')
    """
    if area is None or (isinstance(area, float) and math.isnan(area)) or area is pd.NA:
        return t("area_short_none" if short else "area_none", lang)
    number = int(area)
    if short:
        return t("area_short", lang, n=number, name=t(f"area_short_{number}", lang))
    return f"{t('area_n', lang, n=number)}: {t(f'area_{number}', lang)}"


def _word(table: dict[str, dict[str, str]], code: object, lang: str) -> str:
    """``code``'s word in ``lang`` from ``table``; an unknown code as it is (missing → "")."""
    if code is None or code is pd.NA or (isinstance(code, float) and math.isnan(code)):
        return ""
    return table.get(str(code), {}).get(check_lang(lang), str(code))


def measure_text(measure: object, lang: str) -> str:
    """"kế hoạch"/"thực hiện" (en "target"/"result") for a measure code."""
    return _word(MEASURE_TEXT, measure, lang)


def role_text(role: object, lang: str) -> str:
    """A coverage role in words ("pilot_province" → "tỉnh chỉ đạo điểm")."""
    return _word(ROLE_TEXT, role, lang)


def count_of_text(count_of: object, lang: str) -> str:
    """What a coverage count counts, in words ("commune" → "xã", en "communes")."""
    return _word(COUNT_OF_TEXT, count_of, lang)


def coverage_group_text(group: object, lang: str) -> str:
    """A coverage group as ``lang`` reads it (the curated English text, or its Vietnamese)."""
    if group is None or group is pd.NA or (isinstance(group, float) and math.isnan(group)):
        return ""
    return COVERAGE_GROUP_VI.get(str(group), str(group)) if check_lang(lang) == "vi" \
        else str(group)


def unit_text(unit: object, lang: str) -> str:
    """A unit of measure as ``lang`` writes it (an English unit word in Vietnamese)."""
    if unit is None or unit is pd.NA or (isinstance(unit, float) and math.isnan(unit)):
        return ""
    return UNIT_VI.get(str(unit), str(unit)) if check_lang(lang) == "vi" else str(unit)
