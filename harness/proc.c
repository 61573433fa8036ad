/* proc.c - helper commands through /bin/sh (see proc.h). */
#include "harness/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int exit_code(int wstatus)
{
    if (WIFEXITED(wstatus))
        return WEXITSTATUS(wstatus);
    if (WIFSIGNALED(wstatus))
        return 128 + WTERMSIG(wstatus);
    return -1;
}

/* In the child: stdin from /dev/null, stdout to out_fd, stderr to err_fd
 * (-1: leave as is), change to dir, exec the shell. Never returns. */
static void exec_shell(const char *command, const char *dir, int out_fd, int err_fd)
{
    int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd >= 0)
        dup2(null_fd, STDIN_FILENO);
    dup2(out_fd, STDOUT_FILENO);
    if (err_fd >= 0)
        dup2(err_fd, STDERR_FILENO);
    if (dir != NULL && chdir(dir) != 0)
        _exit(127);
    execl("/bin/sh", "sh", "-c", command, (char *)NULL);
    _exit(127);
}

int proc_capture(const char *command, const char *dir, int merge_stderr, buf *out)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        int err_fd = -1;
        if (!merge_stderr)
            err_fd = open("/dev/null", O_WRONLY);
        else
            err_fd = fds[1];
        exec_shell(command, dir, fds[1], err_fd);
    }
    close(fds[1]);
    char chunk[4096];
    for (;;) {
        ssize_t n = read(fds[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        buf_append(out, chunk, (size_t)n);
    }
    close(fds[0]);
    int wstatus;
    while (waitpid(pid, &wstatus, 0) < 0)
        if (errno != EINTR)
            return -1;
    return exit_code(wstatus);
}

int proc_run_logged(const char *command, const char *dir, const char *log_path)
{
    int log_fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND, 0666);
    if (log_fd < 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(log_fd);
        return -1;
    }
    if (pid == 0)
        exec_shell(command, dir, log_fd, log_fd);
    close(log_fd);
    int wstatus;
    while (waitpid(pid, &wstatus, 0) < 0)
        if (errno != EINTR)
            return -1;
    return exit_code(wstatus);
}

int proc_shell_quote(buf *out, const char *s)
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

int proc_which(const char *name, buf *path)
{
    buf cmd = BUF_INIT, found = BUF_INIT;
    buf_puts(&cmd, "command -v ");
    proc_shell_quote(&cmd, name);
    int status = -1;
    if (proc_capture(cmd.data, NULL, 0, &found) == 0 && found.len > 0) {
        if (path != NULL)
            buf_append(path, found.data, strcspn(found.data, "\n"));
        status = 0;
    }
    buf_release(&cmd);
    buf_release(&found);
    return status;
}
