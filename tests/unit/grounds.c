#include "lib/core/internal.h"
#include "test.h"
TEST(t_dummy) { CHECK(1); }
int main(void) { RUN(t_dummy); TEST_END(); }
