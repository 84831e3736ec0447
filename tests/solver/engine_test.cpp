#include <doctest/doctest.h>

#include "solver/engine.hpp"

using namespace planner;

TEST_CASE("placeholder") { CHECK(to_string(Status::ok) == "ok"); }
