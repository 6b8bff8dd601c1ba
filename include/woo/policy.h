/*
 * libwoo — policies: what to withhold and on which ground.
 *
 * A policy is a YAML file (docs/policy.md).  A compiled woo_policy is
 * immutable and may be shared by any number of threads.
 */
#ifndef WOO_POLICY_H
#define WOO_POLICY_H

#include "common.h"
#include "grounds.h"
#include "marks.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct woo_policy woo_policy;

/**
 * Load a policy file.  Term and allow-list files named in it are read
 * relative to the policy's folder.  Errors: WOO_ENOTFOUND, WOO_EIO,
 * WOO_EPOLICY with "FILE:LINE:COLUMN: what is wrong", WOO_ENOMEM.
 */
WOO_EXTERN int woo_policy_load(woo_policy **out, const char *path);

/** Parse a policy from memory; `name` is used in messages and `dir` (may
 *  be NULL) to resolve relative file names. */
WOO_EXTERN int woo_policy_parse(woo_policy **out, const char *yaml,
                                size_t len, const char *name,
                                const char *dir);

/** The embedded default policy.  Errors: WOO_ENOMEM. */
WOO_EXTERN int woo_policy_default(woo_policy **out);

WOO_EXTERN void woo_policy_free(woo_policy *policy);

/** The output style the policy asks for. */
WOO_EXTERN woo_style woo_policy_style(const woo_policy *policy);

/** Whether an entity is switched on, its ground and threshold. */
WOO_EXTERN int woo_policy_entity_enabled(const woo_policy *policy,
                                         woo_entity e);
WOO_EXTERN const woo_ground *woo_policy_entity_ground(const woo_policy *p,
                                                      woo_entity e);
WOO_EXTERN double woo_policy_entity_threshold(const woo_policy *p,
                                              woo_entity e);

/** The text of the embedded default policy (static, NUL-terminated). */
WOO_EXTERN const char *woo_policy_default_yaml(void);

#ifdef __cplusplus
}
#endif
#endif
