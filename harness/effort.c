/* effort.c - source size, diff and gzip size of a rung's files (see effort.h). */
#include "harness/effort.h"

#include <ctype.h>
#include <dirent.h>
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "harness/fs.h"
#include "harness/schema.h"

/* The most cells the diff's table may have; past that (thousands of lines
 * on both sides) lines present on both sides are counted as unchanged, in
 * any order. */
#define EFFORT_DIFF_MAX_CELLS (32u << 20)
#define EFFORT_GZIP_LEVEL 9
/* zlib's windowBits for a gzip wrapper: 15 (the largest window) + 16. */
#define EFFORT_GZIP_WINDOW (15 + 16)
#define EFFORT_GZIP_MEMLEVEL 8

typedef enum comment_style { COMMENTS_HASH, COMMENTS_C } comment_style;

static comment_style style_of(const char *path)
{
    static const char *const c_family[] = {".c", ".h", ".cc", ".cpp", ".hpp", ".cxx", ".rs",
                                           ".java", ".go", ".js", ".ts", ".cu"};
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof c_family / sizeof *c_family; i++)
        if (strcmp(dot, c_family[i]) == 0)
            return COMMENTS_C;
    return COMMENTS_HASH;
}

/* C-family text without its comments (strings and character literals
 * kept as they are). Appends to out. */
static void strip_c_comments(const char *s, buf *out)
{
    char quote = 0;
    for (; *s; s++) {
        if (quote) {
            buf_append(out, s, 1);
            if (*s == '\\' && s[1]) {
                buf_append(out, ++s, 1);
            } else if (*s == quote || *s == '\n') {
                quote = 0;
            }
        } else if (s[0] == '/' && s[1] == '/') {
            while (s[1] && s[1] != '\n')
                s++;
        } else if (s[0] == '/' && s[1] == '*') {
            s += 2;
            while (*s && !(s[0] == '*' && s[1] == '/')) {
                if (*s == '\n')
                    buf_puts(out, "\n");    /* line numbers stay */
                s++;
            }
            if (*s == '\0')
                break;
            s++;
        } else {
            if (*s == '"' || *s == '\'')
                quote = *s;
            buf_append(out, s, 1);
        }
    }
}

static int add_line(effort_source *src, const char *line, size_t len)
{
    char **grown = realloc(src->lines, (src->count + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    src->lines = grown;
    src->lines[src->count] = strndup(line, len);
    if (src->lines[src->count] == NULL)
        return -1;
    src->count++;
    if (src->text.len)
        buf_puts(&src->text, "\n");
    return buf_append(&src->text, line, len);
}

/* Adds the normalized lines of one file. */
static int add_file(effort_source *src, const char *path)
{
    buf raw = BUF_INIT, text = BUF_INIT;
    if (fs_read_file(path, &raw) != 0) {
        buf_release(&raw);
        return -1;
    }
    comment_style style = style_of(path);
    if (style == COMMENTS_C)
        strip_c_comments(raw.data ? raw.data : "", &text);
    else
        buf_append(&text, raw.data, raw.len);
    int status = 0;
    for (const char *p = text.data ? text.data : ""; *p && status == 0;) {
        size_t len = strcspn(p, "\n");
        const char *start = p, *end = p + len;
        while (start < end && isspace((unsigned char)*start))
            start++;
        while (end > start && isspace((unsigned char)end[-1]))
            end--;
        int comment = style == COMMENTS_HASH && start < end && *start == '#';
        if (end > start && !comment)
            status = add_line(src, start, (size_t)(end - start));
        p += len + (p[len] == '\n');
    }
    buf_release(&raw);
    buf_release(&text);
    return status;
}

int effort_source_read(effort_source *src, const char *dir, const char *patterns)
{
    memset(src, 0, sizeof *src);
    char word[256];
    int found = 0;
    for (size_t n = 0; schema_word(patterns, n, word, sizeof word) == 0; n++) {
        buf pattern = BUF_INIT;
        buf_printf(&pattern, "%s/%s", dir, word);
        glob_t g;
        if (glob(pattern.data, 0, NULL, &g) == 0) {
            for (size_t i = 0; i < g.gl_pathc; i++)
                found += add_file(src, g.gl_pathv[i]) == 0;
            globfree(&g);
        }
        buf_release(&pattern);
    }
    return found ? 0 : -1;
}

void effort_source_release(effort_source *src)
{
    for (size_t i = 0; i < src->count; i++)
        free(src->lines[i]);
    free(src->lines);
    buf_release(&src->text);
    memset(src, 0, sizeof *src);
}

static long gzip_size(const buf *text)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, EFFORT_GZIP_LEVEL, Z_DEFLATED, EFFORT_GZIP_WINDOW, EFFORT_GZIP_MEMLEVEL,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    uLong bound = deflateBound(&z, (uLong)text->len);
    unsigned char *out = malloc(bound);
    long size = -1;
    if (out != NULL) {
        z.next_in = (Bytef *)(text->data ? text->data : "");
        z.avail_in = (uInt)text->len;
        z.next_out = out;
        z.avail_out = (uInt)bound;
        if (deflate(&z, Z_FINISH) == Z_STREAM_END)
            size = (long)z.total_out;
    }
    deflateEnd(&z);
    free(out);
    return size;
}

/* The length of the longest common subsequence of the two line lists. */
static long common_lines(const effort_source *a, const effort_source *b)
{
    size_t n = a->count, m = b->count;
    if (n == 0 || m == 0)
        return 0;
    if ((uint64_t)(n + 1) * (m + 1) > EFFORT_DIFF_MAX_CELLS) {
        /* Too large for the table: lines found on both sides, in any order. */
        long same = 0;
        char *used = calloc(m, 1);
        for (size_t i = 0; used && i < n; i++)
            for (size_t j = 0; j < m; j++)
                if (!used[j] && strcmp(a->lines[i], b->lines[j]) == 0) {
                    used[j] = 1;
                    same++;
                    break;
                }
        free(used);
        return same;
    }
    /* Two rows of the table at a time. */
    long *prev = calloc(m + 1, sizeof *prev), *cur = calloc(m + 1, sizeof *cur);
    long result = 0;
    if (prev != NULL && cur != NULL) {
        for (size_t i = 1; i <= n; i++) {
            for (size_t j = 1; j <= m; j++)
                cur[j] = strcmp(a->lines[i - 1], b->lines[j - 1]) == 0
                             ? prev[j - 1] + 1
                             : (prev[j] > cur[j - 1] ? prev[j] : cur[j - 1]);
            long *t = prev;
            prev = cur;
            cur = t;
        }
        result = prev[m];
    }
    free(prev);
    free(cur);
    return result;
}

void effort_compare(const effort_source *src, const effort_source *base, effort *out)
{
    long same = base ? common_lines(src, base) : 0;
    out->lines = (long)src->count;
    out->added = (long)src->count - same;
    out->removed = base ? (long)base->count - same : 0;
    out->gzip_bytes = gzip_size(&src->text);
}

long long effort_tree_bytes(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return 0;
    if (!S_ISDIR(st.st_mode))
        return S_ISREG(st.st_mode) ? (long long)st.st_size : 0;
    long long total = 0;
    DIR *d = opendir(path);
    if (d == NULL)
        return 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        buf child = BUF_INIT;
        buf_printf(&child, "%s/%s", path, e->d_name);
        total += effort_tree_bytes(child.data);
        buf_release(&child);
    }
    closedir(d);
    return total;
}
