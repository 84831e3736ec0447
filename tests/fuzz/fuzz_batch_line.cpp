// One `planner batch` request line at a time, through the same parser the
// batch command uses. Refusals are InputError or UsageError (the batch answers
// them per line); anything else would end a whole autotuner stream.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <planner/error.hpp>

#include "cli/flags/batch_request.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view line(reinterpret_cast<const char*>(data), size);
    planner::cli::BatchRequest request;
    try {
        planner::cli::parse_batch_request(line, request);
    } catch (const planner::InputError&) {
    } catch (const planner::UsageError&) {
    }
    return 0;
}
