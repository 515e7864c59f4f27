/*
 * csv.c - the CSV reader: encoding and delimiter detection, RFC 4180
 * quoting, physical line numbers, conversion of every field to UTF-8.
 * It knows nothing of columns or kinds (import.c does). It is a small state
 * machine of its own rather than libcsv because messages need the line each
 * record starts on and the raw bytes of each field for decoding.
 */
#include "fairmatch/csv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"

#define MAX_INPUT ((size_t)256 * 1024 * 1024)

/* Windows-1252 0x80...0x9F as Unicode; 0 where the code page has no character. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* Length of the valid UTF-8 sequence at p (1...4), or 0 if p starts an invalid one. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    size_t need;
    uint32_t cp;

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
        cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        cp = c & 0x07u;
    } else {
        return 0;
    }
    if (n < need)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    if ((need == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (need == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return need;
}

static fm_csv_encoding detect_encoding(const unsigned char *p, size_t n, bool bom)
{
    size_t multi = 0, invalid = 0;
    for (size_t i = 0; i < n;) {
        size_t k = utf8_seq(p + i, n - i);
        if (k == 0) {
            invalid++;
            i++;
        } else {
            multi += k > 1;
            i += k;
        }
    }
    if (invalid == 0)
        return bom ? FM_CSV_UTF8_BOM : FM_CSV_UTF8;
    /* A BOM or real UTF-8 letters beside invalid bytes: someone pasted
     * Windows-1252 text into a UTF-8 file. Converting would garble half. */
    return (multi > 0 || bom) ? FM_CSV_MIXED : FM_CSV_CP1252;
}

/* Count ; , and tab outside quotes on the first line; the most frequent wins. */
static char detect_delimiter(const unsigned char *p, size_t n)
{
    size_t semi = 0, comma = 0, tab = 0;
    bool quoted = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ';')
            semi++;
        else if (!quoted && c == ',')
            comma++;
        else if (!quoted && c == '\t')
            tab++;
    }
    if (semi >= comma && semi >= tab && semi > 0)
        return ';';
    if (tab >= comma && tab > 0)
        return '\t';
    return ',';
}

static fm_rc put_utf8(fm_buf *b, uint32_t cp)
{
    char u[3];
    if (cp < 0x80)
        return fm_buf_addch(b, (char)cp);
    if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        return fm_buf_add(b, u, 2);
    }
    u[0] = (char)(0xE0 | (cp >> 12));
    u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (char)(0x80 | (cp & 0x3F));
    return fm_buf_add(b, u, 3);
}

/* Decode raw field bytes into f (UTF-8). Undecodable input sets f->bad_byte and an empty text. */
static fm_rc decode_field(fm_csv_encoding enc, const fm_buf *raw, fm_buf *tmp, fm_csv_field *f)
{
    const unsigned char *p = (const unsigned char *)raw->data;
    fm_rc rc = FM_OK;

    fm_buf_reset(tmp);
    f->bad_byte = -1;
    for (size_t i = 0; !rc && i < raw->len && f->bad_byte < 0;) {
        unsigned char c = p[i];
        if (c == 0) {
            f->bad_byte = 0;
        } else if (enc == FM_CSV_CP1252) {
            uint32_t cp = c < 0x80 ? c : c < 0xA0 ? cp1252_high[c - 0x80] : c;
            if (cp == 0)
                f->bad_byte = c;
            else
                rc = put_utf8(tmp, cp);
            i++;
        } else {
            size_t k = utf8_seq(p + i, raw->len - i);
            if (k == 0)
                f->bad_byte = c;
            else
                rc = fm_buf_add(tmp, p + i, k);
            i += k;
        }
    }
    if (rc)
        return rc;
    if (f->bad_byte >= 0)
        fm_buf_reset(tmp);
    f->len = tmp->len;
    f->text = malloc(tmp->len + 1);
    if (!f->text)
        return FM_ENOMEM;
    memcpy(f->text, tmp->data, tmp->len + 1);
    return FM_OK;
}

static fm_rc put_utf8_4(fm_buf *b, uint32_t cp)
{
    char u[4];
    if (cp < 0x10000)
        return put_utf8(b, cp);
    u[0] = (char)(0xF0 | (cp >> 18));
    u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (char)(0x80 | (cp & 0x3F));
    return fm_buf_add(b, u, 4);
}

