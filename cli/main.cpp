// planner: plans vLLM serving configurations from vLLM's compatibility matrix.
#include "cli/output/stdout_guard.hpp"
#include "cli/program.hpp"

int main(int argc, char** argv) {
    if (!planner::cli::prepare_standard_descriptors()) return 2;
    int exit_code = 0;
    {
        planner::cli::Program program;
        exit_code = program.run(argc, argv);
    }
    return planner::cli::finish_stdout(exit_code);
}
