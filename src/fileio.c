/* fileio.c - atomic file replacement and non-blocking opens (see fileio.h). */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The directory part of path into buf ("." when there is none). */
static void dir_of(const char *path, char *buf, size_t n) {
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(buf, n, ".");
    } else if (slash == path) {
        snprintf(buf, n, "/");
    } else {
        size_t len = (size_t)(slash - path);
        if (len >= n) len = n - 1;
        memcpy(buf, path, len);
        buf[len] = '\0';
    }
}

static void writer_clear(FioWriter *w) {
    free(w->path);
    free(w->tmp);
    w->path = w->tmp = NULL;
    w->fd = -1;
}

bool fio_begin(FioWriter *w, const char *path, Err *e) {
    memset(w, 0, sizeof *w);
    w->fd = -1;
    /* replace what a symbolic link points to, not the link */
    char real[PATH_MAX];
    struct stat old;
    bool exists = stat(path, &old) == 0;
    if (exists && S_ISDIR(old.st_mode)) {
        err_set(e, ERR_IO, "%s: is a directory", path);
        return false;
    }
    const char *target = (exists && realpath(path, real)) ? real : path;
    w->path = strdup(target);
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    char dir[PATH_MAX];
    dir_of(target, dir, sizeof dir);
    size_t n = strlen(dir) + strlen(base) + 16;
    w->tmp = malloc(n);
    if (!w->path || !w->tmp) {
        writer_clear(w);
        err_set(e, ERR_MEMORY, "out of memory");
        return false;
    }
    snprintf(w->tmp, n, "%s/.%s.tmpXXXXXX", dir, base);
    w->fd = mkstemp(w->tmp);
    if (w->fd < 0) {
        err_set(e, ERR_IO, "%s: cannot create a file in %s: %s", path, dir, strerror(errno));
        writer_clear(w);
        return false;
    }
    mode_t mode;
    if (exists) {
        mode = old.st_mode & 07777;
    } else {
        mode_t mask = umask(022);
        umask(mask);
        mode = 0666 & ~mask;
    }
    fchmod(w->fd, mode);
    return true;
}

static bool fail(FioWriter *w, Err *e, const char *what, int err) {
    err_set(e, ERR_IO, "%s: %s: %s (the old file is unchanged)", w->path ? w->path : "?", what,
            strerror(err));
    return false;
}

bool fio_write(FioWriter *w, const void *buf, size_t n, Err *e) {
    if (w->fd < 0) return fail(w, e, "cannot write", EBADF);
    const char *p = buf;
    while (n) {
        size_t step = n;
        if (w->fail_at) {
            if (w->written >= w->fail_at) return fail(w, e, "cannot write", ENOSPC);
            if (step > w->fail_at - w->written) step = w->fail_at - w->written;
        }
        ssize_t k = write(w->fd, p, step);
        if (k < 0) {
            if (errno == EINTR) continue;
            return fail(w, e, "cannot write", errno);
        }
        if (k == 0) return fail(w, e, "cannot write", EIO);
        p += k;
        n -= (size_t)k;
        w->written += (size_t)k;
    }
    return true;
}

void fio_abort(FioWriter *w) {
    if (w->fd >= 0) close(w->fd);
    if (w->tmp) unlink(w->tmp);
    writer_clear(w);
}

bool fio_commit(FioWriter *w, Err *e) {
    if (w->fd < 0) {
        fail(w, e, "cannot write", EBADF);
        fio_abort(w);
        return false;
    }
    bool ok = true;
    if (fsync(w->fd) != 0 && errno != EINVAL) ok = fail(w, e, "cannot flush to disk", errno);
    if (close(w->fd) != 0 && ok) ok = fail(w, e, "cannot write", errno);
    w->fd = -1;
    if (ok && rename(w->tmp, w->path) != 0) ok = fail(w, e, "cannot replace the file", errno);
    if (!ok) {
        fio_abort(w);
        return false;
    }
    /* make the rename itself durable; failing to is not worth an error */
    char dir[PATH_MAX];
    dir_of(w->path, dir, sizeof dir);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    writer_clear(w);
    return true;
}

int fio_write_file(const char *path, const void *buf, size_t n, Err *e) {
    FioWriter w;
    if (!fio_begin(&w, path, e)) return -1;
    if (!fio_write(&w, buf, n, e)) {
        fio_abort(&w);
        return -1;
    }
    return fio_commit(&w, e) ? 0 : -1;
}

int fio_open_read(const char *path, Err *e) {
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        err_set(e, ERR_IO, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        const char *kind = S_ISDIR(st.st_mode)    ? "is a directory"
                           : S_ISFIFO(st.st_mode) ? "not a regular file (a FIFO)"
                           : S_ISSOCK(st.st_mode) ? "not a regular file (a socket)"
                           : S_ISCHR(st.st_mode)  ? "not a regular file (a device)"
                                                  : "not a regular file";
        err_set(e, ERR_IO, "%s: %s", path, kind);
        close(fd);
        return -1;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    return fd;
}

FILE *fio_fopen_read(const char *path, Err *e) {
    int fd = fio_open_read(path, e);
    if (fd < 0) return NULL;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
        close(fd);
    }
    return f;
}

bool fio_check_output(FILE *f) {
    bool ok = fflush(f) == 0;
    return ok && !ferror(f);
}

int fio_make_dirs(const char *dir) {
    char p[PATH_MAX];
    if (snprintf(p, sizeof p, "%s", dir) >= (int)sizeof p) return -1;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(p, 0700) < 0 && errno != EEXIST) return -1;
        *s = '/';
    }
    if (mkdir(p, 0700) < 0 && errno != EEXIST) return -1;
    struct stat st;
    return (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) ? 0 : -1;
}
