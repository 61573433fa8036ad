/* export.c - a results file as pyperf JSON files and as CSV (see export.h). */
#include "harness/export.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness/fs.h"
#include "harness/output.h"

#define NS_PER_S 1e9
/* What machine.h says of a fact it could not read. */
#define EXPORT_UNKNOWN "unknown"
/* "2026-12-01T09:28:31Z": the date and the time, as results_save writes them. */
#define ISO_DATE_LENGTH 10
#define ISO_DATETIME_LENGTH 19
/* Digits enough for any double to read back the same... */
#define CSV_NUMBER_DIGITS 17
/* ...and enough for a speedup, whose interval is much wider. */
#define CSV_ESTIMATE_DIGITS 6

/* ---- pyperf --------------------------------------------------------------- */

static int name_char(char c)
{
    return isalnum((unsigned char)c) || c == '.' || c == '+' || c == '_' || c == '-';
}

static void name_part(buf *out, const char *s)
{
    for (const char *p = s; *p; p++)
        buf_append(out, name_char(*p) ? p : "_", 1);
}

void export_pyperf_name(buf *out, const measurement *m)
{
    name_part(out, m->problem);
    buf_puts(out, "-");
    name_part(out, m->rung);
    buf_puts(out, "-");
    if (m->has_interpreter && m->interp.id[0]) {
        name_part(out, m->interp.id);
        buf_puts(out, "-");
    }
    name_part(out, m->size);
}

/* A metadata string as pyperf accepts it: on one line, trimmed, never
 * empty (then it is left out), and never ladder's "unknown". */
static void add_text(cJSON *o, const char *key, const char *value)
{
    if (value == NULL)
        return;
    buf line = BUF_INIT;
    for (const char *p = value; *p; p++)
        buf_append(&line, *p == '\n' || *p == '\r' || *p == '\t' ? " " : p, 1);
    const char *start = line.data ? line.data : "";
    while (*start == ' ')
        start++;
    size_t len = strlen(start);
    while (len > 0 && start[len - 1] == ' ')
        len--;
    int unknown = len == strlen(EXPORT_UNKNOWN) && strncmp(start, EXPORT_UNKNOWN, len) == 0;
    if (len > 0 && !unknown) {
        buf trimmed = BUF_INIT;
        buf_append(&trimmed, start, len);
        cJSON_AddStringToObject(o, key, trimmed.data);
        buf_release(&trimmed);
    }
    buf_release(&line);
}

/* pyperf's dates are "YYYY-MM-DD HH:MM:SS" (datetime.isoformat(' ')). */
static void add_date(cJSON *o, const char *iso)
{
    if (iso == NULL || strlen(iso) < ISO_DATETIME_LENGTH || iso[ISO_DATE_LENGTH] != 'T')
        return;
    char date[ISO_DATETIME_LENGTH + 1];
    memcpy(date, iso, ISO_DATETIME_LENGTH);
    date[ISO_DATE_LENGTH] = ' ';
    date[ISO_DATETIME_LENGTH] = '\0';
    cJSON_AddStringToObject(o, "date", date);
}

static cJSON *machine_metadata(const results *r)
{
    const machine_info *mi = &r->machine;
    cJSON *o = cJSON_CreateObject();
    add_text(o, "cpu_model_name", mi->cpu_model);
    if (mi->cores > 0)
        cJSON_AddNumberToObject(o, "cpu_count", (double)mi->cores);
    add_text(o, "hostname", mi->hostname);
    add_text(o, "platform", mi->kernel);
    if (mi->load_average >= 0)
        cJSON_AddNumberToObject(o, "load_avg_1min", mi->load_average);
    if (mi->governor != NULL && mi->governor[0] && strcmp(mi->governor, EXPORT_UNKNOWN) != 0) {
        buf config = BUF_INIT;
        buf_printf(&config, "governor:%s", mi->governor);
        add_text(o, "cpu_config", config.data);
        buf_release(&config);
    }
    add_text(o, "ladder_os", mi->os);
    add_text(o, "ladder_c_compiler", mi->compiler);
    if (mi->memory_bytes > 0)
        cJSON_AddNumberToObject(o, "ladder_memory_bytes", (double)mi->memory_bytes);
    return o;
}

static void interpreter_metadata(cJSON *o, const measurement_interpreter *i)
{
    add_text(o, "python_implementation", i->implementation);
    /* pyperf writes "3.13.0" for CPython, "PyPy 7.3.11 (Python 3.9.18)" for
     * the others: their own version first. */
    add_text(o, "python_version", strcmp(i->implementation, "cpython") == 0 ? i->version : i->name);
    add_text(o, "python_executable", i->executable);
    add_text(o, "ladder_interpreter", i->id);
    add_text(o, "ladder_interpreter_name", i->name);
    add_text(o, "ladder_python_build_flags", i->build_flags);
    if (i->jit)
        add_text(o, "ladder_python_jit", "yes");
    if (i->free_threaded)
        add_text(o, "ladder_python_free_threaded", "yes");
}

