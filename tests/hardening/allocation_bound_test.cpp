// The importer's memory is proportional to its input with a small constant:
// every allocation is counted here (operator new replaced for this program) and
// the peak of live bytes while a document at the size cap is read is bounded
// at 16 times the document. Before, each line was a std::string and each row,
// table and resumed row kept its own allocations: 16 MB of blank lines peaked at
// 1.1 GB, 8M '|' rows at 1.15 GB (std::bad_alloc under a 1 GiB ulimit), 2.8M
// one-row tables at 1.3 GB.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <stdexcept>

#include "worst_case_inputs.hpp"

namespace {

std::atomic<size_t> live_bytes{0}, peak_bytes{0};
constexpr size_t kHeader = alignof(std::max_align_t);  // the size, kept before each block

void* counted_allocation(size_t size) {
    void* block = std::malloc(size + kHeader);
    if (!block) throw std::bad_alloc();
    *static_cast<size_t*>(block) = size;
    const size_t now = live_bytes += size;
    for (size_t peak = peak_bytes; now > peak && !peak_bytes.compare_exchange_weak(peak, now);) {
    }
    return static_cast<char*>(block) + kHeader;
}

void counted_release(void* pointer) noexcept {
    if (!pointer) return;
    void* block = static_cast<char*>(pointer) - kHeader;
    live_bytes -= *static_cast<size_t*>(block);
    std::free(block);
}

}  // namespace

void* operator new(size_t size) { return counted_allocation(size); }
void* operator new[](size_t size) { return counted_allocation(size); }
void operator delete(void* pointer) noexcept { counted_release(pointer); }
void operator delete[](void* pointer) noexcept { counted_release(pointer); }
void operator delete(void* pointer, size_t) noexcept { counted_release(pointer); }
void operator delete[](void* pointer, size_t) noexcept { counted_release(pointer); }
// The nothrow forms are replaced too: std::get_temporary_buffer (std::stable_sort)
// allocates with them, and a sanitizer runtime's own nothrow new would hand the
// counted delete above a block without the size header.
void* operator new(size_t size, const std::nothrow_t&) noexcept {
    try {
        return counted_allocation(size);
    } catch (const std::bad_alloc&) {
        return nullptr;
    }
}
void* operator new[](size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }
void operator delete(void* pointer, const std::nothrow_t&) noexcept { counted_release(pointer); }
void operator delete[](void* pointer, const std::nothrow_t&) noexcept { counted_release(pointer); }

TEST_CASE("a document of millions of short lines is read in memory proportional to its size") {
    const char* divisor_text = std::getenv("PLANNER_PARSE_TIME_DIVISOR");
    const size_t divisor = divisor_text ? std::stoul(divisor_text) : 1;
    const size_t document = (planner::limits::kMaxDocumentBytes - 4096) / divisor;
    for (const auto& shape : planner::test::kLineShapes) {
        const std::string text = planner::test::line_shape_document(shape, document);
        const size_t before = live_bytes;
        peak_bytes = before;
        try {
            planner::test::import_text(text);
        } catch (const std::runtime_error&) {
            // Refusing the input is an answer too; the memory is what this test checks.
        }
        const size_t used = peak_bytes - before;
        CHECK_MESSAGE(used <= 16 * text.size(), shape.shape << " (" << text.size() << " bytes) peaked at " << used
                                                            << " bytes of heap");
    }
}