/*
 * Convert UTF-16 (BOM at p[0..1] says LE or BE) to UTF-8 in out. An
 * unpaired surrogate or an odd last byte becomes the byte 0xFF, which is
 * never valid UTF-8, so the field it lands in is reported rather than
 * silently altered.
 */
static fm_rc utf16_to_utf8(const unsigned char *p, size_t n, fm_buf *out)
{
    bool le = p[0] == 0xFF;
    fm_rc rc = FM_OK;
    for (size_t i = 2; !rc && i < n; i += 2) {
        uint32_t u, v;
        if (i + 1 >= n) {
            rc = fm_buf_addch(out, (char)0xFF);
            break;
        }
        u = le ? (uint32_t)(p[i] | p[i + 1] << 8) : (uint32_t)(p[i] << 8 | p[i + 1]);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
            v = le ? (uint32_t)(p[i + 2] | p[i + 3] << 8) : (uint32_t)(p[i + 2] << 8 | p[i + 3]);
            if (v >= 0xDC00 && v <= 0xDFFF) {
                rc = put_utf8_4(out, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
                i += 2;
                continue;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF)
            rc = fm_buf_addch(out, (char)0xFF);
        else
            rc = put_utf8(out, u);
    }
    return rc;
}

typedef struct parser {
    const unsigned char *p;
    size_t n, pos;
    long line;
    char delim;
    fm_csv_encoding enc;
    fm_buf raw, tmp;
} parser;

static bool at_newline(const parser *ps)
{
    return ps->pos < ps->n && (ps->p[ps->pos] == '\n' || ps->p[ps->pos] == '\r');
}

/* Consume one line end (CRLF, LF or CR) and count it. */
static void eat_newline(parser *ps)
{
    if (ps->p[ps->pos] == '\r' && ps->pos + 1 < ps->n && ps->p[ps->pos + 1] == '\n')
        ps->pos++;
    ps->pos++;
    ps->line++;
}

/* Read a quoted field's content after the opening quote. Returns a problem or NULL. */
static const char *read_quoted(parser *ps, fm_rc *rc)
{
    for (;;) {
        unsigned char c;
        if (ps->pos >= ps->n)
            return "unterminated quoted field (a \" is never closed)";
        c = ps->p[ps->pos];
        if (c == '"') {
            if (ps->pos + 1 < ps->n && ps->p[ps->pos + 1] == '"') {
                *rc = fm_buf_addch(&ps->raw, '"');
                ps->pos += 2;
                continue;
            }
            ps->pos++;
            break;
        }
        if (c == '\r' || c == '\n') {
            eat_newline(ps);
            *rc = fm_buf_addch(&ps->raw, '\n');
        } else {
            *rc = fm_buf_addch(&ps->raw, (char)c);
            ps->pos++;
        }
        if (*rc)
            return NULL;
    }
    if (ps->pos < ps->n && ps->p[ps->pos] != (unsigned char)ps->delim && !at_newline(ps)) {
        /* Skip the junk so that the next field starts at the next delimiter. */
        while (ps->pos < ps->n && ps->p[ps->pos] != (unsigned char)ps->delim && !at_newline(ps))
            ps->pos++;
        return "text after a closing quote (a \" inside a quoted field must be doubled)";
    }
    return NULL;
}

static fm_rc push_field(parser *ps, fm_csv_record *r, size_t *cap, bool quoted)
{
    fm_csv_field *f;
    if (FM_GROW(r->fields, r->nfields + 1, *cap))
        return FM_ENOMEM;
    f = &r->fields[r->nfields];
    memset(f, 0, sizeof *f);
    f->quoted = quoted;
    r->nfields++;
    return decode_field(ps->enc, &ps->raw, &ps->tmp, f);
}

/* Parse one record starting at ps->pos (not at a blank line). */
static fm_rc read_record(parser *ps, fm_csv_record *r)
{
    size_t cap = 0;
    fm_rc rc = FM_OK;

    memset(r, 0, sizeof *r);
    r->line = ps->line;
    for (;;) {
        bool quoted = ps->pos < ps->n && ps->p[ps->pos] == '"';
        const char *problem = NULL;
        fm_buf_reset(&ps->raw);
        if (quoted) {
            ps->pos++;
            problem = read_quoted(ps, &rc);
        } else {
            size_t start = ps->pos;
            while (ps->pos < ps->n && ps->p[ps->pos] != (unsigned char)ps->delim && !at_newline(ps))
                ps->pos++;
            rc = fm_buf_add(&ps->raw, ps->p + start, ps->pos - start);
        }
        if (!rc)
            rc = push_field(ps, r, &cap, quoted);
        if (rc)
            return rc;
        if (problem && !r->problem) {
            r->problem = problem;
            r->problem_field = r->nfields - 1;
        }
        if (ps->pos >= ps->n)
            return FM_OK;
        if (at_newline(ps)) {
            eat_newline(ps);
            return FM_OK;
        }
        ps->pos++; /* the delimiter */
    }
}

static void free_record(fm_csv_record *r)
{
    for (size_t i = 0; i < r->nfields; i++)
        free(r->fields[i].text);
    free(r->fields);
}

void fm_csv_table_free(fm_csv_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nrecords; i++)
        free_record(&t->records[i]);
    free(t->records);
    free(t);
}

