#include "cli/flags/hardware_auto.hpp"

#include <iostream>
#include <optional>

#include <planner/catalog.hpp>
#include <planner/error.hpp>
#include <planner/hardware.hpp>

#include "model/facts/taken_name.hpp"

namespace planner::cli {

std::string hardware_argument(std::string_view flag, std::string_view raw, unsigned timeout_ms) {
    if (normalize_name(raw) != normalize_name(kDetectHardware)) return std::string(raw);
    static std::optional<HardwareDetection> detected;
    static std::optional<std::string> failure;
    if (failure) throw UsageError(*failure);
    if (!detected) {
        std::chrono::milliseconds limit = hardware_probe_time_limit;
        if (timeout_ms != 0) limit = std::min(limit, std::chrono::milliseconds(timeout_ms));
        try {
            detected = detect_hardware(limit);
        } catch (const UsageError& e) {
            failure = std::string("auto: ") + e.what();
            throw UsageError(*failure);
        }
        for (const std::string& note : detected->notes) std::cerr << "planner: " << flag << " auto: " << note << "\n";
        std::cerr << "planner: " << flag << " auto: hardware class " << detected->hardware << "\n";
    }
    return detected->hardware;
}

}  // namespace planner::cli
