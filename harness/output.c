/* output.c - writing where the user said, safely (see output.h). */
#include "harness/output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness/buf.h"
#include "harness/fs.h"

/* The file a path finally names: links followed, however deep; a path
 * that does not exist yet is itself. */
static int resolve(const char *path, buf *out)
{
    char real[PATH_MAX];
    if (realpath(path, real) != NULL)
        return buf_puts(out, real);
    /* A dangling link: write where it points. */
    char target[PATH_MAX];
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n > 0) {
        target[n] = '\0';
        if (target[0] == '/')
            return buf_puts(out, target);
        const char *slash = strrchr(path, '/');
        if (slash != NULL)
            buf_append(out, path, (size_t)(slash - path + 1));
        return buf_puts(out, target);
    }
    return buf_puts(out, path);
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

int output_check(const char *path, char *err, size_t errlen)
{
    buf real = BUF_INIT;
    int status = -1;
    struct stat st;
    resolve(path, &real);
    if (stat(real.data, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            snprintf(err, errlen, "cannot write '%s': it is a directory", path);
            goto cleanup;
        }
        if (!S_ISREG(st.st_mode)) {
            if (access(real.data, W_OK) != 0) {
                snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
                goto cleanup;
            }
            status = 0;
            goto cleanup;
        }
    }
    if (fs_make_parent_dirs(real.data) != 0) {
        snprintf(err, errlen, "cannot create the folder of '%s': %s", path, strerror(errno));
        goto cleanup;
    }
    const char *slash = strrchr(real.data, '/');
    buf dir = BUF_INIT;
    if (slash == NULL)
        buf_puts(&dir, ".");
    else if (slash == real.data)
        buf_puts(&dir, "/");
    else
        buf_append(&dir, real.data, (size_t)(slash - real.data));
    if (access(dir.data, W_OK) != 0)
        snprintf(err, errlen, "cannot write '%s': its folder '%s' is not writable (%s)", path,
                 dir.data, strerror(errno));
    else
        status = 0;
    buf_release(&dir);
cleanup:
    buf_release(&real);
    return status;
}

int output_write(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
    buf real = BUF_INIT, tmp = BUF_INIT;
    int status = -1, fd = -1;
    struct stat st;
    resolve(path, &real);
    if (stat(real.data, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "cannot write '%s': it is a directory", path);
        goto cleanup;
    }
    if (stat(real.data, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A device or a FIFO: in place; it is not ours to replace. */
        fd = open(real.data, O_WRONLY | O_TRUNC);
        if (fd < 0 && errno == EINVAL)
            fd = open(real.data, O_WRONLY);
        if (fd < 0 || write_all(fd, data, len) != 0) {
            snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
            goto cleanup;
        }
        status = 0;
        goto cleanup;
    }
    if (fs_make_parent_dirs(real.data) != 0) {
        snprintf(err, errlen, "cannot create the folder of '%s': %s", path, strerror(errno));
        goto cleanup;
    }
    buf_printf(&tmp, "%s.tmp.%ld", real.data, (long)getpid());
    fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
        goto cleanup;
    }
    if (write_all(fd, data, len) != 0 || close(fd) != 0) {
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
        fd = -1;
        unlink(tmp.data);
        goto cleanup;
    }
    fd = -1;
    if (rename(tmp.data, real.data) != 0) {
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
        unlink(tmp.data);
        goto cleanup;
    }
    status = 0;
cleanup:
    if (fd >= 0)
        close(fd);
    buf_release(&real);
    buf_release(&tmp);
    return status;
}

int output_same(const char *a, const char *b)
{
    buf x = BUF_INIT, y = BUF_INIT;
    resolve(a, &x);
    resolve(b, &y);
    int same = strcmp(x.data, y.data) == 0;
    struct stat sa, sb;
    if (!same && stat(x.data, &sa) == 0 && stat(y.data, &sb) == 0)
        same = sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    buf_release(&x);
    buf_release(&y);
    return same;
}
