/*
 * pipeline.cpp - the JSON event pipeline (shared/spec/pipeline.md) in C++
 * with simdjson's On-Demand API (Debian's libsimdjson-dev), the fastest
 * general-purpose JSON parser there is: the competitor the engine has to
 * match. Same filter, transform and aggregation as every other rung.
 *
 * Written as simdjson's documentation recommends: the input is loaded into a
 * padded_string in setup (not timed, as every rung reads its input there),
 * one ondemand::parser is reused across runs, fields are matched on their
 * raw keys while iterating each object (any key order; the last of duplicate
 * keys wins), and values nobody asks for are skipped, not parsed.
 *
 * What On-Demand does not do, and so neither does this rung: it validates
 * the structure and UTF-8 of the whole input, but not the numbers and
 * string escapes inside values it skips; keys are compared unescaped-free
 * (a key spelled with \u escapes is not recognized); and upper-casing is
 * ASCII only.
 */
#include <algorithm>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <simdjson.h>

#include "rungs/_native/rung_main.h"

using namespace simdjson;

namespace {

constexpr std::string_view KEEP_TYPES[] = {"page_view", "purchase", "click",
                                           "search", "add_to_cart"};
constexpr double HIGH_VALUE = 100.0;

/* The time window, in microseconds since the epoch (inclusive). */
constexpr int64_t WINDOW_START_US = 1740787200LL * 1000000;  /* 2025-03-01 */
constexpr int64_t WINDOW_END_US = 1759276799LL * 1000000;    /* 2025-09-30 23:59:59 */

/* A Counter: counts in the order keys were first counted, so that the first
 * of equal counts wins, as in Counter.most_common(1). Users have a handful of
 * distinct keys, so a linear search beats hashing. */
struct counter {
    std::vector<std::pair<std::string, int64_t>> counts;

    void add(std::string_view key)
    {
        for (auto &kc : counts)
            if (kc.first == key) {
                kc.second++;
                return;
            }
        counts.emplace_back(std::string(key), 1);
    }

