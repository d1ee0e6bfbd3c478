/* Optional C speed-ups for govclass's CSV validation path.
 *
 * Nothing here knows about codes or rules; the package works without this
 * module (the build skips it when no compiler is at hand) and GOVCLASS_PURE=1
 * turns it off.  tests/test_speedups.py holds each function to its
 * definition on random input.
 *
 *   split_columns(text, delimiter, lazy_from=-1)
 *       Exactly readers._py_split_columns, which stays the fallback: the
 *       header, the columns, the number of rows of a CSV text that quotes
 *       nothing, and per column whether a cell starts or ends with white
 *       space (str.strip's); None when the text needs csv.reader (a quote, a
 *       line with another number of cells than the header).  The columns
 *       from ``lazy_from`` on come as TextColumns (below), equal to the
 *       lists of strings they stand for.
 *
 *   fixed_columns(columns)
 *       Columns (lists of str, or TextColumns) of plain printed figures
 *       ("1234.56", "-12", ".5", "" for a blank) as integers on one common
 *       scale: (scale, [[int, ...], ...]), each value exactly
 *       Decimal(figure) * 10**scale (a blank 0), scale the most decimals any
 *       figure shows.  None when a cell is anything else or a value would not
 *       fit 18 digits; the caller then reads the figures as Decimals, cell by
 *       cell (document.column_amounts).
 *
 *   TextColumn
 *       A column of a CSV text kept as spans of the text, a cell made into a
 *       string only when asked for: a read-only sequence of str.
 *
 *   look_up(codes, entries_by_code)
 *       Exactly validate._py_look_up: each code's entry (None when the dict
 *       lacks it), whether every code was found, whether no code repeats.
 *
 *   line_amounts(lines, columns, blank)
 *       Exactly validate._py_line_amounts: per column, every line's amount
 *       (what its Cell adds to a sum), and the lines with an invalid cell.
 *
 *   group_rows(entries, codes, rows, has_total)
 *       Exactly validate._py_group_rows: the rows of a table grouped by what
 *       they add up into, with the row that prints each group's parent.
 *
 *   sums_differ(columns, order, starts, ends, parents, totals)
 *       Exactly validate._py_sums_differ: per column, the groups whose
 *       printed parent differs from the sum of their rows, for any numbers
 *       (Decimals, or the integers of fixed_columns).
 *
 *   tables_off(entries, codes, names, notable, columns, bounds, totals)
 *       Exactly twins.py_tables_off: over a block of tables, the rows of a code
 *       printed twice, of a parent not printed, of a parent its rows do not add
 *       up to, of a name not the code's, of a notable code.
 *
 *   rows_across(columns, relations)
 *       Exactly twins.py_rows_across: the rows where a relation's total column
 *       is not the sum of its part columns.
 *
 *   utf8_valid(data), lone_carriage_return(data)
 *       Exactly twins.py_utf8_valid and twins.py_lone_carriage_return: whether
 *       bytes decode as strict UTF-8, whether a carriage return is not
 *       followed by a line feed (govclass.stream's first pass over a file),
 *       without making the text or counting twice.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* -- TextColumn: a column of cells kept as spans of the text ------------- */

/* A column of a CSV text whose cells are made into strings only when asked
 * for.  The figures of a 100,000-row file are read by fixed_columns straight
 * from the text; only the lines a finding names become strings.  It behaves
 * as a read-only sequence of str (len, index, slice, iteration, == with a
 * list) and pickles as a list.  It holds only str references, so it cannot
 * be part of a reference cycle and is not tracked by the cyclic collector. */
typedef struct {
    PyObject_HEAD
    PyObject *text;    /* the whole text */
    PyObject *owner;   /* the column whose spans these are (NULL: this one owns them) */
    Py_ssize_t *spans; /* start and end in text of each cell */
    Py_ssize_t n;
} TextColumn;

static PyTypeObject TextColumnType;

static PyObject *
text_column_new(PyObject *text, PyObject *owner, Py_ssize_t *spans, Py_ssize_t n)
{
    TextColumn *self = PyObject_New(TextColumn, &TextColumnType);
    if (self == NULL)
        return NULL;
    self->text = Py_NewRef(text);
    self->owner = Py_XNewRef(owner);
    self->spans = spans;
    self->n = n;
    return (PyObject *)self;
}

static void
text_column_dealloc(TextColumn *self)
{
    if (self->owner == NULL)
        PyMem_Free(self->spans);
    Py_XDECREF(self->owner);
    Py_DECREF(self->text);
    PyObject_Free(self);
}

static Py_ssize_t
text_column_len(TextColumn *self)
{
    return self->n;
}

static PyObject *
text_column_item(TextColumn *self, Py_ssize_t i)
{
    if (i < 0 || i >= self->n) {
        PyErr_SetString(PyExc_IndexError, "cell index out of range");
        return NULL;
    }
    return PyUnicode_Substring(self->text, self->spans[2 * i], self->spans[2 * i + 1]);
}

/* The ``len`` cells from ``start`` on, ``step`` apart, as a list of str. */
static PyObject *
text_column_cells(TextColumn *self, Py_ssize_t start, Py_ssize_t len, Py_ssize_t step)
{
    PyObject *out = PyList_New(len);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t k = 0, i = start; k < len; k++, i += step) {
        PyObject *cell = text_column_item(self, i);
        if (cell == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, k, cell);
    }
    return out;
}

static PyObject *
text_column_list(TextColumn *self)
{
    return text_column_cells(self, 0, self->n, 1);
}

static PyObject *
text_column_subscript(TextColumn *self, PyObject *key)
{
    if (PyIndex_Check(key)) {
        Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred())
            return NULL;
        if (i < 0)
            i += self->n;
        return text_column_item(self, i);
    }
    if (!PySlice_Check(key)) {
        PyErr_Format(PyExc_TypeError, "cell indices must be integers or slices, not %.200s",
                     Py_TYPE(key)->tp_name);
        return NULL;
    }
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(key, &start, &stop, &step) < 0)
        return NULL;
    Py_ssize_t len = PySlice_AdjustIndices(self->n, &start, &stop, step);
    if (step == 1) /* a view on the same spans */
        return text_column_new(self->text, self->owner ? self->owner : (PyObject *)self,
                               self->spans + 2 * start, len);
    return text_column_cells(self, start, len, step);
}

static PyObject *
text_column_richcompare(TextColumn *self, PyObject *other, int op)
{
    if ((op != Py_EQ && op != Py_NE) || !(PyList_Check(other) || PyObject_TypeCheck(other, &TextColumnType)))
        Py_RETURN_NOTIMPLEMENTED;
    PyObject *mine = text_column_list(self);
    if (mine == NULL)
        return NULL;
    PyObject *theirs = PyList_Check(other) ? Py_NewRef(other) : text_column_list((TextColumn *)other);
    if (theirs == NULL) {
        Py_DECREF(mine);
        return NULL;
    }
    PyObject *result = PyObject_RichCompare(mine, theirs, op);
    Py_DECREF(mine);
    Py_DECREF(theirs);
    return result;
}

static PyObject *
text_column_reduce(TextColumn *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *cells = text_column_list(self);
    if (cells == NULL)
        return NULL;
    return Py_BuildValue("(O(N))", (PyObject *)&PyList_Type, cells);
}

static PyObject *
text_column_repr(TextColumn *self)
{
    return PyUnicode_FromFormat("<TextColumn: %zd cells>", self->n);
}

static PySequenceMethods text_column_as_sequence = {
    .sq_length = (lenfunc)text_column_len,
    .sq_item = (ssizeargfunc)text_column_item,
};

static PyMappingMethods text_column_as_mapping = {
    .mp_length = (lenfunc)text_column_len,
    .mp_subscript = (binaryfunc)text_column_subscript,
};

