/* The grader's first job, reading test results (grade.h): the manifest,
 * the harness's channel, the text output's messages, and the
 * classification.  It knows nothing of processes: the supervisor
 * (src/grade_supervise.c) hands it the bytes it read and what it saw. */
#include "grade.h"
#include "utf8.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const grade_words[GRADE_STATUS_COUNT] = {
#define GRADE_WORD_(name, word) [GRADE_##name] = word,
    GRADE_STATUS_MAP(GRADE_WORD_)
#undef GRADE_WORD_
};

const char *grade_status_name(enum grade_status s)
{
    if ((int)s < 0 || s >= GRADE_STATUS_COUNT)
        return "unknown";
    return grade_words[s];
}

const char *grade_mode_name(enum grade_mode m)
{
    static const char *const names[] = {
        [GRADE_MODE_AUTO] = "auto",
        [GRADE_MODE_SANDBOX] = "sandbox",
        [GRADE_MODE_FALLBACK] = "fallback",
    };
    if ((int)m < 0 || (size_t)m >= sizeof names / sizeof names[0])
        return "unknown";
    return names[m];
}

struct grade_limits grade_limits_default(void)
{
    return (struct grade_limits){10.0, 2048, 64, 1u << 20};
}

void grade_result_init(struct grade_result *out)
{
    memset(out, 0, sizeof *out);
    out->status = GRADE_FAIL;
    out->exit_status = -1;
}

void grade_result_free(struct grade_result *r)
{
    if (r == NULL)
        return;
    free(r->cases);
    grade_result_init(r);
}

/* --- text helpers ---------------------------------------------------------- */

/* Appends src[0..len) to dst (a NUL-terminated buffer of size cap), with a
 * separator when dst is not empty; silently truncates, at a UTF-8
 * character boundary. */
static void grade_append(char *dst, size_t cap, const char *src, size_t len,
                         const char *sep)
{
    size_t used = strlen(dst);
    if (used > 0 && used + strlen(sep) < cap) {
        strcpy(dst + used, sep);
        used += strlen(sep);
    }
    if (used + 1 >= cap)
        return;
    size_t keep = utf8_fit(src, len, cap - 1 - used);
    memcpy(dst + used, src, keep);
    dst[used + keep] = '\0';
}

static void grade_append_str(char *dst, size_t cap, const char *src,
                             const char *sep)
{
    grade_append(dst, cap, src, strlen(src), sep);
}

static bool grade_starts(const char *line, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(line, prefix, n) == 0;
}

/* Calls fn on each line of text[0..len), without its "\n" or "\r\n". */
static void grade_lines(const char *text, size_t len,
                        void (*fn)(void *ctx, const char *line, size_t n),
                        void *ctx)
{
    size_t start = 0;
    while (start < len) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t n = end - start;
        if (n > 0 && text[start + n - 1] == '\r')
            n--;
        fn(ctx, text + start, n);
        start = end + 1;
    }
}

/* The first occurrence of needle in text[0..len), or NULL. */
static const char *grade_find(const char *text, size_t len,
                              const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n <= len && i <= len - n; i++)
        if (text[i] == needle[0] && memcmp(text + i, needle, n) == 0)
            return text + i;
    return NULL;
}

/* The line of text[0..len) that contains at, into dst. */
static void grade_copy_line(char *dst, size_t cap, const char *text,
                            size_t len, const char *at)
{
    const char *start = at;
    while (start > text && start[-1] != '\n')
        start--;
    const char *end = memchr(at, '\n', len - (size_t)(at - text));
    size_t n = end ? (size_t)(end - start) : len - (size_t)(start - text);
    dst[0] = '\0';
    grade_append(dst, cap, start, n, "");
}

/* --- the manifest ----------------------------------------------------------- */

