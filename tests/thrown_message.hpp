#pragma once
// The message of the exception a call throws, for tests that check the words
// of an error. A call that throws nothing, or throws another type, fails the
// test case where it was asked.
#include <exception>
#include <string>

#include <doctest/doctest.h>

namespace planner::test {

template <class Error = std::exception, class Call>
std::string message_of(Call&& call) {
    try {
        call();
    } catch (const Error& error) {
        return error.what();
    }
    FAIL("no exception of the expected type");
    return {};
}

}  // namespace planner::test
