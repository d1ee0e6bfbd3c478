/* Optional C speed-ups for govclass's CSV validation path.
 *
 * Nothing here knows about codes or rules; the package works without this
 * module (the build skips it when no compiler is at hand) and GOVCLASS_PURE=1
 * turns it off.  tests/test_speedups.py holds both functions to their
 * definitions on random input.
 *
 *   split_columns(text, delimiter)
 *       Exactly readers._py_split_columns, which stays the fallback: the
 *       header, the columns and the number of rows of a CSV text that quotes
 *       nothing; None when the text needs csv.reader (a quote, a line with
 *       another number of cells than the header).
 *
 *   fixed_columns(columns)
 *       Columns of plain printed figures ("1234.56", "-12", ".5", "" for a
 *       blank) as integers on one common scale: (scale, [[int, ...], ...]),
 *       each value exactly Decimal(figure) * 10**scale (a blank 0) and scale
 *       the most decimals any figure shows.  None when a cell is anything else
 *       or a value would not fit 18 digits; the caller then reads the figures
 *       as Decimals, cell by cell (document.column_amounts).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* -- split_columns ------------------------------------------------------- */

/* One pass over the text for each character width.  Fields become strings
 * (PyUnicode_Substring picks the narrowest kind, as str.split does); a field
 * equal to the one above it in its column (a table name repeated down its
 * rows) reuses that string. */
#define SPLIT_IMPL(NAME, CHAR)                                                 \
static int NAME(PyObject *text, const CHAR *s, Py_ssize_t end, Py_UCS4 delim,    \
                Py_ssize_t width, PyObject **columns, Py_ssize_t *nrows,       \
                Py_ssize_t *prev_start, Py_ssize_t *prev_len, Py_ssize_t pos)  \
{                                                                              \
    Py_ssize_t rows = 0;                                                       \
    while (pos < end) {                                                        \
        Py_ssize_t j = 0, start = pos;                                         \
        for (;;) {                                                             \
            Py_UCS4 c = pos < end ? (Py_UCS4)s[pos] : '\n';                    \
            if (c == delim || c == '\n' || c == '\r') {                        \
                if (j >= width)                                                \
                    return 0; /* more cells than the header */                 \
                Py_ssize_t len = pos - start;                                  \
                PyObject *field;                                               \
                PyObject *col = columns[j];                                    \
                Py_ssize_t n = PyList_GET_SIZE(col);                           \
                if (n && prev_len[j] == len &&                                 \
                    memcmp(s + prev_start[j], s + start, len * sizeof(CHAR)) == 0) { \
                    field = PyList_GET_ITEM(col, n - 1);                       \
                    Py_INCREF(field);                                          \
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
                j++;                                                           \
                if (c != delim) {                                              \
                    if (pos < end && c == '\r' && pos + 1 < end && s[pos + 1] == '\n') \
                        pos++;                                                 \
                    pos++;                                                     \
                    break;                                                     \
                }                                                              \
                start = pos + 1;                                               \
            } else if (c == '"') {                                             \
                return 0; /* quoted: csv.reader's work */                      \
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
    if (!PyArg_ParseTuple(args, "UU:split_columns", &text, &delimiter))
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
    PyObject *columns = PyList_New(width);
    Py_ssize_t *prev = PyMem_Calloc(2 * (size_t)width, sizeof(Py_ssize_t));
    if (columns == NULL || prev == NULL) {
        Py_DECREF(header);
        Py_XDECREF(columns);
        PyMem_Free(prev);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t j = 0; j < width; j++) {
        PyObject *col = PyList_New(0);
        if (col == NULL) {
            Py_DECREF(header);
            Py_DECREF(columns);
            PyMem_Free(prev);
            return NULL;
        }
        PyList_SET_ITEM(columns, j, col);
    }
    PyObject **cols = &PyList_GET_ITEM(columns, 0);
    Py_ssize_t rows = 0;
    int ok;
    if (kind == PyUnicode_1BYTE_KIND)
        ok = split_ucs1(text, (const Py_UCS1 *)data, end, delim, width, cols, &rows,
                        prev, prev + width, pos);
    else if (kind == PyUnicode_2BYTE_KIND)
        ok = split_ucs2(text, (const Py_UCS2 *)data, end, delim, width, cols, &rows,
                        prev, prev + width, pos);
    else
        ok = split_ucs4(text, (const Py_UCS4 *)data, end, delim, width, cols, &rows,
                        prev, prev + width, pos);
    PyMem_Free(prev);
    if (ok != 1) {
        Py_DECREF(header);
        Py_DECREF(columns);
        if (ok < 0)
            return NULL;
        Py_RETURN_NONE;
    }
    return Py_BuildValue("(NNn)", header, columns, rows);
}

/* -- fixed_columns ------------------------------------------------------- */

#define MAX_DIGITS 18 /* every value below 10**18 fits an int64 */

/* A plain figure: an optional minus, digits, an optional point and digits
 * (".5" and "5." as Decimal reads them), at least one digit.  Sets the
 * digits as an integer and the number of decimals; 0 when not plain or too
 * long. */
static int
parse_plain(const Py_UCS1 *s, Py_ssize_t n, int64_t *value, int *decimals)
{
    Py_ssize_t i = 0;
    int neg = 0, digits = 0, dec = -1;
    int64_t v = 0;
    if (n == 0) {
        *value = 0;
        *decimals = 0;
        return 1;
    }
    if (s[0] == '-') {
        neg = 1;
        i = 1;
    }
    for (; i < n; i++) {
        Py_UCS1 c = s[i];
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
        if (!PyList_Check(col)) {
            PyErr_SetString(PyExc_TypeError, "fixed_columns takes a list of lists of str");
            return NULL;
        }
        total += PyList_GET_SIZE(col);
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
        Py_ssize_t m = PyList_GET_SIZE(col);
        for (Py_ssize_t i = 0; i < m; i++, k++) {
            PyObject *cell = PyList_GET_ITEM(col, i);
            int d;
            if (!PyUnicode_Check(cell) || !PyUnicode_IS_ASCII(cell) ||
                !parse_plain(PyUnicode_1BYTE_DATA(cell), PyUnicode_GET_LENGTH(cell), &values[k], &d))
                goto not_plain;
            decs[k] = (unsigned char)d;
            if (d > scale)
                scale = d;
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
        Py_ssize_t m = PyList_GET_SIZE(PyList_GET_ITEM(arg, j));
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

static PyMethodDef methods[] = {
    {"split_columns", split_columns, METH_VARARGS,
     "split_columns(text, delimiter) -> (header, columns, rows) | None\n\n"
     "The header and columns of a CSV text that quotes nothing; None when it needs csv.reader."},
    {"fixed_columns", fixed_columns, METH_O,
     "fixed_columns(columns) -> (scale, columns) | None\n\n"
     "Columns of plain figures as integers times 10**scale; None when a cell is not a plain figure."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "govclass._speedups",
    "Optional C speed-ups of the CSV validation path (pure-Python twins in govclass.readers and govclass.document).",
    -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    return PyModule_Create(&module);
}