static enum kit_status grade_add_case(struct grade_result *out,
                                      const char *name, size_t n,
                                      struct kit_error *err)
{
    if (n == 0 || n >= GRADE_NAME_MAX)
        return kit_error_set(err, KIT_EINVAL, "a case name is empty or "
                                              "longer than %d bytes",
                             GRADE_NAME_MAX - 1);
    if (out->ncases == out->cases_cap) {
        size_t cap = out->cases_cap ? out->cases_cap * 2 : 16;
        struct grade_case *c = realloc(out->cases, cap * sizeof *c);
        if (c == NULL)
            return kit_error_set(err, KIT_ENOMEM, "out of memory");
        out->cases = c;
        out->cases_cap = cap;
    }
    struct grade_case *c = &out->cases[out->ncases++];
    memset(c, 0, sizeof *c);
    memcpy(c->name, name, n);
    out->total = (unsigned)out->ncases;
    return KIT_OK;
}

enum kit_status grade_load_cases(const char *path, struct grade_result *out,
                                 struct kit_error *err)
{
    FILE *f = fopen(path, "r");
    int e = errno;
    if (f == NULL)
        return kit_error_set(err, e == ENOMEM ? KIT_ENOMEM : KIT_ENOTFOUND,
                             "cannot read the list of cases %s: %s", path,
                             kit_errno_text(e));
    char line[GRADE_NAME_MAX + 2];
    enum kit_status st = KIT_OK;
    while (st == KIT_OK && fgets(line, sizeof line, f) != NULL) {
        size_t n = strcspn(line, "\r\n");
        if (line[n] == '\0' && !feof(f))
            n = GRADE_NAME_MAX; /* no newline in the buffer: too long */
        st = grade_add_case(out, line, n, err);
    }
    fclose(f);
    if (st == KIT_OK && out->ncases == 0)
        st = kit_error_set(err, KIT_EINVAL, "the list of cases %s is empty",
                           path);
    return st;
}

/* --- the channel ------------------------------------------------------------ */

struct grade_chan {
    struct grade_result *out;
    const char *token;
    size_t tlen;
    double now;
    struct grade_limit_state *ls;
};

/* Undoes lesson.c's escapes (\n and \\) of src[0..n) into dst. */
static void grade_unescape(char *dst, size_t cap, const char *src, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        char c = src[i];
        if (c == '\\' && i + 1 < n) {
            c = src[++i] == 'n' ? '\n' : src[i];
        }
        dst[o++] = c;
    }
    dst[o] = '\0';
    utf8_trim(dst);
}

/* "<i> rest": the case i (from 1, within the manifest) and rest. */
static struct grade_case *grade_chan_case(struct grade_chan *ch,
                                          const char **p, const char *end)
{
    size_t i = 0;
    const char *q = *p;
    for (; q < end && *q >= '0' && *q <= '9' && i <= SIZE_MAX / 10 - 10; q++)
        i = i * 10 + (size_t)(*q - '0');
    if (q == *p || i == 0 || i > ch->out->ncases)
        return NULL;
    if (q < end && *q == ' ')
        q++;
    *p = q;
    return &ch->out->cases[i - 1];
}

/* "<ms> <why>": a limit from now on; only a tighter one than the limit in
 * force replaces it. */
static void grade_chan_limit(struct grade_limit_state *ls, double now,
                             const char *text)
{
    char *rest;
    long long ms = strtoll(text, &rest, 10);
    double deadline = now + (double)(ms > 0 ? ms : 1) / 1000;
    if (ls->deadline > 0 && ls->deadline <= deadline)
        return;
    ls->deadline = deadline;
    ls->why[0] = '\0';
    grade_append_str(ls->why, sizeof ls->why, *rest == ' ' ? rest + 1 : rest,
                     "");
}

