/* region.c - instruction counting around the timed region (see region.h). */
#include "rungs/_native/region.h"

#include <linux/perf_event.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define REGION_HAVE_CALLGRIND 1
#endif
#endif

#define REGION_MODE_ENV "LADDER_COUNT_INSTRUCTIONS"

typedef enum region_mode { REGION_UNKNOWN, REGION_OFF, REGION_CALLGRIND, REGION_PERF } region_mode;

/* Read once, on the first region: a process counts in one way only. */
static region_mode mode = REGION_UNKNOWN;
static int perf_fd = -1;

static void region_init(void)
{
    const char *how = getenv(REGION_MODE_ENV);
    mode = REGION_OFF;
    if (how == NULL)
        return;
    if (strcmp(how, "callgrind") == 0) {
        mode = REGION_CALLGRIND;
    } else if (strcmp(how, "perf") == 0) {
        struct perf_event_attr attr;
        memset(&attr, 0, sizeof attr);
        attr.size = sizeof attr;
        attr.type = PERF_TYPE_HARDWARE;
        attr.config = PERF_COUNT_HW_INSTRUCTIONS;
        attr.disabled = 1;
        attr.exclude_kernel = 1;
        attr.exclude_hv = 1;
        attr.inherit = 1;   /* threads the region starts count too */
        perf_fd = (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
        mode = perf_fd >= 0 ? REGION_PERF : REGION_OFF;
    }
}

void ladder_region_begin(void)
{
    if (mode == REGION_UNKNOWN)
        region_init();
    if (mode == REGION_PERF) {
        ioctl(perf_fd, PERF_EVENT_IOC_RESET, 0);
        ioctl(perf_fd, PERF_EVENT_IOC_ENABLE, 0);
    }
#ifdef REGION_HAVE_CALLGRIND
    if (mode == REGION_CALLGRIND)
        CALLGRIND_TOGGLE_COLLECT;
#endif
}

long long ladder_region_end(void)
{
    if (mode == REGION_PERF) {
        ioctl(perf_fd, PERF_EVENT_IOC_DISABLE, 0);
        uint64_t count = 0;
        if (read(perf_fd, &count, sizeof count) != (ssize_t)sizeof count)
            return -1;
        return (long long)count;
    }
#ifdef REGION_HAVE_CALLGRIND
    if (mode == REGION_CALLGRIND) {
        CALLGRIND_TOGGLE_COLLECT;
        CALLGRIND_DUMP_STATS;
    }
#endif
    return -1;
}
