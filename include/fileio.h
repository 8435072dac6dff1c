/* fileio.h - writing files so that a failure never loses the old contents,
 * and opening files for reading without blocking on a FIFO or a device.
 *
 * Atomic replacement: fio_begin creates a temporary file in the same
 * directory as the target (so the final rename never crosses file systems),
 * the caller streams bytes into it with fio_write, and fio_commit flushes
 * them to the disk (fsync), renames the temporary over the target and syncs
 * the directory. Until fio_commit succeeds the target is untouched; on any
 * failure, or after fio_abort, the temporary is removed. A process killed
 * half way leaves the old file whole (and at worst a ".NAME.tmpXXXXXX" file
 * beside it that no reader ever mistakes for the target).
 *
 *     FioWriter w;
 *     if (!fio_begin(&w, path, e)) return -1;
 *     if (!fio_write(&w, head, hn, e) || !fio_write(&w, data, n, e)) {
 *         fio_abort(&w);
 *         return -1;
 *     }
 *     return fio_commit(&w, e) ? 0 : -1;
 */
#ifndef NNSH_FILEIO_H
#define NNSH_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "err.h"

typedef struct FioWriter {
    int fd;         /* the temporary, -1 when closed */
    char *path;     /* the target (resolved through a symbolic link) */
    char *tmp;      /* the temporary's name */
    size_t written; /* bytes accepted so far */
    size_t fail_at; /* tests: fail a write once this many bytes are in
                       (0: never), as a full disk would, with ENOSPC */
} FioWriter;

/* fio_begin: start replacing `path`. The new file gets the old file's
 * permission bits, or 0666 less the umask for a new file. false with ERR_IO
 * (e.g. the directory is not writable, the target is a directory) and
 * nothing created. */
bool fio_begin(FioWriter *w, const char *path, Err *e);

/* fio_write: append n bytes. false with ERR_IO (the message names the target
 * and the system's reason: "No space left on device", "File too large");
 * the caller then calls fio_abort. */
bool fio_write(FioWriter *w, const void *buf, size_t n, Err *e);

/* fio_commit: flush, fsync, rename over the target, fsync the directory.
 * false with ERR_IO after removing the temporary (the target unchanged).
 * Either way the writer is finished. */
bool fio_commit(FioWriter *w, Err *e);

/* fio_abort: drop the temporary; the target is unchanged. Safe on a writer
 * that already finished. */
void fio_abort(FioWriter *w);

/* fio_write_file: the whole sequence for one buffer. 0, or -1 with e set. */
int fio_write_file(const char *path, const void *buf, size_t n, Err *e);

/* fio_open_read: open `path` for reading without ever blocking: O_NONBLOCK
 * for the open itself (a FIFO with no writer, a terminal), then the file
 * must be a regular file, and blocking mode is restored. Returns the file
 * descriptor, or -1 with ERR_IO: "PATH: cannot open: No such file or directory",
 * "PATH: is a directory", "PATH: not a regular file (a FIFO)". */
int fio_open_read(const char *path, Err *e);

/* fio_fopen_read: fio_open_read as a FILE* ("rb"); NULL with e set. */
FILE *fio_fopen_read(const char *path, Err *e);

/* fio_check_output: flush `f` and report whether every write to it
 * succeeded (false when ferror is set or the flush fails, e.g. standard
 * output redirected to a full disk or /dev/full). */
bool fio_check_output(FILE *f);

/* fio_make_dirs: mkdir -p: make the folders of `dir` that do not exist yet
 * (mode 0700: the cache and the learner's own files are private). 0, or
 * -1 when one cannot be made or `dir` is not a folder in the end. */
int fio_make_dirs(const char *dir);

#endif
