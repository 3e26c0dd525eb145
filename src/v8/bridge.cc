// The narrow C ABI over V8's public C++ API. Only plumbing lives here: every
// decision is made in Rust (src/v8/*.rs), which calls these functions.
//
// Handles cross the boundary as raw pointers: a v8::Local<T> is one pointer to
// a handle slot owned by the innermost HandleScope, so it is passed as `void*`
// and rebuilt on the other side. Persistent handles are heap-allocated
// v8::Global<v8::Data> objects.

#include <libplatform/libplatform.h>
#include <link.h>
#include <v8.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

using namespace v8;

namespace {

template <class T>
inline Local<T> L(const void* p) {
  Local<T> local;
  static_assert(sizeof(local) == sizeof(p), "Local<T> is one pointer");
  std::memcpy(static_cast<void*>(&local), &p, sizeof(p));
  return local;
}

template <class T>
inline void* P(Local<T> local) {
  void* p;
  std::memcpy(&p, static_cast<const void*>(&local), sizeof(p));
  return p;
}

template <class T>
inline void* P(MaybeLocal<T> maybe) {
  Local<T> local;
  return maybe.ToLocal(&local) ? P(local) : nullptr;
}

// Callbacks into Rust, registered once by nano_set_callbacks.
typedef void (*OpDispatchFn)(void* isolate_core, uint32_t op_id, const void* info);
typedef void* (*ModuleResolveFn)(void* isolate_core, void* context, void* specifier,
                                 void* referrer);
typedef void (*PromiseRejectFn)(void* isolate_core, int event, void* promise, void* value);
// `import()`: returns the promise of the namespace, or null when execution is
// terminating. `assertions` is an array [key, value, key, value, ...].
typedef void* (*DynamicImportFn)(void* isolate_core, void* resource_name, void* specifier,
                                 void* assertions);
typedef void (*ImportMetaFn)(void* isolate_core, void* module, void* meta);
typedef void (*DeferredFn)(void* isolate_core, void* task);
// `import.meta.resolve(specifier)` of the module at `url`: the resolved URL,
// or null with an exception thrown.
typedef void* (*MetaResolveFn)(void* isolate_core, void* url, void* specifier);
// Decides how one stack frame in `file` at `line`:`column` is shown: one of
// the kFrame* values, with the position to show for kFrameMoved.
typedef int (*StackFrameFn)(void* isolate_core, const char* file, size_t file_len, int line,
                            int column, int* shown_line, int* shown_column);
// An optimising compile on the isolate's own thread began (1) or ended (0).
typedef void (*OptimisingFn)(int began);

OpDispatchFn g_op_dispatch = nullptr;
ModuleResolveFn g_module_resolve = nullptr;
PromiseRejectFn g_promise_reject = nullptr;
DynamicImportFn g_dynamic_import = nullptr;
ImportMetaFn g_import_meta = nullptr;
DeferredFn g_deferred = nullptr;
MetaResolveFn g_meta_resolve = nullptr;
StackFrameFn g_stack_frame = nullptr;
OptimisingFn g_optimising = nullptr;
std::unique_ptr<Platform> g_platform;

// StackFrameFn's answers (src/v8/stack_trace.rs); any other shows the frame
// as V8 wrote it.
constexpr int kFrameHidden = 0;
constexpr int kFrameMoved = 2;

// Isolate data slots. Slot 0 holds the Rust IsolateCore; slot 1 the C++ side's
// per-isolate bookkeeping.
constexpr uint32_t kCoreSlot = 0;
constexpr uint32_t kExtraSlot = 1;
// A young generation is two semi-spaces and a large-object space of the
// same size. Left to itself, V8 gives a 128 MiB heap 1 MiB semi-spaces that
// never grow, and a busy app then scavenges every MiB of garbage: in V8 10.2
// each scavenge spends ~0.15 ms scanning the snapshot's object cache, however
// little survives (2-3 % of a request's instructions in a JSON workload).
// Semi-spaces start at 8 MiB, an eighth as many scavenges, and may grow to
// V8's largest, 16 MiB, when more survives. Each scavenge stops the isolate
// for 0.2-0.3 ms even when nothing survives, and every request in progress
// on the core waits for it: at 4 MiB a hello-world core stopped ~24 times a
// second, which showed in its p99 latency (8 MiB: p99 -14 %, CPU -1.6 %, medians
// of 9 interleaved rounds). An isolate touches only the pages it allocates
// and the headers of the pages committed: a busy one keeps 16 MiB instead of
// 8 resident, an idle app's ~130 KiB more (loadtests/many_apps.py: 1.74 ->
// 1.87 MiB per loaded idle app).
constexpr size_t kMiB = 1024 * 1024;
constexpr size_t kInitialYoungGenerationBytes = 3 * 8 * kMiB;
constexpr size_t kMaxYoungGenerationBytes = 3 * 16 * kMiB;

struct IsolateExtra {
  std::atomic<bool> near_heap_limit{false};
  // Set once the isolate compiles WebAssembly (see note_wasm_compile).
  bool compiles_wasm = false;
  ArrayBuffer::Allocator* allocator = nullptr;
  // V8 reads the snapshot again whenever a context is created, so the
  // descriptor lives as long as the isolate (the bytes are owned by Rust).
  StartupData snapshot{nullptr, 0};
};

IsolateExtra* extra_of(Isolate* isolate) {
  return static_cast<IsolateExtra*>(isolate->GetData(kExtraSlot));
}

void op_trampoline(const FunctionCallbackInfo<Value>& info) {
  Isolate* isolate = info.GetIsolate();
  uint32_t op_id = info.Data().As<Integer>()->Value();
  g_op_dispatch(isolate->GetData(kCoreSlot), op_id, &info);
}

MaybeLocal<Module> module_resolve_trampoline(Local<Context> context, Local<String> specifier,
                                             Local<FixedArray> /*import_assertions*/,
                                             Local<Module> referrer) {
  Isolate* isolate = context->GetIsolate();
  void* resolved = g_module_resolve(isolate->GetData(kCoreSlot), P(context), P(specifier),
                                    P(referrer));
  if (resolved == nullptr) return MaybeLocal<Module>();
  return L<Module>(resolved);
}

// V8 lists import assertions as (key, value) or (key, value, location)
// entries; the Rust side gets [key, value, key, value, ...].
Local<Array> assertion_pairs(Local<Context> context, Local<FixedArray> assertions, int stride) {
  int pairs = assertions->Length() / stride;
  Local<Array> out = Array::New(context->GetIsolate(), pairs * 2);
  for (int i = 0; i < pairs; i++) {
    out->Set(context, 2 * i, assertions->Get(context, i * stride).As<Value>()).Check();
    out->Set(context, 2 * i + 1, assertions->Get(context, i * stride + 1).As<Value>()).Check();
  }
  return out;
}

MaybeLocal<Promise> dynamic_import_trampoline(Local<Context> context,
                                              Local<Data> /*host_defined_options*/,
                                              Local<Value> resource_name, Local<String> specifier,
                                              Local<FixedArray> import_assertions) {
  Isolate* isolate = context->GetIsolate();
  void* promise = g_dynamic_import(isolate->GetData(kCoreSlot), P(resource_name), P(specifier),
                                   P(assertion_pairs(context, import_assertions, 2)));
  if (promise == nullptr) return MaybeLocal<Promise>();
  return L<Promise>(promise);
}

void meta_resolve_trampoline(const FunctionCallbackInfo<Value>& info) {
  Isolate* isolate = info.GetIsolate();
  Local<Value> specifier = info.Length() > 0 ? info[0] : Undefined(isolate).As<Value>();
  void* resolved = g_meta_resolve(isolate->GetData(kCoreSlot), P(info.Data()), P(specifier));
  if (resolved != nullptr) info.GetReturnValue().Set(L<Value>(resolved));
}

void import_meta_trampoline(Local<Context> context, Local<Module> module, Local<Object> meta) {
  g_import_meta(context->GetIsolate()->GetData(kCoreSlot), P(module), P(meta));
}

void promise_reject_trampoline(PromiseRejectMessage message) {
  Local<Promise> promise = message.GetPromise();
  Isolate* isolate = promise->GetIsolate();
  Local<Value> value = message.GetValue();
  g_promise_reject(isolate->GetData(kCoreSlot), static_cast<int>(message.GetEvent()),
                   P(promise), value.IsEmpty() ? nullptr : P(value));
}

// Internalized: these name properties, which V8 looks up by internalized key.
Local<String> str(Isolate* isolate, const char* text) {
  return String::NewFromUtf8(isolate, text, NewStringType::kInternalized).ToLocalChecked();
}

// `object[name]()`, undefined where it is not a function; empty when it threw.
MaybeLocal<Value> call_method(Local<Context> context, Local<Object> object, const char* name) {
  Isolate* isolate = context->GetIsolate();
  Local<Value> method;
  if (!object->Get(context, str(isolate, name)).ToLocal(&method)) return MaybeLocal<Value>();
  if (!method->IsFunction()) return Undefined(isolate);
  return method.As<Function>()->Call(context, object, 0, nullptr);
}

// The first line of `error.stack`, as V8 writes it (Error.prototype.toString).
Local<String> error_header(Local<Context> context, Local<Value> error) {
  Isolate* isolate = context->GetIsolate();
  TryCatch try_catch(isolate);
  Local<Value> name;
  Local<Value> message;
  Local<String> name_text = str(isolate, "Error");
  Local<String> message_text = String::Empty(isolate);
  if (error->IsObject()) {
    Local<Object> object = error.As<Object>();
    if (!object->Get(context, str(isolate, "name")).ToLocal(&name) ||
        !object->Get(context, str(isolate, "message")).ToLocal(&message) ||
        (!name->IsUndefined() && !name->ToString(context).ToLocal(&name_text)) ||
        (!message->IsUndefined() && !message->ToString(context).ToLocal(&message_text))) {
      return str(isolate, "<error>");
    }
  }
  if (name_text->Length() == 0) return message_text;
  if (message_text->Length() == 0) return name_text;
  return String::Concat(isolate, String::Concat(isolate, name_text, str(isolate, ": ")),
                        message_text);
}

// One frame as `site.toString()` writes it, with the position the embedder
// asks for in place of V8's; `text` stays empty when the frame is hidden.
// False when JavaScript threw.
bool frame_text(Local<Context> context, Local<Object> site, Local<String>* text) {
  Isolate* isolate = context->GetIsolate();
  Local<Value> file;
  Local<Value> line;
  Local<Value> column;
  Local<Value> written;
  if (!call_method(context, site, "getFileName").ToLocal(&file) ||
      !call_method(context, site, "getLineNumber").ToLocal(&line) ||
      !call_method(context, site, "getColumnNumber").ToLocal(&column) ||
      !call_method(context, site, "toString").ToLocal(&written) ||
      !written->ToString(context).ToLocal(text)) {
    return false;
  }
  if (!file->IsString() || !line->IsInt32() || !column->IsInt32()) return true;
  String::Utf8Value file_name(isolate, file);
  int old_line = line.As<Int32>()->Value();
  int old_column = column.As<Int32>()->Value();
  int new_line = old_line;
  int new_column = old_column;
  int shown = g_stack_frame(isolate->GetData(kCoreSlot), *file_name, file_name.length(), old_line,
                            old_column, &new_line, &new_column);
  if (shown == kFrameHidden) {
    *text = Local<String>();
    return true;
  }
  if (shown != kFrameMoved) return true;
  std::string frame(*String::Utf8Value(isolate, *text));
  std::string old_position = ":" + std::to_string(old_line) + ":" + std::to_string(old_column);
  size_t at = frame.rfind(old_position);
  if (at == std::string::npos) return true;
  frame.replace(at, old_position.size(),
                ":" + std::to_string(new_line) + ":" + std::to_string(new_column));
  return String::NewFromUtf8(isolate, frame.data(), NewStringType::kNormal,
                             static_cast<int>(frame.size()))
      .ToLocal(text);
}

// Formats `error.stack`. A user's `Error.prepareStackTrace` is honoured (V8
// skips it once an embedder callback is set); otherwise V8's own shape,
// "Header\n    at frame", with the frames the embedder shows.
MaybeLocal<Value> prepare_stack_trace(Local<Context> context, Local<Value> error,
                                      Local<Array> sites) {
  Isolate* isolate = context->GetIsolate();
  Local<Value> error_function;
  Local<Value> user_format;
  if (!context->Global()->Get(context, str(isolate, "Error")).ToLocal(&error_function)) {
    return MaybeLocal<Value>();
  }
  if (error_function->IsObject() &&
      !error_function.As<Object>()
           ->Get(context, str(isolate, "prepareStackTrace"))
           .ToLocal(&user_format)) {
    return MaybeLocal<Value>();
  }
  if (!user_format.IsEmpty() && user_format->IsFunction()) {
    Local<Value> args[] = {error, sites};
    return user_format.As<Function>()->Call(context, error_function, 2, args);
  }
  Local<String> stack = error_header(context, error);
  Local<String> separator = str(isolate, "\n    at ");
  for (uint32_t i = 0; i < sites->Length(); i++) {
    Local<Value> site;
    if (!sites->Get(context, i).ToLocal(&site)) return MaybeLocal<Value>();
    if (!site->IsObject()) continue;
    Local<String> text;
    if (!frame_text(context, site.As<Object>(), &text)) return MaybeLocal<Value>();
    if (!text.IsEmpty()) {
      stack = String::Concat(isolate, String::Concat(isolate, stack, separator), text);
    }
  }
  return stack;
}

size_t near_heap_limit_callback(void* data, size_t current_heap_limit,
                                size_t /*initial_heap_limit*/) {
  Isolate* isolate = static_cast<Isolate*>(data);
  extra_of(isolate)->near_heap_limit.store(true);
  isolate->TerminateExecution();
  // Room for the termination to unwind; the isolate is discarded afterwards.
  return current_heap_limit * 2;
}

// Every native function pointer that may be reachable from a snapshot.
const intptr_t kExternalReferences[] = {
    reinterpret_cast<intptr_t>(op_trampoline),
    0,
};

// NANO's own JavaScript, in the binary for the life of the process. A
// script's source stays in the heap of every isolate (for lazy compiling and
// `Function.prototype.toString`); made an external string over the binary's
// bytes, it is not copied, and the snapshot refers to it by its resource, an
// external reference, instead of holding it.
class StaticSource : public String::ExternalOneByteStringResource {
 public:
  StaticSource(const char* data, size_t length) : data_(data), length_(length) {}
  const char* data() const override { return data_; }
  size_t length() const override { return length_; }

