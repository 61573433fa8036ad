/* results.c - results in memory and as JSON (see results.h). */
#include "harness/results.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/fs.h"

static char *copy_or_empty(const char *s)
{
    return strdup(s ? s : "");
}

const char *measurement_status_name(measurement_status s)
{
    switch (s) {
    case MEASUREMENT_VERIFIED:
        return "verified";
    case MEASUREMENT_FAILED:
        return "failed";
    case MEASUREMENT_SKIPPED:
        return "skipped";
    }
    return "unknown";
}

static void measurement_release(measurement *m)
{
    free(m->problem);
    free(m->problem_title);
    free(m->rung);
    free(m->rung_title);
    free(m->cost);
    free(m->size);
    free(m->argument);
    free(m->parameter);
    free(m->reason);
    free(m->enable);
    free(m->times_ns);
}

measurement *results_add(results *r, const measurement *m)
{
    measurement *grown = realloc(r->items, (r->count + 1) * sizeof *grown);
    if (grown == NULL)
        return NULL;
    r->items = grown;
    measurement *copy = &r->items[r->count];
    *copy = *m;
    copy->problem = copy_or_empty(m->problem);
    copy->problem_title = copy_or_empty(m->problem_title);
    copy->rung = copy_or_empty(m->rung);
    copy->rung_title = copy_or_empty(m->rung_title);
    copy->cost = copy_or_empty(m->cost);
    copy->size = copy_or_empty(m->size);
    copy->argument = copy_or_empty(m->argument);
    copy->parameter = copy_or_empty(m->parameter);
    copy->reason = copy_or_empty(m->reason);
    copy->enable = copy_or_empty(m->enable);
    copy->times_ns = NULL;
    if (m->runs > 0) {
        copy->times_ns = malloc(m->runs * sizeof *copy->times_ns);
        if (copy->times_ns == NULL)
            return NULL;
        memcpy(copy->times_ns, m->times_ns, m->runs * sizeof *copy->times_ns);
        stats_compute(copy->times_ns, copy->runs, &copy->stats);
        copy->noisy = stats_is_noisy(&copy->stats);
    } else {
        memset(&copy->stats, 0, sizeof copy->stats);
    }
    r->count++;
    return copy;
}

void results_compute_speedups(results *r)
{
    for (size_t i = 0; i < r->count; i++) {
        measurement *m = &r->items[i];
        m->speedup = 0;
        if (m->status != MEASUREMENT_VERIFIED || m->runs == 0 || r->baseline == NULL)
            continue;
        for (size_t j = 0; j < r->count; j++) {
            const measurement *b = &r->items[j];
            if (b->status == MEASUREMENT_VERIFIED && b->runs > 0 &&
                strcmp(b->rung, r->baseline) == 0 && strcmp(b->problem, m->problem) == 0 &&
                strcmp(b->argument, m->argument) == 0 && m->stats.median_ns > 0)
                m->speedup = b->stats.median_ns / m->stats.median_ns;
        }
    }
}

/* ---- writing ------------------------------------------------------------- */

static cJSON *machine_to_json(const machine_info *mi)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "cpu_model", mi->cpu_model);
    cJSON_AddNumberToObject(o, "cores", (double)mi->cores);
    cJSON_AddNumberToObject(o, "memory_bytes", (double)mi->memory_bytes);
    cJSON_AddStringToObject(o, "governor", mi->governor);
    cJSON_AddNumberToObject(o, "load_average", mi->load_average);
    cJSON_AddStringToObject(o, "kernel", mi->kernel);
    cJSON_AddStringToObject(o, "os", mi->os);
    cJSON_AddStringToObject(o, "compiler", mi->compiler);
    cJSON *py = cJSON_AddObjectToObject(o, "python");
    cJSON_AddStringToObject(py, "executable", mi->python_executable);
    cJSON_AddStringToObject(py, "version", mi->python_version);
    cJSON_AddStringToObject(py, "build_flags", mi->python_build_flags);
    return o;
}

