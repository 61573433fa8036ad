/* lock.c - one run per checkout (see lock.h). */
#include "harness/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "harness/fs.h"
#include "harness/interrupt.h"

#define LOCK_FILE "ladder.lock"
/* How often a waiting run looks again (and sees an interrupt). */
#define LOCK_RETRY_US 200000

int lock_checkout(const char *build_root, const char *what, buf *why)
{
    buf path = BUF_INIT;
    buf_printf(&path, "%s/%s", build_root, LOCK_FILE);
    int fd = -1;
    if (fs_make_dirs(build_root) != 0 ||
        (fd = open(path.data, O_RDWR | O_CREAT | O_CLOEXEC, 0666)) < 0) {
        buf_printf(why, "cannot open the lock '%s': %s", path.data, strerror(errno));
        goto fail;
    }
    int said = 0;
    while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            buf_printf(why, "cannot lock '%s': %s", path.data, strerror(errno));
            goto fail;
        }
        if (!said) {
            char holder[256] = "";
            ssize_t n = pread(fd, holder, sizeof holder - 1, 0);
            holder[n > 0 ? n : 0] = '\0';
            holder[strcspn(holder, "\n")] = '\0';
            fprintf(stderr, "ladder: waiting for %s to finish (it uses this checkout's build "
                    "folder; Ctrl-C to give up)\n", holder[0] ? holder : "another ladder run");
            said = 1;
        }
        if (interrupt_signal()) {
            buf_puts(why, "interrupted while waiting for the lock");
            goto fail;
        }
        usleep(LOCK_RETRY_US);
    }
    char me[256];
    int len = snprintf(me, sizeof me, "'%s' (pid %ld)\n", what, (long)getpid());
    if (ftruncate(fd, 0) == 0 && len > 0)
        (void)!pwrite(fd, me, (size_t)len, 0);
    buf_release(&path);
    return fd;
fail:
    if (fd >= 0)
        close(fd);
    buf_release(&path);
    return -1;
}

void lock_release(int fd)
{
    if (fd >= 0) {
        if (ftruncate(fd, 0) != 0) {
            /* The file is only a note for waiters; the lock goes with close(). */
        }
        flock(fd, LOCK_UN);
        close(fd);
    }
}
