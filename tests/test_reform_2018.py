"""The editions before 2019: the 2018 economic reform as a typed change set
(each old code's successor, with its evidence), the class names of the old
books, the nearest-edition fallback, and documents of 2017 and 2018 judged
against their own year's edition (docs/curation/changes-2007-2018.md)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import govclass
from govclass.catalog.editions import changes, history, status
from govclass.errors import RetiredCodeError
from govclass.evidence import codes_of_paths, judge
from govclass.validation import validate

from conftest import REPO

PROVINCES = REPO.parent / "shared" / "realdocs" / "provinces"

# The 部门预算 economic codes of the 2017 book the reform took away or renamed, and what they became in 2018
# (财预〔2017〕98号 as recalled; the Jiangsu budgets where they print both sides). type, successors (for a move:
# its new code), and the document that shows the old code in use in 2017 (None: recalled only).
REFORM = {
    "30104": ("retired", {"30110", "30111", "30112"}, "jiangsu"),  # 其他社会保障缴费 split three ways
    "30307": ("renamed", set(), "jiangsu"),  # 医疗费 → 医疗费补助; the serving staff's part is 30114 (new)
    "30310": ("renamed", set(), None),  # 生产补贴 → 个人农业生产补贴
    "30311": ("moved", {"30113"}, "jiangsu"),  # 住房公积金 from 303 to 301
    "30312": ("retired", {"30102"}, "jiangsu"),  # 提租补贴 into 津贴补贴
    "30313": ("retired", {"30102"}, None),  # 购房补贴
    "30314": ("retired", {"30102"}, None),  # 采暖补贴
    "30315": ("retired", {"30102"}, None),  # 物业服务补贴
    "30399": ("renamed", set(), None),  # 其他对个人和家庭的补助支出 → 其他对个人和家庭的补助
    "304": ("retired", {"312"}, None), "30401": ("retired", {"31204"}, None), "30402": ("retired", set(), None),
    "30403": ("retired", {"31205"}, None), "30499": ("retired", {"31299"}, None),
    "305": ("retired", set(), None), "30501": ("retired", set(), None), "30502": ("retired", set(), None),
    "306": ("retired", {"39906"}, None), "30601": ("retired", {"39906"}, None), "30602": ("retired", {"39906"}, None),
    "307": ("renamed", set(), None),  # 债务利息支出 → 债务利息及费用支出
    "308": ("retired", set(), None), "30801": ("retired", set(), None), "30802": ("retired", set(), None),
    "309": ("renamed", set(), None),  # 基本建设支出 → 资本性支出（基本建设）
    "310": ("renamed", set(), "jiangsu"),  # 其他资本性支出 → 资本性支出
    "311": ("retired", set(), None), "31101": ("retired", set(), None), "31102": ("retired", set(), None),
    "31103": ("retired", set(), None), "31104": ("retired", set(), None), "31105": ("retired", {"31201"}, None),
    "31199": ("retired", set(), None),
    "39901": ("retired", set(), None), "39902": ("retired", set(), None), "39903": ("retired", {"31303"}, None),
}


def _reform() -> dict[str, list]:
    out: dict[str, list] = {}
    for c in changes(2018):
        if c.classification == "economic-dept" and c.type != "added":
            out.setdefault(c.code, []).append(c)
    return out


def test_the_2018_reform_gives_each_old_code_its_successor():
    recorded = _reform()
    assert set(recorded) == set(REFORM)
    for code, (kind, successors, _evidence) in REFORM.items():
        (c,) = recorded[code]
        assert c.type == kind, code
        assert set(c.successors if kind == "retired" else {c.to_code} - {None}) == successors, code
        for s in successors:  # every successor is a code of the 2018 edition
            assert govclass.is_valid(s, year=2018), (code, s)


def test_the_old_codes_the_documents_print_cite_them():
    """Where a Jiangsu budget prints the old code, its change's note names the pages, and the 2017 edition
    confirms the code with the name printed (evidence/2017.yaml)."""
    recorded = _reform()
    cat = govclass.get_catalog(2017)
    for code, (_kind, _successors, evidence) in REFORM.items():
        (c,) = recorded[code]
        if evidence:
            assert "court" in c.note and "party office" in c.note and "p. " in c.note, code
            entry = cat.lookup(code)
            assert entry.status == "confirmed" and any("jiangsu" in e for e in entry.evidence), code
        else:
            assert c.confidence != "high", code  # recalled only: never high


def test_the_new_codes_a_2018_budget_prints_are_confirmed_by_it():
    cat = govclass.get_catalog(2018)
    for code, name in [("30112", "其他社会保障缴费"), ("30113", "住房公积金"), ("30114", "医疗费"),
                       ("30108", "机关事业单位基本养老保险缴费"), ("30109", "职业年金缴费")]:
        entry = cat.lookup(code)
        assert entry.name == name and entry.status == "confirmed", code
        assert any("jiangsu-procuratorate-2018" in e or "江苏省人民检察院" in e for e in entry.evidence), code


def test_the_government_classification_starts_in_2018():
    assert not list(govclass.get_catalog(2017).codes(classification="economic-gov"))
    assert govclass.get_catalog(2017).store.mappings == ()
    assert {c.code for c in govclass.get_catalog(2018).roots("economic-gov")} >= {"501", "509", "599"}
    st = status("50101", 2017)
    assert st.state == "not-yet-created" and st.valid_from == 2018


def test_old_class_names():
    names = {y: {c: govclass.lookup(c, year=y).name for c in ("207", "210", "215", "220")} for y in (2017, 2018, 2019)}
    old = {"207": "文化体育与传媒支出", "210": "医疗卫生与计划生育支出", "215": "资源勘探信息等支出",
           "220": "国土海洋气象等支出"}
    assert names[2017] == names[2018] == old
    assert names[2019] == {"207": "文化旅游体育与传媒支出", "210": "卫生健康支出", "215": "资源勘探工业信息等支出",
                           "220": "自然资源海洋气象等支出"}
    assert status("224", 2018).state == "not-yet-created" and govclass.is_valid("224", year=2019)
    # the 2018 class names are printed by the Jiangsu budgets of 2017 and 2018: confirmed, not carried
    for year in (2017, 2018):
        for code in old:
            assert govclass.lookup(code, year=year).status == "confirmed", (year, code)


def test_lookup_of_an_old_code_answers_from_its_edition_and_says_what_it_became():
    def run(*args):
        return subprocess.run([sys.executable, "-m", "govclass", *args], capture_output=True, text=True,
                              encoding="utf-8", cwd=REPO)

    r = run("lookup", "30307", "--year", "2017")
    assert r.returncode == 0 and r.stdout.startswith("30307  医疗费  [款]") and "2017 edition" in r.stdout
    r = run("lookup", "30307", "--year", "2019")
    assert r.returncode == 0 and "医疗费补助" in r.stdout and "2018: renamed 30307 医疗费 → 医疗费补助" in r.stdout
    r = run("lookup", "30312", "--year", "2019")
    assert r.returncode == 1 and "retired in 2018" in r.stderr and "successor: 30102 津贴补贴" in r.stderr
    with pytest.raises(RetiredCodeError) as info:
        govclass.lookup("30104", year=2019)
    assert info.value.successors == ("30110", "30111", "30112") and info.value.valid_to == 2017


def _old_budget(year: int) -> dict:
    """A 2017-style 部门预算 basic-spending table, as the Jiangsu budgets print it: the old economic codes."""
    rows = [("301", "工资福利支出", "30"), ("30101", "基本工资", "10"), ("30104", "其他社会保障缴费", "20"),
            ("303", "对个人和家庭的补助", "35"), ("30307", "医疗费", "5"), ("30311", "住房公积金", "10"),
            ("30312", "提租补贴", "20"), ("310", "其他资本性支出", "3"), ("31002", "办公设备购置", "3")]
    return {"year": year, "tables": [{"name": "财政拨款基本支出预算表", "classification": "economic", "unit": "万元",
                                      "columns": ["金额"], "lines": [{"code": c, "name": n, "amounts": {"金额": a}}
                                                                     for c, n, a in rows]}]}


CODE_RULES = ("unknown-code", "retired-code", "name-mismatch", "name-variant", "wrong-classification",
              "low-confidence-code")


def test_an_old_budget_is_checked_against_its_own_year():
    report = validate(_old_budget(2017))
    assert report.edition == 2017
    assert not [f for f in report.findings if f.rule in CODE_RULES + ("edition-fallback",)]


def test_a_code_of_the_documents_year_checked_against_another_edition_is_not_an_error():
    """year=2019 asked for a 2017 budget: 30104, 30311 (as 住房公积金), 30312 are codes of 2017, not unknown or
    retired codes; the edition-fallback finding lists them."""
    report = validate(_old_budget(2017), year=2019)
    assert report.edition == 2019
    assert not report.by_rule("retired-code") and not report.by_rule("unknown-code")
    (fb,) = report.by_rule("edition-fallback")
    assert (fb.expected, fb.actual) == ("2017", "2019") and "30104" in fb.message and "30312" in fb.message


@pytest.mark.parametrize("year,edition", [(2005, 2007), (1999, 2007), (2031, 2026)])
def test_a_year_with_no_edition_takes_the_nearest_never_the_newest_by_default(year, edition):
    report = validate(_old_budget(year))
    assert report.edition == edition
    (fb,) = report.by_rule("edition-fallback")
    assert (fb.expected, fb.actual) == (str(year), str(edition)) and "nearest" in fb.message
    judged = {f.code for f in report.findings if f.rule in CODE_RULES}
    assert judged and all(code in fb.message for code in judged)  # the codes whose verdict may depend on it
    (printed,) = codes_of_paths([_write_csv(year)], year=year)
    assert printed.edition == edition and all(f"judged against the nearest, {edition}" in p.detail
                                              for p in printed.pairs)


def _write_csv(year: int) -> str:
    import tempfile

    folder = tempfile.mkdtemp()
    path = f"{folder}/{year}.csv"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("code,name,合计\n30101,基本工资,1\n30312,提租补贴,2\n")
    return path


def test_judge_answers_for_the_year_asked():
    assert judge("30312", "提租补贴", 2017)["verdict"] == "known-same-name"
    later = judge("30312", "提租补贴", 2019)
    assert later["verdict"] == "retired" and "30102" in later["detail"]
    assert judge("30307", "医疗费", 2017)["verdict"] == "known-same-name"
    assert judge("30307", "医疗费", 2019)["verdict"] == "name-variant"


@pytest.mark.skipif(not PROVINCES.is_dir(), reason="../shared/realdocs/provinces not present")
@pytest.mark.parametrize("name,year", [("jiangsu-court-2017-dept-budget", 2017),
                                       ("jiangsu-party-office-2017-dept-budget", 2017),
                                       ("jiangsu-procuratorate-2018-dept-budget", 2018)])
def test_the_jiangsu_budgets_hold_no_code_or_name_error_in_their_own_year(name, year):
    """Judged against their own year's edition, no code or name they print is reported (their tables are
    read in part: the reader's problems are its own findings, unread-line and the like, not judged here)."""
    from govclass.readers import read_document

    doc = read_document(str(PROVINCES / f"{name}.pdf"))
    report = validate(doc)
    assert (doc.year, report.edition) == (year, year)
    assert [(f.rule, f.code, f.name) for f in report.findings if f.rule in CODE_RULES + ("edition-fallback",)] == []
    (printed,) = codes_of_paths([str(PROVINCES / f"{name}.pdf")])
    assert {p.verdict for p in printed.pairs} <= {"known-same-name", "known-no-name"}
