/*
 * fs.h - small file-system helpers the harness needs in several places.
 *
 * All return 0 on success and -1 on failure with errno set; none prints.
 */
#ifndef LADDER_FS_H
#define LADDER_FS_H

#include "harness/buf.h"

/* Appends the whole file to out. */
int fs_read_file(const char *path, buf *out);
/* The same, but fails with errno EFBIG once more than max bytes were read
 * (a device such as /dev/zero never ends). */
int fs_read_file_bounded(const char *path, size_t max, buf *out);
/* Writes len bytes to path atomically (a temporary file, then rename), so a
 * reader never sees half a file and an interrupted run keeps the old one.
 * For the harness's own files; a path the user gave goes through output.h. */
int fs_write_file_atomic(const char *path, const char *data, size_t len);
/* mkdir -p for the directory part of path (everything before the last '/'). */
int fs_make_parent_dirs(const char *path);
/* mkdir -p. */
int fs_make_dirs(const char *dir);
int fs_exists(const char *path);

/* The names of the folders in dir that hold a file called file_name,
 * sorted, skipping names that start with '.' or '_' (shared code, not
 * declarations). *names is a malloc'd array of malloc'd strings; free it
 * with fs_free_names. Returns -1 if dir cannot be read. */
int fs_declared_folders(const char *dir, const char *file_name, char ***names, size_t *count);
/* The names in dir that end in suffix (and do not start with '.'), sorted,
 * as fs_declared_folders gives them. */
int fs_names_ending(const char *dir, const char *suffix, char ***names, size_t *count);
void fs_free_names(char **names, size_t count);

#endif /* LADDER_FS_H */
