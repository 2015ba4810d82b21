"""The shipped tables: valid, rebuilt from the curated extracts, and holding what the sources
say (figures read by hand from the excerpts, not from the code)."""

import pandas as pd
import pytest

from p8lib import units
from p8lib.analysis import provinces_2021, provinces_in
from p8lib.contract import catalogue
from scripts.build_data import build_coverage, build_figures


@pytest.fixture(scope="module")
def figures():
    return catalogue.figures()


@pytest.fixture(scope="module")
def coverage():
    return catalogue.coverage()


def test_tables_validate():
    assert len(catalogue.indicators()) >= 60
    assert len(catalogue.sources()) >= 58
    assert len(catalogue.coverage()) >= 150
    assert len(catalogue.figures()) >= 200


def test_figures_csv_is_what_the_build_script_makes(figures):
    pd.testing.assert_frame_equal(figures, catalogue.Figure.validate(build_figures()))


def test_coverage_csv_is_what_the_build_script_makes(coverage):
    pd.testing.assert_frame_equal(coverage, catalogue.Coverage.validate(build_coverage()))


@pytest.mark.parametrize("table", ["figures", "coverage"])
def test_every_row_cites_a_known_source_with_a_quote(table):
    frame = getattr(catalogue, table)()
    assert set(frame["source_id"]) <= set(catalogue.sources()["source_id"])
    assert frame["quote"].notna().all()


def test_every_figure_names_a_catalogue_indicator(figures):
    assert set(figures["indicator_id"]) <= set(catalogue.indicators()["indicator_id"])


def test_codes_exist_in_their_vintage(figures, coverage):
    for frame in (figures, coverage):
        for vintage in units.VINTAGES:
            rows = frame[frame["vintage"] == vintage]
            provinces = set(units.provinces(vintage)["province_code"])
            communes = units.communes(vintage).set_index("commune_code")["province_code"]
            assert set(rows["province_code"].dropna()) <= provinces
            named = rows[rows["commune_code"].notna()]
            assert (named["commune_code"].map(communes) == named["province_code"]).all()
    assert figures.loc[figures["vintage"] == "2025", "district_code"].isna().all()


def test_figures_lie_in_at_least_25_provinces_of_either_vintage(figures):
    in_2021 = set(provinces_in(figures, "2021").dropna())
    assert len(in_2021) >= 25
    # A 2025 figure counts in the one 2021 province it lies in.
    assert {"12", "19", "96"} <= in_2021  # Bum Tở, Lam Vỹ, Khánh Hưng
    assert len(set(provinces_in(figures, "2025").dropna())) >= 20


