// The floor Z3 imposes on a cold process: load libz3, create one context, exit.
// The benchmark times this beside `planner maximize` so the overhead of the
// planner itself can be read off.
#include <z3.h>

int main() {
    Z3_config config = Z3_mk_config();
    Z3_context context = Z3_mk_context(config);
    Z3_del_context(context);
    Z3_del_config(config);
    return 0;
}
