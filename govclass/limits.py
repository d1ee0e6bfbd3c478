"""The documented limits of govclass, in one place (docs/limits.md explains
each one and what happens when an input reaches it).

Import-light: no imports, so that every reader and the CLI's cold path can
use it.  A limit reached by a document's *content* is bad input (exit 2, or a
finding when the rest of the document can still be checked); none of them is
reached by a real budget document.
"""

#: Largest input file read, in bytes.  Real disclosures are under 20 MB.
MAX_FILE_BYTES = 256 * 1024 * 1024

#: Deepest nesting of a JSON or YAML document (a document is 5 levels deep:
#: document → tables → table → lines → line → amounts).
MAX_DEPTH = 32

#: Most values (mappings, lists and scalars, each alias counted every time it
#: is used) a JSON or YAML document may hold: a bound on what a reader builds,
#: and what stops a YAML "billion laughs" document.
MAX_VALUES = 2_000_000

#: Longest number (characters) in a JSON or YAML document; Python itself
#: refuses integers of more than 4,300 digits.
MAX_NUMBER_CHARS = 100

#: Names longer than this are never a real classification name (the longest
#: real one has 26 characters): name matching looks only for an exact match
#: and gives no substring or fuzzy suggestion for them.
MAX_MATCH_NAME_CHARS = 100

#: Names scored finely (difflib) per fuzzy query: the closest by rapidfuzz's Indel ratio, a bound that
#: never underrates a name (govclass.catalog.matching). A real name comes within the bound's cut-off
#: of a hundred names at most (the most on ../shared/seeds and realdocs: 82); the cap bounds a query
#: that resembles thousands.
MAX_FUZZY_CANDIDATES = 256

#: The placement search (which column each figure of a plain-text line
#: belongs to) gives up exactness after this many steps (a step: one column of
#: one partial reading combined with another) and reports it (finding
#: ``placement-search-bounded``).  The most a real document of ../shared took
#: is 2.1 million (a 13-column table); about 0.35 µs a step.
MAX_PLACEMENT_STEPS = 6_000_000

#: Default time limit per document in batch runs (``validate FOLDER``),
#: in seconds; ``--time-limit`` changes it, 0 turns it off.
DOCUMENT_TIME_LIMIT = 120.0