 protected:
  // Lives as long as the process.
  void Dispose() override {}

 private:
  const char* data_;
  size_t length_;
};

struct StaticSources {
  std::unordered_map<const char*, StaticSource*> by_data;
  size_t min_length;
  std::vector<intptr_t> external_references;
};
// Set once by nano_register_static_sources, before the first isolate that
// uses NANO's snapshot, and never changed or freed afterwards: every isolate
// keeps a pointer to the references it was made with.
std::atomic<StaticSources*> g_static_sources{nullptr};

const intptr_t* external_references() {
  StaticSources* sources = g_static_sources.load(std::memory_order_acquire);
  return sources != nullptr ? sources->external_references.data() : kExternalReferences;
}

// V8 asks before it compiles WebAssembly; the answer is always yes. An
// isolate that never did has no compile running in the background, and is
// not asked about one after every run (asking takes the engine's lock).
bool note_wasm_compile(Local<Context> context, Local<String>) {
  extra_of(context->GetIsolate())->compiles_wasm = true;
  return true;
}

// The garbage collection pauses of the isolates of one thread, by kind. A
// thread runs one isolate at a time, so a pause's end follows its start.
struct GcPauseTotals {
  uint64_t minor_count;
  uint64_t minor_ns;
  uint64_t major_count;
  uint64_t major_ns;
};
thread_local GcPauseTotals gc_pause_totals{};
thread_local std::chrono::steady_clock::time_point gc_pause_start;
constexpr GCType kPausesCounted =
    static_cast<GCType>(kGCTypeScavenge | kGCTypeMinorMarkCompact | kGCTypeMarkSweepCompact);

void gc_pause_started(Isolate*, GCType, GCCallbackFlags) {
  gc_pause_start = std::chrono::steady_clock::now();
}

void gc_pause_ended(Isolate*, GCType type, GCCallbackFlags) {
  auto elapsed = std::chrono::steady_clock::now() - gc_pause_start;
  uint64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count();
  if (type == kGCTypeMarkSweepCompact) {
    gc_pause_totals.major_count++;
    gc_pause_totals.major_ns += ns;
  } else {
    gc_pause_totals.minor_count++;
    gc_pause_totals.minor_ns += ns;
  }
}

// V8 reports each optimising compile that runs on the isolate's thread as
// the timer event "V8.RecompileSynchronous", at its start and at its end.
// The other events (one pair per call into JavaScript, among them) are
// ignored. Each event's name is one constant string, so once found, its
// address tells it apart without comparing characters.
std::atomic<const char*> g_optimising_event_name{nullptr};

void on_timer_event(const char* name, int status) {
  const char* known = g_optimising_event_name.load(std::memory_order_relaxed);
  if (name != known) {
    if (known != nullptr || std::strcmp(name, "V8.RecompileSynchronous") != 0) return;
    g_optimising_event_name.store(name, std::memory_order_relaxed);
  }
  if (status == LogEventStatus::kStart || status == LogEventStatus::kEnd) {
    g_optimising(status == LogEventStatus::kStart ? 1 : 0);
  }
}

void configure_isolate(Isolate* isolate, IsolateExtra* extra, size_t max_heap_bytes) {
  isolate->SetData(kExtraSlot, extra);
  isolate->SetMicrotasksPolicy(MicrotasksPolicy::kExplicit);
  isolate->SetPromiseRejectCallback(promise_reject_trampoline);
  isolate->SetHostImportModuleDynamicallyCallback(dynamic_import_trampoline);
  isolate->SetHostInitializeImportMetaObjectCallback(import_meta_trampoline);
  isolate->SetPrepareStackTraceCallback(prepare_stack_trace);
  isolate->SetAllowWasmCodeGenerationCallback(note_wasm_compile);
  isolate->AddGCPrologueCallback(gc_pause_started, kPausesCounted);
  isolate->AddGCEpilogueCallback(gc_pause_ended, kPausesCounted);
  isolate->SetEventLogger(on_timer_event);
  if (max_heap_bytes > 0) {
    isolate->AddNearHeapLimitCallback(near_heap_limit_callback, isolate);
  }
}

// Runs `body` under a TryCatch; on failure records what was thrown.
struct Caught {
  void* exception;  // Local<Value>, or null when execution was terminated
  void* message;    // Local<Message>, may be null
  int terminated;
};

void record(Isolate* isolate, TryCatch& try_catch, Caught* caught) {
  caught->terminated = try_catch.HasTerminated() || isolate->IsExecutionTerminating();
  caught->exception = caught->terminated ? nullptr : P(try_catch.Exception());
  caught->message = caught->terminated ? nullptr : P(try_catch.Message());
}

}  // namespace

