#pragma once
// A map that keeps only its most recently used entries, so a long stream of
// distinct keys (every spelling of a batch what-if) costs bounded memory.
#include <cstddef>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>

namespace planner::cli {

template <typename Value>
class LruCache {
public:
    explicit LruCache(size_t capacity) : capacity_(capacity < 1 ? 1 : capacity) {}

    // The value for `key`, made by `make()` when absent. The least recently
    // used entry is dropped when a new one would exceed the capacity, so a
    // reference stays valid until the next call that adds a key. A `make`
    // that throws adds nothing.
    template <typename Make>
    Value& get(const std::string& key, Make make) {
        if (auto found = index_.find(key); found != index_.end()) {
            entries_.splice(entries_.begin(), entries_, found->second);
            return found->second->second;
        }
        Value value = make();
        if (entries_.size() >= capacity_) {
            index_.erase(entries_.back().first);
            entries_.pop_back();
        }
        entries_.emplace_front(key, std::move(value));
        index_.emplace(key, entries_.begin());
        return entries_.front().second;
    }

    size_t size() const { return entries_.size(); }

private:
    size_t capacity_;
    std::list<std::pair<std::string, Value>> entries_;  // most recently used first
    std::unordered_map<std::string, typename std::list<std::pair<std::string, Value>>::iterator> index_;
};

}  // namespace planner::cli
