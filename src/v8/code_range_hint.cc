// Stops V8 from reading /proc/self/maps each time an isolate is made.
//
// Every isolate reserves its own code range. To place it near the builtins
// embedded in libnode, V8 10.2 asks `v8::base::OS::GetFreeMemoryRangesWithin`,
// which parses the whole of /proc/self/maps with fscanf. Each live isolate
// adds about 14 mappings, so with 1,000 apps loaded the file has ~14,000
// lines and every new isolate spent several milliseconds reading it: a cold
// start got slower with every app already loaded.
//
// What the placement buys is short builtin calls (JIT code calling the
// embedded builtins pc-relative), which need the code range within 2 GB of
// them: room for some 30 ranges of 128 MB, so most isolates of a process
// with many apps go without them anyway. libnode calls the function through
// its PLT, so this definition, exported from the executable (see build.rs),
// is the one it binds to. It answers "no free range known", and V8 then
// falls back to a plain address hint and lets the kernel place the
// reservation: top-down, next to the libraries, so the first isolates still
// land within reach (0.2 to 2 GB from libnode's code, measured).
//
// The declaration mirrors V8's src/base/platform/platform.h (not among the
// public headers): the mangled name and the return convention must match.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace v8 {
namespace base {

class OS {
 public:
  struct MemoryRange {
    uintptr_t start = 0;
    uintptr_t end = 0;
  };

  static std::vector<MemoryRange> GetFreeMemoryRangesWithin(uintptr_t boundary_start,
                                                            uintptr_t boundary_end,
                                                            size_t minimum_size,
                                                            size_t alignment);
};

std::vector<OS::MemoryRange> OS::GetFreeMemoryRangesWithin(uintptr_t, uintptr_t, size_t,
                                                           size_t) {
  return {};
}

}  // namespace base
}  // namespace v8
