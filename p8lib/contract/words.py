"""Which codes and data values are shown in words, and the message id of each (issue #17).

A code or a value of the data — an attainment status, a measure, a level, a coverage role,
what a coverage count counts, a curated coverage group, a unit of measure — is shown by the
message ``<prefix><value>`` of the catalogues (:mod:`p8lib.contract.messages`) when that id is
listed here, else as written. The ids are written out with ``N_`` so that
``scripts/i18n.py extract`` finds them; their texts are in the ``.po`` files.
:mod:`p8lib.contract.i18n` reads them (:func:`~p8lib.contract.i18n.role_text`, …).
"""

from __future__ import annotations

from p8lib.contract.messages import N_

STATUS = "attainment_status_"
STATUS_MEANING = "attainment_meaning_"
MEASURE = "measure_word_"
LEVEL = "level_word_"
ROLE = "coverage_role_"
COUNT_OF = "count_of_word_"
GROUP = "coverage_group_"
UNIT = "unit_"

IDS = frozenset({
    # attainment statuses (p8lib.analysis.targets.STATUSES) and what each means
    N_("attainment_status_complete"), N_("attainment_meaning_complete"),
    N_("attainment_status_partial"), N_("attainment_meaning_partial"),
    N_("attainment_status_no_result"), N_("attainment_meaning_no_result"),
    N_("attainment_status_no_target"), N_("attainment_meaning_no_target"),
    N_("attainment_status_different_unit"), N_("attainment_meaning_different_unit"),
    N_("attainment_status_not_summable"), N_("attainment_meaning_not_summable"),
    # measures and levels (p8lib.contract.schema.MEASURES, LEVELS)
    N_("measure_word_target"), N_("measure_word_actual"),
    N_("level_word_national"), N_("level_word_province"), N_("level_word_district"),
    N_("level_word_commune"),
    # coverage roles (data/coverage.csv)
    N_("coverage_role_pilot_province"), N_("coverage_role_pilot_district"),
    N_("coverage_role_pilot_commune"), N_("coverage_role_implementing_province"),
    N_("coverage_role_implementing_district"), N_("coverage_role_implementing_area"),
    N_("coverage_role_implementing_commune"), N_("coverage_role_planned_area"),
    # what a coverage count counts
    N_("count_of_word_province"), N_("count_of_word_district"), N_("count_of_word_commune"),
    N_("count_of_word_commune_2025"), N_("count_of_word_village"), N_("count_of_word_hamlet"),
    # the groups the curated coverage rows name (data/curated), as written there in English
    N_("coverage_group_VWU point-direction plan"),
    N_("coverage_group_VWU point-direction plan: one commune per pilot province"),
    N_("coverage_group_Content 4 (equipping officials and reputable people): especially "
       "difficult communes"),
    N_("coverage_group_Content 4 (equipping officials and reputable people): especially "
       "difficult villages"),
    N_("coverage_group_Chosen by the central VWU and the provincial Women's Union"),
    N_("coverage_group_Region I"),
    N_("coverage_group_Region II"),
    N_("coverage_group_Region III"),
    N_("coverage_group_Border (within the regions)"),
    N_("coverage_group_Safe communes (within the regions)"),
    N_("coverage_group_Communes after the 2025 rearrangement (2025 units)"),
    # the groups of the reports curated for issue #18 (data/curated/coverage_from_sources.csv)
    N_("coverage_group_Project area ('Địa bàn dự án')"),
    N_("coverage_group_Project area in 2022"),
    N_("coverage_group_7 hamlets (ấp): Kinh Đứng A, Kinh Đứng B, Kinh Hảng B, Kinh Hảng C, Nhà "
       "Máy A, Nhà Máy B, Nhà Máy C"),
    N_("coverage_group_Launch of a community communication group"),
    N_("coverage_group_Launch of community communication groups"),
    N_("coverage_group_Community communication group"),
    N_("coverage_group_Huổi Ho village communication group"),
    N_("coverage_group_Trusted address of Nậm Hẹ village"),
    N_("coverage_group_Launch of a community safe address"),
    N_("coverage_group_Trusted address; now part of the 2025 commune Tri Lễ"),
    N_("coverage_group_Communes where the district focuses the project's resources"),
    N_("coverage_group_Leaders-of-change club of Lát lower secondary school"),
    N_("coverage_group_Leaders-of-change club of the Vĩnh Ô school"),
    N_("coverage_group_Leaders-of-change club of the lower secondary school"),
    N_("coverage_group_Policy dialogue"),
    N_("coverage_group_Policy dialogue of 2024; now part of the 2025 commune Châu Sơn"),
    N_("coverage_group_Villages Na Lâu and Choọng Bùng"),
    N_("coverage_group_Provincial pilot commune ('xã điểm'); group of village Noong Phường"),
    N_("coverage_group_Provincial pilot commune ('xã điểm'); group of village Đống Đa"),
    N_("coverage_group_Provincial pilot commune ('xã điểm'); group of village Đồng Tâm"),
    N_("coverage_group_Provincial pilot commune ('xã điểm'); group of village Khuân Then"),
    N_("coverage_group_Provincial pilot commune ('xã điểm'); group of village An Lạc"),
    N_("coverage_group_Provincial pilot commune ('xã điểm'); group of village Bẫu"),
    N_("coverage_group_Communication focused here (many ethnic-minority residents)"),
    N_("coverage_group_Communes of the 2025 Quảng Ngãi formerly in Kon Tum; leaders-of-change "
       "clubs"),
    N_("coverage_group_Livelihood models"),
    N_("coverage_group_Gender-mainstreaming training of commune officials"),
    N_("coverage_group_Hamlets Tân Vàng, Bản Vèn, Cốc Móc, Nà Làng"),
    N_("coverage_group_Ban Ca village"),  # as the English source spells it
    N_("coverage_group_Commended by the VWU at the phase-I review (20 May 2025)"),
    N_("coverage_group_Especially disadvantaged villages"),
    # units of measure a figure may name that the catalogue does not give for its indicator
    # (an uploaded report's own unit)
    N_("unit_people"),
    N_("unit_percent"),
    N_("unit_groups"),
    N_("unit_sessions"),
    N_("unit_classes"),
    N_("unit_clubs"),
    N_("unit_dialogues"),
    N_("unit_campaigns"),
    N_("unit_addresses"),
    N_("unit_exhibitions"),
    N_("unit_indicators"),
    N_("unit_VND billion"),
    N_("unit_VND million"),
    N_("unit_VND"),
    N_("unit_communes"),
    N_("unit_districts"),
    N_("unit_households"),
    N_("unit_models"),
})
