/* The quiz runner: everything but the terminal checks is in quiz_main()
 * (src/quiz_cli.c), where the tests can reach it. */

#include "quiz.h"

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
    struct quiz_env env = {
        .color = quiz_color_wanted(isatty(STDOUT_FILENO), getenv("NO_COLOR"),
                                   getenv("TERM")),
        .echo = !isatty(STDIN_FILENO),
        /* A short seed, easy to type again after --seed. */
        .clock_seed = (uint64_t)time(NULL) % 1000000,
    };
    return quiz_main(argc, argv, stdin, stdout, stderr, &env);
}