static void grade_chan_record(struct grade_chan *ch, char kind,
                              const char *p, const char *end)
{
    struct grade_result *out = ch->out;
    if (kind == 'E') {
        out->finished = true;
        return;
    }
    if (kind == 'C') {
        out->output_closed = true;
        return;
    }
    struct grade_case *c = grade_chan_case(ch, &p, end);
    if (c == NULL)
        return;
    size_t index = (size_t)(c - out->cases) + 1;
    char text[GRADE_MSG_MAX];
    grade_unescape(text, sizeof text, p, (size_t)(end - p));
    if (kind == 'S') {
        c->started = true;
        c->started_at = ch->now;
        out->stopped_in = index;
        ch->ls->deadline = 0;
        if (strcmp(text, c->name) != 0) /* the binary is not the manifest's */
            grade_append_str(strcpy(c->message, "\x01"), sizeof c->message,
                             text, "");
    } else if (kind == 'M' && c->message[0] == '\0') {
        grade_append_str(c->message, sizeof c->message, text, "");
    } else if (kind == 'L' && index == out->stopped_in) {
        grade_chan_limit(ch->ls, ch->now, text);
    } else if (kind == 'R' && c->started && !c->ended) {
        c->ended = true;
        c->seconds = ch->now > c->started_at ? ch->now - c->started_at : 0;
        c->ok = strcmp(text, "pass") == 0;
        out->passed += c->ok;
        out->stopped_in = 0;
        ch->ls->deadline = 0;
    }
}

static void grade_chan_line(void *ctx, const char *line, size_t n)
{
    struct grade_chan *ch = ctx;
    if (n < ch->tlen + 3 || memcmp(line, ch->token, ch->tlen) != 0 ||
        line[ch->tlen] != ' ' || (n > ch->tlen + 3 && line[ch->tlen + 2] != ' '))
        return;
    const char *p = line + ch->tlen + 1;
    char kind = *p;
    p += p + 1 < line + n ? 2 : 1;
    grade_chan_record(ch, kind, p, line + n);
}

void grade_read_channel(const char *text, size_t len, const char *token,
                        double now, struct grade_result *out,
                        struct grade_limit_state *ls)
{
    struct grade_chan ch = {out, token, strlen(token), now, ls};
    grade_lines(text, len, grade_chan_line, &ch);
}

/* --- messages from the text output -------------------------------------------- */

/* cmocka's TAP: a failed case's messages are the lines printed before its
 * "not ok N - name", or the "# " comments after it.  Only a message: the
 * result came from the channel. */
struct grade_tap {
    struct grade_result *out;
    char pending[GRADE_MSG_MAX];
    struct grade_case *last; /* the failed case just named, for comments */
};

static struct grade_case *grade_failed_named(struct grade_result *out,
                                             const char *name, size_t n)
{
    for (size_t i = 0; i < out->ncases; i++) {
        struct grade_case *c = &out->cases[i];
        if (c->ended && !c->ok && c->message[0] == '\0' &&
            strlen(c->name) == n && memcmp(c->name, name, n) == 0)
            return c;
    }
    return NULL;
}

static void grade_tap_result(struct grade_tap *t, const char *line, size_t n)
{
    size_t i = 7; /* after "not ok " */
    while (i < n && line[i] >= '0' && line[i] <= '9')
        i++;
    if (i + 2 < n && line[i] == ' ' && line[i + 1] == '-' && line[i + 2] == ' ')
        i += 3;
    struct grade_case *c = grade_failed_named(t->out, line + i, n - i);
    if (c != NULL)
        grade_append_str(c->message, sizeof c->message, t->pending, "");
    t->last = c != NULL && c->message[0] == '\0' ? c : NULL;
}

static void grade_tap_line(void *ctx, const char *line, size_t n)
{
    struct grade_tap *t = ctx;
    if (grade_starts(line, n, "not ok ")) {
        grade_tap_result(t, line, n);
        t->pending[0] = '\0';
    } else if (grade_starts(line, n, "ok ") || grade_starts(line, n, "1..")) {
        t->pending[0] = '\0';
        t->last = NULL;
    } else if (grade_starts(line, n, "# ")) {
        if (t->last != NULL)
            grade_append(t->last->message, sizeof t->last->message, line + 2,
                         n - 2, "\n");
    } else if (n > 0) {
        if (grade_starts(line, n, "ERROR: ")) {
            line += 7;
            n -= 7;
        }
        grade_append(t->pending, sizeof t->pending, line, n, "\n");
    }
}

void grade_add_output_messages(const char *text, size_t len,
                               struct grade_result *out)
{
    struct grade_tap t = {out, "", NULL};
    grade_lines(text, len, grade_tap_line, &t);
}

/* --- classification ------------------------------------------------------------ */

