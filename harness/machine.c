/* machine.c - describing the machine (see machine.h). */
#include "harness/machine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "harness/fs.h"

/* `cc --version` answers at once; a hung one is not waited for. */
#define MACHINE_COMMAND_TIMEOUT_NS (30 * 1000000000LL)
#include "harness/child.h"

/* The value after "key" and a separator on the first line starting with key. */
static char *field_of(const char *text, const char *key, const char *separators)
{
    size_t n = strlen(key);
    for (const char *line = text; line && *line; line = strchr(line, '\n')) {
        if (*line == '\n')
            line++;
        if (strncmp(line, key, n) == 0) {
            const char *v = line + n;
            v += strspn(v, separators);
            size_t len = strcspn(v, "\n");
            if (len > 0 && v[len - 1] == '"')
                len--;
            return strndup(v, len);
        }
    }
    return NULL;
}

static char *first_line(const char *path)
{
    buf text = BUF_INIT;
    char *line = NULL;
    if (fs_read_file(path, &text) == 0 && text.len > 0)
        line = strndup(text.data, strcspn(text.data, "\n"));
    buf_release(&text);
    return line;
}

static char *or_unknown(char *s)
{
    return s && *s ? s : (free(s), strdup("unknown"));
}

void machine_describe(machine_info *out)
{
    memset(out, 0, sizeof *out);
    buf text = BUF_INIT;
    if (fs_read_file("/proc/cpuinfo", &text) == 0 && text.data)
        out->cpu_model = field_of(text.data, "model name", " \t:");
    buf_clear(&text);
    if (fs_read_file("/etc/os-release", &text) == 0 && text.data)
        out->os = field_of(text.data, "PRETTY_NAME", "=\"");
    buf_clear(&text);
    const char *cc = getenv("CC");
    child c = CHILD_INIT;
    c.argv = (const char *[]){cc && *cc ? cc : "cc", "--version", NULL};
    buf why = BUF_INIT;
    if (child_capture(&c, &text, CHILD_STDERR_DROP, MACHINE_COMMAND_TIMEOUT_NS, &why) == 0 && text.data)
        out->compiler = strndup(text.data, strcspn(text.data, "\n"));
    child_release(&c);
    buf_release(&why);
    buf_release(&text);

    out->governor = first_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
    struct utsname u;
    if (uname(&u) == 0) {
        buf k = BUF_INIT;
        buf_printf(&k, "%s %s %s", u.sysname, u.release, u.machine);
        out->kernel = buf_detach(&k);
    }
    out->cores = sysconf(_SC_NPROCESSORS_ONLN);
    double loads[1];
    out->load_average = getloadavg(loads, 1) == 1 ? loads[0] : -1;
    out->memory_bytes = sysconf(_SC_PHYS_PAGES) * sysconf(_SC_PAGESIZE);
    char host[256];
    if (gethostname(host, sizeof host) == 0) {
        host[sizeof host - 1] = '\0';
        out->hostname = strdup(host);
    }
    out->cpu_model = or_unknown(out->cpu_model);
    out->os = or_unknown(out->os);
    out->compiler = or_unknown(out->compiler);
    out->governor = or_unknown(out->governor);
    out->kernel = or_unknown(out->kernel);
    out->hostname = or_unknown(out->hostname);
}

int machine_is_busy(const machine_info *m)
{
    return m->cores > 0 && m->load_average > MACHINE_BUSY_LOAD_PER_CORE * (double)m->cores;
}

void machine_info_release(machine_info *m)
{
    free(m->cpu_model);
    free(m->governor);
    free(m->kernel);
    free(m->os);
    free(m->compiler);
    free(m->hostname);
    memset(m, 0, sizeof *m);
}