extern "C" {

// ---- Process ----

void nano_set_callbacks(OpDispatchFn op_dispatch, ModuleResolveFn module_resolve,
                        PromiseRejectFn promise_reject, StackFrameFn stack_frame,
                        OptimisingFn optimising) {
  g_op_dispatch = op_dispatch;
  g_module_resolve = module_resolve;
  g_promise_reject = promise_reject;
  g_stack_frame = stack_frame;
  g_optimising = optimising;
}

void nano_platform_init(const char* flags, int worker_threads) {
  if (flags != nullptr) V8::SetFlagsFromString(flags);
  g_platform = platform::NewDefaultPlatform(worker_threads);
  V8::InitializePlatform(g_platform.get());
  V8::Initialize();
}

void nano_set_module_host_callbacks(DynamicImportFn dynamic_import, ImportMetaFn import_meta,
                                    DeferredFn deferred, MetaResolveFn meta_resolve) {
  g_dynamic_import = dynamic_import;
  g_import_meta = import_meta;
  g_deferred = deferred;
  g_meta_resolve = meta_resolve;
}

const char* nano_v8_version() { return V8::GetVersion(); }

// The file V8 was loaded from (libnode), or null when it is not a shared
// library. Found from the loader's list of loaded objects (cheaper than
// dladdr, which searches the symbol table).
const char* nano_v8_library_path() {
  struct Search {
    uintptr_t address;
    const char* name;
  } search{reinterpret_cast<uintptr_t>(V8::GetVersion()), nullptr};
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* data) {
        auto* search = static_cast<Search*>(data);
        for (int i = 0; i < info->dlpi_phnum; i++) {
          const auto& segment = info->dlpi_phdr[i];
          uintptr_t start = info->dlpi_addr + segment.p_vaddr;
          if (segment.p_type == PT_LOAD && search->address >= start &&
              search->address < start + segment.p_memsz) {
            search->name = info->dlpi_name;
            return 1;
          }
        }
        return 0;
      },
      &search);
  return search.name != nullptr && search.name[0] != '\0' ? search.name : nullptr;
}

