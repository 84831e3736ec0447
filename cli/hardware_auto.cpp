#include "cli/hardware_auto.hpp"

#include <iostream>
#include <optional>

#include "model/catalog.hpp"
#include "model/hardware_detect.hpp"

namespace planner::cli {

std::string hardware_argument(std::string_view raw) {
    if (normalize_name(raw) != normalize_name("auto")) return std::string(raw);
    static std::optional<HardwareDetection> detected;
    if (!detected) {
        detected = detect_hardware();
        for (const std::string& note : detected->notes) std::cerr << "planner: --hw auto: " << note << "\n";
        std::cerr << "planner: --hw auto: hardware class " << detected->hardware << "\n";
    }
    return detected->hardware;
}

}  // namespace planner::cli