    const std::string &top() const
    {
        const std::pair<std::string, int64_t> *best = &counts.front();
        for (const auto &kc : counts)
            if (kc.second > best->second)
                best = &kc;
        return best->first;
    }
};

struct user_stats {
    int64_t user_id;
    int64_t event_count = 0;
    double amount = 0.0;
    int64_t high_value_count = 0;
    int64_t first_us;
    int64_t last_us;
    counter event_types;
    counter pages;
};

struct pipeline_state {
    padded_string data;
    ondemand::parser parser;
    std::vector<user_stats> users;   /* in order of first kept event */
};

/* Days from 1970-01-01 to y-m-d, proleptic Gregorian (H. Hinnant). */
int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Reads n digits at s[pos]; returns -1 if they are not all digits. */
int64_t read_digits(std::string_view s, size_t pos, size_t n)
{
    int64_t v = 0;
    if (pos + n > s.size())
        return -1;
    for (size_t i = pos; i < pos + n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Reads YYYY-MM-DDTHH:MM:SS[.ffffff](Z|+HH:MM|-HH:MM), the form
 * datetime.isoformat() writes, as microseconds since the epoch. An offset
 * is required. Returns false if the text is not of that form. */
bool parse_timestamp(std::string_view s, int64_t *us)
{
    const int64_t y = read_digits(s, 0, 4), mo = read_digits(s, 5, 2),
                  d = read_digits(s, 8, 2), h = read_digits(s, 11, 2),
                  mi = read_digits(s, 14, 2), sec = read_digits(s, 17, 2);
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 ||
        mi < 0 || mi > 59 || sec < 0 || sec > 59 || s[4] != '-' ||
        s[7] != '-' || s[13] != ':' || s[16] != ':')
        return false;
    size_t pos = 19;
    int64_t micros = 0;
    if (pos < s.size() && s[pos] == '.') {
        size_t digits = 0;
        for (pos++; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; pos++)
            if (digits++ < 6)
                micros = micros * 10 + (s[pos] - '0');
        if (digits != 3 && digits != 6)
            return false;
        for (; digits < 6; digits++)
            micros *= 10;
    }
    int64_t offset = 0;
    if (pos + 1 == s.size() && s[pos] == 'Z') {
        offset = 0;
    } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') &&
               s[pos + 3] == ':') {
        const int64_t oh = read_digits(s, pos + 1, 2),
                      om = read_digits(s, pos + 4, 2);
        if (oh < 0 || oh > 23 || om < 0 || om > 59)
            return false;
        offset = (oh * 3600 + om * 60) * (s[pos] == '-' ? -1 : 1);
    } else {
        return false;
    }
    const int64_t seconds =
        days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset;
    *us = seconds * 1000000 + micros;
    return true;
}

bool is_kept(std::string_view type)
{
    for (std::string_view k : KEEP_TYPES)
        if (type == k)
            return true;
    return false;
}

/* Epoch seconds as a float, as datetime.timestamp() computes them. */
double seconds_of(int64_t us)
{
    return static_cast<double>(us) / 1e6;
}

/* Writes s as a JSON string. */
void write_string(FILE *out, std::string_view s)
{
    fputc('"', out);
    for (unsigned char c : s) {
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

/* One pass over the events; fills st->users. Throws simdjson_error on bad
 * JSON, std::runtime_error on a bad event. */
void run_pipeline(pipeline_state *st)
{
    std::unordered_map<int64_t, size_t> index;   /* user id -> st->users */
    ondemand::document doc = st->parser.iterate(st->data);
    int64_t event_index = 0;

    st->users.clear();
    for (ondemand::object event : doc.get_array()) {
        const int64_t this_event = event_index++;
        int64_t user_id = 0, at_us = 0;
        std::string_view type, timestamp, page;
        double amount = 0.0;
        bool have_user = false, have_type = false, have_time = false,
             have_meta = false, kept = true;

        for (ondemand::field field : event) {
            const ondemand::raw_json_string key = field.key();
            if (key == "user_id") {
                user_id = field.value().get_int64();
                have_user = true;
            } else if (key == "event_type") {
                type = field.value().get_string();
                have_type = true;
                kept = is_kept(type);
            } else if (key == "timestamp") {
                timestamp = field.value().get_string();
                have_time = true;
            } else if (key == "metadata") {
                ondemand::object meta = field.value().get_object();
                have_meta = true;
                page = std::string_view();
                amount = 0.0;
                if (!kept)        /* event_type came first: skip the rest */
                    continue;
                for (ondemand::field m : meta) {
                    const ondemand::raw_json_string mkey = m.key();
                    if (mkey == "page")
                        page = m.value().get_string();
                    else if (mkey == "amount")
                        amount = m.value().get_double();
                }
            }
        }
        if (!have_user || !have_type || !have_time || !have_meta)
            throw std::runtime_error("event " + std::to_string(this_event) +
                                     ": a required field is missing");
        if (!kept)
            continue;
        if (!parse_timestamp(timestamp, &at_us))
            throw std::runtime_error(
                "event " + std::to_string(this_event) + ": timestamp '" +
                std::string(timestamp) + "' is not ISO 8601 with a UTC offset");
        if (at_us < WINDOW_START_US || at_us > WINDOW_END_US)
            continue;

        auto [it, is_new] = index.try_emplace(user_id, st->users.size());
        if (is_new) {
            st->users.emplace_back();
            st->users.back().user_id = user_id;
            st->users.back().first_us = at_us;
            st->users.back().last_us = at_us;
        }
        user_stats &u = st->users[it->second];
        u.event_count++;
        u.amount += amount;
        u.high_value_count += amount > HIGH_VALUE;
        u.first_us = std::min(u.first_us, at_us);
        u.last_us = std::max(u.last_us, at_us);
        std::string upper(type);
        for (char &c : upper)
            if (c >= 'a' && c <= 'z')
                c = static_cast<char>(c - 'a' + 'A');
        u.event_types.add(upper);
        u.pages.add(page);
    }
}

int pipeline_setup(const char *arg, void **state, rung_error *err)
{
    auto *st = new (std::nothrow) pipeline_state;
    if (st == nullptr)
        return rung_error_set(err, "out of memory");
    if (padded_string::load(arg).get(st->data) != SUCCESS) {
        delete st;
        return rung_error_set(err, "cannot read '%s'", arg);
    }
    if (st->parser.allocate(st->data.size()) != SUCCESS) {
        delete st;
        return rung_error_set(err, "out of memory");
    }
    *state = st;
    return 0;
}

int pipeline_run(void *state, rung_error *err)
{
    auto *st = static_cast<pipeline_state *>(state);
    try {
        run_pipeline(st);
    } catch (const simdjson_error &e) {
        return rung_error_set(err, "invalid json: %s", e.what());
    } catch (const std::exception &e) {
        return rung_error_set(err, "%s", e.what());
    }
    return 0;
}

int pipeline_write(void *state, FILE *out, rung_error *err)
{
    auto *st = static_cast<pipeline_state *>(state);
    int64_t total_events = 0, total_high_value = 0;
    double total_amount = 0.0;

    /* Totals first, in order of each user's first kept event. */
    for (const user_stats &u : st->users) {
        total_events += u.event_count;
        total_amount += u.amount;
        total_high_value += u.high_value_count;
    }
    std::vector<const user_stats *> sorted;
    sorted.reserve(st->users.size());
    for (const user_stats &u : st->users)
        sorted.push_back(&u);
    std::sort(sorted.begin(), sorted.end(),
              [](const user_stats *a, const user_stats *b) {
                  return a->user_id < b->user_id;
              });

    /* "%.2f" is correctly rounded from the exact binary value, as
     * round(x, 2) is. */
    fprintf(out,
            "{\"total_users\": %zu, \"total_events\": %" PRId64
            ", \"total_amount\": %.2f, \"total_high_value\": %" PRId64
            ", \"users\": [",
            sorted.size(), total_events, total_amount, total_high_value);
    for (size_t i = 0; i < sorted.size(); i++) {
        const user_stats &u = *sorted[i];
        fprintf(out,
                "%s{\"user_id\": %" PRId64 ", \"event_count\": %" PRId64
                ", \"total_amount\": %.2f, \"high_value_count\": %" PRId64
                ", \"duration_seconds\": %.2f, \"top_event_type\": ",
                i == 0 ? "" : ", ", u.user_id, u.event_count, u.amount,
                u.high_value_count,
                seconds_of(u.last_us) - seconds_of(u.first_us));
        write_string(out, u.event_types.top());
        fputs(", \"top_page\": ", out);
        write_string(out, u.pages.top());
        fputc('}', out);
    }
    fputs("]}\n", out);
    if (ferror(out))
        return rung_error_set(err, "cannot write the result");
    return 0;
}

void pipeline_teardown(void *state)
{
    delete static_cast<pipeline_state *>(state);
}

RUNG_PROBLEM(pipeline, "pipeline", pipeline_setup, pipeline_run, pipeline_write,
             pipeline_teardown);

}  // namespace
