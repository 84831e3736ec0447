#include "cli/output/terminal_text.hpp"

#include <array>
#include <cerrno>
#include <memory>

namespace planner::cli {

namespace {

// The sequences Style writes, and nothing else: bold, dim, red, green,
// yellow, reset.
constexpr std::array<std::string_view, 6> style_codes = {"\x1b[1m", "\x1b[2m", "\x1b[31m",
                                                         "\x1b[32m", "\x1b[33m", "\x1b[0m"};

bool is_prefix_of_style_code(std::string_view text) {
    for (std::string_view code : style_codes)
        if (code.substr(0, text.size()) == text) return true;
    return false;
}

bool is_style_code(std::string_view text) {
    for (std::string_view code : style_codes)
        if (code == text) return true;
    return false;
}

// Bytes a valid UTF-8 sequence with this lead has after it; -1: not a lead.
int continuation_count(unsigned char lead) {
    if (lead >= 0xC2 && lead <= 0xDF) return 1;
    if (lead >= 0xE0 && lead <= 0xEF) return 2;
    if (lead >= 0xF0 && lead <= 0xF4) return 3;
    return -1;
}

void append_escaped(unsigned code, std::string& out) {
    static constexpr char hex[] = "0123456789abcdef";
    out.append("\\u00");
    out.push_back(hex[(code >> 4) & 0xF]);
    out.push_back(hex[code & 0xF]);
}

bool is_plain(unsigned char byte) { return (byte >= 0x20 && byte < 0x7F) || byte == '\n' || byte == '\t'; }

// The byte-at-a-time state of the filter, so that a sequence split between
// two writes is judged whole.
class Escaper {
public:
    explicit Escaper(bool allow_style_codes) : allow_style_codes_(allow_style_codes) {}

    // Runs of printable ASCII, most of any answer, are copied whole.
    void put_all(std::string_view bytes, std::string& out) {
        size_t at = 0;
        while (at < bytes.size()) {
            if (held_.empty() && continuations_left_ == 0) {
                const size_t start = at;
                while (at < bytes.size() && is_plain(static_cast<unsigned char>(bytes[at]))) ++at;
                out.append(bytes.substr(start, at - start));
                if (at == bytes.size()) return;
            }
            put(static_cast<unsigned char>(bytes[at++]), out);
        }
    }

    void put(unsigned char byte, std::string& out) {
        if (!held_.empty()) return hold_more(byte, out);
        if (continuations_left_ > 0) {
            if (byte >= 0x80 && byte <= 0xBF) {
                out.push_back(static_cast<char>(byte));
                --continuations_left_;
                return;
            }
            continuations_left_ = 0;  // a broken sequence: judge this byte afresh
        }
        if (byte == 0x1B && allow_style_codes_) {
            held_.push_back(static_cast<char>(byte));
        } else if (byte == 0xC2) {
            held_.push_back(static_cast<char>(byte));  // U+0080..U+009F are C1 controls
        } else if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7F) {
            append_escaped(byte, out);
        } else if (byte >= 0x80) {
            const int more = continuation_count(byte);
            if (more < 0) return append_escaped(byte, out);
            out.push_back(static_cast<char>(byte));
            continuations_left_ = more;
        } else {
            out.push_back(static_cast<char>(byte));
        }
    }

    // What is held when the stream is flushed cannot become a colour code.
    void finish(std::string& out) {
        if (held_.empty()) return;
        std::string held;
        held.swap(held_);
        release(held, out);
    }

private:
    void hold_more(unsigned char byte, std::string& out) {
        if (held_.front() == '\xC2') {
            held_.clear();
            if (byte >= 0x80 && byte <= 0x9F) return append_escaped(byte, out);
            out.push_back('\xC2');
            continuations_left_ = 1;
            return put(byte, out);
        }
        held_.push_back(static_cast<char>(byte));
        if (is_style_code(held_)) {
            out.append(held_);
            held_.clear();
        } else if (!is_prefix_of_style_code(held_)) {
            std::string held;
            held.swap(held_);
            release(held, out);
        }
    }

    // An ESC that began no colour code: escape it, then read what followed it afresh.
    void release(const std::string& held, std::string& out) {
        if (held.front() == '\xC2') {
            out.push_back('\xC2');
            continuations_left_ = 1;
            return;
        }
        append_escaped(0x1B, out);
        for (size_t i = 1; i < held.size(); ++i) put(static_cast<unsigned char>(held[i]), out);
    }

    bool allow_style_codes_;
    std::string held_;
    int continuations_left_ = 0;
};

}  // namespace

class TerminalSafeStream::Filter : public std::streambuf {
public:
    Filter(std::streambuf* target, bool allow_style_codes) : target_(target), escaper_(allow_style_codes) {}

protected:
    int_type overflow(int_type c) override {
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        const char byte = traits_type::to_char_type(c);
        return xsputn(&byte, 1) == 1 ? c : traits_type::eof();
    }

    std::streamsize xsputn(const char* bytes, std::streamsize count) override {
        buffer_.clear();
        escaper_.put_all(std::string_view(bytes, static_cast<size_t>(count)), buffer_);
        return forward() ? count : 0;
    }

    int sync() override {
        buffer_.clear();
        escaper_.finish(buffer_);
        if (!forward()) return -1;
        if (target_->pubsync() == 0) return 0;
        if (write_error_ == 0) write_error_ = errno;
        return -1;
    }

public:
    int write_error() const { return write_error_; }

private:
    bool forward() {
        const auto size = static_cast<std::streamsize>(buffer_.size());
        if (size == 0 || target_->sputn(buffer_.data(), size) == size) return true;
        if (write_error_ == 0) write_error_ = errno;
        return false;
    }

    std::streambuf* target_;
    Escaper escaper_;
    std::string buffer_;
    int write_error_ = 0;
};

std::string escape_terminal_controls(std::string_view text, bool allow_style_codes) {
    Escaper escaper(allow_style_codes);
    std::string out;
    escaper.put_all(text, out);
    escaper.finish(out);
    return out;
}

TerminalSafeStream::TerminalSafeStream(std::ostream& stream, bool allow_style_codes)
    : stream_(stream), original_(stream.rdbuf()), filter_(std::make_unique<Filter>(original_, allow_style_codes)) {
    stream_.rdbuf(filter_.get());
}

int TerminalSafeStream::write_error() const { return filter_->write_error(); }

TerminalSafeStream::~TerminalSafeStream() {
    filter_->pubsync();
    stream_.rdbuf(original_);
}

}  // namespace planner::cli
