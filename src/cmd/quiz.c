/* The quiz runner: everything but what it reads from the system (the
 * terminal, the environment, its own path) is in quiz_main()
 * (src/quiz_cli.c), where the tests can reach it. */

#include "quiz.h"

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
    char share[4096];
    struct kit_error err;
    bool found = prog_share_path("bank.txt", share, sizeof share, &err) ==
                 KIT_OK;
    struct quiz_env env = {
        .tty = isatty(STDOUT_FILENO),
        .no_color = getenv("NO_COLOR"),
        .term = getenv("TERM"),
        .echo = !isatty(STDIN_FILENO),
        /* A short seed, easy to type again after --seed. */
        .clock_seed = (uint64_t)time(NULL) % 1000000,
        .env_bank = getenv("STAGEKIT_QUIZ_BANK"),
        .share_bank = found ? share : NULL,
    };
    return quiz_main(argc, argv, stdin, stdout, stderr, &env);
}