# (province or "", district or "", vintage, indicator, measure, start, end, source) → value,
# each read by hand from its excerpt.
EXPECTED = [
    ("", "", "2021", "comm_groups", "target", 2021, 2025,
     "dulichgiaitri_national_5_nam_du_an_8", 9000),
    ("", "", "2021", "comm_groups", "actual", 2021, 2025,
     "dulichgiaitri_national_5_nam_du_an_8", 10393),
    ("", "", "2021", "comm_groups", "target", 2021, 2025,
     "issuu_ebook_gioi_thieu_du_an_8_chi_tieu", 9000),
    ("", "", "2021", "trusted_addresses", "actual", 2021, 2025,
     "dulichgiaitri_national_5_nam_du_an_8", 2312),
    ("", "", "2021", "em_women_officials_capacity", "actual", 2021, 2025,
     "dulichgiaitri_national_5_nam_du_an_8", 4164),
    ("", "", "2021", "savings_loan_groups", "target", 2021, 2025,
     "issuu_ebook_gioi_thieu_du_an_8_chi_tieu", 3000),
    ("", "", "2021", "core_indicators_total", "target", 2021, 2025,
     "issuu_ebook_gioi_thieu_du_an_8_chi_tieu", 6),
    ("94", "", "2021", "comm_groups", "target", 2021, 2025, "art_soc_trang", 118),
    ("94", "", "2021", "policy_dialogues", "actual", 2023, 2023, "art_soc_trang", 27),
    ("10", "", "2021", "comm_groups", "actual", 2022, 2022, "art_lao_cai_cao_bang_gia_lai", 324),
    ("10", "", "2021", "comm_groups", "actual", 2021, 2025,
     "baolaocai_hoan_thanh_4_chi_tieu_du_an_8", 424),
    ("10", "", "2021", "core_indicators_total", "target", 2021, 2025,
     "baolaocai_hoan_thanh_4_chi_tieu_du_an_8", 10),
    ("04", "", "2021", "policy_dialogues", "target", 2021, 2025,
     "art_lao_cai_cao_bang_gia_lai", 306),
    ("38", "", "2021", "comm_groups", "actual", 2021, 2025,
     "baothanhhoa_tong_ket_du_an_8_giai_doan_2026_2030", 297),
    ("38", "", "2021", "budget_total", "actual", 2025, 2025,
     "baothanhhoa_kiem_tra_giam_sat_du_an_8_2025", 19.451),
    ("38", "", "2025", "implementing_communes", "actual", 2025, 2025,
     "baothanhhoa_kiem_tra_giam_sat_du_an_8_2025", 62),
    ("38", "", "2021", "implementing_communes", "actual", 2021, 2025,
     "baothanhhoa_tong_ket_du_an_8_giai_doan_2026_2030", 96),
    ("52", "", "2021", "comm_group_members", "actual", 2021, 2025, "baodantoc_binh_dinh", 1337),
    ("52", "", "2021", "comm_group_members", "actual", 2021, 2025,
     "vietnamvn_en_binh_dinh_120_teams_2025", 1337),
    ("02", "", "2021", "disbursement_rate", "actual", 2021, 2025,
     "vietnamvn_ha_giang_tong_ket_du_an_8_2025", 76),
    ("11", "", "2021", "comm_groups", "actual", 2021, 2025,
     "baodantoc_dien_bien_chi_tieu_du_an_8_2025", 540),
    ("11", "", "2021", "livelihood_groups_tech", "target", 2021, 2025,
     "baodantoc_dien_bien_chi_tieu_du_an_8_2025", 3),
    ("15", "", "2021", "comm_groups", "actual", 2021, 2023,
     "baoyenbai_87_to_truyen_thong_2023", 87),
    ("08", "", "2021", "comm_group_members", "actual", 2021, 2025,
     "vietnamvn_ms_tuyen_quang_giam_sat_du_an_8", 10151),
    ("08", "", "2021", "comm_groups", "actual", 2021, 2025, "baotuyenquang_6_to_truyen_thong", 6),
    ("19", "", "2021", "budget_total", "actual", 2021, 2024,
     "thai_nguyen_du_an_8_von_8744_trieu_2024", 8.744),
    ("20", "", "2021", "communication_participants", "actual", 2021, 2025,
     "baomoi_lang_son_du_an_8_2021_2025", 10800),
    ("46", "", "2021", "activity_participants", "actual", 2022, 2022, "hoilhpn_hue_du_an_8_2022",
     2800),
    ("56", "", "2021", "budget_total", "actual", 2021, 2023,
     "dantocphattrien_khanh_hoa_66_thon_2023", 10),
    ("58", "", "2021", "comm_groups", "actual", 2021, 2025,
     "dantocphattrien_ninh_thuan_chi_tieu_cot_loi_2025", 77),
    ("62", "", "2021", "communication_campaigns", "actual", 2022, 2023,
     "congly_kon_tum_du_an_8_2023", 388),
    ("51", "", "2025", "leaders_of_change_clubs", "actual", 2021, 2025,
     "hoiphunuquangngai_clb_thu_linh_2025", 11),
    ("68", "", "2025", "comm_groups", "actual", 2021, 2025, "vovworld_lam_dong_project_8_en", 248),
    ("54", "", "2021", "comm_groups", "target", 2021, 2025, "phunuvietnam_phu_yen_chi_tieu_2025",
     63),
    ("64", "638", "2021", "disbursement_rate_district_level", "actual", 2022, 2024,
     "baodantoc_phu_thien", 14.99),
    ("70", "693", "2021", "budget_disbursed", "actual", 2021, 2025,
     "huyenuybudop_binh_phuoc_giam_sat_du_an_8", 0.575),
    ("94", "951", "2021", "communication_leaflets", "actual", 2023, 2023,
     "qdnd_en_tran_de_soc_trang_2023", 5500),
    ("40", "420", "2021", "comm_groups", "actual", 2021, 2025,
     "baomoi_nghe_an_quy_hop_79_to_truyen_thong", 79),
]


@pytest.mark.parametrize(("province", "district", "vintage", "indicator", "measure", "start",
                          "end", "source", "value"), EXPECTED)