static fm_rc parse_all(parser *ps, fm_csv_table *t)
{
    size_t cap = 0;
    while (ps->pos < ps->n) {
        fm_rc rc;
        if (at_newline(ps)) {
            eat_newline(ps);
            continue;
        }
        if (FM_GROW(t->records, t->nrecords + 1, cap))
            return FM_ENOMEM;
        rc = read_record(ps, &t->records[t->nrecords]);
        t->nrecords++; /* counted even on failure so that it is freed */
        if (rc)
            return rc;
    }
    return FM_OK;
}

/*
 * Excel's "sep=;" first line: files made for Excel by other programs start
 * with it so that Excel splits them right in any locale. It names the
 * delimiter and is not the header; line numbers stay physical, so the
 * header is then line 2. True if ps was at such a line (now skipped).
 */
static bool skip_sep_line(parser *ps, char *delim)
{
    const unsigned char *p = ps->p + ps->pos;
    size_t n = ps->n - ps->pos, end = 5;

    if (n < 5 || (p[0] | 0x20) != 's' || (p[1] | 0x20) != 'e' || (p[2] | 0x20) != 'p' ||
        p[3] != '=' || (p[4] != ';' && p[4] != ',' && p[4] != '\t'))
        return false;
    if (end < n && p[end] == '\r')
        end++;
    if (end < n && p[end] == '\n')
        end++;
    if (end == 5 && n > 5)
        return false; /* "sep=;x...": an ordinary header that happens to start so */
    *delim = (char)p[4];
    ps->pos += end;
    ps->line = 2;
    return true;
}

fm_rc fm_csv_parse(const char *data, size_t len, fm_csv_table **out, fm_err *err)
{
    parser ps;
    fm_buf utf8 = FM_BUF_INIT;
    fm_csv_table *t = NULL;
    bool bom;
    fm_rc rc = FM_OK;

    *out = NULL;
    if (len > MAX_INPUT)
        return fm_err_set(err, FM_EINVAL, "file is larger than 256 MiB");
    memset(&ps, 0, sizeof ps);
    fm_buf_init(&ps.raw);
    fm_buf_init(&ps.tmp);
    ps.p = (const unsigned char *)data;
    ps.n = len;
    ps.line = 1;
    bom = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3);
    if (bom)
        ps.pos = 3;
    t = calloc(1, sizeof *t);
    if (!t) {
        rc = FM_ENOMEM;
        goto done;
    }
    if (len >= 2 &&
        ((ps.p[0] == 0xFF && ps.p[1] == 0xFE) || (ps.p[0] == 0xFE && ps.p[1] == 0xFF))) {
        rc = utf16_to_utf8(ps.p, len, &utf8);
        if (rc)
            goto done;
        ps.p = (const unsigned char *)utf8.data;
        ps.n = len = utf8.len;
        ps.pos = 0;
        t->encoding = FM_CSV_UTF16;
    } else {
        t->encoding = detect_encoding(ps.p + ps.pos, len - ps.pos, bom);
    }
    ps.enc = t->encoding;
    if (!skip_sep_line(&ps, &t->delimiter))
        t->delimiter = detect_delimiter(ps.p + ps.pos, len - ps.pos);
    ps.delim = t->delimiter;
    rc = parse_all(&ps, t);