static cJSON *measurement_to_json(const measurement *m)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "problem", m->problem);
    cJSON_AddStringToObject(o, "problem_title", m->problem_title);
    cJSON_AddStringToObject(o, "rung", m->rung);
    cJSON_AddStringToObject(o, "rung_title", m->rung_title);
    cJSON_AddStringToObject(o, "cost", m->cost);
    cJSON_AddStringToObject(o, "size", m->size);
    cJSON_AddStringToObject(o, "argument", m->argument);
    cJSON_AddStringToObject(o, "parameter", m->parameter);
    cJSON_AddStringToObject(o, "status", measurement_status_name(m->status));
    cJSON_AddStringToObject(o, "reason", m->reason);
    if (m->status == MEASUREMENT_SKIPPED)
        cJSON_AddStringToObject(o, "enable", m->enable);
    if (m->cold_ns >= 0)
        cJSON_AddNumberToObject(o, "cold_ns", (double)m->cold_ns);
    else
        cJSON_AddNullToObject(o, "cold_ns");
    cJSON *times = cJSON_AddArrayToObject(o, "times_ns");
    for (size_t i = 0; i < m->runs; i++)
        cJSON_AddItemToArray(times, cJSON_CreateNumber((double)m->times_ns[i]));
    if (m->runs > 0) {
        cJSON_AddNumberToObject(o, "median_ns", m->stats.median_ns);
        cJSON_AddNumberToObject(o, "min_ns", m->stats.min_ns);
        cJSON_AddNumberToObject(o, "max_ns", m->stats.max_ns);
        cJSON_AddNumberToObject(o, "mean_ns", m->stats.mean_ns);
        cJSON_AddNumberToObject(o, "stddev_ns", m->stats.stddev_ns);
        cJSON_AddNumberToObject(o, "mad_ns", m->stats.mad_ns);
        cJSON_AddNumberToObject(o, "outliers", (double)m->stats.outliers);
        cJSON_AddBoolToObject(o, "noisy", m->noisy);
    } else {
        cJSON_AddNullToObject(o, "median_ns");
    }
    if (m->speedup > 0)
        cJSON_AddNumberToObject(o, "speedup", m->speedup);
    else
        cJSON_AddNullToObject(o, "speedup");
    if (m->max_rss_bytes >= 0)
        cJSON_AddNumberToObject(o, "max_rss_bytes", (double)m->max_rss_bytes);
    else
        cJSON_AddNullToObject(o, "max_rss_bytes");
    cJSON_AddNumberToObject(o, "wall_ns", (double)m->wall_ns);
    cJSON_AddNumberToObject(o, "cpu_ns", (double)m->cpu_ns);
    if (m->source_lines >= 0)
        cJSON_AddNumberToObject(o, "source_lines", (double)m->source_lines);
    else
        cJSON_AddNullToObject(o, "source_lines");
    return o;
}

int results_save(const results *r, const char *path, char *err, size_t errlen)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddNumberToObject(doc, "format", RESULTS_FORMAT_VERSION);
    cJSON_AddStringToObject(doc, "created", r->created ? r->created : "");
    cJSON_AddItemToObject(doc, "machine", machine_to_json(&r->machine));
    cJSON *settings = cJSON_AddObjectToObject(doc, "settings");
    cJSON_AddStringToObject(settings, "baseline", r->baseline ? r->baseline : "");
    cJSON_AddNumberToObject(settings, "budget_s", r->budget_s);
    cJSON_AddNumberToObject(settings, "min_runs", r->min_runs);
    cJSON_AddNumberToObject(settings, "max_runs", r->max_runs);
    cJSON_AddNumberToObject(settings, "timeout_s", r->timeout_s);
    cJSON *list = cJSON_AddArrayToObject(doc, "measurements");
    for (size_t i = 0; i < r->count; i++)
        cJSON_AddItemToArray(list, measurement_to_json(&r->items[i]));
    char *text = cJSON_Print(doc);
    cJSON_Delete(doc);
    int status = -1;
    if (text == NULL)
        snprintf(err, errlen, "out of memory");
    else if (fs_write_file_atomic(path, text, strlen(text)) != 0)
        snprintf(err, errlen, "cannot write '%s'", path);
    else
        status = 0;
    free(text);
    return status;
}

/* ---- reading ------------------------------------------------------------- */

static const char *get_string(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static double get_number(const cJSON *o, const char *key, double fallback)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : fallback;
}

static measurement_status parse_status(const char *s)
{
    if (strcmp(s, "verified") == 0)
        return MEASUREMENT_VERIFIED;
    if (strcmp(s, "skipped") == 0)
        return MEASUREMENT_SKIPPED;
    return MEASUREMENT_FAILED;
}

