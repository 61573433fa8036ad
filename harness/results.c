/* results.c - results in memory and as JSON (see results.h). */
#include "harness/results.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness/fs.h"
#include "harness/output.h"

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
    case MEASUREMENT_NOT_APPLICABLE:
        return "not-applicable";
    }
    return "unknown";
}

const char *results_state_name(results_state s)
{
    switch (s) {
    case RESULTS_RUNNING:
        return "running";
    case RESULTS_COMPLETE:
        return "complete";
    case RESULTS_INTERRUPTED:
        return "interrupted";
    }
    return "unknown";
}

static void interp_release(measurement_interpreter *i)
{
    free(i->id);
    free(i->name);
    free(i->implementation);
    free(i->version);
    free(i->impl_version);
    free(i->executable);
    free(i->build_flags);
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
    free(m->suspect);
    free(m->notes);
    free(m->runtime);
    free(m->instructions_counter);
    free(m->iterations_ns);
    free(m->times_ns);
    free(m->rounds);
    if (m->has_interpreter)
        interp_release(&m->interp);
}

static void *copy_array(const void *from, size_t n, size_t size)
{
    if (from == NULL || n == 0)
        return NULL;
    void *to = malloc(n * size);
    if (to != NULL)
        memcpy(to, from, n * size);
    return to;
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
    copy->suspect = copy_or_empty(m->suspect);
    copy->notes = copy_or_empty(m->notes);
    copy->runtime = copy_or_empty(m->runtime);
    copy->instructions_counter = copy_or_empty(m->instructions_counter);
    if (m->has_interpreter) {
        const measurement_interpreter *i = &m->interp;
        copy->interp.id = copy_or_empty(i->id);
        copy->interp.name = copy_or_empty(i->name);
        copy->interp.implementation = copy_or_empty(i->implementation);
        copy->interp.version = copy_or_empty(i->version);
        copy->interp.impl_version = copy_or_empty(i->impl_version);
        copy->interp.executable = copy_or_empty(i->executable);
        copy->interp.build_flags = copy_or_empty(i->build_flags);
    }
    copy->iterations_ns = copy_array(m->iterations_ns, m->iterations, sizeof *m->iterations_ns);
    copy->times_ns = copy_array(m->times_ns, m->runs, sizeof *m->times_ns);
    copy->rounds = copy_array(m->rounds, m->runs, sizeof *m->rounds);
    if (m->runs > 0) {
        stats_compute(copy->times_ns, copy->runs, &copy->stats);
        copy->noisy = stats_is_noisy(&copy->stats);
    } else {
        memset(&copy->stats, 0, sizeof copy->stats);
    }
    r->count++;
    return copy;
}

int results_same_interpreter(const measurement *m, const char *id)
{
    return m->has_interpreter ? strcmp(m->interp.id, id) == 0 : id[0] == '\0';
}

const measurement *results_baseline_of(const results *r, const measurement *m)
{
    if (r->baseline == NULL)
        return NULL;
    for (size_t j = 0; j < r->count; j++) {
        const measurement *b = &r->items[j];
        if (b->status == MEASUREMENT_VERIFIED && b->runs > 0 && strcmp(b->rung, r->baseline) == 0 &&
            results_same_interpreter(b, r->baseline_interpreter ? r->baseline_interpreter : "") &&
            strcmp(b->problem, m->problem) == 0 && strcmp(b->argument, m->argument) == 0)
            return b;
    }
    return NULL;
}

