"""Vietnamese and English strings and number formats for the dashboard.

Strings live in one dict, :data:`STRINGS`, keyed by a short id; :func:`t` picks the language
and fills ``{placeholders}``. Numbers follow each language's habit: Vietnamese groups
thousands with a dot and writes decimals with a comma (``10.393``, ``115,5``), English the
other way round (``10,393``, ``115.5``). No streamlit here: the app and the tests share it.
"""

from __future__ import annotations

import math

import pandas as pd

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
    "area_none": {"vi": "Kinh phí và chỉ tiêu chung", "en": "Finance and cross-cutting"},
    "reached_provinces": {"vi": "Tỉnh được báo cáo", "en": "Provinces reported"},
    "reached_districts": {"vi": "Huyện được báo cáo", "en": "Districts reported"},
    "reached_communes": {"vi": "Xã được báo cáo", "en": "Communes reported"},
    "core_vs_target": {"vi": "Chỉ tiêu cốt lõi so với kế hoạch giai đoạn I (toàn quốc)",
                       "en": "Core indicators against phase-I targets (national)"},
    "attainment_by_area": {"vi": "Mức đạt theo nội dung (trung bình các chỉ tiêu so sánh được)",
                           "en": "Attainment by content area (mean of comparable indicators)"},
    "target_line": {"vi": "Kế hoạch (100 %)", "en": "Target (100 %)"},
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
    "indicator_across": {"vi": "Chỉ tiêu theo tỉnh và năm",
                         "en": "Indicator across provinces and years"},
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
    "use_figures": {"vi": "Dùng số liệu này trong phiên làm việc",
                    "en": "Use these figures in this session"},
    "used_figures": {"vi": "Đang dùng {n} số liệu tải lên cùng số liệu có sẵn.",
                     "en": "Using {n} uploaded figures alongside the shipped ones."},
    "clear_uploaded": {"vi": "Bỏ số liệu đã tải lên", "en": "Remove uploaded figures"},
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
        "vi": "Ranh giới trên bản đồ là gần đúng, không chính thức: dựng từ tâm các xã "
              "(vietnamadminunits), đường bờ biển và các đảo của Natural Earth, theo đó vẽ "
              "quần đảo Hoàng Sa và Trường Sa. Số xã, huyện "
              "được báo cáo là những gì nguồn nêu, không phải toàn bộ địa bàn triển khai.",
        "en": "Map boundaries are approximate, not official: derived from commune centroids "
              "(vietnamadminunits) and Natural Earth's coastline and islands, from which the "
              "Hoàng Sa and Trường Sa archipelagos are drawn. Counts of districts "
              "and communes are what the sources name, not every place Project 8 reaches."},
    "credits": {"vi": "Giấy phép và ghi công", "en": "Licences and credits"},
    "credits_text": {
        "vi": "Natural Earth (phạm vi công cộng); vietnamadminunits (giấy phép MIT); số liệu "
              "từ các báo cáo và bài báo được liệt kê ở trên, theo quyền của tác giả.",
        "en": "Natural Earth (public domain); vietnamadminunits (MIT licence); figures from "
              "the reports and articles listed above, under their authors' rights."},
    "map_not_built": {
        "vi": "Lớp bản đồ chưa được dựng (p8lib.maps / p8lib.maps.geo chưa có). Danh sách tỉnh "
              "thí điểm vẫn ở bên dưới.",
        "en": "Map layers not built yet (p8lib.maps / p8lib.maps.geo missing). The pilot "
              "provinces are listed below."},
    "archipelago_hoang_sa": {"vi": "Quần đảo Hoàng Sa", "en": "Hoang Sa (Paracel) archipelago"},
    "archipelago_truong_sa": {"vi": "Quần đảo Trường Sa",
                              "en": "Truong Sa (Spratly) archipelago"},
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
    # --- Coverage map: measures, legend, tooltips, notes (issue #17, points 1–2) ---
    "map_measure": {"vi": "Tô màu theo", "en": "Colour by"},
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
    "boundaries_province": {"vi": "tỉnh", "en": "Province"},
    "boundaries_district": {"vi": "huyện", "en": "District"},
    "boundaries_commune": {"vi": "xã", "en": "Commune"},
    "boundaries_approximate": {"vi": "Ranh giới {level} gần đúng, không chính thức: {source}.",
                               "en": "{level} boundaries approximate, not official: {source}."},
    "boundaries_official": {"vi": "Ranh giới {level}: {source}.",
                            "en": "{level} boundaries: {source}."},
    "boundaries_derived": {"vi": "dựng từ tâm xã (© vietnamadminunits, MIT)",
                           "en": "derived from commune centroids (© vietnamadminunits, MIT)"},
    "boundaries_coast": {"vi": "Đường bờ biển và các đảo: © Natural Earth.",
                         "en": "Coastline and islands: © Natural Earth."},
}

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
    """Label of a content area 1–4 ("Nội dung 2: …"); missing → finance/cross-cutting."""
    if area is None or (isinstance(area, float) and math.isnan(area)) or area is pd.NA:
        return t("area_none", lang)
    number = int(area)
    head = t("area_n", lang, n=number)
    return head if short else f"{head}: {t(f'area_{number}', lang)}"


def fmt_number(value: object, lang: str, decimals: int | None = None) -> str:
    """Format a number the way each language writes it; missing → an en dash.

    ``decimals`` None shows whole numbers without decimals and others with up to three.

    Examples
    --------
    >>> fmt_number(10393, "vi"), fmt_number(10393, "en")
    ('10.393', '10,393')
    >>> fmt_number(115.477, "vi", 1)
    '115,5'
    """
    if value is None or value is pd.NA:
        return "–"
    number = float(value)
    if math.isnan(number):
        return "–"
    trim = decimals is None
    if trim:
        decimals = 0 if number == round(number) else 3
    text = f"{number:,.{decimals}f}"
    if trim and decimals:
        text = text.rstrip("0").rstrip(".")
    if check_lang(lang) == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def fmt_pct(value: object, lang: str) -> str:
    """A percentage with one decimal and a narrow space before ``%``; missing → en dash."""
    text = fmt_number(value, lang, 1)
    return text if text == "–" else f"{text} %"