/* "during case 4 of 13 (name)", or where else the run was. */
static void grade_where(const struct grade_result *out, char *buf,
                        size_t cap)
{
    size_t k = out->stopped_in;
    if (k > 0)
        snprintf(buf, cap, "during case %zu of %u (%.*s)", k, out->total,
                 (int)utf8_fit(out->cases[k - 1].name,
                               strlen(out->cases[k - 1].name), 60),
                 out->cases[k - 1].name);
    else if (out->ncases > 0 && !out->cases[0].started)
        snprintf(buf, cap, "before its first case started");
    else if (out->finished)
        snprintf(buf, cap, "at exit, after the last case");
    else
        snprintf(buf, cap, "between two cases");
}

/* A case the binary announced under another name than the manifest's. */
static const struct grade_case *grade_mismatch(const struct grade_result *r)
{
    for (size_t i = 0; i < r->ncases; i++)
        if (r->cases[i].message[0] == '\x01')
            return &r->cases[i];
    return NULL;
}

static bool grade_all_ran(const struct grade_result *out)
{
    for (size_t i = 0; i < out->ncases; i++)
        if (!out->cases[i].ended)
            return false;
    return out->finished;
}

/* The sanitizer's own report of the run, when the exit status says there
 * is one: its log, or "" when it left none (gcc's UBSan ignores
 * log_path), or NULL when there is no report. */
static const char *grade_sanitizer_of(const struct grade_result *out,
                                      const struct grade_evidence *ev)
{
    if (out->exit_status != GRADE_SANITIZER_EXIT)
        return NULL;
    return ev->sanitizer_log != NULL ? ev->sanitizer_log : "";
}

/* The last occurrence of needle in text[0..len), or NULL: a sanitizer's
 * report comes last, after anything the code printed. */
static const char *grade_find_last(const char *text, size_t len,
                                   const char *needle)
{
    const char *last = NULL;
    for (const char *p = text; (p = grade_find(p, len - (size_t)(p - text),
                                               needle)) != NULL;
         p++)
        last = p;
    return last;
}

/* Sanitizer logs that are no report of a bug in the code under test, but
 * of a limit it ran into (a crash, with its own message). */
static bool grade_log_is_limit(const char *log)
{
    return strstr(log, "stack-overflow") != NULL ||
           strstr(log, "rss limit") != NULL ||
           strstr(log, "LeakSanitizer has encountered a fatal error") != NULL;
}

static enum grade_status grade_status_of(const struct grade_result *out,
                                         const struct grade_evidence *ev)
{
    if (grade_mismatch(out) != NULL)
        return GRADE_TAMPER;
    if (ev->limited)
        return GRADE_FAIL;
    if (ev->timed_out || out->signal == SIGXCPU)
        return GRADE_TIMEOUT;
    if (ev->stopped)
        return GRADE_CRASH;
    const char *log = grade_sanitizer_of(out, ev);
    if (log != NULL)
        return grade_log_is_limit(log) ? GRADE_CRASH : GRADE_SANITIZER;
    if (out->signal != 0 || !grade_all_ran(out))
        return GRADE_CRASH;
    if (out->exit_status == 0 && out->passed == out->total)
        return GRADE_PASS;
    return GRADE_FAIL;
}

/* The lines of a sanitizer report worth a student's first look: UBSan's
 * "file:line: runtime error: ..." or ASan's "ERROR: ..." line, and the
 * first frame in the student's code when there is one.  Without a log
 * (the exit status alone said "sanitizer"), the last such line of the
 * output: only a message, never the classification. */
static void grade_explain_sanitizer(const char *log, const char *text,
                                    size_t tlen, const char *where,
                                    char *msg, size_t cap)
{
    size_t len = strlen(log);
    const char *at;
    if (len > 0) { /* the sanitizer's own log: its first report */
        at = grade_find(log, len, "runtime error:");
        if (at == NULL)
            at = grade_find(log, len, "ERROR: ");
    } else { /* the output: the last report, after what the code printed */
        log = text;
        len = tlen;
        at = grade_find_last(log, len, "runtime error:");
        if (at == NULL)
            at = grade_find_last(log, len, "Sanitizer: ");
    }
    msg[0] = '\0';
    if (at != NULL)
        grade_copy_line(msg, cap, log, len, at);
    else
        grade_append_str(msg, cap, "a sanitizer reported an error", "");
    const char *frame = at != NULL ? grade_find(at, len - (size_t)(at - log),
                                                "kata/")
                                   : NULL;
    if (frame != NULL && frame > at) {
        char line[256];
        grade_copy_line(line, sizeof line, log, len, frame);
        grade_append_str(msg, cap, line, "\n  at ");
    }
    grade_append_str(msg, cap, where, "\nthe sanitizer stopped the tests ");
}