void results_compute_speedups(results *r)
{
    for (size_t i = 0; i < r->count; i++) {
        measurement *m = &r->items[i];
        m->speedup = m->speedup_low = m->speedup_high = 0;
        if (m->status != MEASUREMENT_VERIFIED || m->runs == 0 || m->suspect[0] ||
            m->stats.median_ns <= 0)
            continue;
        const measurement *b = results_baseline_of(r, m);
        if (b == NULL)
            continue;
        m->speedup = b->stats.median_ns / m->stats.median_ns;
        /* One run has no spread to resample: an interval from the other
         * side's runs alone would look narrower than the truth, so none. */
        double lo, hi;
        if (b != m && b->runs > 1 && m->runs > 1 &&
            stats_ratio_interval(b->times_ns, b->runs, m->times_ns, m->runs, &lo, &hi) == 0) {
            m->speedup_low = lo;
            m->speedup_high = hi;
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
    cJSON_AddStringToObject(o, "hostname", mi->hostname);
    return o;
}

static void add_int64_array(cJSON *o, const char *key, const int64_t *v, size_t n)
{
    cJSON *a = cJSON_AddArrayToObject(o, key);
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateNumber((double)v[i]));
}

static void add_number_or_null(cJSON *o, const char *key, double v, int present)
{
    if (present)
        cJSON_AddNumberToObject(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

static cJSON *interpreter_to_json(const measurement_interpreter *i)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", i->id);
    cJSON_AddStringToObject(o, "name", i->name);
    cJSON_AddStringToObject(o, "implementation", i->implementation);
    cJSON_AddStringToObject(o, "version", i->version);
    cJSON_AddStringToObject(o, "implementation_version", i->impl_version);
    cJSON_AddStringToObject(o, "executable", i->executable);
    cJSON_AddBoolToObject(o, "jit", i->jit);
    cJSON_AddBoolToObject(o, "free_threaded", i->free_threaded);
    cJSON_AddStringToObject(o, "build_flags", i->build_flags);
    return o;
}

static cJSON *measurement_to_json(const measurement *m)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "problem", m->problem);
    cJSON_AddStringToObject(o, "problem_title", m->problem_title);
    cJSON_AddStringToObject(o, "rung", m->rung);
    cJSON_AddStringToObject(o, "rung_title", m->rung_title);
    if (m->has_interpreter)
        cJSON_AddItemToObject(o, "interpreter", interpreter_to_json(&m->interp));
    else
        cJSON_AddNullToObject(o, "interpreter");
    cJSON_AddStringToObject(o, "cost", m->cost);
    cJSON_AddStringToObject(o, "size", m->size);
    cJSON_AddStringToObject(o, "argument", m->argument);
    cJSON_AddStringToObject(o, "parameter", m->parameter);
    cJSON_AddStringToObject(o, "status", measurement_status_name(m->status));
    cJSON_AddStringToObject(o, "reason", m->reason);
    if (m->status == MEASUREMENT_SKIPPED)
        cJSON_AddStringToObject(o, "enable", m->enable);
    if (m->suspect[0])
        cJSON_AddStringToObject(o, "suspect", m->suspect);
    else
        cJSON_AddNullToObject(o, "suspect");
    cJSON_AddStringToObject(o, "notes", m->notes);
    if (m->runtime[0])
        cJSON_AddStringToObject(o, "runtime", m->runtime);
    add_number_or_null(o, "cold_ns", (double)m->cold_ns, m->cold_ns >= 0);
    add_int64_array(o, "iterations_ns", m->iterations_ns, m->iterations);
    cJSON_AddNumberToObject(o, "warmup_iterations", (double)m->warmup_iterations);
    cJSON_AddBoolToObject(o, "jit", m->jit);
    if (m->jit) {
        double to_steady = 0;
        for (size_t i = 0; i < m->warmup_iterations && i < m->iterations; i++)
            to_steady += (double)m->iterations_ns[i];
        cJSON_AddBoolToObject(o, "steady", m->steady);
        cJSON_AddNumberToObject(o, "time_to_steady_ns", to_steady);
    }
    add_int64_array(o, "times_ns", m->times_ns, m->runs);
    cJSON *rounds = cJSON_AddArrayToObject(o, "rounds");
    for (size_t i = 0; m->rounds && i < m->runs; i++)
        cJSON_AddItemToArray(rounds, cJSON_CreateNumber(m->rounds[i]));
    cJSON_AddBoolToObject(o, "slow", m->slow);
    cJSON_AddBoolToObject(o, "cold_only", m->cold_only);
    if (m->budget_s > 0)
        cJSON_AddNumberToObject(o, "budget_s", m->budget_s);
    if (m->processes > 0)
        cJSON_AddNumberToObject(o, "processes", m->processes);
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
    add_number_or_null(o, "instructions", m->instructions, m->instructions >= 0);
    if (m->instructions >= 0)
        cJSON_AddStringToObject(o, "instructions_counter", m->instructions_counter);
    add_number_or_null(o, "speedup", m->speedup, m->speedup > 0);
    add_number_or_null(o, "speedup_low", m->speedup_low, m->speedup_low > 0);
    add_number_or_null(o, "speedup_high", m->speedup_high, m->speedup_high > 0);
    add_number_or_null(o, "max_rss_bytes", (double)m->max_rss_bytes, m->max_rss_bytes >= 0);
    cJSON_AddNumberToObject(o, "wall_ns", (double)m->wall_ns);
    cJSON_AddNumberToObject(o, "cpu_ns", (double)m->cpu_ns);
    add_number_or_null(o, "source_lines", (double)m->source_lines, m->source_lines >= 0);
    cJSON *e = cJSON_AddObjectToObject(o, "effort");
    add_number_or_null(e, "source_lines", (double)m->source_lines, m->source_lines >= 0);
    add_number_or_null(e, "lines_added", (double)m->lines_added, m->lines_added >= 0);
    add_number_or_null(e, "lines_removed", (double)m->lines_removed, m->lines_removed >= 0);
    add_number_or_null(e, "gzip_bytes", (double)m->gzip_bytes, m->gzip_bytes >= 0);
    add_number_or_null(e, "build_seconds", m->build_s, m->build_s >= 0);
    add_number_or_null(e, "installed_bytes", (double)m->installed_bytes, m->installed_bytes >= 0);
    add_number_or_null(e, "first_call_ns", (double)m->cold_ns - m->stats.median_ns,
                       m->cold_ns >= 0 && m->runs > 0 && !m->cold_only);
    if (m->output_sha256[0])
        cJSON_AddStringToObject(o, "output_sha256", m->output_sha256);
    else
        cJSON_AddNullToObject(o, "output_sha256");
    return o;
}

