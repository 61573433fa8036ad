/* child.c - starting, waiting for and killing processes (see child.h). */
#include "harness/child.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness/interrupt.h"

extern char **environ;

#define NS_PER_SEC 1000000000LL
#define NS_PER_MS 1000000LL
/* /bin/sh reports a command killed by signal N as status 128 + N. */
#define SHELL_SIGNAL_BASE 128
/* child_wait polls a child this often while it waits with a deadline. */
#define CHILD_POLL_NS (2 * NS_PER_MS)
/* Read size for child_capture. */
#define CHILD_CAPTURE_CHUNK 65536

int64_t child_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * NS_PER_SEC + ts.tv_nsec;
}

int child_shell_quote(buf *out, const char *s)
{
    if (buf_puts(out, "'") != 0)
        return -1;
    for (const char *p = s; *p; p++) {
        if (*p == '\'') {
            if (buf_puts(out, "'\\''") != 0)
                return -1;
        } else if (buf_append(out, p, 1) != 0) {
            return -1;
        }
    }
    return buf_puts(out, "'");
}

static int is_executable_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

int child_which(const char *name, buf *path)
{
    if (name == NULL || *name == '\0')
        return -1;
    if (strchr(name, '/') != NULL) {
        if (!is_executable_file(name))
            return -1;
        if (path != NULL)
            buf_puts(path, name);
        return 0;
    }
    const char *dirs = getenv("PATH");
    if (dirs == NULL)
        dirs = "/usr/local/bin:/usr/bin:/bin";
    buf candidate = BUF_INIT;
    int status = -1;
    for (const char *p = dirs;; p++) {
        size_t len = strcspn(p, ":");
        buf_clear(&candidate);
        if (len == 0)
            buf_puts(&candidate, ".");
        else
            buf_append(&candidate, p, len);
        buf_printf(&candidate, "/%s", name);
        if (is_executable_file(candidate.data)) {
            if (path != NULL)
                buf_append(path, candidate.data, candidate.len);
            status = 0;
            break;
        }
        p += len;
        if (*p == '\0')
            break;
    }
    buf_release(&candidate);
    return status;
}

/* Our environment with c->env's entries added (replacing same names).
 * Returns a malloc'd NULL-terminated array of borrowed strings. */
static char **make_environment(const char *const *extra)
{
    size_t ours = 0, theirs = 0;
    while (environ[ours] != NULL)
        ours++;
    while (extra != NULL && extra[theirs] != NULL)
        theirs++;
    char **env = malloc((ours + theirs + 1) * sizeof *env);
    if (env == NULL)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < ours; i++) {
        size_t name_len = strcspn(environ[i], "=");
        int replaced = 0;
        for (size_t j = 0; j < theirs && !replaced; j++)
            replaced = strncmp(extra[j], environ[i], name_len) == 0 && extra[j][name_len] == '=';
        if (!replaced)
            env[n++] = environ[i];
    }
    for (size_t j = 0; j < theirs; j++)
        env[n++] = (char *)extra[j];
    env[n] = NULL;
    return env;
}

/* Opens what a stream is connected to, before fork. Sets *theirs (the
 * child's end) and, for a pipe, *ours. */
static int open_stream(child_stream kind, const char *path, int fd, int for_reading,
                       int *theirs, int *ours)
{
    *theirs = *ours = -1;
    switch (kind) {
    case CHILD_NULL:
        *theirs = open("/dev/null", for_reading ? O_RDONLY : O_WRONLY);
        return *theirs >= 0 ? 0 : -1;
    case CHILD_INHERIT:
    case CHILD_TO_STDOUT:
        return 0;
    case CHILD_FILE:
        *theirs = for_reading ? open(path, O_RDONLY)
                              : open(path, O_WRONLY | O_CREAT | O_APPEND, 0666);
        return *theirs >= 0 ? 0 : -1;
    case CHILD_FD:
        *theirs = dup(fd);
        return *theirs >= 0 ? 0 : -1;
    case CHILD_PIPE: {
        int p[2];
        if (pipe(p) != 0)
            return -1;
        *theirs = for_reading ? p[0] : p[1];
        *ours = for_reading ? p[1] : p[0];
        fcntl(*ours, F_SETFD, FD_CLOEXEC);
        return 0;
    }
    }
    return -1;
}