/* Why a process killed by a signal died, in the student's words. */
static void grade_explain_signal(const char *text, size_t len, int sig,
                                 const char *where, char *msg, size_t cap)
{
    const char *assertion = grade_find(text, len, "Assertion `");
    if (sig == SIGABRT && assertion != NULL) {
        grade_copy_line(msg, cap, text, len, assertion);
        grade_append_str(msg, cap, where, "\nan assert() failed ");
        return;
    }
    const char *hint = sig == SIGSEGV ? ": a bad pointer, or a recursion "
                                        "that never ends"
                     : sig == SIGXFSZ ? ": a file grew past the size limit"
                     : sig == SIGKILL ? ": killed from outside the tests "
                                        "(out of memory?)"
                                      : "";
    snprintf(msg, cap, "crashed %s: %s (signal %d)%s", where, strsignal(sig),
             sig, hint);
}

static void grade_explain_crash(const char *text, size_t len,
                                const struct grade_evidence *ev,
                                const char *where, struct grade_result *out)
{
    char *msg = out->first_failure;
    size_t cap = sizeof out->first_failure;
    const char *log = grade_sanitizer_of(out, ev);
    if (ev->stopped)
        snprintf(msg, cap, "the tests stopped themselves %s (SIGSTOP, or "
                           "ptrace), so the grader ended them: nothing in "
                           "the tests may stop or trace itself",
                 where);
    else if (log != NULL && strstr(log, "stack-overflow") != NULL)
        snprintf(msg, cap, "stack overflow %s: a recursion that never ends, "
                           "or a very large local array",
                 where);
    else if (log != NULL && strstr(log, "LeakSanitizer has encountered") != NULL)
        snprintf(msg, cap, "the leak check at exit could not run %s: too "
                           "many processes (a fork loop?) or a debugger",
                 where);
    else if (log != NULL)
        snprintf(msg, cap, "ran out of memory %s: the tests may use at most "
                           "the grader's memory limit",
                 where);
    else if (out->signal != 0)
        grade_explain_signal(text, len, out->signal, where, msg, cap);
    else if (out->exit_status >= 0)
        snprintf(msg, cap, "the tests stopped %s (exit status %d): does your "
                           "code call exit()?",
                 where, out->exit_status);
    else
        snprintf(msg, cap, "the grader could not learn how the tests ended "
                           "%s",
                 where);
}

/* "name: message" of the first failed case. */
static void grade_first_failed(struct grade_result *out)
{
    for (size_t i = 0; i < out->ncases; i++) {
        const struct grade_case *c = &out->cases[i];
        if (!c->ended || c->ok)
            continue;
        out->first_failure[0] = '\0';
        grade_append_str(out->first_failure, sizeof out->first_failure,
                         c->name, "");
        grade_append_str(out->first_failure, sizeof out->first_failure,
                         c->message[0] ? c->message : "failed", ": ");
        return;
    }
    snprintf(out->first_failure, sizeof out->first_failure,
             "every case passed, but the tests ended with exit status %d",
             out->exit_status);
}

