/* test-customer-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "reg-test-util.h"

int
main (int   argc,
      char *argv[])
{
  reg_test_init (&argc, &argv);

  return g_test_run ();
}
