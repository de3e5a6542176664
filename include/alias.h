#ifndef ALIAS_H
#define ALIAS_H

#include <stdint.h>

#include "registry.h"

/* Exercise 7 (kata/07_alias.c): aliases, MLflow's replacement for stages
 * since 2.9.  The engine keeps them (reg_alias_* in include/registry.h);
 * this exercise loads a version by model URI and promotes a challenger.
 * The kit's rules are /work/shared/MLFLOW_ALIASES.md's. */

/* "champion" for what Production was is the example of MLflow's migration
 * guide; "challenger" (the candidate of an A/B test) is a common
 * convention, not MLflow's. */
#define ALIAS_CHAMPION "champion"
#define ALIAS_CHALLENGER "challenger"

/* Resolves a model URI to a live version, written to *number on success
 * only.  The forms, after the prefix "models:/":
 *   <name>/<digits>  that version, which must exist: reg_version_find()'s
 *                    "Model Version (name=<name>, version=<n>) not found"
 *                    (KIT_ENOTFOUND); KIT_ERANGE past 64 bits;
 *   <name>/latest    any case: the highest live version number;
 *   <name>/<stage>   stage_parse()'s stage (any case; its KIT_EINVAL
 *                    otherwise): the HIGHEST version number in that stage,
 *                    not the one moved there last;
 *   <name>@<alias>   split at the LAST '@': reg_alias_get()'s answer.
 * latest and <stage> need the model ("Registered Model with name=<name>
 * not found", KIT_ENOTFOUND) and a version: "No versions of model with
 * name '<name>' found", or "... with name '<name>' and stage '<stage>'
 * found" with the stage as written (KIT_ENOTFOUND).  Anything else (uri
 * NULL, another scheme, "models://...", a blank name, suffix or alias, a
 * second '/', neither '/' nor '@') is KIT_EINVAL "Not a proper models:/
 * URI: <uri>. Models URIs must be ..." (MLflow's whole sentence).  The URI
 * is taken literally: no query, fragment or percent-decoding.  KIT_ENOMEM
 * when the name cannot be copied.  The registry is never changed. */
enum kit_status alias_resolve(const struct registry *r, const char *uri,
                              int64_t *number, struct kit_error *err);

/* Promotes the challenger as ONE step: afterwards ALIAS_CHAMPION names the
 * version ALIAS_CHALLENGER named, and ALIAS_CHALLENGER is gone; the
 * version the champion left keeps any other alias.  The history gains the
 * champion's set (a first champion) or move, then the challenger's delete;
 * a champion already on that version does not move and records nothing.
 * Writes the new champion's version to *champion (may be NULL) on success.
 * Errors, all before anything changes: those of reg_alias_get() for the
 * challenger (so no challenger, or no model, is "Registered model alias
 * challenger not found.", KIT_EINVAL), and KIT_ENOMEM.  All or nothing: on
 * error the aliases and the history are exactly as they were. */
enum kit_status alias_promote_challenger(struct registry *r, const char *name,
                                         int64_t *champion,
                                         struct kit_error *err);

#endif /* ALIAS_H */
