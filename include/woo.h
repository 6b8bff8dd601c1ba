/*
 * libwoo — prepare documents for disclosure under the Woo.
 *
 * One header for the whole public API.  See docs/api.md for a guide.
 */
#ifndef WOO_H
#define WOO_H

#include "woo/common.h"
#include "woo/grounds.h"
#include "woo/codes.h"
#include "woo/doc.h"
#include "woo/marks.h"
#include "woo/policy.h"
#include "woo/scan.h"
#include "woo/redact.h"
#include "woo/audit.h"
#include "woo/index.h"

#endif
