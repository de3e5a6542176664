/* The report's grade and quiz sections, read with SQLite's JSON functions
 * (json_each, ->>) from the grader's grade.json and the quiz's --json
 * report.  Every value is written through page_text(). */
#include <sqlite3.h>
#include <string.h>

#include "page.h"

/* A statement over the JSON text json, bound as ?1. */
struct page_query {
    sqlite3 *db;
    sqlite3_stmt *stmt;
    bool nomem; /* a value could not be made text: out of memory */
};

static int page_fail(char *why, size_t cap, const char *msg)
{
    snprintf(why, cap, "%s", msg);
    return -1;
}

/* SQLite's error as the reason: -1, or PAGE_NOMEM when it is out of
 * memory (which is no fault of the report read). */
static int page_fail_db(sqlite3 *db, char *why, size_t cap)
{
    snprintf(why, cap, "SQLite: %s", db ? sqlite3_errmsg(db) : "out of memory");
    return db == NULL || sqlite3_errcode(db) == SQLITE_NOMEM ? PAGE_NOMEM : -1;
}

static int page_query_open(struct page_query *q, const char *sql,
                           const char *json, char *why, size_t cap)
{
    q->db = NULL;
    q->stmt = NULL;
    q->nomem = false;
    if (sqlite3_open_v2(":memory:", &q->db, SQLITE_OPEN_READWRITE, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(q->db, sql, -1, &q->stmt, NULL) != SQLITE_OK ||
        sqlite3_bind_text(q->stmt, 1, json, -1, SQLITE_STATIC) != SQLITE_OK) {
        int st = page_fail_db(q->db, why, cap);
        sqlite3_finalize(q->stmt);
        sqlite3_close(q->db);
        return st;
    }
    return 0;
}

/* Closes the query; st, or PAGE_NOMEM when a value could not be read. */
static int page_query_close(struct page_query *q, int st)
{
    sqlite3_finalize(q->stmt);
    sqlite3_close(q->db);
    return q->nomem ? PAGE_NOMEM : st;
}

/* Opens sql over json and steps to its one row: 0 (the caller closes q),
 * or as page_fail_db() (q is closed). */
static int page_query_row(struct page_query *q, const char *sql,
                          const char *json, char *why, size_t cap)
{
    int st = page_query_open(q, sql, json, why, cap);
    if (st == 0 && sqlite3_step(q->stmt) != SQLITE_ROW)
        st = page_query_close(q, page_fail_db(q->db, why, cap));
    return st;
}

/* Column i of the current row as text; "" for NULL.  A number made text
 * needs memory: when there is none, q->nomem says so. */
static const char *page_col(struct page_query *q, int i)
{
    const unsigned char *s = sqlite3_column_text(q->stmt, i);
    if (s == NULL && sqlite3_errcode(q->db) == SQLITE_NOMEM)
        q->nomem = true;
    return s ? (const char *)s : "";
}

/* Whether json is an object whose member `list` is an array (of `what`);
 * why says what is wrong when not. */
static int page_check(const char *json, const char *list, const char *what,
                      char *why, size_t cap)
{
    struct page_query q;
    /* Not json_valid(): SQLite 3.40's says "not valid" when its parse runs
     * out of memory.  json_type() raises "malformed JSON" for text that
     * is not JSON, and out of memory as such. */
    int st = page_query_open(&q, "SELECT json_type(?1) = 'object' AND "
                                 "json_type(?1, ?2) = 'array'",
                             json, why, cap);
    if (st != 0)
        return st;
    sqlite3_bind_text(q.stmt, 2, list, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q.stmt);
    int valid = rc == SQLITE_ROW;
    int shaped = rc == SQLITE_ROW && sqlite3_column_int(q.stmt, 0);
    st = rc == SQLITE_ROW ? 0 : page_fail_db(q.db, why, cap);
    page_query_close(&q, 0);
    if (st == PAGE_NOMEM)
        return st;
    if (!valid)
        return page_fail(why, cap, "not valid JSON");
    if (!shaped) {
        snprintf(why, cap, "valid JSON, but no list of %s", what);
        return -1;
    }
    return 0;
}

/* The CSS class of a grader's status word: from a fixed list, never the
 * input itself. */
static const char *page_status_class(const char *status)
{
    static const char *const known[] = {"pass", "fail", "crash", "sanitizer",
                                        "timeout", "no-build", "tampered"};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(status, known[i]) == 0)
            return i == 0 ? "pass" : i == 1 ? "fail" : "error";
    return "other";
}

static void page_cell(FILE *f, const char *s)
{
    fputs("<td>", f);
    page_str(f, s);
    fputs("</td>", f);
}

static void page_grade_row(FILE *f, struct page_query *q)
{
    const char *status = page_col(q, 4);
    fputs("<tr>", f);
    fputs("<td><code>", f);
    page_str(f, page_col(q, 0));
    fputs("</code></td>", f);
    page_cell(f, page_col(q, 1));
    fputs("<td class=\"num\">", f);
    page_str(f, page_col(q, 2));
    fputs("/", f);
    page_str(f, page_col(q, 3));
    fprintf(f, "</td><td><span class=\"badge %s\">",
            page_status_class(status));
    page_str(f, status);
    fputs("</span></td>", f);
    page_cell(f, page_col(q, 5));
    fputs("</tr>\n", f);
}

