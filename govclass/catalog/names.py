"""The names of the classifications and of the budgets, by their ids: what the value objects
(govclass.model) and the data layer (govclass.catalog.store) both say.  Imports nothing: the
cold path of a lookup reads it."""

from __future__ import annotations

__all__ = ["FUNCTIONAL", "ECONOMIC_DEPT", "ECONOMIC_GOV", "REVENUE", "CLASSIFICATIONS", "CLASSIFICATION_NAMES",
           "BUDGETED", "BUDGETS", "BUDGET_NAMES"]

FUNCTIONAL = "functional"
ECONOMIC_DEPT = "economic-dept"
ECONOMIC_GOV = "economic-gov"
REVENUE = "revenue"
CLASSIFICATIONS = (FUNCTIONAL, ECONOMIC_DEPT, ECONOMIC_GOV, REVENUE)
CLASSIFICATION_NAMES = {
    FUNCTIONAL: "支出功能分类",
    ECONOMIC_DEPT: "部门预算支出经济分类",
    ECONOMIC_GOV: "政府预算支出经济分类",
    REVENUE: "收入分类",
}
# The classifications whose 类 and 款 say which of the four budgets they belong to.
BUDGETED = (FUNCTIONAL, REVENUE)
BUDGETS = ("general", "fund", "capital", "social")
BUDGET_NAMES = {
    "general": "一般公共预算",
    "fund": "政府性基金预算",
    "capital": "国有资本经营预算",
    "social": "社会保险基金预算",
}