int results_load(const char *path, results *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    buf text = BUF_INIT;
    cJSON *doc = NULL;
    int status = -1;
    if (fs_read_file(path, &text) != 0) {
        snprintf(err, errlen, "cannot read '%s'", path);
        goto cleanup;
    }
    doc = cJSON_ParseWithLength(text.data ? text.data : "", text.len);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "measurements");
    if (doc == NULL || !cJSON_IsArray(list)) {
        snprintf(err, errlen, "'%s' is not a ladder results file (no measurements)", path);
        goto cleanup;
    }
    const cJSON *mj = cJSON_GetObjectItemCaseSensitive(doc, "machine");
    const cJSON *pj = cJSON_GetObjectItemCaseSensitive(mj, "python");
    machine_info *mi = &r->machine;
    mi->cpu_model = strdup(get_string(mj, "cpu_model"));
    mi->cores = (long)get_number(mj, "cores", 0);
    mi->memory_bytes = (long)get_number(mj, "memory_bytes", 0);
    mi->governor = strdup(get_string(mj, "governor"));
    mi->load_average = get_number(mj, "load_average", -1);
    mi->kernel = strdup(get_string(mj, "kernel"));
    mi->os = strdup(get_string(mj, "os"));
    mi->compiler = strdup(get_string(mj, "compiler"));
    mi->python_executable = strdup(get_string(pj, "executable"));
    mi->python_version = strdup(get_string(pj, "version"));
    mi->python_build_flags = strdup(get_string(pj, "build_flags"));
    r->created = strdup(get_string(doc, "created"));
    const cJSON *sj = cJSON_GetObjectItemCaseSensitive(doc, "settings");
    r->baseline = strdup(get_string(sj, "baseline"));
    r->budget_s = get_number(sj, "budget_s", 0);
    r->min_runs = (int)get_number(sj, "min_runs", 0);
    r->max_runs = (int)get_number(sj, "max_runs", 0);
    r->timeout_s = get_number(sj, "timeout_s", 0);

    const cJSON *item;
    cJSON_ArrayForEach(item, list) {
        measurement m = {0};
        m.problem = (char *)get_string(item, "problem");
        m.problem_title = (char *)get_string(item, "problem_title");
        m.rung = (char *)get_string(item, "rung");
        m.rung_title = (char *)get_string(item, "rung_title");
        m.cost = (char *)get_string(item, "cost");
        m.size = (char *)get_string(item, "size");
        m.argument = (char *)get_string(item, "argument");
        m.parameter = (char *)get_string(item, "parameter");
        m.reason = (char *)get_string(item, "reason");
        m.enable = (char *)get_string(item, "enable");
        m.status = parse_status(get_string(item, "status"));
        m.cold_ns = (int64_t)get_number(item, "cold_ns", -1);
        m.max_rss_bytes = (int64_t)get_number(item, "max_rss_bytes", -1);
        m.wall_ns = (int64_t)get_number(item, "wall_ns", 0);
        m.cpu_ns = (int64_t)get_number(item, "cpu_ns", 0);
        m.source_lines = (long)get_number(item, "source_lines", -1);
        const cJSON *times = cJSON_GetObjectItemCaseSensitive(item, "times_ns");
        int n = cJSON_GetArraySize(times);
        int64_t *values = n > 0 ? malloc((size_t)n * sizeof *values) : NULL;
        const cJSON *t;
        cJSON_ArrayForEach(t, times) values[m.runs++] = (int64_t)t->valuedouble;
        m.times_ns = values;
        measurement *added = results_add(r, &m);
        free(values);
        if (added == NULL) {
            snprintf(err, errlen, "out of memory");
            goto cleanup;
        }
    }
    results_compute_speedups(r);
    status = 0;
cleanup:
    cJSON_Delete(doc);
    buf_release(&text);
    if (status != 0)
        results_release(r);
    return status;
}

void results_release(results *r)
{
    for (size_t i = 0; i < r->count; i++)
        measurement_release(&r->items[i]);
    free(r->items);
    free(r->created);
    free(r->baseline);
    machine_info_release(&r->machine);
    memset(r, 0, sizeof *r);
}