static PyMethodDef text_column_methods[] = {
    {"__reduce__", (PyCFunction)text_column_reduce, METH_NOARGS, "Pickles as the list of its cells."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject TextColumnType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "govclass.speedups._speedups.TextColumn",
    .tp_doc = "A column of a CSV text, its cells made into strings when asked for.",
    .tp_basicsize = sizeof(TextColumn),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_SEQUENCE,
    .tp_dealloc = (destructor)text_column_dealloc,
    .tp_repr = (reprfunc)text_column_repr,
    .tp_as_sequence = &text_column_as_sequence,
    .tp_as_mapping = &text_column_as_mapping,
    .tp_richcompare = (richcmpfunc)text_column_richcompare,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_methods = text_column_methods,
};

/* Growable spans of one lazy column while splitting. */
typedef struct {
    Py_ssize_t *v;
    Py_ssize_t n, cap; /* in cells */
} Spans;

static int
spans_push(Spans *sp, Py_ssize_t start, Py_ssize_t end)
{
    if (sp->n == sp->cap) {
        Py_ssize_t cap = sp->cap ? 2 * sp->cap : 1024;
        Py_ssize_t *v = PyMem_Realloc(sp->v, (size_t)cap * 2 * sizeof(Py_ssize_t));
        if (v == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        sp->v = v;
        sp->cap = cap;
    }
    sp->v[2 * sp->n] = start;
    sp->v[2 * sp->n + 1] = end;
    sp->n++;
    return 0;
}

/* -- split_columns ------------------------------------------------------- */

/* One pass over the text for each character width.  Fields become strings
 * of the narrowest kind, as str.split makes them (an ASCII field copied
 * byte by byte, any other through PyUnicode_Substring); a field equal to the
 * one above it in its column (a table name repeated down its rows) reuses
 * that string; the columns from ``lazy_from`` on keep only their spans. */
#define SPLIT_IMPL(NAME, CHAR)                                                 \
static int NAME(PyObject *text, const CHAR *s, Py_ssize_t end, Py_UCS4 delim,    \
                Py_ssize_t width, PyObject **columns, Py_ssize_t *nrows,       \
                Py_ssize_t *prev_start, Py_ssize_t *prev_len, char *padded,    \
                Py_ssize_t lazy_from, Spans *spans, Py_ssize_t pos)            \
{                                                                              \
    Py_ssize_t rows = 0;                                                       \
    while (pos < end) {                                                        \
        Py_ssize_t j = 0, start = pos;                                         \
        Py_UCS4 ored = 0; /* the field's characters or-ed: < 128 when ASCII */ \
        for (;;) {                                                             \
            Py_UCS4 c = pos < end ? (Py_UCS4)s[pos] : '\n';                    \
            if (c == delim || c == '\n' || c == '\r') {                        \
                if (j >= width)                                                \
                    return 0; /* more cells than the header */                 \
                Py_ssize_t len = pos - start;                                  \
                PyObject *field;                                               \
                PyObject *col = columns[j];                                    \
                Py_ssize_t n = PyList_GET_SIZE(col);                           \
                if (len && (Py_UNICODE_ISSPACE(s[start]) ||                    \
                            Py_UNICODE_ISSPACE(s[pos - 1])))                   \
                    padded[j] = 1; /* str.strip has work in this column */     \
                if (lazy_from >= 0 && j >= lazy_from) { /* a span, no string */ \
                    if (spans_push(&spans[j - lazy_from], start, pos) < 0)     \
                        return -1;                                             \
                    goto next;                                                 \
                }                                                              \
                if (n && prev_len[j] == len &&                                 \
                    memcmp(s + prev_start[j], s + start, len * sizeof(CHAR)) == 0) { \
                    field = PyList_GET_ITEM(col, n - 1);                       \
                    Py_INCREF(field);                                          \
                } else if (ored < 128) { /* figures, codes: copied narrow */   \
                    field = PyUnicode_New(len, 127);                           \
                    if (field == NULL)                                         \
                        return -1;                                             \
                    Py_UCS1 *dst = PyUnicode_1BYTE_DATA(field);                \
                    for (Py_ssize_t i = 0; i < len; i++)                       \
                        dst[i] = (Py_UCS1)s[start + i];                        \
                } else {                                                       \
                    field = PyUnicode_Substring(text, start, pos);             \
                    if (field == NULL)                                         \
                        return -1;                                             \
                }                                                              \
                if (PyList_Append(col, field) < 0) {                           \
                    Py_DECREF(field);                                          \
                    return -1;                                                 \
                }                                                              \
                Py_DECREF(field);                                              \
                prev_start[j] = start;                                         \
                prev_len[j] = len;                                             \
            next:                                                              \
                j++;                                                           \
                if (c != delim) {                                              \
                    if (pos < end && c == '\r' && pos + 1 < end && s[pos + 1] == '\n') \
                        pos++;                                                 \
                    pos++;                                                     \
                    break;                                                     \
                }                                                              \
                start = pos + 1;                                               \
                ored = 0;                                                      \
            } else if (c == '"') {                                             \
                return 0; /* quoted: csv.reader's work */                      \
            } else {                                                           \
                ored |= c;                                                     \
            }                                                                  \
            pos++;                                                             \
        }                                                                      \
        if (j != width)                                                        \
            return 0; /* fewer cells than the header */                        \
        rows++;                                                                \
    }                                                                          \
    *nrows = rows;                                                             \
    return 1;                                                                  \
}

SPLIT_IMPL(split_ucs1, Py_UCS1)
SPLIT_IMPL(split_ucs2, Py_UCS2)
SPLIT_IMPL(split_ucs4, Py_UCS4)

static PyObject *
split_columns(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *text, *delimiter;
    Py_ssize_t lazy_from = -1;
    if (!PyArg_ParseTuple(args, "UU|n:split_columns", &text, &delimiter, &lazy_from))
        return NULL;
    if (PyUnicode_GET_LENGTH(delimiter) != 1) {
        PyErr_SetString(PyExc_ValueError, "the delimiter must be one character");
        return NULL;
    }
    Py_UCS4 delim = PyUnicode_READ_CHAR(delimiter, 0);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (delim == '"' || delim == '\n' || delim == '\r') {
        PyErr_SetString(PyExc_ValueError, "the delimiter cannot be a quote or a line break");
        return NULL;
    }

    /* Blank lines at the end are dropped; a text of line breaks only has no header. */
    Py_ssize_t end = n;
    while (end > 0) {
        Py_UCS4 c = PyUnicode_READ(kind, data, end - 1);
        if (c != '\n' && c != '\r')
            break;
        end--;
    }
    if (end == 0)
        Py_RETURN_NONE;

    /* The header: cells up to the first line break. */
    PyObject *header = PyList_New(0);
    if (header == NULL)
        return NULL;
    Py_ssize_t pos = 0, start = 0;
    for (;; pos++) {
        Py_UCS4 c = pos < end ? PyUnicode_READ(kind, data, pos) : '\n';
        if (c == '"') {
            Py_DECREF(header);
            Py_RETURN_NONE;
        }
        if (c == delim || c == '\n' || c == '\r') {
            PyObject *field = PyUnicode_Substring(text, start, pos);
            if (field == NULL || PyList_Append(header, field) < 0) {
                Py_XDECREF(field);
                Py_DECREF(header);
                return NULL;
            }
            Py_DECREF(field);
            start = pos + 1;
            if (c != delim) {
                if (c == '\r' && pos + 1 < end && PyUnicode_READ(kind, data, pos + 1) == '\n')
                    pos++;
                pos++;
                break;
            }
        }
    }
    Py_ssize_t width = PyList_GET_SIZE(header);
    if (lazy_from >= width)
        lazy_from = -1;
    Py_ssize_t nlazy = lazy_from >= 0 ? width - lazy_from : 0, rows = 0;
    PyObject *columns = PyList_New(width), *flags = NULL, *result = NULL;
    Py_ssize_t *prev = PyMem_Calloc(2 * (size_t)width, sizeof(Py_ssize_t));
    char *padded = PyMem_Calloc((size_t)width, 1);
    Spans *spans = PyMem_Calloc((size_t)(nlazy ? nlazy : 1), sizeof(Spans));
    int ok = -1; /* 1 split, 0 not splittable here (None), -1 an exception */
    if (columns == NULL)
        goto done;
    if (prev == NULL || padded == NULL || spans == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t j = 0; j < width; j++) {
        PyObject *col = PyList_New(0);
        if (col == NULL)
            goto done;
        PyList_SET_ITEM(columns, j, col);
    }
    PyObject **cols = ((PyListObject *)columns)->ob_item;
    if (kind == PyUnicode_1BYTE_KIND)
        ok = split_ucs1(text, (const Py_UCS1 *)data, end, delim, width, cols, &rows,
                        prev, prev + width, padded, lazy_from, spans, pos);
    else if (kind == PyUnicode_2BYTE_KIND)
        ok = split_ucs2(text, (const Py_UCS2 *)data, end, delim, width, cols, &rows,
                        prev, prev + width, padded, lazy_from, spans, pos);
    else
        ok = split_ucs4(text, (const Py_UCS4 *)data, end, delim, width, cols, &rows,
                        prev, prev + width, padded, lazy_from, spans, pos);
    for (Py_ssize_t j = 0; ok == 1 && j < nlazy; j++) { /* the lazy columns take their spans */
        PyObject *col = text_column_new(text, NULL, spans[j].v, spans[j].n);
        if (col == NULL) {
            ok = -1;
            break;
        }
        spans[j].v = NULL;
        PyObject *old = PyList_GET_ITEM(columns, lazy_from + j);
        PyList_SET_ITEM(columns, lazy_from + j, col);
        Py_DECREF(old);
    }
    if (ok == 1 && (flags = PyList_New(width)) == NULL)
        ok = -1;
    if (ok == 1) {
        for (Py_ssize_t j = 0; j < width; j++)
            PyList_SET_ITEM(flags, j, PyBool_FromLong(padded[j]));
        result = Py_BuildValue("(OOnO)", header, columns, rows, flags);
    } else if (ok == 0) {
        result = Py_NewRef(Py_None);
    }
done:
    for (Py_ssize_t j = 0; spans != NULL && j < nlazy; j++)
        PyMem_Free(spans[j].v);
    PyMem_Free(spans);
    PyMem_Free(prev);
    PyMem_Free(padded);
    Py_DECREF(header);
    Py_XDECREF(columns);
    Py_XDECREF(flags);
    return result;
}

/* -- fixed_columns ------------------------------------------------------- */

#define MAX_DIGITS 18 /* every value below 10**18 fits an int64 */

/* A plain figure: an optional minus, digits, an optional point and digits
 * (".5" and "5." as Decimal reads them), at least one digit.  Sets the
 * digits as an integer and the number of decimals; 0 when not plain or too
 * long. */
static inline int
parse_plain(int kind, const void *data, Py_ssize_t at, Py_ssize_t n, int64_t *value, int *decimals)
{
    Py_ssize_t i = 0;
    int neg = 0, digits = 0, dec = -1;
    int64_t v = 0;
    if (n == 0) {
        *value = 0;
        *decimals = 0;
        return 1;
    }
    if (PyUnicode_READ(kind, data, at) == '-') {
        neg = 1;
        i = 1;
    }
    for (; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, at + i);
        if (c >= '0' && c <= '9') {
            if (v == 0 && c == '0') { /* leading zeros do not count against the limit */
                if (dec >= 0)
                    dec++;
                continue;
            }
            if (++digits > MAX_DIGITS)
                return 0;
            v = v * 10 + (c - '0');
            if (dec >= 0)
                dec++;
        } else if (c == '.' && dec < 0) {
            dec = 0;
        } else {
            return 0;
        }
    }
    if (dec > MAX_DIGITS)
        return 0;
    /* at least one digit: "-", ".", "-." are not figures */
    Py_ssize_t body = n - neg - (dec >= 0 ? 1 : 0);
    if (body <= 0)
        return 0;
    *value = neg ? -v : v;
    *decimals = dec < 0 ? 0 : dec;
    return 1;
}

static const int64_t POW10[MAX_DIGITS + 1] = {
    1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL, 100000000LL,
    1000000000LL, 10000000000LL, 100000000000LL, 1000000000000LL, 10000000000000LL,
    100000000000000LL, 1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
    1000000000000000000LL};

static PyObject *
fixed_columns(PyObject *Py_UNUSED(self), PyObject *arg)
{
    if (!PyList_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "fixed_columns takes a list of lists of str");
        return NULL;
    }
    Py_ssize_t ncols = PyList_GET_SIZE(arg), total = 0;
    for (Py_ssize_t j = 0; j < ncols; j++) {
        PyObject *col = PyList_GET_ITEM(arg, j);
        if (PyList_Check(col))
            total += PyList_GET_SIZE(col);
        else if (PyObject_TypeCheck(col, &TextColumnType))
            total += ((TextColumn *)col)->n;
        else {
            PyErr_SetString(PyExc_TypeError, "fixed_columns takes a list of lists of str (or TextColumns)");
            return NULL;
        }
    }
    int64_t *values = PyMem_Malloc((size_t)(total ? total : 1) * sizeof(int64_t));
    unsigned char *decs = PyMem_Malloc((size_t)(total ? total : 1));
    if (values == NULL || decs == NULL) {
        PyMem_Free(values);
        PyMem_Free(decs);
        return PyErr_NoMemory();
    }
    /* First pass: every cell plain?  Its digits, its decimals, the widest scale. */
    int scale = 0;
    Py_ssize_t k = 0;
    for (Py_ssize_t j = 0; j < ncols; j++) {
        PyObject *col = PyList_GET_ITEM(arg, j);
        if (PyList_Check(col)) {
            Py_ssize_t m = PyList_GET_SIZE(col);
            for (Py_ssize_t i = 0; i < m; i++, k++) {
                PyObject *cell = PyList_GET_ITEM(col, i);
                int d;
                if (!PyUnicode_Check(cell) ||
                    !parse_plain(PyUnicode_KIND(cell), PyUnicode_DATA(cell), 0, PyUnicode_GET_LENGTH(cell),
                                 &values[k], &d))
                    goto not_plain;
                decs[k] = (unsigned char)d;
                if (d > scale)
                    scale = d;
            }
        } else { /* a TextColumn: read the cells in the text */
            TextColumn *tc = (TextColumn *)col;
            int kind = PyUnicode_KIND(tc->text);
            const void *data = PyUnicode_DATA(tc->text);
            for (Py_ssize_t i = 0; i < tc->n; i++, k++) {
                int d, ok;
                Py_ssize_t a = tc->spans[2 * i], b = tc->spans[2 * i + 1];
                /* one call per character width, so that the compiler drops the width test per character */
                if (kind == PyUnicode_1BYTE_KIND)
                    ok = parse_plain(PyUnicode_1BYTE_KIND, data, a, b - a, &values[k], &d);
                else if (kind == PyUnicode_2BYTE_KIND)
                    ok = parse_plain(PyUnicode_2BYTE_KIND, data, a, b - a, &values[k], &d);
                else
                    ok = parse_plain(PyUnicode_4BYTE_KIND, data, a, b - a, &values[k], &d);
                if (!ok)
                    goto not_plain;
                decs[k] = (unsigned char)d;
                if (d > scale)
                    scale = d;
            }
        }
    }
    if (scale > MAX_DIGITS)
        goto not_plain;
    /* Second pass: every value on the common scale, as long as it fits. */
    PyObject *out = PyList_New(ncols);
    if (out == NULL)
        goto fail;
    k = 0;
    for (Py_ssize_t j = 0; j < ncols; j++) {
        PyObject *in = PyList_GET_ITEM(arg, j);
        Py_ssize_t m = PyList_Check(in) ? PyList_GET_SIZE(in) : ((TextColumn *)in)->n;
        PyObject *col = PyList_New(m);
        if (col == NULL) {
            Py_DECREF(out);
            goto fail;
        }
        PyList_SET_ITEM(out, j, col);
        for (Py_ssize_t i = 0; i < m; i++, k++) {
            int shift = scale - decs[k];
            int64_t v = values[k];
            if (shift) {
                int64_t limit = POW10[MAX_DIGITS - shift];
                if (v >= limit || v <= -limit) {
                    Py_DECREF(out);
                    goto not_plain;
                }
                v *= POW10[shift];
            }
            PyObject *num = PyLong_FromLongLong(v);
            if (num == NULL) {
                Py_DECREF(out);
                goto fail;
            }
            PyList_SET_ITEM(col, i, num);
        }
    }
    PyMem_Free(values);
    PyMem_Free(decs);
    return Py_BuildValue("(iN)", scale, out);
not_plain:
    PyMem_Free(values);
    PyMem_Free(decs);
    Py_RETURN_NONE;
fail:
    PyMem_Free(values);
    PyMem_Free(decs);
    return NULL;
}

