/* The class view: the folder walk, one SQLite :memory: database that holds
 * what each usable file says (read with json_each and json_extract), and
 * the aggregates read back from it with GROUP BY. */

#include "class.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

/* The walk's result: each entry a file to read, or one to skip with
 * why (a static string) or errno err. */
struct class_entry {
    char *path; /* relative to DIR */
    const char *why;
    int err;
};

struct class_paths {
    struct class_entry *e;
    size_t n, cap;
};

/* What loading needs besides the report. */
struct class_ctx {
    sqlite3 *db;
    FILE *warn;
    struct class_report *r;
    struct kit_error *err;
};

static const char class_schema[] =
    "CREATE TABLE file(id INTEGER PRIMARY KEY, path TEXT, student TEXT,"
    " kind TEXT, run_id TEXT, score INT, max_score INT, percent INT,"
    " passed INT);"
    "CREATE TABLE ex(file INT, name TEXT, status TEXT, first TEXT,"
    " message TEXT);"
    "CREATE TABLE qa(file INT, number INT, title TEXT, answer TEXT,"
    " correct INT, mistake TEXT, shuffled INT);";

/* ---- strings and the list of paths ---- */

static char *class_strdup(const char *s)
{
    if (s == NULL)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d != NULL)
        memcpy(d, s, n);
    return d;
}

static char *class_join(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *s = malloc(na + nb + 2);
    if (s != NULL) {
        memcpy(s, a, na);
        s[na] = '/';
        memcpy(s + na + 1, b, nb + 1);
    }
    return s;
}

/* Takes path (which may be NULL: out of memory).  0 or -1. */
static int class_paths_add(struct class_paths *p, char *path, const char *why,
                           int err)
{
    if (path == NULL)
        return -1;
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 64;
        struct class_entry *grown = realloc(p->e, cap * sizeof *grown);
        if (grown == NULL) {
            free(path);
            return -1;
        }
        p->e = grown;
        p->cap = cap;
    }
    p->e[p->n++] = (struct class_entry){path, why, err};
    return 0;
}

static void class_paths_free(struct class_paths *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->e[i].path);
    free(p->e);
}

static int class_cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- skipped files ---- */

/* Records rel as skipped with a printf-style reason and names it on warn.
 * Returns 0, or -1 when out of memory. */
