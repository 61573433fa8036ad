/*
 * lock.h - one `ladder run` at a time per checkout: the runs share the
 * build folders, the generated inputs and the results, and two at once
 * would also time each other. A second run waits, saying for whom.
 *
 *     int fd = lock_checkout(build_root, "ladder run", &why);   // blocks
 *     ...
 *     lock_release(fd);
 *
 * The lock is an flock() on build/ladder.lock, so it goes away with the
 * process however it ends; the file says who holds it.
 */
#ifndef LADDER_LOCK_H
#define LADDER_LOCK_H

#include "harness/buf.h"

/* Takes the lock, waiting (with a message on stderr) while another process
 * holds it. Returns the descriptor, or -1 with why filled. */
int lock_checkout(const char *build_root, const char *what, buf *why);

void lock_release(int fd);

#endif /* LADDER_LOCK_H */