static char *results_to_text(const results *r)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddNumberToObject(doc, "format", RESULTS_FORMAT_VERSION);
    cJSON_AddStringToObject(doc, "created", r->created ? r->created : "");
    cJSON_AddStringToObject(doc, "state", results_state_name(r->state));
    cJSON_AddStringToObject(doc, "command", r->command ? r->command : "");
    cJSON_AddItemToObject(doc, "machine", machine_to_json(&r->machine));
    cJSON *settings = cJSON_AddObjectToObject(doc, "settings");
    cJSON_AddStringToObject(settings, "baseline", r->baseline ? r->baseline : "");
    cJSON_AddStringToObject(settings, "baseline_interpreter",
                            r->baseline_interpreter ? r->baseline_interpreter : "");
    cJSON_AddStringToObject(settings, "baseline_title", r->baseline_title ? r->baseline_title : "");
    cJSON_AddNumberToObject(settings, "budget_s", r->budget_s);
    if (r->time_limit_s > 0)
        cJSON_AddNumberToObject(settings, "time_limit_s", r->time_limit_s);
    cJSON_AddNumberToObject(settings, "min_runs", r->min_runs);
    cJSON_AddNumberToObject(settings, "max_runs", r->max_runs);
    cJSON_AddNumberToObject(settings, "timeout_s", r->timeout_s);
    cJSON *list = cJSON_AddArrayToObject(doc, "measurements");
    for (size_t i = 0; i < r->count; i++)
        cJSON_AddItemToArray(list, measurement_to_json(&r->items[i]));
    char *text = cJSON_Print(doc);
    cJSON_Delete(doc);
    return text;
}

int results_save(const results *r, const char *path, char *err, size_t errlen)
{
    char *text = results_to_text(r);
    if (text == NULL) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int status = output_write(path, text, strlen(text), err, errlen);
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

static int get_bool(const cJSON *o, const char *key)
{
    return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, key));
}

static measurement_status parse_status(const char *s)
{
    if (strcmp(s, "verified") == 0)
        return MEASUREMENT_VERIFIED;
    if (strcmp(s, "skipped") == 0)
        return MEASUREMENT_SKIPPED;
    if (strcmp(s, "not-applicable") == 0)
        return MEASUREMENT_NOT_APPLICABLE;
    return MEASUREMENT_FAILED;
}

/* A JSON array of numbers as int64s (malloc'd, or NULL when empty). */
static int64_t *read_int64s(const cJSON *a, size_t *n)
{
    *n = 0;
    int count = cJSON_GetArraySize(a);
    if (!cJSON_IsArray(a) || count <= 0)
        return NULL;
    int64_t *v = malloc((size_t)count * sizeof *v);
    if (v == NULL)
        return NULL;
    const cJSON *x;
    cJSON_ArrayForEach(x, a) if (cJSON_IsNumber(x)) v[(*n)++] = (int64_t)x->valuedouble;
    return v;
}