/* -- group_rows ------------------------------------------------------------ */

/* The functions below call code that may be Python (a key's __eq__, an
 * amount's __add__, an entry's attribute), which could change the lists they
 * were given; they work on private copies (a new reference, or NULL). */
static PyObject *
private_copy(PyObject *list)
{
    return PyList_GetSlice(list, 0, PY_SSIZE_T_MAX);
}

/* A list's items as indices below ``limit``; -1 with an exception set otherwise. */
static Py_ssize_t
index_at(PyObject *list, Py_ssize_t i, Py_ssize_t limit)
{
    Py_ssize_t v = PyLong_AsSsize_t(PyList_GET_ITEM(list, i));
    if (v == -1 && PyErr_Occurred())
        return -1;
    if (v < 0 || v >= limit) {
        PyErr_SetString(PyExc_IndexError, "row index out of range");
        return -1;
    }
    return v;
}

static PyObject *str_parent, *str_empty;

/* What a row adds up into (a new reference): its entry's parent, "" (the
 * 合计) for a root; for a code the edition does not have (entry None), by
 * its length: "" for 3 digits, the code less its last two digits for 5 or 7,
 * None for a code of no level. */
static PyObject *
sum_key(PyObject *entry, PyObject *code)
{
    if (entry != Py_None) {
        PyObject *parent = PyObject_GetAttr(entry, str_parent);
        if (parent == Py_None) {
            Py_DECREF(parent);
            return Py_NewRef(str_empty);
        }
        return parent;
    }
    if (!PyUnicode_Check(code))
        return Py_NewRef(Py_None);
    Py_ssize_t len = PyUnicode_GET_LENGTH(code);
    if (len == 3)
        return Py_NewRef(str_empty);
    if (len == 5 || len == 7)
        return PyUnicode_Substring(code, 0, len - 2);
    return Py_NewRef(Py_None);
}

