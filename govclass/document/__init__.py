"""The document model: budget documents as the validator sees them (:mod:`.model`: Document, Table,
Line, Cell, Statement, Problem), how a reader read them (:mod:`.reading`), the JSON document
format's schema (:mod:`.schema`, :mod:`.docshape`) and the versions of every JSON output
(:mod:`.formats`).  The names of :mod:`.model`, :mod:`.reading` and :mod:`.schema` are this
package's: ``from govclass.document import Document`` as before."""

from govclass.document.model import (BLANK, ENUMERATION, TOTAL_LINE_NAMES, TOTAL_WORDS, UNIT_LINE, UNITS, Cell,
                                     ColumnLines, Document, DocumentError, Item, Line, OtherCode, Problem, Relation, Statement,
                                     Table, column_amounts, find_row, fold_label, half_unit, is_total_name,
                                     parse_amount, two_figures, resolve_codes, running_costs_statement, sum_of_cells)
from govclass.document.model import AMOUNT, COUNT, KIND_SAMPLE, PERCENT, TEXT, column_kind  # what a column holds
from govclass.document.model import ACTUAL, Claim, Sentence, Stated, Subject, same_measure  # the narrative's claims
from govclass.document.model import (BUDGET_IDS, GOVERNMENT_BUDGET, GOVERNMENT_FINAL, GOVERNMENT_FORMS,  # issue 26
                                     MEASURES, TABLE_CLASSIFICATIONS, table_facts)
from govclass.document.reading import CodedRow, How, Proof, Reading
from govclass.document.schema import check_schema, packaged_schema, schema, schema_with_codes

__all__ = ["Cell", "Line", "OtherCode", "Relation", "Table", "Document", "Item", "Statement", "Problem", "parse_amount",
           "two_figures", "sum_of_cells", "UNITS", "DocumentError", "resolve_codes", "ColumnLines", "column_amounts",
           "TOTAL_LINE_NAMES", "TOTAL_WORDS", "is_total_name", "half_unit", "fold_label", "ENUMERATION", "UNIT_LINE",
           "find_row", "running_costs_statement", "BLANK", "How", "Reading", "CodedRow", "Proof", "schema",
           "check_schema", "schema_with_codes", "packaged_schema", "AMOUNT", "COUNT", "KIND_SAMPLE", "PERCENT", "TEXT",
           "column_kind", "ACTUAL", "Claim", "Sentence", "Stated", "Subject", "same_measure", "BUDGET_IDS",
           "GOVERNMENT_BUDGET", "GOVERNMENT_FINAL", "GOVERNMENT_FORMS", "MEASURES", "TABLE_CLASSIFICATIONS",
           "table_facts"]
