/* reg-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "reg-types.h"

#include "reg-case.h"
#include "reg-case-event.h"
#include "reg-crib-note.h"
#include "reg-customer.h"
#include "reg-follow-up.h"
#include "reg-staff.h"
#include "reg-visit.h"