// ---- Isolates ----

Isolate* nano_isolate_new(const char* snapshot, size_t snapshot_len, size_t max_heap_bytes) {
  auto* extra = new IsolateExtra();
  extra->allocator = ArrayBuffer::Allocator::NewDefaultAllocator();
  Isolate::CreateParams params;
  params.array_buffer_allocator = extra->allocator;
  params.external_references = external_references();
  if (snapshot != nullptr) {
    extra->snapshot = StartupData{snapshot, static_cast<int>(snapshot_len)};
    params.snapshot_blob = &extra->snapshot;
  }
  if (max_heap_bytes > 0) {
    params.constraints.ConfigureDefaultsFromHeapSize(0, max_heap_bytes);
    // The young generation gets a quarter of the limit, up to V8's largest
    // (see kMaxYoungGenerationBytes), and starts at kInitialYoungGenerationBytes.
    size_t young = std::min(max_heap_bytes / 4, kMaxYoungGenerationBytes);
    params.constraints.set_max_young_generation_size_in_bytes(young);
    params.constraints.set_initial_young_generation_size_in_bytes(
        std::min(young, kInitialYoungGenerationBytes));
    params.constraints.set_max_old_generation_size_in_bytes(max_heap_bytes - young);
  }
  Isolate* isolate = Isolate::New(params);
  configure_isolate(isolate, extra, max_heap_bytes);
  return isolate;
}

void nano_isolate_dispose(Isolate* isolate) {
  IsolateExtra* extra = extra_of(isolate);
  isolate->Dispose();
  delete extra->allocator;
  delete extra;
}

void nano_isolate_set_core(Isolate* isolate, void* core) { isolate->SetData(kCoreSlot, core); }
void nano_isolate_enter(Isolate* isolate) { isolate->Enter(); }
void nano_isolate_exit(Isolate* isolate) { isolate->Exit(); }
Isolate* nano_isolate_current() { return Isolate::TryGetCurrent(); }
void nano_isolate_terminate(Isolate* isolate) { isolate->TerminateExecution(); }
void nano_isolate_cancel_terminate(Isolate* isolate) { isolate->CancelTerminateExecution(); }
void nano_thread_gc_pauses(GcPauseTotals* out) { *out = gc_pause_totals; }

int nano_isolate_near_heap_limit(Isolate* isolate) {
  return extra_of(isolate)->near_heap_limit.load();
}
void nano_isolate_run_microtasks(Isolate* isolate) { isolate->PerformMicrotaskCheckpoint(); }
int nano_isolate_pump_platform(Isolate* isolate) {
  int ran = 0;
  while (platform::PumpMessageLoop(g_platform.get(), isolate)) ran = 1;
  return ran;
}
int nano_isolate_has_pending_background_tasks(Isolate* isolate) {
  return extra_of(isolate)->compiles_wasm && isolate->HasPendingBackgroundTasks() ? 1 : 0;
}
void nano_isolate_heap_stats(Isolate* isolate, size_t* used, size_t* total, size_t* limit) {
  HeapStatistics stats;
  isolate->GetHeapStatistics(&stats);
  *used = stats.used_heap_size();
  *total = stats.total_heap_size();
  *limit = stats.heap_size_limit();
}
void nano_isolate_low_memory(Isolate* isolate) { isolate->LowMemoryNotification(); }

// ---- Scopes ----

size_t nano_handle_scope_size() { return sizeof(HandleScope); }
void nano_handle_scope_open(void* storage, Isolate* isolate) {
  ::new (storage) HandleScope(isolate);
}
void nano_handle_scope_close(void* storage) { static_cast<HandleScope*>(storage)->~HandleScope(); }

void* nano_context_new(Isolate* isolate) { return P(Context::New(isolate)); }
void nano_context_enter(void* context) { L<Context>(context)->Enter(); }
void nano_context_exit(void* context) { L<Context>(context)->Exit(); }
void* nano_context_global(void* context) { return P(L<Context>(context)->Global()); }
// The value stored with the context when the snapshot was made (index 0).
void* nano_context_snapshot_data(void* context) {
  return P(L<Context>(context)->GetDataFromSnapshotOnce<Value>(0));
}
void* nano_isolate_current_context(Isolate* isolate) {
  return P(isolate->GetCurrentContext());
}

// ---- Persistent handles ----

void* nano_global_new(Isolate* isolate, void* data) {
  return new Global<Data>(isolate, L<Data>(data));
}
void* nano_global_get(Isolate* isolate, void* global) {
  return P(Local<Data>::New(isolate, *static_cast<Global<Data>*>(global)));
}
void nano_global_free(void* global) { delete static_cast<Global<Data>*>(global); }

