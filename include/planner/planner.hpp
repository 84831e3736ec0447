#pragma once
// The planner library as an embedder sees it: this one include brings every
// public declaration (`pkg-config --cflags --libs planner`). Each header
// below names only standard types and the planner's own.
#include <planner/across_versions.hpp>
#include <planner/catalog.hpp>
#include <planner/cell_value.hpp>
#include <planner/check.hpp>
#include <planner/diff.hpp>
#include <planner/engine.hpp>
#include <planner/error.hpp>
#include <planner/hardware.hpp>
#include <planner/library.hpp>
#include <planner/matrix.hpp>
#include <planner/missing_column.hpp>
#include <planner/overlay.hpp>
#include <planner/question.hpp>
#include <planner/rules.hpp>
#include <planner/vllm_args.hpp>