def test_named_figures_are_shipped(figures, province, district, vintage, indicator, measure,
                                   start, end, source, value):
    rows = figures[(figures["province_code"].fillna("") == province)
                   & (figures["district_code"].fillna("") == district)
                   & figures["commune_code"].isna() & (figures["vintage"] == vintage)
                   & (figures["indicator_id"] == indicator) & (figures["measure"] == measure)
                   & (figures["period_start"] == start) & (figures["period_end"] == end)
                   & (figures["source_id"] == source)]
    assert rows["value"].tolist() == [pytest.approx(value)]


@pytest.mark.parametrize(("commune", "vintage", "indicator", "value"), [
    ("05542", "2025", "communication_participants", 250),  # Lam Vỹ
    ("03433", "2025", "communication_billboards", 13),  # Bum Tở
    ("32119", "2025", "implementing_villages", 7),  # Khánh Hưng
    ("03346", "2021", "comm_groups", 8),  # Thanh Yên
    ("24862", "2021", "model_support_funds", 3),  # Lát
])
def test_commune_figures(figures, commune, vintage, indicator, value):
    rows = figures[(figures["commune_code"] == commune) & (figures["indicator_id"] == indicator)]
    assert rows["vintage"].tolist() == [vintage]
    assert rows["value"].tolist() == [pytest.approx(value)]


def test_interim_and_uncertain_figures_say_so_in_their_note(figures):
    yen_bai = figures[(figures["source_id"] == "baoyenbai_87_to_truyen_thong_2023")
                      & (figures["indicator_id"] == "comm_groups")]
    assert "28 %" in yen_bai["note"].item() and "nterim" in yen_bai["note"].item()
    malay = figures[figures["source_id"] == "vietnamvn_ms_tuyen_quang_giam_sat_du_an_8"]
    assert malay["note"].str.contains("machine translation").all()


def test_coverage_has_the_eight_pilot_provinces_and_named_units(coverage):
    pilots = coverage[coverage["role"] == "pilot_province"]["province_code"]
    assert sorted(pilots) == ["04", "12", "19", "38", "44", "64", "70", "94"]
    soc_trang = coverage[(coverage["role"] == "implementing_district")
                         & (coverage["province_code"] == "94")]
    assert len(soc_trang) == 9
    gia_lai = coverage[coverage["role"] == "pilot_district"]["district_code"]
    assert sorted(gia_lai) == ["626", "629", "635", "637", "638"]
    tuyen_quang = coverage[(coverage["role"] == "pilot_commune")
                           & coverage["commune_code"].notna()]["commune_code"]
    assert sorted(tuyen_quang) == ["02239", "02302", "02371", "02425", "02452", "02590"]
    quang_ngai_2025 = coverage[(coverage["source_id"] == "hoiphunuquangngai_clb_thu_linh_2025")]
    assert len(quang_ngai_2025) == 9 and (quang_ngai_2025["vintage"] == "2025").all()


def test_coverage_counts_come_with_the_scope_figures(figures, coverage):
    scope = figures[figures["indicator_id"].str.startswith("implementing_")]
    # the curated count rows of these roles name a group (Cao Bằng's regions…); these do not
    counted = coverage[coverage["role"].isin(["implementing_area", "planned_area"])
                       & coverage["group"].isna()]
    assert len(counted) == len(scope)
    assert sorted(counted["count"]) == sorted(scope["value"].astype(int))


def test_conflicting_national_coverage_is_kept_with_its_sources(coverage):
    national = coverage[coverage["level"] == "national"].sort_values(["count", "source_id"])
    assert list(zip(national["count"], national["source_id"], strict=True)) == [
        (40, "baophunuthudo_national_4_nam_40_tinh"),
        (40, "vietnamnews_project_8_conference_2024"),  # "over forty"
        (51, "issuu_ebook_gioi_thieu_du_an_8_chi_tieu"),
        (51, "vov4_coverage")]
    assert "over forty" in national["note"].fillna("").str.cat()


def test_provinces_implementing_project_8_by_the_sources(figures, coverage):
    named = set(provinces_2021(figures).dropna()) | set(provinces_2021(coverage).dropna())
    assert len(named) >= 30
    assert {"14", "67", "24", "60"} <= named  # Sơn La, Đắk Nông, Bắc Giang, Bình Thuận