// ---- Values ----

enum ValueKind {
  kUndefined = 0,
  kNull,
  kBoolean,
  kNumber,
  kBigInt,
  kString,
  kSymbol,
  kFunction,
  kArray,
  kArrayBuffer,
  kUint8Array,
  kArrayBufferView,
  kPromise,
  kObject,
  kSharedArrayBuffer,
};

int nano_value_kind(void* value) {
  Local<Value> v = L<Value>(value);
  // The first three checks are inline in V8's header, the rest are calls:
  // strings, the most asked-about kind, are told apart first.
  if (v->IsUndefined()) return kUndefined;
  if (v->IsNull()) return kNull;
  if (v->IsString()) return kString;
  if (v->IsBoolean()) return kBoolean;
  if (v->IsNumber()) return kNumber;
  if (v->IsBigInt()) return kBigInt;
  if (v->IsSymbol()) return kSymbol;
  if (v->IsFunction()) return kFunction;
  if (v->IsArray()) return kArray;
  if (v->IsArrayBuffer()) return kArrayBuffer;
  if (v->IsSharedArrayBuffer()) return kSharedArrayBuffer;
  if (v->IsUint8Array()) return kUint8Array;
  if (v->IsArrayBufferView()) return kArrayBufferView;
  if (v->IsPromise()) return kPromise;
  return kObject;
}

int nano_value_is_function(void* value) { return L<Value>(value)->IsFunction(); }

void* nano_undefined(Isolate* isolate) { return P(Undefined(isolate)); }
void* nano_null(Isolate* isolate) { return P(Null(isolate)); }
void* nano_boolean_new(Isolate* isolate, int value) { return P(Boolean::New(isolate, value)); }
int nano_value_is_true(void* value) { return L<Value>(value)->IsTrue(); }
int nano_value_truthy(Isolate* isolate, void* value) {
  return L<Value>(value)->BooleanValue(isolate);
}
void* nano_number_new(Isolate* isolate, double value) { return P(Number::New(isolate, value)); }
// 1 and the number in `out` when `value` is a Number; else 0.
int nano_number_value(void* value, double* out) {
  Local<Value> v = L<Value>(value);
  if (!v->IsNumber()) return 0;
  *out = v.As<Number>()->Value();
  return 1;
}
void* nano_bigint_new(Isolate* isolate, int64_t value) { return P(BigInt::New(isolate, value)); }
int64_t nano_bigint_value(void* value, int* lossless) {
  bool ok = false;
  int64_t result = L<BigInt>(value)->Int64Value(&ok);
  *lossless = ok;
  return result;
}
int nano_strict_equals(void* a, void* b) { return L<Value>(a)->StrictEquals(L<Value>(b)); }
int nano_same_data(void* a, void* b) { return L<Data>(a) == L<Data>(b); }

// Registers the static, ASCII sources that nano_string_new turns into
// external strings. Only the first call counts.
void nano_register_static_sources(const char* const* data, const size_t* lengths, size_t count) {
  if (g_static_sources.load(std::memory_order_acquire) != nullptr) return;
  auto* sources = new StaticSources{{}, SIZE_MAX, {}};
  sources->external_references.assign(std::begin(kExternalReferences),
                                      std::end(kExternalReferences) - 1);
  for (size_t i = 0; i < count; i++) {
    auto* source = new StaticSource(data[i], lengths[i]);
    sources->by_data[data[i]] = source;
    sources->external_references.push_back(reinterpret_cast<intptr_t>(source));
    sources->min_length = std::min(sources->min_length, lengths[i]);
  }
  sources->external_references.push_back(0);
  g_static_sources.store(sources, std::memory_order_release);
}

void* nano_string_new(Isolate* isolate, const char* utf8, size_t len) {
  if (len > static_cast<size_t>(String::kMaxLength)) return nullptr;
  StaticSources* sources = g_static_sources.load(std::memory_order_acquire);
  if (sources != nullptr && len >= sources->min_length) {
    auto found = sources->by_data.find(utf8);
    if (found != sources->by_data.end() && found->second->length() == len) {
      return P(String::NewExternalOneByte(isolate, found->second));
    }
  }
  // Most strings handed to V8 are ASCII (methods, URLs, header names and
  // values): those skip V8's UTF-8 decoder.
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8);
  uint8_t seen = 0;
  for (size_t i = 0; i < len; i++) seen |= bytes[i];
  if (seen < 0x80) {
    return P(String::NewFromOneByte(isolate, bytes, NewStringType::kNormal, static_cast<int>(len)));
  }
  return P(String::NewFromUtf8(isolate, utf8, NewStringType::kNormal, static_cast<int>(len)));
}
// A string of `len` bytes read one character each (Latin-1); null when it
// is too long for V8.
void* nano_string_new_latin1(Isolate* isolate, const uint8_t* bytes, size_t len) {
  if (len > static_cast<size_t>(String::kMaxLength)) return nullptr;
  return P(String::NewFromOneByte(isolate, bytes, NewStringType::kNormal, static_cast<int>(len)));
}
// Copies a string held as one byte per character (Latin-1) into `buffer`
// when it fits; returns its length either way, -1 when the string is held
// as two bytes per character (then read it as UTF-8), or -2 when `value` is
// not a string.
int64_t nano_string_read_one_byte(Isolate* isolate, void* value, uint8_t* buffer,
                                  size_t capacity) {
  Local<Value> v = L<Value>(value);
  if (!v->IsString()) return -2;
  Local<String> s = v.As<String>();
  if (!s->IsOneByte()) return -1;
  int length = s->Length();
  if (static_cast<size_t>(length) <= capacity) {
    s->WriteOneByte(isolate, buffer, 0, length, String::NO_NULL_TERMINATION);
  }
  return length;
}
size_t nano_string_utf8_length(Isolate* isolate, void* string) {
  return L<String>(string)->Utf8Length(isolate);
}
size_t nano_string_write_utf8(Isolate* isolate, void* string, char* buffer, size_t capacity) {
  return L<String>(string)->WriteUtf8(isolate, buffer, static_cast<int>(capacity), nullptr,
                                      String::NO_NULL_TERMINATION |
                                          String::REPLACE_INVALID_UTF8);
}
void* nano_value_to_string(void* context, void* value, Caught* caught) {
  Local<Context> ctx = L<Context>(context);
  TryCatch try_catch(ctx->GetIsolate());
  MaybeLocal<String> result = L<Value>(value)->ToString(ctx);
  if (result.IsEmpty()) record(ctx->GetIsolate(), try_catch, caught);
  return P(result);
}