static PyObject *
group_rows(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *entries_in, *codes_in, *rows_in;
    int has_total;
    if (!PyArg_ParseTuple(args, "O!O!Op:group_rows", &PyList_Type, &entries_in, &PyList_Type, &codes_in, &rows_in,
                          &has_total))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(codes_in);
    if (PyList_GET_SIZE(entries_in) != n) {
        PyErr_SetString(PyExc_ValueError, "entries and codes differ in length");
        return NULL;
    }
    if (rows_in != Py_None && !PyList_Check(rows_in)) {
        PyErr_SetString(PyExc_TypeError, "rows must be a list or None");
        return NULL;
    }
    PyObject *entries = private_copy(entries_in), *codes = private_copy(codes_in);
    PyObject *rows = rows_in == Py_None ? Py_NewRef(Py_None) : private_copy(rows_in);
    if (!entries || !codes || !rows) {
        Py_XDECREF(entries);
        Py_XDECREF(codes);
        Py_XDECREF(rows);
        return NULL;
    }
    Py_ssize_t m = rows == Py_None ? n : PyList_GET_SIZE(rows);
    /* per kept row: its row and group; per group: its size, then its next
     * free place in ``order``, and the row printing its key */
    Py_ssize_t *row_of = PyMem_Malloc((size_t)(m ? m : 1) * sizeof(Py_ssize_t));
    Py_ssize_t *group_of = PyMem_Malloc((size_t)(m ? m : 1) * sizeof(Py_ssize_t));
    Py_ssize_t *counts = PyMem_Calloc((size_t)(m + 1), sizeof(Py_ssize_t));
    Py_ssize_t *printed_on = PyMem_Malloc((size_t)(m + 1) * sizeof(Py_ssize_t));
    PyObject *ids = PyDict_New(), *groups = PyList_New(0);
    PyObject *order = NULL, *starts = NULL, *ends = NULL, *parents = NULL, *result = NULL;
    PyObject *last = NULL; /* the last row's key (a reference of ours) */
    if (!row_of || !group_of || !counts || !printed_on) {
        PyErr_NoMemory();
        goto done;
    }
    if (!ids || !groups)
        goto done;
    /* Each kept row's group, groups in the order their first row comes
     * (rows under one parent mostly follow each other: the last key first). */
    Py_ssize_t kept = 0, g = -1;
    for (Py_ssize_t k = 0; k < m; k++) {
        Py_ssize_t r = rows == Py_None ? k : index_at(rows, k, n);
        if (r < 0)
            goto done;
        PyObject *key = sum_key(PyList_GET_ITEM(entries, r), PyList_GET_ITEM(codes, r));
        if (key == NULL)
            goto done;
        if (key == Py_None) {
            Py_DECREF(key);
            continue;
        }
        if (key == last) {
            Py_DECREF(key);
        } else {
            Py_XSETREF(last, key); /* held from here on, freed at the end */
            PyObject *id = PyDict_GetItemWithError(ids, key);
            if (id != NULL) {
                g = PyLong_AsSsize_t(id);
            } else {
                if (PyErr_Occurred())
                    goto done;
                g = PyList_GET_SIZE(groups);
                PyObject *gi = PyLong_FromSsize_t(g);
                if (gi == NULL)
                    goto done;
                int bad = PyDict_SetItem(ids, key, gi) < 0 || PyList_Append(groups, key) < 0;
                Py_DECREF(gi);
                if (bad)
                    goto done;
                printed_on[g] = -1;
            }
        }
        counts[g]++;
        row_of[kept] = r;
        group_of[kept] = g;
        kept++;
    }
    Py_CLEAR(last);
    /* The row printing each group's key as its code (the last, if twice). */
    for (Py_ssize_t k = 0; k < kept; k++) {
        PyObject *id = PyDict_GetItemWithError(ids, PyList_GET_ITEM(codes, row_of[k]));
        if (id != NULL)
            printed_on[PyLong_AsSsize_t(id)] = row_of[k];
        else if (PyErr_Occurred())
            goto done;
    }
    /* Rows group after group (a counting sort: table order within a group). */
    Py_ssize_t ng = PyList_GET_SIZE(groups);
    order = PyList_New(kept);
    starts = PyList_New(ng);
    ends = PyList_New(ng);
    parents = PyList_New(ng);
    if (!order || !starts || !ends || !parents)
        goto done;
    Py_ssize_t at = 0;
    for (g = 0; g < ng; g++) {
        Py_ssize_t c = counts[g];
        PyObject *a = PyLong_FromSsize_t(at), *b = PyLong_FromSsize_t(at + c);
        if (!a || !b) {
            Py_XDECREF(a);
            Py_XDECREF(b);
            goto done;
        }
        PyList_SET_ITEM(starts, g, a);
        PyList_SET_ITEM(ends, g, b);
        counts[g] = at; /* now the next free place of group g */
        at += c;
        /* n for the 合计 line, n + 1 when no line prints the parent */
        PyObject *key = PyList_GET_ITEM(groups, g);
        Py_ssize_t p = printed_on[g] >= 0 ? printed_on[g] : n + 1;
        if (has_total && PyUnicode_Check(key) && PyUnicode_GET_LENGTH(key) == 0)
            p = n;
        PyObject *pi = PyLong_FromSsize_t(p);
        if (pi == NULL)
            goto done;
        PyList_SET_ITEM(parents, g, pi);
    }
    for (Py_ssize_t k = 0; k < kept; k++) {
        PyObject *ri = PyLong_FromSsize_t(row_of[k]);
        if (ri == NULL)
            goto done;
        PyList_SET_ITEM(order, counts[group_of[k]]++, ri);
    }
    result = PyTuple_Pack(5, order, groups, starts, ends, parents);
done:
    Py_XDECREF(last);
    Py_DECREF(entries);
    Py_DECREF(codes);
    Py_DECREF(rows);
    PyMem_Free(row_of);
    PyMem_Free(group_of);
    PyMem_Free(counts);
    PyMem_Free(printed_on);
    Py_XDECREF(ids);
    Py_XDECREF(groups);
    Py_XDECREF(order);
    Py_XDECREF(starts);
    Py_XDECREF(ends);
    Py_XDECREF(parents);
    return result;
}

