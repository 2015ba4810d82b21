"""Words of the data shown in either language: coverage roles, what a count counts, the
curated coverage groups, units of measure (issue #17).

Plain tables, no logic: :mod:`p8lib.contract.i18n` looks words up here
(:func:`~p8lib.contract.i18n.role_text`, …), falling back on the code or text as written.
"""

from __future__ import annotations

ROLE_TEXT: dict[str, dict[str, str]] = {
    "pilot_province": {"vi": "tỉnh chỉ đạo điểm", "en": "pilot province"},
    "pilot_district": {"vi": "huyện chỉ đạo điểm", "en": "pilot district"},
    "pilot_commune": {"vi": "xã chỉ đạo điểm", "en": "pilot commune"},
    "implementing_province": {"vi": "tỉnh triển khai", "en": "implementing province"},
    "implementing_district": {"vi": "huyện triển khai", "en": "implementing district"},
    "implementing_area": {"vi": "địa bàn triển khai", "en": "implementing area"},
    "implementing_commune": {"vi": "xã triển khai", "en": "implementing commune"},
    "planned_area": {"vi": "địa bàn dự kiến", "en": "planned area"},
}
COUNT_OF_TEXT: dict[str, dict[str, str]] = {
    "province": {"vi": "tỉnh", "en": "provinces"},
    "district": {"vi": "huyện", "en": "districts"},
    "commune": {"vi": "xã", "en": "communes"},
    "commune_2025": {"vi": "xã (đơn vị từ 7/2025)", "en": "communes (units from July 2025)"},
    "village": {"vi": "thôn, bản", "en": "villages"},
    "hamlet": {"vi": "thôn, ấp", "en": "hamlets"},
}
# The groups the curated coverage rows name (data/curated), in Vietnamese; a group not
# listed is shown as written.
COVERAGE_GROUP_VI: dict[str, str] = {
    "VWU point-direction plan": "Kế hoạch chỉ đạo điểm của TW Hội",
    "VWU point-direction plan: one commune per pilot province":
        "Kế hoạch chỉ đạo điểm của TW Hội: mỗi tỉnh điểm một xã",
    "Content 4 (equipping officials and reputable people): especially difficult communes":
        "Nội dung 4 (trang bị kiến thức cho cán bộ, người có uy tín): xã đặc biệt khó khăn",
    "Content 4 (equipping officials and reputable people): especially difficult villages":
        "Nội dung 4 (trang bị kiến thức cho cán bộ, người có uy tín): thôn đặc biệt khó khăn",
    "Chosen by the central VWU and the provincial Women's Union":
        "Do TW Hội và Hội LHPN tỉnh lựa chọn",
    "Region I": "Khu vực I", "Region II": "Khu vực II", "Region III": "Khu vực III",
    "Border (within the regions)": "Biên giới (thuộc các khu vực trên)",
    "Safe communes (within the regions)": "Xã an toàn khu (thuộc các khu vực trên)",
    "Communes after the 2025 rearrangement (2025 units)": "Xã sau sắp xếp năm 2025 (đơn vị 2025)",
    # The groups of the reports curated for issue #18 (data/curated/coverage_from_sources.csv).
    "Project area ('Địa bàn dự án')": "Địa bàn dự án",
    "Project area in 2022": "Địa bàn dự án năm 2022",
    "7 hamlets (ấp): Kinh Đứng A, Kinh Đứng B, Kinh Hảng B, Kinh Hảng C, Nhà Máy A, Nhà Máy B, "
    "Nhà Máy C": "7 ấp: Kinh Đứng A, Kinh Đứng B, Kinh Hảng B, Kinh Hảng C, Nhà Máy A, "
                 "Nhà Máy B, Nhà Máy C",
    "Launch of a community communication group": "Ra mắt tổ truyền thông cộng đồng",
    "Launch of community communication groups": "Ra mắt các tổ truyền thông cộng đồng",
    "Community communication group": "Tổ truyền thông cộng đồng",
    "Huổi Ho village communication group": "Tổ truyền thông bản Huổi Ho",
    "Trusted address of Nậm Hẹ village": "Địa chỉ tin cậy bản Nậm Hẹ",
    "Launch of a community safe address": "Ra mắt địa chỉ an toàn trong cộng đồng",
    "Trusted address; now part of the 2025 commune Tri Lễ":
        "Địa chỉ tin cậy; nay thuộc xã Tri Lễ (đơn vị từ 7/2025)",
    "Communes where the district focuses the project's resources":
        "Các xã huyện tập trung nguồn lực của dự án",
    "Leaders-of-change club of Lát lower secondary school":
        "Câu lạc bộ \"Thủ lĩnh của sự thay đổi\" Trường THCS xã Lát",
    "Leaders-of-change club of the Vĩnh Ô school":
        "Câu lạc bộ \"Thủ lĩnh của sự thay đổi\" Trường Tiểu học Vĩnh Ô",
    "Leaders-of-change club of the lower secondary school":
        "Câu lạc bộ \"Thủ lĩnh của sự thay đổi\" của trường THCS",
    "Policy dialogue": "Đối thoại chính sách",
    "Policy dialogue of 2024; now part of the 2025 commune Châu Sơn":
        "Đối thoại chính sách năm 2024; nay thuộc xã Châu Sơn (đơn vị từ 7/2025)",
    "Villages Na Lâu and Choọng Bùng": "Bản Na Lâu và bản Choọng Bùng",
    "Provincial pilot commune ('xã điểm'); group of village Noong Phường":
        "Xã điểm của tỉnh; tổ của thôn Noong Phường",
    "Provincial pilot commune ('xã điểm'); group of village Đống Đa":
        "Xã điểm của tỉnh; tổ của thôn Đống Đa",
    "Provincial pilot commune ('xã điểm'); group of village Đồng Tâm":
        "Xã điểm của tỉnh; tổ của thôn Đồng Tâm",
    "Provincial pilot commune ('xã điểm'); group of village Khuân Then":
        "Xã điểm của tỉnh; tổ của thôn Khuân Then",
    "Provincial pilot commune ('xã điểm'); group of village An Lạc":
        "Xã điểm của tỉnh; tổ của thôn An Lạc",
    "Provincial pilot commune ('xã điểm'); group of village Bẫu":
        "Xã điểm của tỉnh; tổ của thôn Bẫu",
    "Communication focused here (many ethnic-minority residents)":
        "Tập trung truyền thông tại đây (nhiều đồng bào dân tộc thiểu số)",
    "Communes of the 2025 Quảng Ngãi formerly in Kon Tum; leaders-of-change clubs":
        "Các xã của tỉnh Quảng Ngãi (từ 7/2025) trước thuộc Kon Tum; câu lạc bộ \"Thủ lĩnh "
        "của sự thay đổi\"",
    "Livelihood models": "Mô hình sinh kế",
    "Gender-mainstreaming training of commune officials":
        "Tập huấn lồng ghép giới cho cán bộ xã",
    "Hamlets Tân Vàng, Bản Vèn, Cốc Móc, Nà Làng": "Các xóm Tân Vàng, Bản Vèn, Cốc Móc, Nà Làng",
    "Ban Ca village": "thôn Ban Ca",  # as the English source spells it
    "Commended by the VWU at the phase-I review (20 May 2025)":
        "Được TW Hội khen tại hội nghị tổng kết giai đoạn I (20/5/2025)",
    "Especially disadvantaged villages": "Thôn đặc biệt khó khăn",
}
# Units of measure in Vietnamese where a figure names one the catalogue does not give for
# its indicator (an uploaded report's own unit); others are shown as written.
UNIT_VI: dict[str, str] = {
    "people": "người", "percent": "%", "groups": "tổ, nhóm", "sessions": "buổi",
    "classes": "lớp", "clubs": "câu lạc bộ", "dialogues": "cuộc", "campaigns": "chiến dịch",
    "addresses": "địa chỉ", "exhibitions": "cuộc", "indicators": "chỉ tiêu",
    "VND billion": "tỷ đồng", "VND million": "triệu đồng", "VND": "đồng",
    "communes": "xã", "districts": "huyện", "households": "hộ", "models": "mô hình",
}
