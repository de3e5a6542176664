#include "stage.h"

bool stage_is_active(enum stage s)
{
    return s == STAGE_STAGING || s == STAGE_PRODUCTION;
}