/* -- sums_differ ----------------------------------------------------------- */

/* The groups of one column whose printed parent differs from their sum, appended to ``out``. */
static int
column_differs(PyObject *col, PyObject *order, PyObject *starts, PyObject *ends, PyObject *parents,
               PyObject *total, PyObject *out)
{
    Py_ssize_t n = PyList_GET_SIZE(col), no = PyList_GET_SIZE(order), ng = PyList_GET_SIZE(parents);
    for (Py_ssize_t j = 0; j < ng; j++) {
        Py_ssize_t p = PyLong_AsSsize_t(PyList_GET_ITEM(parents, j));
        if (p == -1 && PyErr_Occurred())
            return -1;
        PyObject *printed;
        if (p >= 0 && p < n)
            printed = PyList_GET_ITEM(col, p);
        else if (p == n && total != Py_None)
            printed = total;
        else
            continue; /* a parent the table does not print */
        Py_ssize_t s = index_at(starts, j, no), e = PyLong_AsSsize_t(PyList_GET_ITEM(ends, j));
        if (s < 0 || (e == -1 && PyErr_Occurred()))
            return -1;
        if (e <= s || e > no) {
            PyErr_SetString(PyExc_IndexError, "a group's end is out of range");
            return -1;
        }
        Py_ssize_t r = index_at(order, s, n);
        if (r < 0)
            return -1;
        PyObject *sum = PyList_GET_ITEM(col, r);
        Py_INCREF(sum);
        for (Py_ssize_t k = s + 1; k < e; k++) {
            r = index_at(order, k, n);
            PyObject *next = r < 0 ? NULL : PyNumber_Add(sum, PyList_GET_ITEM(col, r));
            Py_DECREF(sum);
            if (next == NULL)
                return -1;
            sum = next;
        }
        int differ = PyObject_RichCompareBool(printed, sum, Py_NE);
        Py_DECREF(sum);
        if (differ < 0)
            return -1;
        if (differ) {
            PyObject *ji = PyLong_FromSsize_t(j);
            if (ji == NULL || PyList_Append(out, ji) < 0) {
                Py_XDECREF(ji);
                return -1;
            }
            Py_DECREF(ji);
        }
    }
    return 0;
}

static PyObject *
sums_differ(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *cols_in, *order_in, *starts_in, *ends_in, *parents_in, *totals_in;
    if (!PyArg_ParseTuple(args, "O!O!O!O!O!O:sums_differ", &PyList_Type, &cols_in, &PyList_Type, &order_in,
                          &PyList_Type, &starts_in, &PyList_Type, &ends_in, &PyList_Type, &parents_in, &totals_in))
        return NULL;
    Py_ssize_t nc = PyList_GET_SIZE(cols_in), ng = PyList_GET_SIZE(parents_in);
    if (PyList_GET_SIZE(starts_in) != ng || PyList_GET_SIZE(ends_in) != ng) {
        PyErr_SetString(PyExc_ValueError, "starts, ends and parents differ in length");
        return NULL;
    }
    if (totals_in != Py_None && (!PyList_Check(totals_in) || PyList_GET_SIZE(totals_in) != nc)) {
        PyErr_SetString(PyExc_ValueError, "totals must be None or a list with one value per column");
        return NULL;
    }
    PyObject *cols = private_copy(cols_in), *order = private_copy(order_in), *starts = private_copy(starts_in);
    PyObject *ends = private_copy(ends_in), *parents = private_copy(parents_in);
    PyObject *totals = totals_in == Py_None ? Py_NewRef(Py_None) : private_copy(totals_in);
    PyObject *result = PyList_New(nc);
    if (!cols || !order || !starts || !ends || !parents || !totals || !result)
        goto fail;
    for (Py_ssize_t c = 0; c < nc; c++) {
        PyObject *out = PyList_New(0);
        if (out == NULL)
            goto fail;
        PyList_SET_ITEM(result, c, out);
        if (!PyList_Check(PyList_GET_ITEM(cols, c))) {
            PyErr_SetString(PyExc_TypeError, "each column must be a list");
            goto fail;
        }
        PyObject *col = private_copy(PyList_GET_ITEM(cols, c));
        if (col == NULL)
            goto fail;
        PyObject *total = totals == Py_None ? Py_None : PyList_GET_ITEM(totals, c);
        int bad = column_differs(col, order, starts, ends, parents, total, out) < 0;
        Py_DECREF(col);
        if (bad)
            goto fail;
    }
    goto done;
fail:
    Py_CLEAR(result);
done:
    Py_XDECREF(cols);
    Py_XDECREF(order);
    Py_XDECREF(starts);
    Py_XDECREF(ends);
    Py_XDECREF(parents);
    Py_XDECREF(totals);
    return result;
}

/* -- tables_off ------------------------------------------------------------ */

static PyObject *str_name;

/* A row's index as a new int appended to ``out``; -1 on failure. */
static int
append_row(PyObject *out, Py_ssize_t r)
{
    PyObject *ri = PyLong_FromSsize_t(r);
    if (ri == NULL)
        return -1;
    int bad = PyList_Append(out, ri);
    Py_DECREF(ri);
    return bad;
}

/* An exact int of 64 bits as such: 1, else 0 (a Decimal, a bool, an int beyond 64 bits). */
static inline int
as_int64(PyObject *v, int64_t *out)
{
    if (!PyLong_CheckExact(v))
        return 0;
    int overflow;
    long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
    if (overflow || (x == -1 && PyErr_Occurred())) {
        PyErr_Clear();
        return 0;
    }
    *out = (int64_t)x;
    return 1;
}

/* Whether each of a table's printed parents (``kids[q]``) is the sum of its rows in every column, in int64:
 * 1 when they all are, 0 when some is not (its row appended to ``unequal``), -2 when a value is not an int
 * of 64 bits or a sum overflows (the caller adds them as Python numbers), -1 on failure. */
static int
sums_hold_int64(PyObject *cols, Py_ssize_t s, Py_ssize_t m, const Py_ssize_t *parent_of, const char *kids,
                int64_t *acc, PyObject *unequal)
{
    Py_ssize_t nc = PyList_GET_SIZE(cols);
    memset(acc, 0, (size_t)(m * nc > 0 ? m * nc : 1) * sizeof(int64_t));
    for (Py_ssize_t c = 0; c < nc; c++) {
        PyObject *col = PyList_GET_ITEM(cols, c);
        for (Py_ssize_t k = 0; k < m; k++) {
            Py_ssize_t q = parent_of[k];
            if (q < 0)
                continue;
            PyObject *v = PyList_GET_ITEM(col, s + k);
            int64_t x;
            if (!as_int64(v, &x))
                return -2;
            if (__builtin_add_overflow(acc[q * nc + c], x, &acc[q * nc + c]))
                return -2;
        }
    }
    for (Py_ssize_t q = 0; q < m; q++) {
        if (!kids[q])
            continue;
        for (Py_ssize_t c = 0; c < nc; c++) {
            PyObject *v = PyList_GET_ITEM(PyList_GET_ITEM(cols, c), s + q);
            int64_t x;
            if (!as_int64(v, &x))
                return -2;
            if (x != acc[q * nc + c]) {
                if (append_row(unequal, s + q) < 0)
                    return -1;
                break;
            }
        }
    }
    return 1;
}