static int class_skip(struct class_ctx *c, const char *rel, const char *fmt,
                      ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int class_skip(struct class_ctx *c, const char *rel, const char *fmt,
                      ...)
{
    char reason[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    if (c->warn != NULL)
        fprintf(c->warn, "class: skipped %s/%s: %s\n", c->r->dir, rel, reason);
    struct class_report *r = c->r;
    struct class_skip *grown =
        realloc(r->skipped, (r->nskipped + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    r->skipped = grown;
    struct class_skip *s = &grown[r->nskipped];
    s->path = class_strdup(rel);
    s->reason = class_strdup(reason);
    if (s->path == NULL || s->reason == NULL) {
        free(s->path);
        free(s->reason);
        return -1;
    }
    r->nskipped++;
    return 0;
}

/* ---- the walk ---- */

/* The names in the folder path, sorted, into *names (caller frees each
 * and the array).  0, -1 out of memory, or the errno of opendir(). */
static int class_list(const char *path, char ***names, size_t *count)
{
    DIR *d = opendir(path);
    if (d == NULL)
        return errno == ENOMEM ? -1 : errno;
    struct class_paths p = {NULL, 0, 0};
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            rc = class_paths_add(&p, class_strdup(e->d_name), NULL, 0);
    closedir(d);
    char **list = rc == 0 ? malloc((p.n + 1) * sizeof *list) : NULL;
    if (list == NULL) {
        class_paths_free(&p);
        return -1;
    }
    for (size_t i = 0; i < p.n; i++)
        list[i] = p.e[i].path;
    free(p.e);
    qsort(list, p.n, sizeof *list, class_cmp_name);
    *names = list;
    *count = p.n;
    return 0;
}

static int class_walk(const char *root, const char *rel, int depth,
                      struct class_paths *p);

/* Adds the entry sub (relative to root) to p: a file, a folder's files,
 * or an entry to skip.  0 or -1. */
static int class_walk_entry(const char *root, char *sub, int depth,
                            struct class_paths *p)
{
    char *full = class_join(root, sub);
    struct stat st;
    int rc = full == NULL ? -1 : stat(full, &st) != 0 ? errno : 0;
    free(full);
    if (rc < 0)
        free(sub);
    if (rc != 0)
        return rc < 0 ? -1 : class_paths_add(p, sub, NULL, rc);
    if (S_ISDIR(st.st_mode) && depth >= CLASS_DEPTH_MAX)
        return class_paths_add(p, sub, "a folder nested too deep (at most "
                                       "4 levels are read)", 0);
    if (S_ISDIR(st.st_mode)) {
        rc = class_walk(root, sub, depth + 1, p);
        free(sub);
        return rc;
    }
    return class_paths_add(p, sub, S_ISREG(st.st_mode)
                                       ? NULL : "not a regular file", 0);
}

/* Adds every entry under root/rel (rel "" for root itself) to p, each
 * folder's entries in byte order of their names.  Returns 0, -1 out of
 * memory, or the errno of an unreadable root. */
static int class_walk(const char *root, const char *rel, int depth,
                      struct class_paths *p)
{
    char *here = rel[0] ? class_join(root, rel) : class_strdup(root);
    char **names = NULL;
    size_t n = 0;
    int rc = here == NULL ? -1 : class_list(here, &names, &n);
    free(here);
    if (rc > 0 && rel[0] != '\0')
        return class_paths_add(p, class_strdup(rel), NULL, rc);
    for (size_t i = 0; i < n; i++) {
        char *sub = rel[0] ? class_join(rel, names[i]) : names[i];
        if (rel[0])
            free(names[i]);
        if (rc == 0)
            rc = sub == NULL ? -1 : class_walk_entry(root, sub, depth, p);
        else
            free(sub);
    }
    free(names);
    return rc;
}

/* ---- SQLite helpers ---- */

static enum kit_status class_db_error(struct class_ctx *c, const char *what)
{
    return kit_error_set(c->err,
                         sqlite3_errcode(c->db) == SQLITE_NOMEM ? KIT_ENOMEM
                                                                : KIT_ESYS,
                         "class: SQLite, %s: %s", what, sqlite3_errmsg(c->db));
}

/* Prepares sql with ?1 bound to text[0..len) (when text is not NULL) and
 * ?2 to id; NULL on failure (the message in c->err). */
static sqlite3_stmt *class_prepare(struct class_ctx *c, const char *sql,
                                   const char *text, size_t len,
                                   sqlite3_int64 id)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK) {
        class_db_error(c, "prepare");
        return NULL;
    }
    if ((text != NULL &&
         sqlite3_bind_text(st, 1, text, (int)len, SQLITE_STATIC) !=
             SQLITE_OK) ||
        (sqlite3_bind_parameter_count(st) >= 2 &&
         sqlite3_bind_int64(st, 2, id) != SQLITE_OK)) {
        class_db_error(c, "bind");
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

/* The first column of the first row of sql as an integer (-1 when there
 * is no row or it is NULL); -2 on an SQLite error. */
static long long class_int(struct class_ctx *c, const char *sql,
                           const char *text, size_t len)
{
    sqlite3_stmt *st = class_prepare(c, sql, text, len, 0);
    if (st == NULL)
        return -2;
    int step = sqlite3_step(st);
    long long v = -1;
    if (step == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        v = sqlite3_column_int64(st, 0);
    else if (step != SQLITE_ROW && step != SQLITE_DONE)
        v = -2;
    if (v == -2)
        class_db_error(c, "query");
    sqlite3_finalize(st);
    return v;
}

/* The first column of the first row as a new string (NULL when there is
 * none, or on error: *failed is then set). */
static char *class_text(struct class_ctx *c, const char *sql,
                        const char *text, size_t len, bool *failed)
{
    sqlite3_stmt *st = class_prepare(c, sql, text, len, 0);
    char *s = NULL;
    int step = st != NULL ? sqlite3_step(st) : SQLITE_ERROR;
    if (step == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        s = class_strdup((const char *)sqlite3_column_text(st, 0));
        *failed |= s == NULL;
    } else if (step != SQLITE_ROW && step != SQLITE_DONE) {
        *failed = true;
        if (st != NULL)
            class_db_error(c, "query");
    }
    sqlite3_finalize(st);
    return s;
}

/* Runs sql (bound as class_prepare() binds) to its end; 0 or -1. */
static int class_exec(struct class_ctx *c, const char *sql, const char *text,
                      size_t len, sqlite3_int64 id)
{
    sqlite3_stmt *st = class_prepare(c, sql, text, len, id);
    int step = st != NULL ? sqlite3_step(st) : SQLITE_ERROR;
    if (st != NULL && step != SQLITE_DONE)
        class_db_error(c, "insert");
    sqlite3_finalize(st);
    return step == SQLITE_DONE ? 0 : -1;
}

/* ---- one file: what it is, whether it is whole, whether it is new ---- */

/* Each check is a query over the file's text (?1) that returns a reason
 * (NULL: the check passes).  The first reason found skips the file. */
static const char *const class_grade_checks[] = {
    "SELECT CASE WHEN json_type(?1, '$.score') IS NOT 'integer'"
    " OR json_type(?1, '$.max_score') IS NOT 'integer'"
    " THEN 'a grade report without integer score and max_score'"
    " WHEN json_array_length(?1, '$.exercises') = 0"
    " THEN 'a grade report that graded no exercise'"
    " WHEN json_extract(?1, '$.max_score') <> json_array_length(?1,"
    " '$.exercises') OR json_extract(?1, '$.score') NOT BETWEEN 0 AND"
    " json_extract(?1, '$.max_score')"
    " THEN 'a grade report whose score does not match its exercises' END",
    "SELECT 'exercise ' || (key + 1) || ' lacks a text exercise, a known"
    " status, integer passed and total, or a cases list'"
    " FROM json_each(?1, '$.exercises')"
    " WHERE json_type(value, '$.exercise') IS NOT 'text'"
    " OR json_extract(value, '$.status') NOT IN ('pass', 'fail', 'crash',"
    " 'sanitizer', 'timeout', 'no-build', 'tampered')"
    " OR json_type(value, '$.status') IS NOT 'text'"
    " OR json_type(value, '$.passed') IS NOT 'integer'"
    " OR json_type(value, '$.total') IS NOT 'integer'"
    " OR json_type(value, '$.cases') IS NOT 'array' ORDER BY key LIMIT 1",
    "SELECT 'exercise ' || json_extract(value, '$.exercise') ||"
    " ' is listed twice' FROM json_each(?1, '$.exercises')"
    " GROUP BY json_extract(value, '$.exercise') HAVING count(*) > 1"
    " LIMIT 1",
    "SELECT 'a case of exercise ' || json_extract(e.value, '$.exercise') ||"
    " ' lacks a text name or status' FROM json_each(?1, '$.exercises') e,"
    " json_each(e.value, '$.cases') k"
    " WHERE json_type(k.value, '$.name') IS NOT 'text'"
    " OR json_type(k.value, '$.status') IS NOT 'text' LIMIT 1",
};

static const char *const class_quiz_checks[] = {
    "SELECT CASE WHEN json_type(?1, '$.percent') IS NOT 'integer'"
    " OR json_extract(?1, '$.percent') NOT BETWEEN 0 AND 100"
    " OR json_type(?1, '$.questions') IS NOT 'integer'"
    " OR json_type(?1, '$.shuffled') NOT IN ('true', 'false')"
    " OR json_type(?1, '$.passed') NOT IN ('true', 'false')"
    " THEN 'a quiz report without percent, questions, passed and shuffled'"
    " WHEN json_array_length(?1, '$.results') = 0"
    " OR json_array_length(?1, '$.results') <> json_extract(?1,"
    " '$.questions')"
    " THEN 'a quiz report whose results do not match its question count'"
    " END",
    "SELECT 'result ' || (key + 1) || ' lacks an integer number, a true or"
    " false correct, or an answer letter or null'"
    " FROM json_each(?1, '$.results')"
    " WHERE json_type(value, '$.number') IS NOT 'integer'"
    " OR json_type(value, '$.correct') NOT IN ('true', 'false')"
    " OR (json_type(value, '$.answer') IS NOT 'null'"
    " AND json_extract(value, '$.answer') NOT IN ('A', 'B', 'C', 'D'))"
    " OR json_type(value, '$.title') NOT IN ('text', 'null')"
    " OR json_type(value, '$.mistake') NOT IN ('text', 'null')"
    " ORDER BY key LIMIT 1",
    "SELECT 'question ' || json_extract(value, '$.number') ||"
    " ' is listed twice' FROM json_each(?1, '$.results')"
    " GROUP BY json_extract(value, '$.number') HAVING count(*) > 1 LIMIT 1",
};

enum class_kind { CLASS_FOREIGN, CLASS_GRADE, CLASS_QUIZ, CLASS_FAILED };

static enum class_kind class_kind_of(struct class_ctx *c, const char *text,
                                     size_t len)
{
    long long k = class_int(c,
        "SELECT CASE WHEN json_type(?1, '$.run_id') = 'text'"
        " AND json_type(?1, '$.exercises') = 'array' THEN 1"
        " WHEN json_type(?1, '$.bank') = 'text'"
        " AND json_type(?1, '$.results') = 'array' THEN 2 ELSE 0 END",
        text, len);
    return k == 1 ? CLASS_GRADE : k == 2 ? CLASS_QUIZ
           : k == 0 ? CLASS_FOREIGN : CLASS_FAILED;
}

/* The first failed check's reason into *reason (caller frees; NULL when
 * every check passes).  -1 on an SQLite error. */
static int class_checks(struct class_ctx *c, const char *const *checks,
                        size_t n, const char *text, size_t len, char **reason)
{
    bool failed = false;
    *reason = NULL;
    for (size_t i = 0; i < n && *reason == NULL && !failed; i++)
        *reason = class_text(c, checks[i], text, len, &failed);
    return failed ? -1 : 0;
}

/* Why text is not JSON the kit wrote, or NULL when it is JSON. */
static const char *class_not_json(struct class_ctx *c, const char *text,
                                  size_t len, bool *failed)
{
    if (len == 0)
        return "an empty file";
    if (memchr(text, '\0', len) != NULL)
        return "not JSON (a binary file)";
    /* Not json_valid(): SQLite 3.40's says "not valid" when its parse runs
     * out of memory.  json_type() raises "malformed JSON" instead, and out
     * of memory as such. */
    sqlite3_stmt *st = class_prepare(c, "SELECT json_type(?1)", text, len, 0);
    int step = st != NULL ? sqlite3_step(st) : SQLITE_NOMEM;
    *failed = st == NULL || (step != SQLITE_ROW &&
                             sqlite3_errcode(c->db) == SQLITE_NOMEM);
    if (st != NULL && *failed)
        class_db_error(c, "json_type");
    sqlite3_finalize(st);
    if (step == SQLITE_ROW || *failed)
        return NULL;
    size_t end = len;
    while (end > 0 && strchr(" \t\r\n", text[end - 1]) != NULL)
        end--;
    return end > 0 && text[end - 1] != '}' ? "not valid JSON (truncated?)"
                                           : "not valid JSON";
}

/* The student a path belongs to: its first folder, or the file's name
 * without ".json". */
static char *class_student(const char *rel)
{
    size_t n = strcspn(rel, "/");
    if (rel[n] == '\0' && n > 5 && strcmp(rel + n - 5, ".json") == 0)
        n -= 5;
    char *s = malloc(n + 1);
    if (s != NULL) {
        memcpy(s, rel, n);
        s[n] = '\0';
    }
    return s;
}

/* An earlier file this one duplicates: the same grading run (run id), or
 * the same student's second report of one kind.  Returns the reason
 * (caller frees) or NULL; *failed on error. */
static char *class_duplicate(struct class_ctx *c, const char *text,
                             size_t len, const char *student,
                             enum class_kind kind, bool *failed)
{
    char *why = NULL;
    if (kind == CLASS_GRADE)
        why = class_text(c,
            "SELECT 'a duplicate: the same grading run (run_id ' || run_id ||"
            " ') as ' || path FROM file WHERE run_id ="
            " json_extract(?1, '$.run_id') LIMIT 1", text, len, failed);
    if (why != NULL || *failed)
        return why;
    sqlite3_stmt *st = class_prepare(c,
        "SELECT 'a duplicate: student ' || student || ' already has a ' ||"
        " kind || ' report, ' || path FROM file WHERE student = ?1"
        " AND kind = ?2 LIMIT 1", NULL, 0, 0);
    int step = SQLITE_ERROR;
    if (st != NULL && !sqlite3_bind_text(st, 1, student, -1, SQLITE_STATIC) &&
        !sqlite3_bind_text(st, 2, kind == CLASS_GRADE ? "grade" : "quiz", -1,
                           SQLITE_STATIC))
        step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        why = class_strdup((const char *)sqlite3_column_text(st, 0));
        *failed |= why == NULL;
    }
    /* A failed step has rolled the transaction back (SQLite does when
     * memory runs out): the files read so far are gone too. */
    if (step != SQLITE_ROW && step != SQLITE_DONE) {
        *failed = true;
        if (st != NULL)
            class_db_error(c, "query");
    }
    sqlite3_finalize(st);
    return why;
}

/* Inserts the usable file as row id, with what it says. */
static int class_insert(struct class_ctx *c, const char *rel,
                        const char *student, enum class_kind kind,
                        const char *text, size_t len, sqlite3_int64 id)
{
    sqlite3_stmt *st = class_prepare(c,
        "INSERT INTO file VALUES (?2, ?3, ?4, ?5, json_extract(?1,"
        " '$.run_id'), json_extract(?1, '$.score'), json_extract(?1,"
        " '$.max_score'), json_extract(?1, '$.percent'), json_extract(?1,"
        " '$.passed'))", text, len, id);
    int rc = st == NULL ||
             sqlite3_bind_text(st, 3, rel, -1, SQLITE_STATIC) ||
             sqlite3_bind_text(st, 4, student, -1, SQLITE_STATIC) ||
             sqlite3_bind_text(st, 5, kind == CLASS_GRADE ? "grade" : "quiz",
                               -1, SQLITE_STATIC) ||
             sqlite3_step(st) != SQLITE_DONE ? -1 : 0;
    if (rc != 0 && st != NULL)
        class_db_error(c, "insert");
    sqlite3_finalize(st);
    if (rc != 0)
        return -1;
    if (kind == CLASS_GRADE)
        return class_exec(c,
            "INSERT INTO ex SELECT ?2, json_extract(e.value, '$.exercise'),"
            " json_extract(e.value, '$.status'),"
            " (SELECT json_extract(k.value, '$.name')"
            "  FROM json_each(e.value, '$.cases') k"
            "  WHERE json_extract(k.value, '$.status') = 'fail'"
            "  ORDER BY k.key LIMIT 1),"
            " json_extract(e.value, '$.first_failure')"
            " FROM json_each(?1, '$.exercises') e", text, len, id);
    return class_exec(c,
        "INSERT INTO qa SELECT ?2, json_extract(value, '$.number'),"
        " json_extract(value, '$.title'), json_extract(value, '$.answer'),"
        " json_extract(value, '$.correct'), json_extract(value,"
        " '$.mistake'), json_extract(?1, '$.shuffled')"
        " FROM json_each(?1, '$.results')", text, len, id);
}

/* Why a JSON file is not usable (caller frees), or NULL; *kind what it
 * is.  -1 on an SQLite or memory error. */
static int class_judge(struct class_ctx *c, const char *text, size_t len,
                       const char *student, enum class_kind *kind,
                       char **why)
{
    *kind = class_kind_of(c, text, len);
    *why = NULL;
    if (*kind == CLASS_FAILED)
        return -1;
    if (*kind == CLASS_FOREIGN) {
        *why = class_strdup("valid JSON, but neither a grade.json (run_id, "
                            "exercises) nor a quiz --json report (bank, "
                            "results)");
        return *why != NULL ? 0 : -1;
    }
    bool grade = *kind == CLASS_GRADE;
    if (class_checks(c, grade ? class_grade_checks : class_quiz_checks,
                     grade ? sizeof class_grade_checks / sizeof(char *)
                           : sizeof class_quiz_checks / sizeof(char *),
                     text, len, why) != 0)
        return -1;
    bool failed = false;
    if (*why == NULL)
        *why = class_duplicate(c, text, len, student, *kind, &failed);
    return failed ? -1 : 0;
}

/* What class_read() returns when memory runs out: not the file's fault,
 * so no reason to skip it. */
static const char class_nomem[] = "out of memory";

/* Reads the file at full (at most CLASS_FILE_MAX bytes) into *text
 * (caller frees); a reason when it cannot be read, or NULL. */
static const char *class_read(const char *full, char **text, size_t *len)
{
    FILE *f = fopen(full, "rb");
    if (f == NULL)
        return errno == ENOMEM ? class_nomem : strerror(errno);
    struct stat st;
    const char *why = fstat(fileno(f), &st) != 0 ? strerror(errno)
                      : st.st_size > CLASS_FILE_MAX ? "larger than 16 MiB"
                                                    : NULL;
    size_t cap = why == NULL ? (size_t)st.st_size + 1 : 0;
    char *buf = why == NULL ? malloc(cap) : NULL;
    size_t n = buf != NULL ? fread(buf, 1, cap, f) : 0;
    if (why == NULL)
        why = buf == NULL ? class_nomem
              : ferror(f) ? "a read error"
              : n == cap ? "it grew while it was read" : NULL;
    fclose(f);
    if (why != NULL) {
        free(buf);
        return why;
    }
    *text = buf;
    *len = n;
    return NULL;
}

/* Reads one file and either inserts it or skips it.  0 or -1. */
static int class_file(struct class_ctx *c, const char *rel, sqlite3_int64 id)
{
    char *full = class_join(c->r->dir, rel), *text = NULL, *why = NULL;
    char *student = class_student(rel);
    size_t len = 0;
    bool failed = full == NULL || student == NULL;
    const char *bad = failed ? NULL : class_read(full, &text, &len);
    failed = failed || bad == class_nomem;
    if (!failed && bad == NULL)
        bad = class_not_json(c, text, len, &failed);
    enum class_kind kind = CLASS_FOREIGN;
    if (!failed && bad == NULL)
        failed = class_judge(c, text, len, student, &kind, &why) != 0;
    int rc = failed ? -1
             : bad != NULL ? class_skip(c, rel, "%s", bad)
             : why != NULL ? class_skip(c, rel, "%s", why)
                           : class_insert(c, rel, student, kind, text, len,
                                          id);
    free(full);
    free(text);
    free(why);
    free(student);
    return rc;
}

/* ---- the aggregates ---- */

/* Column i as a new string; false when it is not NULL and the copy could
 * not be made (out of memory). */
static bool class_col_dup(sqlite3_stmt *st, int i, char **out)
{
    *out = class_strdup((const char *)sqlite3_column_text(st, i));
    return *out != NULL || sqlite3_column_type(st, i) == SQLITE_NULL;
}

/* The counts of a table go in only with the table, so that class_free()
 * never walks rows that were not allocated. */
static int class_exercises(struct class_ctx *c)
{
    struct class_report *r = c->r;
    long long n = class_int(c, "SELECT count(DISTINCT name) FROM ex", NULL,
                            0);
    if (n < 0)
        return -1;
    r->exercises = calloc((size_t)n + 1, sizeof *r->exercises);
    if (r->exercises != NULL)
        r->nexercises = (size_t)n;
    sqlite3_stmt *st = r->exercises == NULL ? NULL : class_prepare(c,
        "SELECT name, count(*), sum(status = 'pass'),"
        " (SELECT k FROM (SELECT coalesce(first, '(' || status || ')') k,"
        "  count(*) n FROM ex e WHERE e.name = ex.name AND status <> 'pass'"
        "  GROUP BY k ORDER BY n DESC, k LIMIT 1)),"
        " (SELECT n FROM (SELECT coalesce(first, '(' || status || ')') k,"
        "  count(*) n FROM ex e WHERE e.name = ex.name AND status <> 'pass'"
        "  GROUP BY k ORDER BY n DESC, k LIMIT 1))"
        " FROM ex GROUP BY name ORDER BY name", NULL, 0, 0);
    size_t i = 0;
    bool copied = true;
    while (st != NULL && copied && i < r->nexercises &&
           sqlite3_step(st) == SQLITE_ROW) {
        struct class_exercise *e = &r->exercises[i++];
        copied = class_col_dup(st, 0, &e->name) && e->name != NULL &&
                 class_col_dup(st, 3, &e->first_failure);
        e->reports = (size_t)sqlite3_column_int64(st, 1);
        e->passed = (size_t)sqlite3_column_int64(st, 2);
        e->first_failure_count = (size_t)sqlite3_column_int64(st, 4);
    }
    sqlite3_finalize(st);
    return st == NULL || !copied || i != r->nexercises ? -1 : 0;
}

/* The first report's message for each exercise's most common first
 * failure. */
static int class_examples(struct class_ctx *c)
{
    for (size_t i = 0; i < c->r->nexercises; i++) {
        struct class_exercise *e = &c->r->exercises[i];
        if (e->first_failure == NULL)
            continue;
        sqlite3_stmt *st = class_prepare(c,
            "SELECT message FROM ex WHERE name = ?1 AND status <> 'pass'"
            " AND coalesce(first, '(' || status || ')') = ?3"
            " ORDER BY file LIMIT 1", e->name, strlen(e->name), 0);
        if (st == NULL ||
            sqlite3_bind_text(st, 3, e->first_failure, -1, SQLITE_STATIC)) {
            sqlite3_finalize(st);
            return -1;
        }
        int step = sqlite3_step(st);
        bool copied = step == SQLITE_DONE ||
                      (step == SQLITE_ROW && class_col_dup(st, 0, &e->example));
        sqlite3_finalize(st);
        if (!copied)
            return -1;
    }
    return 0;
}

/* One row of class_questions(); false when out of memory. */
static bool class_question_row(sqlite3_stmt *st, struct class_question *q)
{
    q->number = (long)sqlite3_column_int64(st, 0);
    q->answers = (size_t)sqlite3_column_int64(st, 2);
    q->missed = (size_t)sqlite3_column_int64(st, 3);
    q->unanswered = (size_t)sqlite3_column_int64(st, 4);
    q->wrong_count = (size_t)sqlite3_column_int64(st, 6);
    const unsigned char *letter = sqlite3_column_text(st, 7);
    q->wrong_letter = letter != NULL ? (char)letter[0] : '\0';
    return class_col_dup(st, 1, &q->title) &&
           class_col_dup(st, 5, &q->wrong_mistake) &&
           (letter != NULL || sqlite3_column_type(st, 7) == SQLITE_NULL);
}

/* The title is the first report's (by path); the most-chosen wrong
 * option is grouped by its mistake, which a shuffle does not change. */
static int class_questions(struct class_ctx *c)
{
    struct class_report *r = c->r;
    long long n = class_int(c, "SELECT count(DISTINCT number) FROM qa", NULL,
                            0);
    if (n < 0)
        return -1;
    r->questions = calloc((size_t)n + 1, sizeof *r->questions);
    if (r->questions != NULL)
        r->nquestions = (size_t)n;
    sqlite3_stmt *st = r->questions == NULL ? NULL : class_prepare(c,
        "WITH w AS (SELECT number, mistake, count(*) n,"
        "  CASE WHEN max(shuffled) = 0 AND count(DISTINCT answer) = 1"
        "  THEN min(answer) END letter FROM qa"
        "  WHERE NOT correct AND answer IS NOT NULL GROUP BY number, mistake)"
        " SELECT q.number,"
        " (SELECT title FROM qa t WHERE t.number = q.number ORDER BY file"
        "  LIMIT 1), count(*), sum(NOT correct), sum(answer IS NULL),"
        " (SELECT mistake FROM w WHERE w.number = q.number"
        "  ORDER BY n DESC, mistake LIMIT 1),"
        " (SELECT n FROM w WHERE w.number = q.number"
        "  ORDER BY n DESC, mistake LIMIT 1),"
        " (SELECT letter FROM w WHERE w.number = q.number"
        "  ORDER BY n DESC, mistake LIMIT 1)"
        " FROM qa q GROUP BY q.number ORDER BY q.number", NULL, 0, 0);
    size_t i = 0;
    bool copied = true;
    while (st != NULL && copied && i < r->nquestions &&
           sqlite3_step(st) == SQLITE_ROW)
        copied = class_question_row(st, &r->questions[i++]);
    sqlite3_finalize(st);
    return st == NULL || !copied || i != r->nquestions ? -1 : 0;
}

static int class_histograms(struct class_ctx *c)
{
    struct class_report *r = c->r;
    long long max = class_int(c,
        "SELECT max(max_score) FROM file WHERE kind = 'grade'", NULL, 0);
    if (max < -1)
        return -1;
    r->max_score = max > 0 ? (size_t)max : 0;
    r->score_hist = calloc(r->max_score + 1, sizeof *r->score_hist);
    sqlite3_stmt *st = r->score_hist == NULL ? NULL : class_prepare(c,
        "SELECT 0, score, count(*) FROM file WHERE kind = 'grade'"
        " GROUP BY score UNION ALL"
        " SELECT 1, min(percent / 10, 9), count(*) FROM file"
        " WHERE kind = 'quiz' GROUP BY 2", NULL, 0, 0);
    int step = SQLITE_ERROR;
    while (st != NULL && (step = sqlite3_step(st)) == SQLITE_ROW) {
        size_t bin = (size_t)sqlite3_column_int64(st, 1);
        size_t n = (size_t)sqlite3_column_int64(st, 2);
        if (sqlite3_column_int(st, 0) == 0)
            r->score_hist[bin] = n;
        else
            r->quiz_hist[bin] = n;
    }
    sqlite3_finalize(st);
    return step == SQLITE_DONE ? 0 : -1;
}

static int class_counts(struct class_ctx *c)
{
    struct class_report *r = c->r;
    long long v[4] = {
        class_int(c, "SELECT count(DISTINCT student) FROM file", NULL, 0),
        class_int(c, "SELECT count(*) FROM file WHERE kind = 'grade'", NULL,
                  0),
        class_int(c, "SELECT count(*) FROM file WHERE kind = 'quiz'", NULL,
                  0),
        class_int(c, "SELECT count(*) FROM file WHERE kind = 'quiz'"
                     " AND passed", NULL, 0),
    };
    for (size_t i = 0; i < 4; i++)
        if (v[i] < 0)
            return -1;
    r->students = (size_t)v[0];
    r->grade_files = (size_t)v[1];
    r->quiz_files = (size_t)v[2];
    r->quiz_passed = (size_t)v[3];
    return 0;
}

static int class_aggregate(struct class_ctx *c)
{
    if (class_counts(c) != 0 || class_exercises(c) != 0 ||
        class_examples(c) != 0 || class_questions(c) != 0 ||
        class_histograms(c) != 0)
        return -1;
    return 0;
}

/* ---- loading ---- */

static enum kit_status class_fail(struct class_report *r, enum kit_status s)
{
    class_free(r);
    return s;
}

/* Reads the sorted files into the database and aggregates them. */
static enum kit_status class_run(struct class_ctx *c,
                                 const struct class_paths *p)
{
    if (sqlite3_open(":memory:", &c->db) != SQLITE_OK ||
        sqlite3_exec(c->db, class_schema, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return class_db_error(c, "open");
    for (size_t i = 0; i < p->n; i++) {
        const struct class_entry *e = &p->e[i];
        int rc = e->err != 0 ? class_skip(c, e->path, "%s", strerror(e->err))
                 : e->why != NULL ? class_skip(c, e->path, "%s", e->why)
                                  : class_file(c, e->path,
                                               (sqlite3_int64)i + 1);
        if (rc != 0)
            return c->err != NULL && c->err->status != KIT_OK
                       ? c->err->status
                       : kit_error_set(c->err, KIT_ENOMEM, "class: out of "
                                       "memory reading %s", e->path);
    }
    if (p->n == 0)
        return kit_error_set(c->err, KIT_EINVAL, "class: %s is empty: put "
            "each student's build/kata/grade.json and quiz --json output "
            "there, e.g. %s/alice/grade.json (docs/class.md)", c->r->dir,
            c->r->dir);
    if (c->r->nskipped == p->n)
        return kit_error_set(c->err, KIT_EINVAL,
            "class: no usable report in %s (%zu file%s, %zu skipped): put "
            "each student's build/kata/grade.json and quiz --json output "
            "there, e.g. %s/alice/grade.json (docs/class.md)",
            c->r->dir, p->n, p->n == 1 ? "" : "s", c->r->nskipped,
            c->r->dir);
    if (class_aggregate(c) != 0)
        return c->err != NULL && c->err->status != KIT_OK
                   ? c->err->status
                   : kit_error_set(c->err, KIT_ENOMEM, "class: out of memory");
    return KIT_OK;
}

enum kit_status class_load(const char *dir, FILE *warn,
                           struct class_report *out, struct kit_error *err)
{
    memset(out, 0, sizeof *out);
    kit_error_clear(err);
    struct class_ctx c = {NULL, warn, out, err};
    struct class_paths p = {NULL, 0, 0};
    out->dir = class_strdup(dir);
    if (out->dir == NULL)
        return kit_error_set(err, KIT_ENOMEM, "class: out of memory");
    int walked = class_walk(dir, "", 0, &p);
    enum kit_status s = KIT_OK;
    if (walked != 0)
        s = walked < 0 ? kit_error_set(err, KIT_ENOMEM, "class: out of memory")
            : kit_error_set(err, walked == ENOENT ? KIT_ENOTFOUND : KIT_ESYS,
                            "class: cannot read the folder %s: %s", dir,
                            strerror(walked));
    if (s == KIT_OK)
        s = class_run(&c, &p);
    sqlite3_close(c.db);
    class_paths_free(&p);
    return s == KIT_OK ? KIT_OK : class_fail(out, s);
}

void class_free(struct class_report *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->nexercises; i++) {
        free(r->exercises[i].name);
        free(r->exercises[i].first_failure);
        free(r->exercises[i].example);
    }
    for (size_t i = 0; i < r->nquestions; i++) {
        free(r->questions[i].title);
        free(r->questions[i].wrong_mistake);
    }
    for (size_t i = 0; i < r->nskipped; i++) {
        free(r->skipped[i].path);
        free(r->skipped[i].reason);
    }
    free(r->exercises);
    free(r->questions);
    free(r->skipped);
    free(r->score_hist);
    free(r->dir);
    memset(r, 0, sizeof *r);
}
