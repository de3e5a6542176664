/* The grader's sandbox: Linux namespaces, limits, and the fallback's
 * drop to nobody.  Everything here runs in a child between fork and exec
 * (grade_supervise.c), so it reports failure with a message, never by printing. */
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
#include <dirent.h>
#include <ftw.h>
#include <spawn.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The uid and gid the test has inside the sandbox: not 0, so that exec
 * leaves it no capability, even in its own user namespace. */
#define GRADE_BOX_ID 1000
/* Under root each run has a uid of its own, from this range, which no
 * account uses: runs cannot signal or trace each other, a process limit
 * counts one run, and whatever a run leaves can be told by its owner. */
#define GRADE_BOX_UID_BASE 0x70000000u
#define GRADE_BOX_UID_SPAN 0x01000000u

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

/* The device nodes a test may use, in a /dev of its own: no terminal
 * (the user's /dev/pts is theirs to write to), no disks. */
static const char *const grade_box_devices[] = {"null", "zero", "full",
                                                "random", "urandom"};
#define GRADE_BOX_NDEV (sizeof grade_box_devices / sizeof grade_box_devices[0])

/* A fresh /dev with only grade_box_devices (bound from the old one, taken
 * before it is covered) and the /proc links programs expect. */
static int grade_box_dev(char *why, size_t cap)
{
    int tree[GRADE_BOX_NDEV];
    char path[64];
    for (size_t i = 0; i < GRADE_BOX_NDEV; i++) {
        snprintf(path, sizeof path, "/dev/%s", grade_box_devices[i]);
        tree[i] = open_tree(AT_FDCWD, path, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
        if (tree[i] < 0)
            return grade_box_fail(why, cap, "taking /dev's nodes");
    }
    if (mount("tmpfs", "/dev", "tmpfs", MS_NOSUID | MS_NOEXEC,
              "size=64k,mode=755") != 0)
        return grade_box_fail(why, cap, "mounting a private /dev");
    for (size_t i = 0; i < GRADE_BOX_NDEV; i++) {
        snprintf(path, sizeof path, "/dev/%s", grade_box_devices[i]);
        int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
        if (fd < 0 || close(fd) != 0 ||
            move_mount(tree[i], "", AT_FDCWD, path,
                       MOVE_MOUNT_F_EMPTY_PATH) != 0)
            return grade_box_fail(why, cap, "placing /dev's nodes");
        close(tree[i]);
    }
    static const char *const links[][2] = {{"/proc/self/fd", "/dev/fd"},
                                           {"/proc/self/fd/0", "/dev/stdin"},
                                           {"/proc/self/fd/1", "/dev/stdout"},
                                           {"/proc/self/fd/2", "/dev/stderr"}};
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++)
        if (symlink(links[i][0], links[i][1]) != 0)
            return grade_box_fail(why, cap, "linking /dev/fd");
    struct mount_attr ro = {.attr_set = MOUNT_ATTR_RDONLY};
    mount_setattr(AT_FDCWD, "/dev", 0, &ro, sizeof ro);
    return 0;
}

/* Everything read-only, a private /dev, an empty /run (the user's D-Bus
 * and other sockets live there: a read-only mount does not stop a
 * connect()), then a private /tmp and, under it, workdir at /tmp/.grade
 * (bound before /tmp is covered: it may live under /tmp). */
static int grade_box_mounts(const char *workdir, char *why, size_t cap)
{
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
        return grade_box_fail(why, cap, "making / private");
    if (chdir(workdir) != 0)
        return grade_box_fail(why, cap, "entering the work directory");
    struct mount_attr ro = {.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID};
    if (mount_setattr(AT_FDCWD, "/", AT_RECURSIVE, &ro, sizeof ro) != 0)
        return grade_box_fail(why, cap, "making / read-only");
    if (grade_box_dev(why, cap) != 0)
        return -1;
    if (mount("tmpfs", "/run", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
              "size=64k,mode=755") != 0 &&
        errno != ENOENT)
        return grade_box_fail(why, cap, "covering /run");
    if (mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV,
              "size=64m,mode=1777") != 0)
        return grade_box_fail(why, cap, "mounting a private /tmp");
    /* The work directory read-only, but for the sanitizer's log file: the
     * test owns the directory when the grader is not root. */
    if (mkdir(GRADE_BOX_DIR, 0700) != 0 ||
        mount(".", GRADE_BOX_DIR, NULL, MS_BIND, NULL) != 0 ||
        mount_setattr(AT_FDCWD, GRADE_BOX_DIR, 0, &ro, sizeof ro) != 0)
        return grade_box_fail(why, cap, "binding the work directory");
    struct mount_attr rw = {.attr_clr = MOUNT_ATTR_RDONLY};
    if (mount("sanitizer.2", GRADE_BOX_DIR "/sanitizer.2", NULL, MS_BIND,
              NULL) != 0 ||
        mount_setattr(AT_FDCWD, GRADE_BOX_DIR "/sanitizer.2", 0, &rw,
                      sizeof rw) != 0)
        return grade_box_fail(why, cap, "making the sanitizer's log writable");
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