done:
    fm_buf_release(&ps.raw);
    fm_buf_release(&ps.tmp);
    fm_buf_release(&utf8);
    if (rc) {
        fm_csv_table_free(t);
        return fm_err_set(err, rc, "out of memory reading CSV");
    }
    *out = t;
    return FM_OK;
}

const char *fm_csv_encoding_name(fm_csv_encoding e)
{
    switch (e) {
    case FM_CSV_UTF8:
        return "UTF-8";
    case FM_CSV_UTF8_BOM:
        return "UTF-8 with BOM";
    case FM_CSV_CP1252:
        return "Windows-1252";
    case FM_CSV_MIXED:
        return "mixed";
    case FM_CSV_UTF16:
        return "UTF-16";
    }
    return "unknown";
}

/* Next folded unit of a header name: ASCII lower case, '_' as ' ', Latin-1 capitals lowered. */
static unsigned fold_at(const unsigned char *s, size_t *i)
{
    unsigned char c = s[*i];
    (*i)++;
    if (c >= 'A' && c <= 'Z')
        return (unsigned)(c + 32);
    if (c == '_')
        return ' ';
    if (c == 0xC3 && s[*i] >= 0x80 && s[*i] <= 0xBF) {
        unsigned char d = s[(*i)++];
        if (d <= 0x9E && d != 0x97)
            d = (unsigned char)(d + 0x20);
        return 0xC300u | d;
    }
    return c;
}

static void trim_span(const char *s, size_t *a, size_t *b)
{
    *a = 0;
    *b = strlen(s);
    while (*a < *b && (s[*a] == ' ' || s[*a] == '\t'))
        (*a)++;
    while (*b > *a && (s[*b - 1] == ' ' || s[*b - 1] == '\t'))
        (*b)--;
}

bool fm_csv_header_eq(const char *a, const char *b)
{
    size_t a0, a1, b0, b1;
    const unsigned char *ua = (const unsigned char *)a, *ub = (const unsigned char *)b;

    trim_span(a, &a0, &a1);
    trim_span(b, &b0, &b1);
    while (a0 < a1 && b0 < b1)
        if (fold_at(ua, &a0) != fold_at(ub, &b0))
            return false;
    return a0 >= a1 && b0 >= b1;
}

bool fm_csv_parse_decimal(const char *s, double *out)
{
    char tmp[64];
    size_t a, b, n = 0;
    bool sep = false, digit = false;
    char *end = NULL;
    double v;

    trim_span(s, &a, &b);
    if (b - a >= sizeof tmp || a == b)
        return false;
    for (size_t i = a; i < b; i++) {
        char c = s[i];
        if (c == '-' && i == a) {
            tmp[n++] = c;
        } else if (c >= '0' && c <= '9') {
            tmp[n++] = c;
            digit = true;
        } else if ((c == ',' || c == '.') && !sep) {
            tmp[n++] = '.';
            sep = true;
        } else {
            return false;
        }
    }
    tmp[n] = '\0';
    if (!digit)
        return false;
    v = strtod(tmp, &end);
    if (*end)
        return false;
    *out = v;
    return true;
}

/* What a spreadsheet runs as a formula, plus the guard itself (see fm_csv_put_cell). */
static bool guarded_start(char c)
{
    return c != '\0' && strchr("=+-@\t\r'", c) != NULL;
}

fm_rc fm_csv_put_cell(fm_buf *b, const char *text, char delim)
{
    size_t n = strlen(text);
    bool quote = strchr(text, delim) || strpbrk(text, "\"\r\n") ||
                 (n && (text[0] == ' ' || text[n - 1] == ' '));
    fm_rc rc = FM_OK;

    if (quote)
        rc = fm_buf_addch(b, '"');
    if (!rc && guarded_start(text[0]))
        rc = fm_buf_addch(b, '\'');
    for (const char *p = text; !rc && *p; p++)
        rc = *p == '"' ? fm_buf_adds(b, "\"\"") : fm_buf_addch(b, *p);
    if (!rc && quote)
        rc = fm_buf_addch(b, '"');
    return rc;
}

bool fm_csv_unguard(char *s)
{
    if (s[0] != '\'' || !guarded_start(s[1]))
        return false;
    memmove(s, s + 1, strlen(s));
    return true;
}
