// planner: plans vLLM serving configurations from vLLM's compatibility matrix.
#include "cli/program.hpp"

int main(int argc, char** argv) {
    planner::cli::Program program;
    return program.run(argc, argv);
}