static const char grade_sql[] =
    "SELECT e.value->>'exercise', e.value->>'quiz', e.value->>'passed', "
    "e.value->>'total', e.value->>'status', e.value->>'first_failure', "
    "?1->>'score', ?1->>'max_score', ?1->>'mode' "
    "FROM json_each(?1, '$.exercises') AS e ORDER BY e.key";

int page_grade(FILE *f, const char *json, char *why, size_t cap)
{
    struct page_query q;
    int st = page_check(json, "$.exercises", "exercises", why, cap);
    if (st == 0)
        st = page_query_open(&q, grade_sql, json, why, cap);
    if (st != 0)
        return st;
    unsigned rows = 0;
    int rc;
    while ((rc = sqlite3_step(q.stmt)) == SQLITE_ROW) {
        if (rows++ == 0) {
            fputs("<p class=\"score\">Score: ", f);
            page_str(f, page_col(&q, 6));
            fputs(" of ", f);
            page_str(f, page_col(&q, 7));
            fputs(" exercises (the tests ran in ", f);
            page_str(f, page_col(&q, 8));
            fputs(" mode).</p>\n<table>\n<thead><tr><th>exercise</th>"
                  "<th>quiz question</th><th>tests</th><th>status</th>"
                  "<th>first failure</th></tr></thead>\n<tbody>\n", f);
        }
        page_grade_row(f, &q);
    }
    if (rows > 0)
        fputs("</tbody>\n</table>\n", f);
    else if (rc == SQLITE_DONE)
        fputs("<p>The grade report lists no exercises.</p>\n", f);
    st = rc == SQLITE_DONE ? 0 : page_fail_db(q.db, why, cap);
    return page_query_close(&q, st);
}

/* The score line: "Score: 15 of 20 (75%); pass mark 70%: passed." */
static int page_quiz_score(FILE *f, const char *json, char *why, size_t cap)
{
    struct page_query q;
    int st = page_query_row(&q, "SELECT ?1->>'correct', ?1->>'questions', "
                                "?1->>'percent', ?1->>'pass_mark', "
                                "?1->>'passed', ?1->>'bank', ?1->>'answered'",
                            json, why, cap);
    if (st != 0)
        return st;
    bool passed = sqlite3_column_int(q.stmt, 4) == 1;
    fputs("<p class=\"score\">Score: ", f);
    page_str(f, page_col(&q, 0));
    fputs(" of ", f);
    page_str(f, page_col(&q, 1));
    fputs(" (", f);
    page_str(f, page_col(&q, 2));
    fputs("%); pass mark ", f);
    page_str(f, page_col(&q, 3));
    fprintf(f, "%%: <span class=\"badge %s\">%s</span>. ",
            passed ? "pass" : "fail", passed ? "passed" : "not passed");
    page_str(f, page_col(&q, 6));
    fputs(" answered; bank <code>", f);
    page_str(f, page_col(&q, 5));
    fputs("</code>.</p>\n", f);
    return page_query_close(&q, 0);
}

static void page_quiz_miss(FILE *f, struct page_query *q)
{
    fputs("<tr><td class=\"num\">", f);
    page_str(f, page_col(q, 0));
    fputs("</td>", f);
    page_cell(f, page_col(q, 1));
    page_cell(f, page_col(q, 2));
    page_cell(f, page_col(q, 3));
    page_cell(f, page_col(q, 4));
    fputs("</tr>\n", f);
}

static const char quiz_sql[] =
    "SELECT r.value->>'number', r.value->>'title', r.value->>'answer', "
    "r.value->>'key', r.value->>'mistake' "
    "FROM json_each(?1, '$.results') AS r "
    "WHERE r.value->>'correct' IS NOT 1 AND r.value->>'answer' IS NOT NULL "
    "ORDER BY r.key";

/* "Not answered: 3, 4." when some were not. */
static int page_quiz_unanswered(FILE *f, const char *json, char *why,
                                size_t cap)
{
    struct page_query q;
    int st = page_query_row(&q, "SELECT group_concat(r.value->>'number', "
                                "', ') FROM json_each(?1, '$.results') AS r "
                                "WHERE r.value->>'answer' IS NULL",
                            json, why, cap);
    if (st != 0)
        return st;
    if (*page_col(&q, 0) != '\0') {
        fputs("<p>Not answered: ", f);
        page_str(f, page_col(&q, 0));
        fputs(".</p>\n", f);
    }
    return page_query_close(&q, 0);
}

int page_quiz(FILE *f, const char *json, char *why, size_t cap)
{
    struct page_query q;
    int st = page_check(json, "$.results", "results", why, cap);
    if (st == 0)
        st = page_quiz_score(f, json, why, cap);
    if (st == 0)
        st = page_query_open(&q, quiz_sql, json, why, cap);
    if (st != 0)
        return st;
    unsigned rows = 0;
    int rc;
    while ((rc = sqlite3_step(q.stmt)) == SQLITE_ROW) {
        if (rows++ == 0)
            fputs("<table>\n<thead><tr><th>question</th><th>title</th>"
                  "<th>answer</th><th>key</th><th>the mistake behind the "
                  "answer</th></tr></thead>\n<tbody>\n", f);
        page_quiz_miss(f, &q);
    }
    if (rows > 0)
        fputs("</tbody>\n</table>\n", f);
    else if (rc == SQLITE_DONE)
        fputs("<p>No wrong answer.</p>\n", f);
    st = page_query_close(&q, rc == SQLITE_DONE ? 0
                                                : page_fail_db(q.db, why, cap));
    return st == 0 ? page_quiz_unanswered(f, json, why, cap) : st;
}
