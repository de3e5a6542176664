#ifndef GRADE_BOX_H
#define GRADE_BOX_H

/* The grader's sandbox, internal to the grader (src/grade_run.c); the
 * contract the kit sees is grade.h. */

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "grade.h"

/* Where the work directory appears inside the sandbox. */
#define GRADE_BOX_DIR "/tmp/.grade"

/* In a child: new user (this uid seen as 1000), mount, PID, network, IPC
 * and UTS namespaces; the whole file system read-only, a private tmpfs on
 * /tmp, workdir bound writable at GRADE_BOX_DIR, and /tmp as the current
 * directory.  The next fork is PID 1 of the new namespace.  Returns 0, or
 * -1 with why set. */
int grade_box_enter(const char *workdir, char *why, size_t cap);

/* In PID 1 of the sandbox: its own /proc, and not dumpable. */
void grade_box_init(void);

/* In PID 1: reaps every process until test ends; its wait status, or -1. */
int grade_box_wait(pid_t test);

/* In the child, first of all: under root, becomes nobody, so that the
 * test cannot write root's files or signal the grader in fallback mode,
 * and so that RLIMIT_NPROC applies (the kernel never applies it to uid 0,
 * in any user namespace).  Returns 0, or -1 with why set. */
int grade_box_drop_root(char *why, size_t cap);

/* In the test's process, just before exec: CPU, process, file size and
 * (unless sanitized) address-space limits, and no_new_privs.  Returns 0,
 * or -1 with why set. */
int grade_box_limits(const struct grade_limits *l, bool sanitized, char *why,
                     size_t cap);

/* Who must own the work directory: nobody under root, else this user. */
uid_t grade_box_owner(void);

#endif /* GRADE_BOX_H */