/* In the child, after fork: never returns. Only async-signal-safe calls. */
static void exec_child(const child *c, const char *program, char *const *argv, char **env,
                       const int theirs[3], int report_fd)
{
    setpgid(0, 0);
    for (int i = 0; i < 3; i++)
        if (theirs[i] >= 0)
            dup2(theirs[i], i);
    if (c->err == CHILD_TO_STDOUT)
        dup2(STDOUT_FILENO, STDERR_FILENO);
    for (int i = 0; i < 3; i++)
        if (theirs[i] > STDERR_FILENO)
            close(theirs[i]);
    /* The harness ignores SIGPIPE and catches SIGINT; the child starts as
     * any program would. */
    signal(SIGPIPE, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    int err = 0;
    if (c->dir != NULL && chdir(c->dir) != 0)
        err = errno;
    else {
        execve(program, argv, env);
        err = errno;
    }
    /* Tell the parent why, through the close-on-exec pipe. */
    ssize_t ignored = write(report_fd, &err, sizeof err);
    (void)ignored;
    _exit(127);
}

int child_start(child *c, buf *why)
{
    int theirs[3] = {-1, -1, -1}, ours[3] = {-1, -1, -1}, report[2] = {-1, -1};
    char **env = NULL;
    buf program = BUF_INIT;
    const char *shell_argv[] = {"sh", "-c", c->shell, NULL};
    const char *const *argv = c->shell != NULL ? shell_argv : c->argv;
    const char *what = c->shell != NULL ? c->shell : (c->argv ? c->argv[0] : "");
    int status = -1;

    c->pid = -1;
    c->reaped = 0;
    if (argv == NULL || argv[0] == NULL) {
        buf_puts(why, "nothing to start");
        goto cleanup;
    }
    if (c->shell != NULL)
        buf_puts(&program, "/bin/sh");
    else if (child_which(argv[0], &program) != 0) {
        buf_printf(why, "cannot start '%s': not found on PATH", argv[0]);
        goto cleanup;
    }
    env = make_environment(c->env);
    if (env == NULL) {
        buf_puts(why, "out of memory");
        goto cleanup;
    }
    if (open_stream(c->in, c->in_path, c->in_fd, 1, &theirs[0], &ours[0]) != 0 ||
        open_stream(c->out, c->out_path, c->out_fd, 0, &theirs[1], &ours[1]) != 0 ||
        open_stream(c->err == CHILD_TO_STDOUT ? CHILD_INHERIT : c->err, c->err_path, c->err_fd,
                    0, &theirs[2], &ours[2]) != 0 ||
        pipe2(report, O_CLOEXEC) != 0) {
        buf_printf(why, "cannot set up the streams of '%s': %s", what, strerror(errno));
        goto cleanup;
    }
    c->started_ns = child_now_ns();
    c->pid = fork();
    if (c->pid < 0) {
        buf_printf(why, "cannot start '%s': %s", what, strerror(errno));
        goto cleanup;
    }
    if (c->pid == 0)
        exec_child(c, program.data, (char *const *)argv, env, theirs, report[1]);
    /* Both sides set the group, so that it exists whichever runs first. */
    setpgid(c->pid, c->pid);
    close(report[1]);
    report[1] = -1;
    int err = 0;
    ssize_t n;
    do
        n = read(report[0], &err, sizeof err);
    while (n < 0 && errno == EINTR);
    if (n == (ssize_t)sizeof err) {
        buf_printf(why, "cannot start '%s': %s", what, strerror(err));
        child_wait(c, 0);
        goto cleanup;
    }
    if (c->in == CHILD_PIPE)
        c->in_fd = ours[0], ours[0] = -1;
    if (c->out == CHILD_PIPE)
        c->out_fd = ours[1], ours[1] = -1;
    if (c->err == CHILD_PIPE)
        c->err_fd = ours[2], ours[2] = -1;
    status = 0;
cleanup:
    for (int i = 0; i < 3; i++) {
        if (theirs[i] >= 0)
            close(theirs[i]);
        if (ours[i] >= 0)
            close(ours[i]);
    }
    for (int i = 0; i < 2; i++)
        if (report[i] >= 0)
            close(report[i]);
    free(env);
    buf_release(&program);
    return status;
}

int child_wait(child *c, int64_t deadline_ns)
{
    if (c->reaped || c->pid <= 0)
        return 1;
    for (;;) {
        pid_t got = wait4(c->pid, &c->wstatus, deadline_ns ? WNOHANG : 0, &c->usage);
        if (got == c->pid) {
            c->reaped = 1;
            c->ended_ns = child_now_ns();
            return 1;
        }
        if (got < 0 && errno != EINTR)
            return 1;   /* not our child any more: nothing to wait for */
        if (interrupt_signal() != 0)
            return 0;
        if (deadline_ns == 0)
            continue;
        if (child_now_ns() >= deadline_ns)
            return 0;
        struct timespec pause = {0, CHILD_POLL_NS};
        nanosleep(&pause, NULL);
    }
}

/* The parent of process pid, from /proc/PID/stat; -1 if unreadable. */
static pid_t parent_of(pid_t pid)
{
    char path[64], text[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    if (n <= 0)
        return -1;
    text[n] = '\0';
    /* "pid (comm) state ppid ...": comm may hold spaces and parentheses. */
    char *close_paren = strrchr(text, ')');
    int ppid;
    char state;
    if (close_paren == NULL || sscanf(close_paren + 1, " %c %d", &state, &ppid) != 2)
        return -1;
    return (pid_t)ppid;
}

/* Every process now running, with its parent. */
typedef struct process_table {
    pid_t *pid;
    pid_t *ppid;
    size_t count;
} process_table;

static void process_table_read(process_table *t)
{
    memset(t, 0, sizeof *t);
    DIR *d = opendir("/proc");
    if (d == NULL)
        return;
    size_t cap = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (!isdigit((unsigned char)e->d_name[0]))
            continue;
        pid_t pid = (pid_t)atoi(e->d_name);
        pid_t ppid = parent_of(pid);
        if (ppid < 0)
            continue;
        if (t->count == cap) {
            size_t grown = cap ? cap * 2 : 256;
            pid_t *p = realloc(t->pid, grown * sizeof *p);
            if (p == NULL)
                break;
            t->pid = p;
            p = realloc(t->ppid, grown * sizeof *p);
            if (p == NULL)
                break;
            t->ppid = p;
            cap = grown;
        }
        t->pid[t->count] = pid;
        t->ppid[t->count] = ppid;
        t->count++;
    }
    closedir(d);
}

static void process_table_release(process_table *t)
{
    free(t->pid);
    free(t->ppid);
    memset(t, 0, sizeof *t);
}

void child_kill(child *c)
{
    if (c->pid <= 0 || c->reaped)
        return;
    /* Find the whole tree first: once the child dies, its descendants are
     * re-parented and can no longer be traced to it. */
    process_table t;
    process_table_read(&t);
    pid_t *tree = malloc((t.count + 1) * sizeof *tree);
    size_t n = 0;
    if (tree != NULL) {
        tree[n++] = c->pid;
        for (size_t done = 0; done < n; done++)
            for (size_t i = 0; i < t.count; i++)
                if (t.ppid[i] == tree[done])
                    tree[n++] = t.pid[i];
    }
    kill(-c->pid, SIGKILL);
    for (size_t i = 0; i < n; i++)
        kill(tree[i], SIGKILL);
    kill(c->pid, SIGKILL);
    free(tree);
    process_table_release(&t);
    while (!c->reaped) {
        pid_t got = wait4(c->pid, &c->wstatus, 0, &c->usage);
        if (got == c->pid || (got < 0 && errno != EINTR)) {
            c->reaped = 1;
            c->ended_ns = child_now_ns();
        }
    }
}

void child_kill_strays(const pid_t *keep, size_t nkeep)
{
    pid_t self = getpid();
    process_table t;
    process_table_read(&t);
    for (size_t i = 0; i < t.count; i++) {
        if (t.ppid[i] != self)
            continue;
        int kept = 0;
        for (size_t k = 0; k < nkeep && !kept; k++)
            kept = keep[k] == t.pid[i];
        if (kept)
            continue;
        kill(t.pid[i], SIGKILL);
        while (waitpid(t.pid[i], NULL, 0) < 0 && errno == EINTR)
            ;
    }
    process_table_release(&t);
}

void child_become_subreaper(void)
{
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

int child_exit_code(const child *c)
{
    if (!c->reaped)
        return -1;
    if (WIFEXITED(c->wstatus))
        return WEXITSTATUS(c->wstatus);
    if (WIFSIGNALED(c->wstatus))
        return SHELL_SIGNAL_BASE + WTERMSIG(c->wstatus);
    return -1;
}

void child_describe_exit(const child *c, buf *out)
{
    if (!c->reaped) {
        buf_puts(out, "still running");
        return;
    }
    int sig = 0;
    if (WIFSIGNALED(c->wstatus))
        sig = WTERMSIG(c->wstatus);
    else if (c->shell != NULL && WIFEXITED(c->wstatus) &&
             WEXITSTATUS(c->wstatus) > SHELL_SIGNAL_BASE &&
             WEXITSTATUS(c->wstatus) < SHELL_SIGNAL_BASE + NSIG)
        sig = WEXITSTATUS(c->wstatus) - SHELL_SIGNAL_BASE;
    if (sig != 0)
        buf_printf(out, "killed by signal %d (%s)", sig, strsignal(sig));
    else if (WIFEXITED(c->wstatus))
        buf_printf(out, "exited with status %d", WEXITSTATUS(c->wstatus));
    else
        buf_puts(out, "ended");
}

int64_t child_cpu_ns(const child *c)
{
    const struct rusage *u = &c->usage;
    return ((int64_t)u->ru_utime.tv_sec + u->ru_stime.tv_sec) * NS_PER_SEC +
           ((int64_t)u->ru_utime.tv_usec + u->ru_stime.tv_usec) * 1000;
}

int64_t child_peak_rss(const child *c)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)c->pid);
    FILE *f = c->pid > 0 && !c->reaped ? fopen(path, "r") : NULL;
    if (f == NULL)
        return -1;
    long long kb = -1;
    while (fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "VmHWM: %lld kB", &kb) == 1)
            break;
    fclose(f);
    return kb >= 0 ? (int64_t)kb * 1024 : -1;
}

