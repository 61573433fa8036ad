/*
 * machine.h - describes the machine a run happened on, for the results
 * file and the report card (as pyperf records its metadata): CPU model,
 * cores, frequency governor, kernel, OS, C compiler, host name. (The
 * interpreter is a part of each row, not of the machine.)
 *
 * Every string is owned by the machine_info (machine_info_release frees
 * them); a fact that cannot be read is "unknown", never NULL.
 */
#ifndef LADDER_MACHINE_H
#define LADDER_MACHINE_H


typedef struct machine_info {
    char *cpu_model;
    long cores;            /* online */
    char *governor;        /* cpufreq scaling governor, or "unknown" */
    char *kernel;          /* uname -srm */
    char *os;              /* PRETTY_NAME of /etc/os-release */
    char *compiler;        /* first line of `cc --version` */
    char *hostname;
    long memory_bytes;
    double load_average;   /* 1-minute, when the run started; -1 if unknown */
} machine_info;

/* Above this 1-minute load per core, other work competes for the CPU and
 * `ladder run` warns that its times will be noisy. */
#define MACHINE_BUSY_LOAD_PER_CORE 0.5

/* 1 if the machine was busy when described (see above). */
int machine_is_busy(const machine_info *m);

/* Reads the facts. Never fails: unknowns say so. */
void machine_describe(machine_info *out);
void machine_info_release(machine_info *m);

#endif /* LADDER_MACHINE_H */
