#pragma once
// The time budget of one request (--timeout-ms), shared by every solver call
// the request makes, so the whole request honours the limit, not each call.
#include <chrono>
#include <stdexcept>

namespace planner::solver {

// Thrown when Z3 answers "unknown" or the budget is spent; the command catches
// it and returns status timeout with the best plan found so far.
struct TimedOut : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Deadline {
public:
    using Clock = std::chrono::steady_clock;

    // `started`: when the request reached the engine, so that building the
    // problem and the encoding count against the limit too.
    explicit Deadline(unsigned timeout_ms, Clock::time_point started = Clock::now()) : limited_(timeout_ms > 0) {
        if (limited_) end_ = started + std::chrono::milliseconds(timeout_ms);
    }

    bool limited() const { return limited_; }

    // Milliseconds left, at least 1 while time remains; throws TimedOut once spent.
    unsigned remaining_ms() const {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end_ - Clock::now()).count();
        if (left <= 0) throw TimedOut("time limit reached");
        return static_cast<unsigned>(left);
    }

    bool expired() const { return limited_ && Clock::now() >= end_; }
    void check() const {
        if (expired()) throw TimedOut("time limit reached");
    }

private:
    bool limited_;
    Clock::time_point end_{};
};

}  // namespace planner::solver