int child_capture(child *c, buf *out, child_capture_stderr err_mode, int64_t timeout_ns,
                  buf *why)
{
    c->out = CHILD_PIPE;
    if (err_mode == CHILD_STDERR_DROP)
        c->err = CHILD_NULL;
    else if (err_mode == CHILD_STDERR_MERGE)
        c->err = CHILD_TO_STDOUT;
    if (child_start(c, why) != 0)
        return -1;
    int64_t deadline = timeout_ns > 0 ? child_now_ns() + timeout_ns : 0;
    int status = -1;
    for (;;) {
        if (interrupt_signal() != 0) {
            buf_puts(why, "interrupted");
            goto fail;
        }
        int wait_ms = -1;
        if (deadline) {
            int64_t left = deadline - child_now_ns();
            if (left <= 0) {
                buf_printf(why, "timed out after %.0f s", (double)timeout_ns / NS_PER_SEC);
                goto fail;
            }
            wait_ms = (int)(left / NS_PER_MS) + 1;
        }
        struct pollfd pfd = {c->out_fd, POLLIN, 0};
        int ready = poll(&pfd, 1, wait_ms);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            continue;
        if (buf_reserve(out, CHILD_CAPTURE_CHUNK) != 0) {
            buf_puts(why, "out of memory");
            goto fail;
        }
        ssize_t n = read(c->out_fd, out->data + out->len, CHILD_CAPTURE_CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        out->len += (size_t)n;
        out->data[out->len] = '\0';
    }
    if (!child_wait(c, deadline)) {
        buf_puts(why, interrupt_signal() ? "interrupted" : "timed out");
        goto fail;
    }
    status = child_exit_code(c);
    close(c->out_fd);
    c->out_fd = -1;
    return status;
fail:
    child_kill(c);
    close(c->out_fd);
    c->out_fd = -1;
    return -1;
}

void child_release(child *c)
{
    if (c->in == CHILD_PIPE && c->in_fd >= 0)
        close(c->in_fd);
    if (c->out == CHILD_PIPE && c->out_fd >= 0)
        close(c->out_fd);
    if (c->err == CHILD_PIPE && c->err_fd >= 0)
        close(c->err_fd);
    if (c->in == CHILD_PIPE)
        c->in_fd = -1;
    if (c->out == CHILD_PIPE)
        c->out_fd = -1;
    if (c->err == CHILD_PIPE)
        c->err_fd = -1;
}