/* The same, adding Python numbers (Decimals, or ints beyond 64 bits). */
static int
sums_hold_objects(PyObject *cols, Py_ssize_t s, Py_ssize_t m, const Py_ssize_t *parent_of, const char *kids,
                  PyObject *unequal)
{
    Py_ssize_t nc = PyList_GET_SIZE(cols);
    for (Py_ssize_t q = 0; q < m; q++) {
        if (!kids[q])
            continue;
        for (Py_ssize_t c = 0; c < nc; c++) {
            PyObject *col = PyList_GET_ITEM(cols, c), *sum = NULL;
            for (Py_ssize_t k = 0; k < m; k++) {
                if (parent_of[k] != q)
                    continue;
                PyObject *v = PyList_GET_ITEM(col, s + k);
                if (sum == NULL) {
                    sum = Py_NewRef(v);
                } else {
                    PyObject *next = PyNumber_Add(sum, v);
                    Py_DECREF(sum);
                    if (next == NULL)
                        return -1;
                    sum = next;
                }
            }
            int differ = PyObject_RichCompareBool(PyList_GET_ITEM(col, s + q), sum, Py_NE);
            Py_DECREF(sum);
            if (differ < 0)
                return -1;
            if (differ) {
                if (append_row(unequal, s + q) < 0)
                    return -1;
                break;
            }
        }
    }
    return 1;
}

/* The facts of one table [s, e) (see tables_off), appended to the lists of ``out``. ``where``: an empty dict
 * to use; ``parent_of``, ``kids``, ``acc``: room for e - s rows (acc times the columns). */
static int
table_off(PyObject *entries, PyObject *codes, PyObject *names, PyObject *notable, PyObject *cols, Py_ssize_t s,
          Py_ssize_t e, Py_ssize_t total, PyObject *where, Py_ssize_t *parent_of, char *kids, int64_t *acc,
          PyObject **out)
{
    PyObject *repeated = out[0], *unparented = out[1], *unequal = out[2], *renamed = out[3], *marked = out[4];
    Py_ssize_t m = e - s;
    int status = -1;
    memset(kids, 0, (size_t)(m ? m : 1));
    /* the row printing each code of the edition (the first, when printed twice); the names and the marked codes */
    for (Py_ssize_t r = s; r < e; r++) {
        PyObject *entry = PyList_GET_ITEM(entries, r), *code = PyList_GET_ITEM(codes, r);
        if (entry == Py_None)
            continue;
        int in = PySet_Contains(notable, code);
        if (in < 0 || (in && append_row(marked, r) < 0))
            goto done;
        PyObject *name = PyObject_GetAttr(entry, str_name);
        if (name == NULL)
            goto done;
        int differ = PyObject_RichCompareBool(PyList_GET_ITEM(names, r), name, Py_NE);
        Py_DECREF(name);
        if (differ < 0 || (differ && append_row(renamed, r) < 0))
            goto done;
        PyObject *ri = PyLong_FromSsize_t(r - s);
        if (ri == NULL)
            goto done;
        PyObject *had = PyDict_SetDefault(where, code, ri);
        Py_DECREF(ri);
        if (had == NULL)
            goto done;
        if (had != ri && PyLong_AsSsize_t(had) != r - s && append_row(repeated, r) < 0)
            goto done;
    }
    /* the row printing each row's parent: a 类's is the 合计 line (-1 when the table prints none) */
    for (Py_ssize_t k = 0; k < m; k++) {
        PyObject *entry = PyList_GET_ITEM(entries, s + k);
        parent_of[k] = -1;
        if (entry == Py_None)
            continue;
        PyObject *parent = PyObject_GetAttr(entry, str_parent);
        if (parent == NULL)
            goto done;
        if (parent == Py_None) { /* a 类 */
            Py_DECREF(parent);
            if (total >= 0) {
                parent_of[k] = total - s;
                kids[total - s] = 1;
            }
            continue;
        }
        PyObject *at = PyDict_GetItemWithError(where, parent);
        Py_DECREF(parent);
        if (at == NULL) {
            if (PyErr_Occurred() || append_row(unparented, s + k) < 0)
                goto done;
            continue;
        }
        parent_of[k] = PyLong_AsSsize_t(at);
        kids[parent_of[k]] = 1;
    }
    Py_ssize_t said = PyList_GET_SIZE(unequal);
    int held = sums_hold_int64(cols, s, m, parent_of, kids, acc, unequal);
    if (held == -2) { /* a figure beyond int64 part-way: what the int64 pass said of this table goes, and again */
        if (PyList_SetSlice(unequal, said, PyList_GET_SIZE(unequal), NULL) < 0)
            goto done;
        held = sums_hold_objects(cols, s, m, parent_of, kids, unequal);
    }
    if (held < 0)
        goto done;
    if (total >= 0 && !kids[total - s] && append_row(unequal, total) < 0) /* a 合计 over no 类 line */
        goto done;
    status = 0;
done:
    PyDict_Clear(where);
    return status;
}

static PyObject *
tables_off(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *entries_in, *codes_in, *names_in, *notable, *cols_in, *bounds_in, *totals_in;
    if (!PyArg_ParseTuple(args, "O!O!O!O!O!O!O!:tables_off", &PyList_Type, &entries_in, &PyList_Type, &codes_in,
                          &PyList_Type, &names_in, &PyFrozenSet_Type, &notable, &PyList_Type, &cols_in, &PyList_Type,
                          &bounds_in, &PyList_Type, &totals_in))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(codes_in), nc = PyList_GET_SIZE(cols_in), nb = PyList_GET_SIZE(bounds_in);
    if (PyList_GET_SIZE(entries_in) != n || PyList_GET_SIZE(names_in) != n) {
        PyErr_SetString(PyExc_ValueError, "entries, codes and names differ in length");
        return NULL;
    }
    if (PyList_GET_SIZE(totals_in) != (nb > 0 ? nb - 1 : 0)) {
        PyErr_SetString(PyExc_ValueError, "totals must give one row (or -1) per table");
        return NULL;
    }
    for (Py_ssize_t c = 0; c < nc; c++) {
        PyObject *col = PyList_GET_ITEM(cols_in, c);
        if (!PyList_Check(col) || PyList_GET_SIZE(col) != n) {
            PyErr_SetString(PyExc_ValueError, "each column must be a list as long as the codes");
            return NULL;
        }
    }
    PyObject *entries = private_copy(entries_in), *codes = private_copy(codes_in), *names = private_copy(names_in);
    PyObject *cols = PyList_New(nc), *where = PyDict_New(), *out[5] = {NULL, NULL, NULL, NULL, NULL};
    PyObject *result = NULL;
    Py_ssize_t *parent_of = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_ssize_t));
    char *kids = PyMem_Malloc((size_t)(n ? n : 1));
    int64_t *acc = PyMem_Malloc((size_t)(n * nc > 0 ? n * nc : 1) * sizeof(int64_t));
    for (int j = 0; j < 5; j++)
        out[j] = PyList_New(0);
    if (!entries || !codes || !names || !cols || !where || !out[0] || !out[1] || !out[2] || !out[3] || !out[4] ||
        !parent_of || !kids || !acc) {
        if (!PyErr_Occurred())
            PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t c = 0; c < nc; c++) {
        PyObject *col = private_copy(PyList_GET_ITEM(cols_in, c));
        if (col == NULL)
            goto done;
        PyList_SET_ITEM(cols, c, col);
    }
    Py_ssize_t s = 0;
    for (Py_ssize_t t = 0; t < nb; t++) {
        Py_ssize_t e = PyLong_AsSsize_t(PyList_GET_ITEM(bounds_in, t));
        if (e == -1 && PyErr_Occurred())
            goto done;
        if (e < s || e > n) {
            PyErr_SetString(PyExc_ValueError, "bounds must rise within the rows");
            goto done;
        }
        if (t > 0) {
            Py_ssize_t total = PyLong_AsSsize_t(PyList_GET_ITEM(totals_in, t - 1));
            if (total == -1 && PyErr_Occurred())
                goto done;
            if (total < -1 || (total >= 0 && (total < s || total >= e)) ||
                (total >= 0 && PyList_GET_ITEM(entries, total) != Py_None)) {
                PyErr_SetString(PyExc_ValueError, "a table's 合计 line must be one of its rows, of no code");
                goto done;
            }
            if (table_off(entries, codes, names, notable, cols, s, e, total, where, parent_of, kids, acc, out) < 0)
                goto done;
        }
        s = e;
    }
    result = PyTuple_Pack(5, out[0], out[1], out[2], out[3], out[4]);
