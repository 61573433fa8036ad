/* fs.c - small file-system helpers (see fs.h). */
#include "harness/fs.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { FS_READ_CHUNK = 1 << 16 };

int fs_read_file(const char *path, buf *out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    int status = -1;
    for (;;) {
        if (buf_reserve(out, FS_READ_CHUNK) != 0)
            goto cleanup;
        size_t n = fread(out->data + out->len, 1, FS_READ_CHUNK, f);
        out->len += n;
        out->data[out->len] = '\0';
        if (n < FS_READ_CHUNK) {
            if (ferror(f))
                goto cleanup;
            break;
        }
    }
    status = 0;
cleanup:
    fclose(f);
    return status;
}

int fs_read_file_bounded(const char *path, size_t max, buf *out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    int status = -1;
    size_t total = 0;
    for (;;) {
        if (buf_reserve(out, FS_READ_CHUNK) != 0)
            goto cleanup;
        size_t n = fread(out->data + out->len, 1, FS_READ_CHUNK, f);
        out->len += n;
        total += n;
        out->data[out->len] = '\0';
        if (total > max) {
            errno = EFBIG;
            goto cleanup;
        }
        if (n < FS_READ_CHUNK) {
            if (ferror(f))
                goto cleanup;
            break;
        }
    }
    status = 0;
cleanup:
    fclose(f);
    return status;
}

int fs_make_dirs(const char *dir)
{
    char *copy = strdup(dir);
    if (copy == NULL)
        return -1;
    int status = 0;
    for (char *p = copy + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char saved = *p;
            *p = '\0';
            if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
                status = -1;
                break;
            }
            *p = saved;
            if (saved == '\0')
                break;
        }
    }
    free(copy);
    return status;
}

int fs_make_parent_dirs(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL || slash == path)
        return 0;
    char *dir = strndup(path, (size_t)(slash - path));
    if (dir == NULL)
        return -1;
    int status = fs_make_dirs(dir);
    free(dir);
    return status;
}

int fs_write_file_atomic(const char *path, const char *data, size_t len)
{
    if (fs_make_parent_dirs(path) != 0)
        return -1;
    buf tmp = BUF_INIT;
    if (buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid()) != 0)
        return -1;
    int status = -1;
    FILE *f = fopen(tmp.data, "wb");
    if (f == NULL)
        goto cleanup;
    int write_ok = fwrite(data, 1, len, f) == len;
    if (fclose(f) != 0 || !write_ok) {
        unlink(tmp.data);
        goto cleanup;
    }
    if (rename(tmp.data, path) != 0) {
        unlink(tmp.data);
        goto cleanup;
    }
    status = 0;
cleanup:
    buf_release(&tmp);
    return status;
}

int fs_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What a listing keeps: 1 for a name of dir to list. */
typedef int (*name_filter)(const char *dir, const char *name, const char *arg);

/* The names in dir that keep() keeps, sorted (fs_declared_folders). */
static int list_names(const char *dir, name_filter keep, const char *arg, char ***names,
                      size_t *count)
{
    *names = NULL;
    *count = 0;
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    int status = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (!keep(dir, e->d_name, arg))
            continue;
        char **grown = realloc(*names, (*count + 1) * sizeof *grown);
        char *name = strdup(e->d_name);
        if (grown == NULL || name == NULL) {
            free(name);
            if (grown)
                *names = grown;
            status = -1;
            break;
        }
        *names = grown;
        (*names)[(*count)++] = name;
    }
    closedir(d);
    if (status != 0) {
        fs_free_names(*names, *count);
        *names = NULL;
        *count = 0;
        return -1;
    }
    if (*count > 1)
        qsort(*names, *count, sizeof **names, compare_names);
    return 0;
}

static int is_declared_folder(const char *dir, const char *name, const char *file_name)
{
    if (name[0] == '.' || name[0] == '_')
        return 0;
    buf path = BUF_INIT;
    buf_printf(&path, "%s/%s/%s", dir, name, file_name);
    int declared = fs_exists(path.data);
    buf_release(&path);
    return declared;
}

static int has_suffix(const char *dir, const char *name, const char *suffix)
{
    (void)dir;
    size_t n = strlen(name), k = strlen(suffix);
    return name[0] != '.' && n > k && strcmp(name + n - k, suffix) == 0;
}

int fs_declared_folders(const char *dir, const char *file_name, char ***names, size_t *count)
{
    return list_names(dir, is_declared_folder, file_name, names, count);
}

int fs_names_ending(const char *dir, const char *suffix, char ***names, size_t *count)
{
    return list_names(dir, has_suffix, suffix, names, count);
}

void fs_free_names(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}