void* nano_object_new(Isolate* isolate) { return P(Object::New(isolate)); }
void* nano_object_get(void* context, void* object, void* key, Caught* caught) {
  Local<Context> ctx = L<Context>(context);
  TryCatch try_catch(ctx->GetIsolate());
  MaybeLocal<Value> result = L<Object>(object)->Get(ctx, L<Value>(key));
  if (result.IsEmpty()) record(ctx->GetIsolate(), try_catch, caught);
  return P(result);
}
void* nano_object_get_index(void* context, void* object, uint32_t index, Caught* caught) {
  Local<Context> ctx = L<Context>(context);
  TryCatch try_catch(ctx->GetIsolate());
  MaybeLocal<Value> result = L<Object>(object)->Get(ctx, index);
  if (result.IsEmpty()) record(ctx->GetIsolate(), try_catch, caught);
  return P(result);
}
int nano_object_set(void* context, void* object, void* key, void* value, Caught* caught) {
  Local<Context> ctx = L<Context>(context);
  TryCatch try_catch(ctx->GetIsolate());
  Maybe<bool> result = L<Object>(object)->Set(ctx, L<Value>(key), L<Value>(value));
  if (result.IsNothing()) {
    record(ctx->GetIsolate(), try_catch, caught);
    return 0;
  }
  return 1;
}

void* nano_array_new(Isolate* isolate, void* const* elements, size_t len) {
  // A Local<Value> is one pointer, so the handle array is V8's element list.
  Local<Value>* values = reinterpret_cast<Local<Value>*>(const_cast<void**>(elements));
  return P(Array::New(isolate, values, len));
}
uint32_t nano_array_length(void* array) { return L<Array>(array)->Length(); }

void* nano_array_buffer_new(Isolate* isolate, const uint8_t* data, size_t len) {
  Local<ArrayBuffer> buffer = ArrayBuffer::New(isolate, len);
  if (len > 0) std::memcpy(buffer->Data(), data, len);
  return P(buffer);
}
// An ArrayBuffer over `data`, which V8 now owns: it calls `deleter` once
// when the buffer is collected (on any thread).
void* nano_array_buffer_adopt(Isolate* isolate, uint8_t* data, size_t len,
                              BackingStore::DeleterCallback deleter, void* deleter_data) {
  std::shared_ptr<BackingStore> store =
      ArrayBuffer::NewBackingStore(data, len, deleter, deleter_data);
  return P(ArrayBuffer::New(isolate, store));
}
void* nano_uint8_array_new(void* buffer, size_t offset, size_t len) {
  return P(Uint8Array::New(L<ArrayBuffer>(buffer), offset, len));
}
const uint8_t* nano_array_buffer_bytes(void* buffer, size_t* len) {
  Local<ArrayBuffer> ab = L<ArrayBuffer>(buffer);
  *len = ab->ByteLength();
  return static_cast<const uint8_t*>(ab->Data());
}
// 1 when `value` was a detachable ArrayBuffer and is now detached.
int nano_array_buffer_detach(void* value) {
  Local<Value> v = L<Value>(value);
  if (!v->IsArrayBuffer()) return 0;
  Local<ArrayBuffer> buffer = v.As<ArrayBuffer>();
  if (!buffer->IsDetachable()) return 0;
  buffer->Detach();
  return 1;
}
const uint8_t* nano_view_bytes(void* view, size_t* len) {
  Local<ArrayBufferView> v = L<ArrayBufferView>(view);
  *len = v->ByteLength();
  if (*len == 0) return nullptr;
  auto* base = static_cast<const uint8_t*>(v->Buffer()->Data());
  return base + v->ByteOffset();
}

// ---- Errors ----

void* nano_error_new(Isolate* isolate, int kind, void* message) {
  Local<String> msg = L<String>(message);
  switch (kind) {
    case 1:
      return P(Exception::TypeError(msg));
    case 2:
      return P(Exception::RangeError(msg));
    case 3:
      return P(Exception::SyntaxError(msg));
    default:
      return P(Exception::Error(msg));
  }
}
void nano_throw(Isolate* isolate, void* value) { isolate->ThrowException(L<Value>(value)); }

void* nano_message_text(void* message) { return P(L<Message>(message)->Get()); }
void* nano_message_resource_name(void* message) {
  return P(L<Message>(message)->GetScriptResourceName());
}
int nano_message_line(void* context, void* message) {
  return L<Message>(message)->GetLineNumber(L<Context>(context)).FromMaybe(0);
}
int nano_message_column(void* context, void* message) {
  return L<Message>(message)->GetStartColumn(L<Context>(context)).FromMaybe(-1) + 1;
}
void* nano_message_source_line(void* context, void* message) {
  return P(L<Message>(message)->GetSourceLine(L<Context>(context)));
}

// ---- Functions and ops ----

void* nano_op_function_new(void* context, uint32_t op_id, void* name) {
  Local<Context> ctx = L<Context>(context);
  Isolate* isolate = ctx->GetIsolate();
  Local<FunctionTemplate> tmpl =
      FunctionTemplate::New(isolate, op_trampoline, Integer::NewFromUnsigned(isolate, op_id),
                            Local<Signature>(), 0, ConstructorBehavior::kThrow);
  Local<Function> fn;
  if (!tmpl->GetFunction(ctx).ToLocal(&fn)) return nullptr;
  fn->SetName(L<String>(name));
  return P(fn);
}

int nano_callback_length(const void* info) {
  return static_cast<const FunctionCallbackInfo<Value>*>(info)->Length();
}
void* nano_callback_arg(const void* info, int index) {
  return P((*static_cast<const FunctionCallbackInfo<Value>*>(info))[index]);
}
void* nano_callback_this(const void* info) {
  return P(static_cast<const FunctionCallbackInfo<Value>*>(info)->This());
}
void nano_callback_return(const void* info, void* value) {
  static_cast<const FunctionCallbackInfo<Value>*>(info)->GetReturnValue().Set(L<Value>(value));
}

