/*
 * commands.h - the `ladder` subcommands. Each takes the arguments after its
 * name (argv[0] is the subcommand), prints results on stdout and progress
 * and errors on stderr, and returns the process exit status:
 * 0 success, 1 the work failed (a row failed, bad input), 2 usage error.
 *
 * This is the only layer that prints and chooses exit codes; the modules
 * below it return errors.
 */
#ifndef LADDER_COMMANDS_H
#define LADDER_COMMANDS_H

int cmd_list(int argc, char **argv);
int cmd_interpreters(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_gen(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_pipeline(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_try(int argc, char **argv);

/* Exit statuses. */
#define EXIT_WORK_FAILED 1
#define EXIT_USAGE 2

#endif /* LADDER_COMMANDS_H */