done:
    PyMem_Free(parent_of);
    PyMem_Free(kids);
    PyMem_Free(acc);
    Py_XDECREF(entries);
    Py_XDECREF(codes);
    Py_XDECREF(names);
    Py_XDECREF(cols);
    Py_XDECREF(where);
    for (int j = 0; j < 5; j++)
        Py_XDECREF(out[j]);
    return result;
}

/* -- rows_across ------------------------------------------------------------ */

/* Whether a row's total differs from the sum of its parts (``rel``: the total's column, then the parts'):
 * 1 or 0, -1 on failure. In int64 when every figure is an exact int and nothing overflows, else as Python
 * numbers (a sum of no part is 0). */
static int
row_differs(PyObject *cols, PyObject *rel, Py_ssize_t i)
{
    Py_ssize_t np = PyList_GET_SIZE(rel) - 1;
    PyObject *total = PyList_GET_ITEM(PyList_GET_ITEM(cols, PyLong_AsSsize_t(PyList_GET_ITEM(rel, 0))), i);
    int64_t want, sum = 0, x;
    int fast = as_int64(total, &want);
    for (Py_ssize_t k = 1; fast && k <= np; k++) {
        PyObject *v = PyList_GET_ITEM(PyList_GET_ITEM(cols, PyLong_AsSsize_t(PyList_GET_ITEM(rel, k))), i);
        fast = as_int64(v, &x) && !__builtin_add_overflow(sum, x, &sum);
    }
    if (fast)
        return sum != want;
    PyObject *acc = PyLong_FromLong(0);
    for (Py_ssize_t k = 1; acc != NULL && k <= np; k++) {
        PyObject *v = PyList_GET_ITEM(PyList_GET_ITEM(cols, PyLong_AsSsize_t(PyList_GET_ITEM(rel, k))), i);
        Py_SETREF(acc, PyNumber_Add(acc, v));
    }
    if (acc == NULL)
        return -1;
    int differ = PyObject_RichCompareBool(total, acc, Py_NE);
    Py_DECREF(acc);
    return differ;
}

static PyObject *
rows_across(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *cols_in, *rels_in;
    if (!PyArg_ParseTuple(args, "O!O!:rows_across", &PyList_Type, &cols_in, &PyList_Type, &rels_in))
        return NULL;
    Py_ssize_t nc = PyList_GET_SIZE(cols_in), nr = PyList_GET_SIZE(rels_in), n = -1;
    for (Py_ssize_t c = 0; c < nc; c++) {
        PyObject *col = PyList_GET_ITEM(cols_in, c);
        if (!PyList_Check(col) || (n >= 0 && PyList_GET_SIZE(col) != n)) {
            PyErr_SetString(PyExc_ValueError, "the columns must be lists of one length");
            return NULL;
        }
        n = PyList_GET_SIZE(col);
    }
    PyObject *cols = PyList_New(nc), *rels = PyList_New(nr), *out = PyList_New(0);
    if (!cols || !rels || !out)
        goto fail;
    for (Py_ssize_t c = 0; c < nc; c++) {
        PyObject *col = private_copy(PyList_GET_ITEM(cols_in, c));
        if (col == NULL)
            goto fail;
        PyList_SET_ITEM(cols, c, col);
    }
    for (Py_ssize_t j = 0; j < nr; j++) { /* each relation: column indices, the total's first */
        PyObject *rel = PyList_GET_ITEM(rels_in, j);
        if (!PyList_Check(rel) || PyList_GET_SIZE(rel) < 1) {
            PyErr_SetString(PyExc_ValueError, "a relation is a list of column indices, the total's first");
            goto fail;
        }
        PyObject *mine = private_copy(rel);
        if (mine == NULL)
            goto fail;
        PyList_SET_ITEM(rels, j, mine);
        for (Py_ssize_t k = 0; k < PyList_GET_SIZE(mine); k++) {
            PyObject *ix = PyList_GET_ITEM(mine, k);
            Py_ssize_t v = PyLong_Check(ix) ? PyLong_AsSsize_t(ix) : -1;
            if (v == -1 && PyErr_Occurred())
                goto fail;
            if (v < 0 || v >= nc) {
                PyErr_SetString(PyExc_IndexError, "a relation names a column out of range");
                goto fail;
            }
        }
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        for (Py_ssize_t j = 0; j < nr; j++) {
            int differ = row_differs(cols, PyList_GET_ITEM(rels, j), i);
            if (differ < 0)
                goto fail;
            if (differ) {
                if (append_row(out, i) < 0)
                    goto fail;
                break;
            }
        }
    }
    Py_DECREF(cols);
    Py_DECREF(rels);
    return out;
fail:
    Py_XDECREF(cols);
    Py_XDECREF(rels);
    Py_XDECREF(out);
    return NULL;
}

/* -- look_up -------------------------------------------------------------- */

static PyObject *
look_up(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *codes_in, *objs;
    if (!PyArg_ParseTuple(args, "O!O!:look_up", &PyList_Type, &codes_in, &PyDict_Type, &objs))
        return NULL;
    PyObject *codes = private_copy(codes_in);
    if (codes == NULL)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(codes);
    PyObject *entries = PyList_New(n), *seen = PySet_New(NULL);
    int found = 1;
    if (entries == NULL || seen == NULL)
        goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *code = PyList_GET_ITEM(codes, i);
        if (PySet_Add(seen, code) < 0)
            goto fail;
        PyObject *entry = PyDict_GetItemWithError(objs, code);
        if (entry == NULL) {
            if (PyErr_Occurred())
                goto fail;
            entry = Py_None;
        }
        if (entry == Py_None)
            found = 0;
        PyList_SET_ITEM(entries, i, Py_NewRef(entry));
    }
    int unique = PySet_GET_SIZE(seen) == n;
    Py_DECREF(seen);
    Py_DECREF(codes);
    return Py_BuildValue("(NOO)", entries, found ? Py_True : Py_False, unique ? Py_True : Py_False);
fail:
    Py_XDECREF(entries);
    Py_XDECREF(seen);
    Py_DECREF(codes);
    return NULL;
}

/* -- line_amounts ------------------------------------------------------ */

static PyObject *
line_amounts(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *lines, *columns, *blank;
    if (!PyArg_ParseTuple(args, "OO!O:line_amounts", &lines, &PyTuple_Type, &columns, &blank))
        return NULL;
    PyObject *seq = PySequence_List(lines); /* a private copy: dict lookups may run Python code */
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq), k = PyTuple_GET_SIZE(columns);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    PyObject *out = PyList_New(k), *invalid = PyList_New(0);
    if (out == NULL || invalid == NULL)
        goto fail;
    for (Py_ssize_t j = 0; j < k; j++) {
        PyObject *col = PyList_New(n);
        if (col == NULL)
            goto fail;
        PyList_SET_ITEM(out, j, col);
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *line = items[i];
        if (!PyTuple_Check(line) || PyTuple_GET_SIZE(line) < 3 || !PyDict_Check(PyTuple_GET_ITEM(line, 2))) {
            PyErr_SetString(PyExc_TypeError, "a line must be a Line (a tuple with its cells third)");
            goto fail;
        }
        PyObject *cells = PyTuple_GET_ITEM(line, 2);
        int bad = 0;
        for (Py_ssize_t j = 0; j < k; j++) {
            PyObject *cell = PyDict_GetItemWithError(cells, PyTuple_GET_ITEM(columns, j));
            if (cell == NULL) {
                if (PyErr_Occurred())
                    goto fail;
                cell = blank; /* no cell for the column: a blank */
            }
            if (!PyTuple_Check(cell) || PyTuple_GET_SIZE(cell) < 5) {
                PyErr_SetString(PyExc_TypeError, "a cell must be a Cell (a tuple of five)");
                goto fail;
            }
            PyList_SET_ITEM(PyList_GET_ITEM(out, j), i, Py_NewRef(PyTuple_GET_ITEM(cell, 3)));
            if (PyTuple_GET_ITEM(cell, 4) == Py_True)
                bad = 1;
        }
        if (bad) {
            PyObject *ii = PyLong_FromSsize_t(i);
            if (ii == NULL || PyList_Append(invalid, ii) < 0) {
                Py_XDECREF(ii);
                goto fail;
            }
            Py_DECREF(ii);
        }
    }
    Py_DECREF(seq);
    return Py_BuildValue("(NN)", out, invalid);