void* nano_function_call(void* context, void* function, void* receiver, size_t argc,
                         void* const* argv, Caught* caught) {
  Local<Context> ctx = L<Context>(context);
  Isolate* isolate = ctx->GetIsolate();
  TryCatch try_catch(isolate);
  Local<Value>* args = reinterpret_cast<Local<Value>*>(const_cast<void**>(argv));
  MaybeLocal<Value> result =
      L<Function>(function)->Call(ctx, L<Value>(receiver), static_cast<int>(argc), args);
  if (result.IsEmpty()) record(isolate, try_catch, caught);
  return P(result);
}

// ---- Promises ----

void* nano_resolver_new(void* context) { return P(Promise::Resolver::New(L<Context>(context))); }
void* nano_resolver_promise(void* resolver) {
  return P(L<Promise::Resolver>(resolver)->GetPromise());
}
int nano_resolver_settle(void* context, void* resolver, void* value, int reject, Caught* caught) {
  Local<Context> ctx = L<Context>(context);
  TryCatch try_catch(ctx->GetIsolate());
  Local<Promise::Resolver> r = L<Promise::Resolver>(resolver);
  Maybe<bool> done = reject ? r->Reject(ctx, L<Value>(value)) : r->Resolve(ctx, L<Value>(value));
  if (done.IsNothing()) {
    record(ctx->GetIsolate(), try_catch, caught);
    return 0;
  }
  return 1;
}
// For a Proxy, stores its target and handler (null when revoked) and returns 1.
int nano_proxy_details(void* value, void** target, void** handler) {
  Local<Value> v = L<Value>(value);
  if (!v->IsProxy()) return 0;
  *target = P(v.As<Proxy>()->GetTarget());
  *handler = P(v.As<Proxy>()->GetHandler());
  return 1;
}
// For a Map or Set iterator, WeakMap or WeakSet: its entries, without
// advancing an iterator, as a flat array (key, value, key, value... when
// *is_key_value). Null for other values.
void* nano_preview_entries(void* value, int* is_key_value) {
  Local<Value> v = L<Value>(value);
  if (!(v->IsMapIterator() || v->IsSetIterator() || v->IsWeakMap() || v->IsWeakSet())) {
    return nullptr;
  }
  bool key_value = false;
  MaybeLocal<Array> entries = v.As<Object>()->PreviewEntries(&key_value);
  *is_key_value = key_value ? 1 : 0;
  return P(entries);
}
// -1 for a value that is not a promise: one check, where kind() makes many.
int nano_promise_state(void* value) {
  Local<Value> v = L<Value>(value);
  return v->IsPromise() ? v.As<Promise>()->State() : -1;
}
void* nano_promise_result(void* promise) { return P(L<Promise>(promise)->Result()); }
void nano_promise_mark_handled(void* promise) { L<Promise>(promise)->MarkAsHandled(); }
// Promise hooks of the context: init(promise, parent), before(promise),
// after(promise); V8 calls them around every promise reaction.
void nano_context_set_promise_hooks(void* context, void* init, void* before, void* after) {
  L<Context>(context)->SetPromiseHooks(L<Function>(init), L<Function>(before), L<Function>(after),
                                       Local<Function>());
}

// ---- Scripts ----

struct CompileOptions {
  const uint8_t* cache;
  size_t cache_len;
  int cache_rejected;
  int line_offset;
};

namespace {

ScriptCompiler::Source* make_source(Isolate* isolate, void* source, void* name, bool is_module,
                                    const CompileOptions* options) {
  int line_offset = options != nullptr ? options->line_offset : 0;
  ScriptOrigin origin(isolate, L<Value>(name), line_offset, 0, false, -1, Local<Value>(), false,
                      false, is_module);
  ScriptCompiler::CachedData* cached = nullptr;
  if (options != nullptr && options->cache != nullptr) {
    cached = new ScriptCompiler::CachedData(options->cache, static_cast<int>(options->cache_len),
                                            ScriptCompiler::CachedData::BufferNotOwned);
  }
  return new ScriptCompiler::Source(L<String>(source), origin, cached);
}

// Copies a code cache into a new[] buffer (freed with nano_bytes_free).
uint8_t* owned_bytes(ScriptCompiler::CachedData* raw, size_t* len) {
  std::unique_ptr<ScriptCompiler::CachedData> cached(raw);
  if (!cached) return nullptr;
  auto* out = new uint8_t[cached->length];
  std::memcpy(out, cached->data, cached->length);
  *len = cached->length;
  return out;
}

ScriptCompiler::CompileOptions mode(const CompileOptions* options) {
  return options != nullptr && options->cache != nullptr ? ScriptCompiler::kConsumeCodeCache
                                                         : ScriptCompiler::kNoCompileOptions;
}

void note_cache_use(ScriptCompiler::Source* source, CompileOptions* options) {
  if (options != nullptr && options->cache != nullptr) {
    const ScriptCompiler::CachedData* cached = source->GetCachedData();
    options->cache_rejected = cached == nullptr || cached->rejected;
  }
}

}  // namespace

void* nano_script_compile(void* context, void* source, void* name, CompileOptions* options,
                          Caught* caught) {
  Local<Context> ctx = L<Context>(context);
  Isolate* isolate = ctx->GetIsolate();
  TryCatch try_catch(isolate);
  std::unique_ptr<ScriptCompiler::Source> src(make_source(isolate, source, name, false, options));
  MaybeLocal<Script> script = ScriptCompiler::Compile(ctx, src.get(), mode(options));
  note_cache_use(src.get(), options);
  if (script.IsEmpty()) record(isolate, try_catch, caught);
  return P(script);
}

void* nano_script_run(void* context, void* script, Caught* caught) {
  Local<Context> ctx = L<Context>(context);
  TryCatch try_catch(ctx->GetIsolate());
  MaybeLocal<Value> result = L<Script>(script)->Run(ctx);
  if (result.IsEmpty()) record(ctx->GetIsolate(), try_catch, caught);
  return P(result);
}

// Code cache bytes are returned in a new[] buffer the caller frees with nano_bytes_free.
uint8_t* nano_script_code_cache(void* script, size_t* len) {
  return owned_bytes(ScriptCompiler::CreateCodeCache(L<Script>(script)->GetUnboundScript()), len);
}
void nano_bytes_free(uint8_t* bytes) { delete[] bytes; }

// ---- Modules ----

void* nano_module_compile(void* context, void* source, void* name, CompileOptions* options,
                          Caught* caught) {
  Local<Context> ctx = L<Context>(context);
  Isolate* isolate = ctx->GetIsolate();
  TryCatch try_catch(isolate);
  std::unique_ptr<ScriptCompiler::Source> src(make_source(isolate, source, name, true, options));
  MaybeLocal<Module> module = ScriptCompiler::CompileModule(isolate, src.get(), mode(options));
  note_cache_use(src.get(), options);
  if (module.IsEmpty()) record(isolate, try_catch, caught);
  return P(module);
}

