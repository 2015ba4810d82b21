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
