#ifndef GRADE_BOX_H
#define GRADE_BOX_H

/* The grader's sandbox, internal to the grader (src/grade_supervise.c); the
 * contract the kit sees is grade.h. */

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "grade.h"

/* Where the work directory appears inside the sandbox. */
#define GRADE_BOX_DIR "/tmp/.grade"

/* In a child: new user (this uid seen as 1000), mount, PID, network, IPC
 * and UTS namespaces; the whole file system read-only, a private /dev
 * (null, zero, full, random, urandom), an empty /run, a private tmpfs on
 * /tmp, workdir bound read-only at GRADE_BOX_DIR with its sanitizer.2
 * writable, and /tmp as the current directory.  The next fork is PID 1 of the new namespace.  Returns 0, or
 * -1 with why set. */
int grade_box_enter(const char *workdir, char *why, size_t cap);

/* In PID 1 of the sandbox: its own /proc, and not dumpable. */
void grade_box_init(void);

/* In PID 1: reaps every process until test ends; its wait status, or -1.
 * A test that stops (SIGSTOP, or traced) is killed, and *stopped set:
 * nobody in here may hold it. */
int grade_box_wait(pid_t test, bool *stopped);

/* The uid a run's test has: under root a fresh one of its own (no account
 * has it), else this user's. */
uid_t grade_box_run_uid(void);

/* In the child, first of all: under root, becomes uid (and the group of
 * the same number), so that the test cannot write root's files or signal
 * the grader in fallback mode, and so that RLIMIT_NPROC applies (the
 * kernel never applies it to uid 0, in any user namespace).  Returns 0,
 * or -1 with why set. */
int grade_box_drop_root(uid_t uid, char *why, size_t cap);

/* In the test's process, just before exec: CPU, process, file size and
 * (unless sanitized) address-space limits, and no_new_privs.  shared_uid:
 * the uid also runs the user's other processes, which RLIMIT_NPROC
 * counts too.  Returns 0, or -1 with why set. */
int grade_box_limits(const struct grade_limits *l, bool sanitized,
                     bool shared_uid, char *why, size_t cap);

/* Removes path and everything under it, however deep, without following
 * links or leaving its file system. */
void grade_box_rm_tree(const char *path);

/* Under root: removes what a run of uid left in /tmp, /var/tmp, /dev/shm
 * and /run/lock (fallback mode, where those are shared; System V IPC
 * objects are not looked for). */
void grade_box_sweep_files(uid_t uid);

#endif /* GRADE_BOX_H */