int nano_module_request_count(void* module) {
  return L<Module>(module)->GetModuleRequests()->Length();
}
void* nano_module_request_specifier(void* context, void* module, int index) {
  Local<Data> request = L<Module>(module)->GetModuleRequests()->Get(L<Context>(context), index);
  return P(request.As<ModuleRequest>()->GetSpecifier());
}
void* nano_module_request_assertions(void* context, void* module, int index) {
  Local<Context> ctx = L<Context>(context);
  Local<Data> request = L<Module>(module)->GetModuleRequests()->Get(ctx, index);
  return P(assertion_pairs(ctx, request.As<ModuleRequest>()->GetImportAssertions(), 3));
}
int nano_module_instantiate(void* context, void* module, Caught* caught) {
  Local<Context> ctx = L<Context>(context);
  TryCatch try_catch(ctx->GetIsolate());
  Maybe<bool> ok = L<Module>(module)->InstantiateModule(ctx, module_resolve_trampoline);
  if (ok.IsNothing()) {
    record(ctx->GetIsolate(), try_catch, caught);
    return 0;
  }
  return 1;
}
void* nano_module_evaluate(void* context, void* module, Caught* caught) {
  Local<Context> ctx = L<Context>(context);
  TryCatch try_catch(ctx->GetIsolate());
  MaybeLocal<Value> result = L<Module>(module)->Evaluate(ctx);
  if (result.IsEmpty()) record(ctx->GetIsolate(), try_catch, caught);
  return P(result);
}
// `promise.then(() => value)`.
void* nano_promise_then_value(void* context, void* promise, void* value) {
  Local<Context> ctx = L<Context>(context);
  Local<Function> give;
  FunctionCallback give_data = [](const FunctionCallbackInfo<Value>& info) {
    info.GetReturnValue().Set(info.Data());
  };
  if (!Function::New(ctx, give_data, L<Value>(value), 0, ConstructorBehavior::kThrow)
           .ToLocal(&give)) {
    return nullptr;
  }
  return P(L<Promise>(promise)->Then(ctx, give));
}
// `import.meta.resolve` for the module at `url` (a string).
void* nano_import_meta_resolve_new(void* context, void* url) {
  Local<Context> ctx = L<Context>(context);
  Local<Function> resolve;
  if (!Function::New(ctx, meta_resolve_trampoline, L<Value>(url), 1, ConstructorBehavior::kThrow)
           .ToLocal(&resolve)) {
    return nullptr;
  }
  resolve->SetName(String::NewFromUtf8Literal(ctx->GetIsolate(), "resolve"));
  return P(resolve);
}

// Queues a microtask that hands `task` back to Rust, in `context`.
int nano_defer(void* context, void* task) {
  Local<Context> ctx = L<Context>(context);
  Isolate* isolate = ctx->GetIsolate();
  FunctionCallback run = [](const FunctionCallbackInfo<Value>& info) {
    g_deferred(info.GetIsolate()->GetData(kCoreSlot), info.Data().As<External>()->Value());
  };
  Local<Function> microtask;
  if (!Function::New(ctx, run, External::New(isolate, task), 0, ConstructorBehavior::kThrow)
           .ToLocal(&microtask)) {
    return 0;
  }
  isolate->EnqueueMicrotask(microtask);
  return 1;
}
int nano_module_status(void* module) { return L<Module>(module)->GetStatus(); }
void* nano_module_namespace(void* module) { return P(L<Module>(module)->GetModuleNamespace()); }
void* nano_module_exception(void* module) { return P(L<Module>(module)->GetException()); }
int nano_module_identity_hash(void* module) { return L<Module>(module)->GetIdentityHash(); }
uint8_t* nano_module_code_cache(void* module, size_t* len) {
  return owned_bytes(
      ScriptCompiler::CreateCodeCache(L<Module>(module)->GetUnboundModuleScript()), len);
}

// ---- Snapshots ----

struct SnapshotMaker {
  SnapshotCreator creator{external_references()};
  IsolateExtra extra;
  bool has_context = false;
};

SnapshotMaker* nano_snapshot_maker_new() {
  // The snapshot keeps the heap's number-to-string cache at the size it grew
  // to while bootstrapping, and that size follows the heap's largest
  // semi-space: 16 MiB by default, which made a 256 KiB cache that every
  // isolate deserialized. Isolates with the default heap limit run with
  // 1 MiB semi-spaces, so the maker's heap is sized alike. The flag is read
  // only while a heap is being configured, so it is put back at once.
  V8::SetFlagsFromString("--max-semi-space-size=1");
  auto* maker = new SnapshotMaker();
  V8::SetFlagsFromString("--max-semi-space-size=0");
  configure_isolate(maker->creator.GetIsolate(), &maker->extra, 0);
  return maker;
}
Isolate* nano_snapshot_maker_isolate(SnapshotMaker* maker) { return maker->creator.GetIsolate(); }
void nano_snapshot_maker_set_context(SnapshotMaker* maker, void* context, void* data) {
  Local<Context> ctx = L<Context>(context);
  if (data != nullptr) maker->creator.AddData(ctx, L<Value>(data));
  maker->creator.SetDefaultContext(ctx);
  maker->has_context = true;
}
// Consumes the maker. The blob is returned in a new[] buffer freed with nano_bytes_free.
// Returns null when no context was set (the bootstrap failed): V8 refuses to
// serialise without one, so a blank context is set and the blob discarded.
uint8_t* nano_snapshot_maker_finish(SnapshotMaker* maker, size_t* len) {
  bool failed = !maker->has_context;
  if (failed) {
    Isolate* isolate = maker->creator.GetIsolate();
    isolate->CancelTerminateExecution();
    HandleScope scope(isolate);
    maker->creator.SetDefaultContext(Context::New(isolate));
  }
  StartupData blob = maker->creator.CreateBlob(
      failed ? SnapshotCreator::FunctionCodeHandling::kClear
             : SnapshotCreator::FunctionCodeHandling::kKeep);
  delete maker;
  if (failed || blob.data == nullptr) {
    delete[] blob.data;
    return nullptr;
  }
  auto* out = new uint8_t[blob.raw_size];
  std::memcpy(out, blob.data, blob.raw_size);
  *len = blob.raw_size;
  delete[] blob.data;
  return out;
}

}  // extern "C"