int grade_box_wait(pid_t test, bool *stopped)
{
    *stopped = false;
    for (;;) {
        int st;
        pid_t p = waitpid(-1, &st, __WALL | WUNTRACED);
        if (p < 0 && errno == EINTR)
            continue;
        if (p < 0)
            return -1;
        if (p == test && WIFSTOPPED(st)) {
            *stopped = true;
            kill(test, SIGKILL);
            continue;
        }
        if (p == test && (WIFEXITED(st) || WIFSIGNALED(st)))
            return st;
    }
}

/* A soft limit of value, a hard one of value + slack (so that the CPU
 * limit sends SIGXCPU, which says what happened, before SIGKILL). */
static void grade_box_limit(int resource, rlim_t value, rlim_t slack)
{
    struct rlimit rl = {value, value + slack};
    struct rlimit old;
    if (getrlimit(resource, &old) == 0 && old.rlim_max != RLIM_INFINITY &&
        old.rlim_max < value + slack) {
        rl.rlim_max = old.rlim_max;
        if (rl.rlim_cur > rl.rlim_max)
            rl.rlim_cur = rl.rlim_max;
    }
    setrlimit(resource, &rl);
}

uid_t grade_box_run_uid(void)
{
    if (geteuid() != 0)
        return geteuid();
    uint32_t r = 0;
    if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
        r = (uint32_t)getpid() * 2654435761u;
    return (uid_t)(GRADE_BOX_UID_BASE + r % GRADE_BOX_UID_SPAN);
}

int grade_box_drop_root(uid_t uid, char *why, size_t cap)
{
    if (geteuid() != 0 || uid == 0)
        return 0;
    if (setgroups(0, NULL) != 0 || setgid((gid_t)uid) != 0 ||
        setuid(uid) != 0)
        return grade_box_fail(why, cap, "dropping root");
    /* The change of credentials made the process undumpable, which gives
     * root its /proc/self files, uid_map among them. */
    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
    return 0;
}

/* How many processes this uid has now (RLIMIT_NPROC counts them all). */
static rlim_t grade_box_own_processes(void)
{
    DIR *d = opendir("/proc");
    rlim_t n = 0;
    struct stat st;
    for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;)
        n += e->d_name[0] >= '1' && e->d_name[0] <= '9' &&
             fstatat(dirfd(d), e->d_name, &st, 0) == 0 &&
             st.st_uid == geteuid();
    if (d != NULL)
        closedir(d);
    return n;
}

int grade_box_limits(const struct grade_limits *l, bool sanitized,
                     bool shared_uid, char *why, size_t cap)
{
    grade_box_limit(RLIMIT_CPU, (rlim_t)l->timeout_s + 1, 2);
    /* A uid shared with the user's other processes (fallback mode, no
     * root) gets the limit on top of what it runs already. */
    grade_box_limit(RLIMIT_NPROC,
                    l->processes + (shared_uid ? grade_box_own_processes() : 0),
                    0);
    grade_box_limit(RLIMIT_FSIZE, (rlim_t)64 << 20, 0);
    grade_box_limit(RLIMIT_CORE, 0, 0);
    /* ASan reserves terabytes of address space: it has its own limit. */
    if (!sanitized)
        grade_box_limit(RLIMIT_AS, (rlim_t)l->memory_mb << 20, 0);
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return grade_box_fail(why, cap, "no_new_privs");
    return 0;
}

static int grade_box_rm_one(const char *path, const struct stat *sb,
                            int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

void grade_box_rm_tree(const char *path)
{
    if (path[0] == '\0')
        return;
    nftw(path, grade_box_rm_one, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    /* Deeper than PATH_MAX, which nftw cannot reach: rm(1) can. */
    char *const argv[] = {"rm", "-rf", "--one-file-system", "--",
                          (char *)path, NULL};
    pid_t pid;
    extern char **environ;
    if (posix_spawnp(&pid, "rm", NULL, NULL, argv, environ) == 0)
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            ;
}

void grade_box_sweep_files(uid_t uid)
{
    static const char *const shared[] = {"/tmp", "/var/tmp", "/dev/shm",
                                         "/run/lock"};
    if (geteuid() != 0 || uid == 0)
        return; /* only a run's own uid tells its files from the user's */
    for (size_t i = 0; i < sizeof shared / sizeof shared[0]; i++) {
        DIR *d = opendir(shared[i]);
        for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;) {
            struct stat st;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", shared[i], e->d_name);
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
                lstat(path, &st) == 0 && st.st_uid == uid)
                grade_box_rm_tree(path);
        }
        if (d != NULL)
            closedir(d);
    }
}