static void read_measurement(const cJSON *item, measurement *m, int64_t **scratch)
{
    memset(m, 0, sizeof *m);
    m->problem = (char *)get_string(item, "problem");
    m->problem_title = (char *)get_string(item, "problem_title");
    m->rung = (char *)get_string(item, "rung");
    m->rung_title = (char *)get_string(item, "rung_title");
    m->cost = (char *)get_string(item, "cost");
    m->size = (char *)get_string(item, "size");
    m->argument = (char *)get_string(item, "argument");
    m->parameter = (char *)get_string(item, "parameter");
    m->reason = (char *)get_string(item, "reason");
    m->enable = (char *)get_string(item, "enable");
    m->suspect = (char *)get_string(item, "suspect");
    m->notes = (char *)get_string(item, "notes");
    m->runtime = (char *)get_string(item, "runtime");
    m->instructions = get_number(item, "instructions", -1);
    m->instructions_counter = (char *)get_string(item, "instructions_counter");
    m->status = parse_status(get_string(item, "status"));
    const cJSON *ij = cJSON_GetObjectItemCaseSensitive(item, "interpreter");
    if (cJSON_IsObject(ij)) {
        m->has_interpreter = 1;
        m->interp.id = (char *)get_string(ij, "id");
        m->interp.name = (char *)get_string(ij, "name");
        m->interp.implementation = (char *)get_string(ij, "implementation");
        m->interp.version = (char *)get_string(ij, "version");
        m->interp.impl_version = (char *)get_string(ij, "implementation_version");
        m->interp.executable = (char *)get_string(ij, "executable");
        m->interp.build_flags = (char *)get_string(ij, "build_flags");
        m->interp.jit = get_bool(ij, "jit");
        m->interp.free_threaded = get_bool(ij, "free_threaded");
    }
    m->cold_ns = (int64_t)get_number(item, "cold_ns", -1);
    m->max_rss_bytes = (int64_t)get_number(item, "max_rss_bytes", -1);
    m->wall_ns = (int64_t)get_number(item, "wall_ns", 0);
    m->cpu_ns = (int64_t)get_number(item, "cpu_ns", 0);
    m->source_lines = (long)get_number(item, "source_lines", -1);
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(item, "effort");
    m->lines_added = (long)get_number(e, "lines_added", -1);
    m->lines_removed = (long)get_number(e, "lines_removed", -1);
    m->gzip_bytes = (long)get_number(e, "gzip_bytes", -1);
    m->build_s = get_number(e, "build_seconds", -1);
    m->installed_bytes = (long long)get_number(e, "installed_bytes", -1);
    m->warmup_iterations = (size_t)get_number(item, "warmup_iterations", 0);
    m->jit = get_bool(item, "jit");
    m->steady = get_bool(item, "steady");
    m->slow = get_bool(item, "slow");
    m->cold_only = get_bool(item, "cold_only");
    m->budget_s = get_number(item, "budget_s", 0);
    m->processes = (int)get_number(item, "processes", 0);
    snprintf(m->output_sha256, sizeof m->output_sha256, "%s", get_string(item, "output_sha256"));
    scratch[0] = read_int64s(cJSON_GetObjectItemCaseSensitive(item, "times_ns"), &m->runs);
    m->times_ns = scratch[0];
    scratch[1] = read_int64s(cJSON_GetObjectItemCaseSensitive(item, "iterations_ns"), &m->iterations);
    m->iterations_ns = scratch[1];
    size_t nrounds = 0;
    int64_t *rounds = read_int64s(cJSON_GetObjectItemCaseSensitive(item, "rounds"), &nrounds);
    m->rounds = NULL;
    if (rounds != NULL && nrounds == m->runs) {
        int *r = malloc(nrounds * sizeof *r);
        for (size_t i = 0; r && i < nrounds; i++)
            r[i] = (int)rounds[i];
        m->rounds = r;
    }
    free(rounds);
    scratch[2] = (int64_t *)m->rounds;
}