fail:
    /* the columns' places not yet filled are NULL, which list_dealloc skips */
    Py_DECREF(seq);
    Py_XDECREF(out);
    Py_XDECREF(invalid);
    return NULL;
}

/* -- table_heads: the runs of a CSV block's first column (govclass.stream's first pass) ------------- */

static inline int
is_ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\x0b' || c == '\x0c';
}

static PyObject *
table_heads(PyObject *self, PyObject *args)
{
    Py_buffer view;
    int delim;
    Py_ssize_t cells;
    if (!PyArg_ParseTuple(args, "y*in", &view, &delim, &cells))
        return NULL;
    const unsigned char *s = view.buf;
    Py_ssize_t n = view.len, at = 0;
    const unsigned char *last = NULL;
    Py_ssize_t last_len = 0;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        goto fail;
    while (at < n) {
        const unsigned char *line = s + at;
        const unsigned char *nl = memchr(line, '\n', (size_t)(n - at));
        Py_ssize_t len = nl == NULL ? n - at : nl - line;
        at += len + 1;
        Py_ssize_t count = 0, first = -1;
        for (Py_ssize_t i = 0; i < len; i++) {
            if (line[i] == (unsigned char)delim) {
                if (first < 0)
                    first = i;
                count++;
            }
        }
        if (count != cells) {  /* a short, long or blank line */
            Py_DECREF(out);
            PyBuffer_Release(&view);
            Py_RETURN_NONE;
        }
        Py_ssize_t a = 0, b = first < 0 ? len : first;
        while (a < b && is_ascii_space(line[a]))
            a++;
        while (b > a && is_ascii_space(line[b - 1]))
            b--;
        if (last != NULL && b - a == last_len && memcmp(line + a, last, (size_t)last_len) == 0)
            continue;
        PyObject *head = PyBytes_FromStringAndSize((const char *)line + a, b - a);
        if (head == NULL || PyList_Append(out, head) < 0) {
            Py_XDECREF(head);
            goto fail;
        }
        Py_DECREF(head);
        last = line + a;
        last_len = b - a;
    }
    PyBuffer_Release(&view);
    return out;
fail:
    Py_XDECREF(out);
    PyBuffer_Release(&view);
    return NULL;
}

/* -- utf8_valid, lone_carriage_return: the first pass over a CSV file's bytes ----------------- */

/* Whether ``data`` is strict UTF-8, as bytes.decode("utf-8") accepts it: no
 * overlong form, no surrogate, nothing above U+10FFFF, no sequence cut short
 * (the well-formed byte sequences of the Unicode Standard, table 3-7). */
static PyObject *
utf8_valid(PyObject *Py_UNUSED(self), PyObject *arg)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    const unsigned char *s = view.buf;
    Py_ssize_t n = view.len, i = 0;
    int ok = 1;
    while (ok && i < n) {
        uint64_t word;
        if (i + 8 <= n) { /* ASCII eight bytes at a time */
            memcpy(&word, s + i, 8);
            if ((word & UINT64_C(0x8080808080808080)) == 0) {
                i += 8;
                continue;
            }
        }
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        Py_ssize_t len;
        unsigned char lo = 0x80, hi = 0xBF; /* the range of the second byte */
        if (c >= 0xC2 && c <= 0xDF)
            len = 2;
        else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0; /* overlong */
            else if (c == 0xED)
                hi = 0x9F; /* a surrogate */
        }
        else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90; /* overlong */
            else if (c == 0xF4)
                hi = 0x8F; /* above U+10FFFF */
        }
        else {
            ok = 0;
            break;
        }
        if (i + len > n || s[i + 1] < lo || s[i + 1] > hi) {
            ok = 0;
            break;
        }
        for (Py_ssize_t k = 2; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                ok = 0;
        i += len;
    }
    PyBuffer_Release(&view);
    return PyBool_FromLong(ok);
}

/* Whether a carriage return in ``data`` is not followed by a line feed. */
static PyObject *
lone_carriage_return(PyObject *Py_UNUSED(self), PyObject *arg)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    const unsigned char *p = view.buf, *end = p + view.len;
    int lone = 0;
    while (p < end && (p = memchr(p, '\r', (size_t)(end - p))) != NULL) {
        if (p + 1 == end || p[1] != '\n') {
            lone = 1;
            break;
        }
        p += 2;
    }
    PyBuffer_Release(&view);
    return PyBool_FromLong(lone);
}

static PyMethodDef methods[] = {
    {"utf8_valid", utf8_valid, METH_O,
     "utf8_valid(data) -> bool\n\nWhether the bytes decode as strict UTF-8 (twins.py_utf8_valid)."},
    {"lone_carriage_return", lone_carriage_return, METH_O,
     "lone_carriage_return(data) -> bool\n\n"
     "Whether a carriage return is not followed by a line feed (twins.py_lone_carriage_return)."},
    {"table_heads", table_heads, METH_VARARGS,
     "table_heads(data, delimiter, cells) -> [head, ...] | None\n\n"
     "The first cell (stripped) of each run of lines of a block of whole lines, runs of the same cell as one; "
     "None when a line has not ``cells`` delimiters (twins.py_table_heads)."},
    {"split_columns", split_columns, METH_VARARGS,
     "split_columns(text, delimiter, lazy_from=-1) -> (header, columns, rows, padded) | None\n\n"
     "The header and columns of a CSV text that quotes nothing; None when it needs csv.reader."},
    {"fixed_columns", fixed_columns, METH_O,
     "fixed_columns(columns) -> (scale, columns) | None\n\n"
     "Columns of plain figures as integers times 10**scale; None when a cell is not a plain figure."},
    {"look_up", look_up, METH_VARARGS,
     "look_up(codes, entries_by_code) -> (entries, all_found, unique)\n\n"
     "Each code's entry (None when missing), whether all were found, whether no code repeats "
     "(validate._py_look_up)."},
    {"line_amounts", line_amounts, METH_VARARGS,
     "line_amounts(lines, columns, blank) -> (columns, invalid)\n\n"
     "Per column, every line's amount, and the lines with an invalid cell (validate._py_line_amounts)."},
    {"group_rows", group_rows, METH_VARARGS,
     "group_rows(entries, codes, rows, has_total) -> (order, groups, starts, ends, parents)\n\n"
     "Rows grouped by what they add up into (validate._py_group_rows)."},
    {"sums_differ", sums_differ, METH_VARARGS,
     "sums_differ(columns, order, starts, ends, parents, totals) -> [[group, ...], ...]\n\n"
     "Per column, the groups whose printed parent differs from the sum of their rows (validate._py_sums_differ)."},
    {"tables_off", tables_off, METH_VARARGS,
     "tables_off(entries, codes, names, notable, columns, bounds, totals) -> (repeated, unparented, unequal, renamed, "
     "marked)\n\n"
     "The rows of each table of a block where a code repeats, a parent is not printed, a sum does not hold, a "
     "name is not the code's, a code is notable (twins.py_tables_off)."},
    {"rows_across", rows_across, METH_VARARGS,
     "rows_across(columns, relations) -> [row, ...]\n\n"
     "The rows where a relation's total column is not the sum of its part columns (twins.py_rows_across)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "govclass.speedups._speedups",
    "Optional C speed-ups of the CSV validation path (pure-Python twins in govclass.readers and govclass.document).",
    -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    str_parent = PyUnicode_InternFromString("parent");
    str_name = PyUnicode_InternFromString("name");
    str_empty = PyUnicode_FromStringAndSize(NULL, 0);
    if (str_parent == NULL || str_name == NULL || str_empty == NULL)
        return NULL;
    if (PyType_Ready(&TextColumnType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddObjectRef(m, "TextColumn", (PyObject *)&TextColumnType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