static void grade_explain(const char *text, size_t len,
                          const struct grade_evidence *ev, const char *where,
                          struct grade_result *out)
{
    char *msg = out->first_failure;
    size_t cap = sizeof out->first_failure;
    const struct grade_case *bad = grade_mismatch(out);
    if (bad != NULL) {
        snprintf(msg, cap, "the test program ran case '%s' where tests/ex "
                           "has '%s': it is not the program built from "
                           "tests/ex, so the grade is void",
                 bad->message + 1, bad->name);
    } else if (ev->limited) {
        size_t k = out->stopped_in;
        msg[0] = '\0';
        grade_append_str(msg, cap, k > 0 ? out->cases[k - 1].name : "?", "");
        grade_append_str(msg, cap, ev->limit_why, ": ");
        if (k > 0) { /* it ran, and failed: stopped by its limit */
            struct grade_case *c = &out->cases[k - 1];
            c->ended = true;
            c->ok = false;
            c->message[0] = '\0';
            grade_append_str(c->message, sizeof c->message, ev->limit_why, "");
        }
    } else if (out->status == GRADE_TIMEOUT && out->signal == SIGXCPU) {
        snprintf(msg, cap, "used up its CPU time (%g s) %s, so it was "
                           "stopped: a loop that never ends, or threads "
                           "that spin?",
                 ev->timeout_s + 1, where);
    } else if (out->status == GRADE_TIMEOUT) {
        snprintf(msg, cap, "still running after %g s %s, so it was stopped: "
                           "look for a loop that never ends%s",
                 ev->timeout_s, where,
                 out->output_cut ? ", or printing that never stops" : "");
    } else if (out->status == GRADE_SANITIZER) {
        grade_explain_sanitizer(grade_sanitizer_of(out, ev), text, len,
                                where, msg, cap);
    } else if (out->status == GRADE_CRASH) {
        grade_explain_crash(text, len, ev, where, out);
    } else {
        grade_first_failed(out);
    }
    utf8_trim(msg); /* snprintf may have cut it */
}

/* What is worth saying even of a pass. */
static void grade_note_output(struct grade_result *out, size_t max)
{
    out->note[0] = '\0';
    if (out->output_cut)
        snprintf(out->note, sizeof out->note,
                 "the tests printed more than %zu KiB; the rest was cut "
                 "(results do not depend on it)",
                 max / 1024);
    if (out->output_closed)
        grade_append_str(out->note, sizeof out->note,
                         "your code closed or replaced stdout or stderr, so "
                         "what the tests printed after that is lost "
                         "(results do not depend on it)",
                         out->note[0] ? "; " : "");
}

/* Whether the UTF-8 sequence at u (len bytes) is a C1 control (U+0080 to
 * U+009F, which some terminals obey like ESC) or a bidirectional override
 * (U+202A-U+202E, U+2066-U+2069), which can make text read other than it is. */
static bool grade_sneaky(const unsigned char *u, size_t len)
{
    if (len == 2)
        return u[0] == 0xC2 && u[1] < 0xA0;
    return len == 3 && u[0] == 0xE2 &&
           ((u[1] == 0x80 && u[2] >= 0xAA && u[2] <= 0xAE) ||
            (u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9));
}

/* Control characters (but newlines and tabs), C1 controls, bidirectional
 * overrides and bytes that are not UTF-8 become '?' (one per byte): a
 * message may hold whatever the code printed, and a terminal must not
 * take it for escape sequences (a fake table, say). */
static void grade_clean(char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        const unsigned char *u = (const unsigned char *)s + i;
        size_t len = utf8_seq_len(u, n - i);
        if (len == 0 || u[0] == 0x7f ||
            (u[0] < 0x20 && u[0] != '\n' && u[0] != '\t')) {
            s[i++] = '?';
        } else if (grade_sneaky(u, len)) {
            memset(s + i, '?', len);
            i += len;
        } else {
            i += len;
        }
    }
}

static void grade_clean_all(struct grade_result *out)
{
    for (size_t i = 0; i < out->ncases; i++)
        grade_clean(out->cases[i].message);
    grade_clean(out->first_failure);
    grade_clean(out->note);
}

void grade_classify(const char *text, size_t len,
                    const struct grade_evidence *ev,
                    struct grade_result *out)
{
    char where[128];
    grade_where(out, where, sizeof where);
    out->status = grade_status_of(out, ev);
    grade_note_output(out, ev->output_max);
    out->first_failure[0] = '\0';
    if (out->status != GRADE_PASS)
        grade_explain(text, len, ev, where, out);
    grade_clean_all(out);
}