static cJSON *benchmark_metadata(const measurement *m)
{
    cJSON *o = cJSON_CreateObject();
    buf name = BUF_INIT;
    export_pyperf_name(&name, m);
    cJSON_AddStringToObject(o, "name", name.data);
    buf_release(&name);
    cJSON_AddStringToObject(o, "unit", "second");
    /* A value is one iteration: one call of the problem's function. */
    cJSON_AddNumberToObject(o, "loops", 1);
    if (m->has_interpreter)
        interpreter_metadata(o, &m->interp);
    add_text(o, "ladder_problem", m->problem);
    add_text(o, "ladder_rung", m->rung);
    add_text(o, "ladder_title", m->rung_title);
    add_text(o, "ladder_size", m->size);
    add_text(o, "ladder_argument", m->argument);
    add_text(o, "ladder_parameter", m->parameter);
    add_text(o, "ladder_cost", m->cost);
    add_text(o, "ladder_output_sha256", m->output_sha256);
    add_text(o, "ladder_suspect", m->suspect);
    add_text(o, "ladder_notes", m->notes);
    if (m->source_lines >= 0)
        cJSON_AddNumberToObject(o, "ladder_source_lines", (double)m->source_lines);
    if (m->speedup > 0)
        cJSON_AddNumberToObject(o, "ladder_speedup", m->speedup);
    return o;
}

static cJSON *seconds_array(const int64_t *ns, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateNumber((double)ns[i] / NS_PER_S));
    return a;
}

static cJSON *run_json(const results *r, const measurement *m)
{
    cJSON *run = cJSON_CreateObject();
    cJSON *metadata = cJSON_AddObjectToObject(run, "metadata");
    add_date(metadata, r->created);
    if (m->max_rss_bytes >= 0)
        cJSON_AddNumberToObject(metadata, "mem_max_rss", (double)m->max_rss_bytes);
    size_t warmups = m->warmup_iterations < m->iterations ? m->warmup_iterations : m->iterations;
    if (warmups > 0) {
        /* Format 1.0: each warm-up is [loops, value per loop]. */
        cJSON *list = cJSON_AddArrayToObject(run, "warmups");
        for (size_t i = 0; i < warmups; i++) {
            cJSON *pair = cJSON_CreateArray();
            cJSON_AddItemToArray(pair, cJSON_CreateNumber(1));
            cJSON_AddItemToArray(pair, cJSON_CreateNumber((double)m->iterations_ns[i] / NS_PER_S));
            cJSON_AddItemToArray(list, pair);
        }
    }
    cJSON_AddItemToObject(run, "values", seconds_array(m->times_ns, m->runs));
    return run;
}

static int exported(const measurement *m)
{
    return m->status == MEASUREMENT_VERIFIED && m->runs > 0;
}

static cJSON *benchmark_json(const results *r, const measurement *m)
{
    cJSON *benchmark = cJSON_CreateObject();
    cJSON_AddItemToObject(benchmark, "metadata", benchmark_metadata(m));
    cJSON *runs = cJSON_AddArrayToObject(benchmark, "runs");
    cJSON_AddItemToArray(runs, run_json(r, m));
    return benchmark;
}

/* The suite of m alone, or of every exported row of r when m is NULL, as
 * text ending in a newline (as pyperf's own files do). */
static char *suite_text(const results *r, const measurement *m)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "version", EXPORT_PYPERF_FORMAT);
    cJSON_AddItemToObject(doc, "metadata", machine_metadata(r));
    cJSON *benchmarks = cJSON_AddArrayToObject(doc, "benchmarks");
    for (size_t i = 0; i < r->count; i++)
        if (m == NULL ? exported(&r->items[i]) : &r->items[i] == m)
            cJSON_AddItemToArray(benchmarks, benchmark_json(r, &r->items[i]));
    char *text = cJSON_Print(doc);
    cJSON_Delete(doc);
    buf out = BUF_INIT;
    if (text != NULL && buf_printf(&out, "%s\n", text) == 0) {
        free(text);
        return buf_detach(&out);
    }
    free(text);
    buf_release(&out);
    return NULL;
}

char *export_pyperf_document(const results *r, const measurement *m)
{
    return suite_text(r, m);
}

char *export_pyperf_suite_document(const results *r)
{
    return suite_text(r, NULL);
}

/* Checks before anything is written: every time above 0, every name once. */
static int check_rows(const results *r, char *err, size_t errlen)
{
    buf a = BUF_INIT, b = BUF_INIT;
    int status = -1;
    for (size_t i = 0; i < r->count; i++) {
        const measurement *m = &r->items[i];
        if (!exported(m))
            continue;
        buf_clear(&a);
        export_pyperf_name(&a, m);
        for (size_t k = 0; k < m->runs; k++)
            if (m->times_ns[k] <= 0) {
                snprintf(err, errlen, "row '%s' has a time of %lld ns: pyperf holds only times above 0",
                         a.data, (long long)m->times_ns[k]);
                goto cleanup;
            }
        for (size_t j = 0; j < i; j++) {
            if (!exported(&r->items[j]))
                continue;
            buf_clear(&b);
            export_pyperf_name(&b, &r->items[j]);
            if (strcmp(a.data, b.data) == 0) {
                snprintf(err, errlen, "two rows would both be written as '%s.json'", a.data);
                goto cleanup;
            }
        }
    }
    status = 0;
cleanup:
    buf_release(&a);
    buf_release(&b);
    return status;
}