/* results_load and results_load_times: with or without the speedups. */
static int load(const char *path, results *r, int speedups, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    buf text = BUF_INIT;
    cJSON *doc = NULL;
    int status = -1;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "'%s' is a directory, not a results file", path);
        goto cleanup;
    }
    if (fs_read_file_bounded(path, RESULTS_MAX_BYTES, &text) != 0) {
        if (errno == EFBIG)
            snprintf(err, errlen, "'%s' is larger than %zu MB: not a ladder results file", path,
                     RESULTS_MAX_BYTES >> 20);
        else
            snprintf(err, errlen, "cannot read '%s': %s", path, strerror(errno));
        goto cleanup;
    }
    doc = cJSON_ParseWithLength(text.data ? text.data : "", text.len);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "measurements");
    const cJSON *format = cJSON_GetObjectItemCaseSensitive(doc, "format");
    if (doc == NULL || !cJSON_IsArray(list) || !cJSON_IsNumber(format)) {
        snprintf(err, errlen, "'%s' is not a ladder results file (no format and measurements)", path);
        goto cleanup;
    }
    if (format->valuedouble < RESULTS_OLDEST_FORMAT || format->valuedouble > RESULTS_FORMAT_VERSION ||
        format->valuedouble != (int)format->valuedouble) {
        snprintf(err, errlen, "'%s' has results format %g; this ladder reads formats %d to %d", path,
                 format->valuedouble, RESULTS_OLDEST_FORMAT, RESULTS_FORMAT_VERSION);
        goto cleanup;
    }
    const cJSON *mj = cJSON_GetObjectItemCaseSensitive(doc, "machine");
    machine_info *mi = &r->machine;
    mi->cpu_model = strdup(get_string(mj, "cpu_model"));
    mi->cores = (long)get_number(mj, "cores", 0);
    mi->memory_bytes = (long)get_number(mj, "memory_bytes", 0);
    mi->governor = strdup(get_string(mj, "governor"));
    mi->load_average = get_number(mj, "load_average", -1);
    mi->kernel = strdup(get_string(mj, "kernel"));
    mi->os = strdup(get_string(mj, "os"));
    mi->compiler = strdup(get_string(mj, "compiler"));
    mi->hostname = strdup(get_string(mj, "hostname"));
    r->created = strdup(get_string(doc, "created"));
    r->command = strdup(get_string(doc, "command"));
    const char *state = get_string(doc, "state");
    r->state = strcmp(state, "interrupted") == 0 ? RESULTS_INTERRUPTED
               : strcmp(state, "running") == 0   ? RESULTS_RUNNING
                                                 : RESULTS_COMPLETE;
    const cJSON *sj = cJSON_GetObjectItemCaseSensitive(doc, "settings");
    r->baseline = strdup(get_string(sj, "baseline"));
    r->baseline_interpreter = strdup(get_string(sj, "baseline_interpreter"));
    r->baseline_title = strdup(get_string(sj, "baseline_title"));
    r->budget_s = get_number(sj, "budget_s", 0);
    r->time_limit_s = get_number(sj, "time_limit_s", 0);
    r->min_runs = (int)get_number(sj, "min_runs", 0);
    r->max_runs = (int)get_number(sj, "max_runs", 0);
    r->timeout_s = get_number(sj, "timeout_s", 0);

    const cJSON *item;
    cJSON_ArrayForEach(item, list) {
        measurement m;
        int64_t *scratch[3] = {NULL, NULL, NULL};
        read_measurement(item, &m, scratch);
        /* Format 1 had no interpreter per row: the baseline had none either. */
        measurement *added = results_add(r, &m);
        for (int k = 0; k < 3; k++)
            free(scratch[k]);
        if (added == NULL) {
            snprintf(err, errlen, "out of memory");
            goto cleanup;
        }
    }
    if (speedups)
        results_compute_speedups(r);
    status = 0;
cleanup:
    cJSON_Delete(doc);
    buf_release(&text);
    if (status != 0)
        results_release(r);
    return status;
}

int results_load(const char *path, results *r, char *err, size_t errlen)
{
    return load(path, r, 1, err, errlen);
}

int results_load_times(const char *path, results *r, char *err, size_t errlen)
{
    return load(path, r, 0, err, errlen);
}

void results_release(results *r)
{
    for (size_t i = 0; i < r->count; i++)
        measurement_release(&r->items[i]);
    free(r->items);
    free(r->created);
    free(r->baseline);
    free(r->baseline_interpreter);
    free(r->baseline_title);
    free(r->command);
    machine_info_release(&r->machine);
    memset(r, 0, sizeof *r);
}
