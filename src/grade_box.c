/* The grader's sandbox: Linux namespaces, limits, and the fallback's
 * drop to nobody.  Everything here runs in a child between fork and exec
 * (grade_run.c), so it reports failure with a message, never by printing. */
#define _GNU_SOURCE /* unshare, CLONE_*, mount_setattr, setgroups */
#include "grade_box.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The uid and gid the test has inside the sandbox: not 0, so that exec
 * leaves it no capability, even in its own user namespace. */
#define GRADE_BOX_ID 1000
#define GRADE_BOX_NOBODY 65534

static int grade_box_fail(char *why, size_t cap, const char *what)
{
    snprintf(why, cap, "%s: %s", what, strerror(errno));
    return -1;
}

static int grade_box_write(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, text, strlen(text));
    int e = errno;
    close(fd);
    errno = e;
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* The outer uid and gid, seen inside as GRADE_BOX_ID. */
static int grade_box_map(uid_t uid, gid_t gid, char *why, size_t cap)
{
    char map[64];
    snprintf(map, sizeof map, "%d %ld 1\n", GRADE_BOX_ID, (long)uid);
    if (grade_box_write("/proc/self/uid_map", map) != 0)
        return grade_box_fail(why, cap, "writing uid_map");
    if (grade_box_write("/proc/self/setgroups", "deny") != 0)
        return grade_box_fail(why, cap, "writing setgroups");
    snprintf(map, sizeof map, "%d %ld 1\n", GRADE_BOX_ID, (long)gid);
    if (grade_box_write("/proc/self/gid_map", map) != 0)
        return grade_box_fail(why, cap, "writing gid_map");
    return 0;
}

/* Everything read-only, then a private /tmp and, under it, workdir at
 * /tmp/.grade (bound before /tmp is covered: it may live under /tmp). */
static int grade_box_mounts(const char *workdir, char *why, size_t cap)
{
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
        return grade_box_fail(why, cap, "making / private");
    if (chdir(workdir) != 0)
        return grade_box_fail(why, cap, "entering the work directory");
    struct mount_attr ro = {.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID};
    if (mount_setattr(AT_FDCWD, "/", AT_RECURSIVE, &ro, sizeof ro) != 0)
        return grade_box_fail(why, cap, "making / read-only");
    if (mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV,
              "size=64m,mode=1777") != 0)
        return grade_box_fail(why, cap, "mounting a private /tmp");
    if (mkdir(GRADE_BOX_DIR, 0700) != 0 ||
        mount(".", GRADE_BOX_DIR, NULL, MS_BIND, NULL) != 0)
        return grade_box_fail(why, cap, "binding the work directory");
    struct mount_attr rw = {.attr_clr = MOUNT_ATTR_RDONLY};
    if (mount_setattr(AT_FDCWD, GRADE_BOX_DIR, 0, &rw, sizeof rw) != 0)
        return grade_box_fail(why, cap, "making the work directory writable");
    if (chdir("/tmp") != 0)
        return grade_box_fail(why, cap, "entering /tmp");
    return 0;
}

int grade_box_enter(const char *workdir, char *why, size_t cap)
{
    uid_t uid = geteuid();
    gid_t gid = getegid();
    int flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET |
                CLONE_NEWIPC | CLONE_NEWUTS;
    if (unshare(flags) != 0)
        return grade_box_fail(why, cap, "unshare");
    if (grade_box_map(uid, gid, why, cap) != 0)
        return -1;
    return grade_box_mounts(workdir, why, cap);
}

void grade_box_init(void)
{
    /* This namespace's processes only; without it /proc still works,
     * read-only, so a failure is no reason to stop. */
    (void)mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
                NULL);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/* Waits for every process of the namespace, reaping orphans as init must,
 * until test ends; returns its wait status.  A stopped or traced test is
 * killed: nobody in here is allowed to hold it. */
int grade_box_wait(pid_t test)
{
    for (;;) {
        int st;
        pid_t p = waitpid(-1, &st, __WALL);
        if (p < 0 && errno == EINTR)
            continue;
        if (p < 0)
            return -1;
        if (p == test && WIFSTOPPED(st)) {
            kill(test, SIGKILL);
            continue;
        }
        if (p == test && (WIFEXITED(st) || WIFSIGNALED(st)))
            return st;
    }
}

static void grade_box_limit(int resource, rlim_t value)
{
    struct rlimit rl = {value, value};
    struct rlimit old;
    if (getrlimit(resource, &old) == 0 && old.rlim_max != RLIM_INFINITY &&
        old.rlim_max < value)
        rl.rlim_cur = rl.rlim_max = old.rlim_max;
    setrlimit(resource, &rl);
}

int grade_box_drop_root(char *why, size_t cap)
{
    if (geteuid() != 0)
        return 0;
    if (setgroups(0, NULL) != 0 || setgid(GRADE_BOX_NOBODY) != 0 ||
        setuid(GRADE_BOX_NOBODY) != 0)
        return grade_box_fail(why, cap, "dropping to nobody");
    /* The change of credentials made the process undumpable, which gives
     * root its /proc/self files, uid_map among them. */
    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
    return 0;
}

int grade_box_limits(const struct grade_limits *l, bool sanitized, char *why,
                     size_t cap)
{
    grade_box_limit(RLIMIT_CPU, (rlim_t)l->timeout_s + 2);
    grade_box_limit(RLIMIT_NPROC, l->processes);
    grade_box_limit(RLIMIT_FSIZE, (rlim_t)64 << 20);
    grade_box_limit(RLIMIT_CORE, 0);
    /* ASan reserves terabytes of address space: it has its own limit. */
    if (!sanitized)
        grade_box_limit(RLIMIT_AS, (rlim_t)l->memory_mb << 20);
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return grade_box_fail(why, cap, "no_new_privs");
    return 0;
}

uid_t grade_box_owner(void)
{
    return geteuid() == 0 ? GRADE_BOX_NOBODY : geteuid();
}