int export_pyperf(const results *r, const char *dir, size_t *files, char *err, size_t errlen)
{
    buf path = BUF_INIT;
    char *text = NULL;
    int status = -1;
    *files = 0;
    if (check_rows(r, err, errlen) != 0)
        goto cleanup;
    struct stat st;
    if (fs_make_dirs(dir) != 0) {
        snprintf(err, errlen, "cannot create the folder '%s': %s", dir, strerror(errno));
        goto cleanup;
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "'%s' is not a folder", dir);
        goto cleanup;
    }
    for (size_t i = 0; i < r->count; i++) {
        const measurement *m = &r->items[i];
        if (!exported(m))
            continue;
        buf_clear(&path);
        buf_printf(&path, "%s/", dir);
        export_pyperf_name(&path, m);
        buf_puts(&path, ".json");
        if ((text = export_pyperf_document(r, m)) == NULL) {
            snprintf(err, errlen, "out of memory");
            goto cleanup;
        }
        if (output_write(path.data, text, strlen(text), err, errlen) != 0)
            goto cleanup;
        free(text);
        text = NULL;
        (*files)++;
    }
    status = 0;
cleanup:
    free(text);
    buf_release(&path);
    return status;
}

int export_pyperf_suite(const results *r, const char *path, size_t *rows, char *err, size_t errlen)
{
    char *text = NULL;
    int status = -1;
    *rows = 0;
    if (check_rows(r, err, errlen) != 0)
        goto cleanup;
    if ((text = export_pyperf_suite_document(r)) == NULL) {
        snprintf(err, errlen, "out of memory");
        goto cleanup;
    }
    if (output_write(path, text, strlen(text), err, errlen) != 0)
        goto cleanup;
    for (size_t i = 0; i < r->count; i++)
        *rows += (size_t)exported(&r->items[i]);
    status = 0;
cleanup:
    free(text);
    return status;
}

/* ---- CSV ------------------------------------------------------------------ */

void export_csv_field(buf *out, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        buf_puts(out, s);
        return;
    }
    buf_puts(out, "\"");
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            buf_puts(out, "\"\"");
        else
            buf_append(out, p, 1);
    }
    buf_puts(out, "\"");
}

/* ",value", or "," alone when the row has none. */
static void number_field(buf *out, double v, int present)
{
    buf_puts(out, ",");
    if (present)
        buf_printf(out, "%.*g", CSV_NUMBER_DIGITS, v);
}

/* The same for an estimate such as a speedup: more digits than it has
 * would only be noise to read. */
static void estimate_field(buf *out, double v, int present)
{
    buf_puts(out, ",");
    if (present)
        buf_printf(out, "%.*g", CSV_ESTIMATE_DIGITS, v);
}

static void text_field(buf *out, const char *s)
{
    buf_puts(out, ",");
    export_csv_field(out, s);
}

void export_csv(buf *out, const results *r)
{
    buf_puts(out, EXPORT_CSV_COLUMNS "\r\n");
    for (size_t i = 0; i < r->count; i++) {
        const measurement *m = &r->items[i];
        int timed = m->status == MEASUREMENT_VERIFIED && m->runs > 0;
        export_csv_field(out, m->problem);
        text_field(out, m->rung);
        text_field(out, m->rung_title);
        text_field(out, m->has_interpreter ? m->interp.id : "");
        text_field(out, m->size);
        text_field(out, m->argument);
        text_field(out, measurement_status_name(m->status));
        number_field(out, m->stats.median_ns, timed);
        estimate_field(out, m->speedup, m->speedup > 0);
        estimate_field(out, m->speedup_low, m->speedup_low > 0);
        estimate_field(out, m->speedup_high, m->speedup_high > 0);
        number_field(out, (double)m->runs, 1);
        number_field(out, (double)m->max_rss_bytes, m->max_rss_bytes >= 0);
        text_field(out, m->output_sha256);
        text_field(out, m->reason);
        buf_puts(out, "\r\n");
    }
}

int export_csv_save(const results *r, const char *path, char *err, size_t errlen)
{
    buf text = BUF_INIT;
    int status = -1;
    export_csv(&text, r);
    if (strcmp(path, "-") == 0) {
        if (fwrite(text.data, 1, text.len, stdout) != text.len || fflush(stdout) != 0)
            snprintf(err, errlen, "cannot write to standard output: %s", strerror(errno));
        else
            status = 0;
    } else {
        status = output_write(path, text.data, text.len, err, errlen);
    }
    buf_release(&text);
    return status;
}
