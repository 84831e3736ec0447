#pragma once
// The hardware class as a Z3 enumeration sort, one per distinct list of
// hardware ids in a context. Z3 never forgets a datatype declaration or a
// symbol while its context lives, so a sort (and the names of its values) made
// for every new encoding grew a long batch of what-if requests without bound
// (about 6 KiB per distinct `assume`: 177 MiB after 20,000 of them). Keyed by
// the list instead, the declarations grow with the distinct hardware lists
// only, and the engine starts a new context past `max_sorts` of them.
#include <z3++.h>

#include <map>
#include <string>
#include <vector>

namespace planner::solver {

struct HardwareSort {
    z3::sort sort;
    std::vector<z3::expr> values;  // in the order of the hardware list
};

class HardwareSorts {
public:
    // Matrices with that many hardware lists in one process are synthetic:
    // vLLM's pages have used a handful.
    static constexpr size_t max_sorts = 64;

    explicit HardwareSorts(z3::context& context) : context_(context) {}
    const HardwareSort& sort_for(const std::vector<std::string>& hardware);
    bool full() const { return sorts_.size() >= max_sorts; }

private:
    z3::context& context_;
    std::map<std::vector<std::string>, HardwareSort> sorts_;
};

}  // namespace planner::solver
