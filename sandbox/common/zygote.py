"""A pre-started Python interpreter that the runner forks once per test instead of starting `python3 SCRIPT ARG...`.

The runner starts it per request as root, with the program's environment, working directory, rlimits (the CPU limit
the higher of the syntax check's and the program's) and descriptor kinds (0 and 1 empty memfds, 2 a pipe), as
`python3 /opt/rewards/zygote.py SCRIPT ARG...`; it has then done the interpreter's start-up and nothing else.
Commands, one line each on descriptor 3: "check FILE CPU_SOFT CPU_HARD FD..." starts the compile phase's syntax check
of FILE (hex-encoded: the solution of a judged run is not the script) as a child set up as a program is
(syntax_check.py's check, same verdict and message, no interpreter start); "prepare" (once the work directory is
sealed) compiles the script, answered by "ready"; "run FILE CPU_SOFT CPU_HARD FD..." (FILE unused) starts a
test's program, the FDs being the numbers of the runner's own descriptors that become its 0, 1, 2 (and 3, 4 for a
judged test). The zygote starts each child by clone(CLONE_PARENT), so that it is the runner's child and the runner
waits for it with its resource usage as for any program it starts. The child writes "ok PID COMPILE_US COMPILE_KB" (or "error
REASON") on descriptor 4 before it runs any code of the submission; COMPILE_US and COMPILE_KB are the CPU time and the
peak size of the script's compile, done once by the zygote and charged to every program (0 for a syntax check).
Every test starts from this pristine process, never from a child, and no code of a submission ever runs in it
(compiling the script, after the sandboxed syntax check accepted it, runs none).

The program is what `python3 SCRIPT` would be (checked by RunnerIT's probe, run both ways):
- uid and gid 65534, no groups, no capability in any set, dumpable, its own session, nice 19, oom_score_adj 1000,
  pinned to the core it runs on, the run's rlimits, descriptors 0, 1, 2 (3, 4) only, the same environment, cwd;
- sys.argv, sys.orig_argv, sys.path[0] (the script's directory), a fresh `__main__` with the attributes a script
  gets, sys.modules with exactly the modules a fresh interpreter has (ctypes, needed here for prctl, is loaded before
  any of that is recorded and removed from sys.modules and sys.path_importer_cache again), sys.flags (same command
  line shape and environment), the standard streams as fresh as at start-up and of the same kinds;
- an uncaught exception prints its traceback without this file's frame and exits 1; SystemExit gets the
  interpreter's exit status; the shutdown (threads joined, atexit, flushing, exit status 120 when stdout cannot be
  flushed, the program's modules released so that its objects' finalizers run) is done as the interpreter does it
  but to the program's objects only, then os._exit (see _finalize: the interpreter's own shutdown would write to every
  object inherited from the zygote, a copy-on-write fault per page, which cost more than a fresh start-up).
Differences, accepted: the hash secret (and address-space layout) is the zygote's, random per run phase and shared
by the tests of one submission (as with a PYTHONHASHSEED drawn per submission) — a fork cannot re-seed it, since
every string made at start-up carries a hash of the old secret; the interpreter's start-up CPU time (≈15 ms) is no
longer charged to every test, and the program's own CPU clock (time.process_time(), getrusage) counts neither the
start-up nor the compile (the runner adds the compile to the program's charge: a program that stops itself by its own
clock close to the limit keeps the same margin as a fresh one, less the compile, ≈1 ms a thousand lines); the
module's frame has this file's frame as its f_back (one more level of recursion depth used, 2 of the default 1,000);
the zygote's objects are frozen out of the garbage collector (gc.get_freeze_count() is not 0) and the ctypes objects
are unreachable garbage among them.
"""
import os
import sys


def _read_proc(path):
    # os-level calls: an open() builds a file object, and every page it touches is a copy-on-write fault in a child.
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        return os.read(fd, 65536)
    finally:
        os.close(fd)


def _status_kb(field):
    """A line of /proc/self/status in KiB (VmRSS: resident now, VmHWM: the peak since the exec)."""
    return int(_read_proc("/proc/self/status").split(field + b":", 1)[1].split()[0])


# What this file's own set-up (ctypes and the rest) adds to a fresh interpreter's size: not the program's.
_START_KB = _status_kb(b"VmRSS")
_before = set(sys.modules)
_caches = dict(sys.path_importer_cache)
import ctypes  # noqa: E402  (only after the module set of a fresh interpreter is recorded)
# For the program's shutdown (_finalize), loaded now: then sys.path is gone.
import atexit as _atexit  # noqa: E402
import builtins as _builtins  # noqa: E402
import gc as _gc  # noqa: E402
# The C modules a fresh interpreter has already loaded: signal, weakref and traceback import enum, re, tokenize… —
# a third of the zygote's start-up.
import _signal  # noqa: E402
import _weakref  # noqa: E402
import io as _io  # noqa: E402
import resource as _resource  # noqa: E402
from time import process_time_ns  # noqa: E402
# The compile phase's syntax check, run in a child of this process instead of a fresh interpreter (this file's
# directory is still sys.path[0]).
from syntax_check import check as _syntax_check, compile_as_script as _compile_as_script  # noqa: E402
# The interpreter's own (C) printing of an exception, as its unraisable hook prints one; kept before any program
# could replace sys.__excepthook__.
_print_exception = sys.__excepthook__

_prctl = ctypes.CDLL(None, use_errno=True).prctl
# clone(CLONE_PARENT) through the C library's syscall(), called with the GIL held (PyDLL) and wrapped in the
# interpreter's own fork hooks, as os.fork() wraps fork(): the program becomes the runner's child at once, with no
# middle process to fork and reparent it (a fork and an exit less per test, each costly in page faults). What the C
# library's fork() does besides is done too: the child's thread id is written to the thread's descriptor (where
# libthread_db finds it) and its robust-mutex list is registered again.
_libc = ctypes.PyDLL(None, use_errno=True)
_syscall = _libc.syscall
_syscall.restype = ctypes.c_long
_c_long = ctypes.c_long
_get_errno = ctypes.get_errno
_pthread_self = _libc.pthread_self
_pthread_self.restype = ctypes.c_void_p
_TID_ADDRESS = _pthread_self() + (ctypes.c_uint32 * 3).in_dll(_libc, "_thread_db_pthread_tid")[2]
_robust_head, _robust_length = ctypes.c_void_p(), ctypes.c_size_t()
if _syscall(_c_long(274), _c_long(0), ctypes.byref(_robust_head), ctypes.byref(_robust_length)) != 0:  # get_robust_list
    raise OSError(ctypes.get_errno(), "get_robust_list failed")
_ROBUST_HEAD, _ROBUST_LENGTH = _robust_head.value, _robust_length.value
_before_fork = ctypes.pythonapi.PyOS_BeforeFork
_after_fork_child = ctypes.pythonapi.PyOS_AfterFork_Child
_after_fork_parent = ctypes.pythonapi.PyOS_AfterFork_Parent
del _libc, _pthread_self, _robust_head, _robust_length
for _name in set(sys.modules) - _before:
    del sys.modules[_name]
sys.path_importer_cache.clear()
sys.path_importer_cache.update(_caches)
del ctypes, _name, _before, _caches

_PR_SET_DUMPABLE = 4
_SYS_CLONE = 56  # x86_64
_SYS_SET_ROBUST_LIST = 273
_CLONE_PARENT = 0x00008000
_CLONE_CHILD_SETTID = 0x01000000
_CLONE_CHILD_CLEARTID = 0x00200000
_PR_CAPBSET_DROP = 24
_LAST_CAPABILITY = 63
_SANDBOX_UID = 65534
# The runner hands the command and reply pipes over as 3 and 4; they move out of the way of a judged program's 3, 4.
_COMMANDS = 1020
_REPLIES = 1021
os.dup2(3, _COMMANDS)
os.dup2(4, _REPLIES)
os.close(3)
os.close(4)
_SCRIPT_ARGV = sys.argv[1:]
_ORIG_ARGV = [sys.orig_argv[0]] + _SCRIPT_ARGV

# Nothing the programs start may ever gain a capability: the bounding set goes once here, every fork inherits it.
for _capability in range(_LAST_CAPABILITY + 1):
    _prctl(_PR_CAPBSET_DROP, _capability, 0, 0, 0)
del _capability


def _command():
    """The next command: (kind, file, CPU rlimit (soft, hard), descriptor numbers); None at the end of the run
    phase. Kinds: "check" (the syntax check of the file), "prepare" (compile the script, then answer "ready"), "run"
    (a test)."""
    line = b""
    while not line.endswith(b"\n"):
        chunk = os.read(_COMMANDS, 256)
        if not chunk:
            return None
        line += chunk
    words = line.split()
    if words[0] == b"prepare":
        return "prepare", None, None, []
    numbers = [int(word) for word in words[2:]]
    path = bytes.fromhex(words[1].decode("ascii")) if words[1] != b"-" else b""
    return words[0].decode("ascii"), path, (numbers[0], numbers[1]), numbers[2:]


def _clone_parent():
    """fork(), but the child's parent is the zygote's parent (the runner); 0 in the child."""
    _before_fork()
    # As the C library's fork(): clone(flags, stack 0 (the same, copied), parent_tid, child_tid, tls).
    pid = _syscall(_c_long(_SYS_CLONE), _c_long(_CLONE_PARENT | _CLONE_CHILD_SETTID | _CLONE_CHILD_CLEARTID
                                                 | _signal.SIGCHLD), _c_long(0), _c_long(0), _c_long(_TID_ADDRESS),
                   _c_long(0))
    if pid == 0:
        _syscall(_c_long(_SYS_SET_ROBUST_LIST), _c_long(_ROBUST_HEAD), _c_long(_ROBUST_LENGTH))
        _after_fork_child()
    else:
        _after_fork_parent()
    if pid < 0:
        raise OSError(_get_errno(), "clone failed")
    return pid


def _write_file(path, data):
    fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def _current_cpu():
    return int(_read_proc("/proc/self/stat").rsplit(b")", 1)[1].split()[36])


def _child(runner, runner_fds, cpu_rlimit):
    try:
        high = []
        for target, fd in enumerate(runner_fds):
            # O_RDWR as the runner's memfds are (the stdin memfd is sealed against writes); pipes keep their end.
            path = "/proc/%d/fd/%d" % (runner, fd)
            mode = os.O_RDWR if os.path.isfile(path) else (os.O_RDONLY if target in (0, 3) else os.O_WRONLY)
            high.append(os.open(path, mode | os.O_CLOEXEC))
        os.setsid()
        for target, fd in enumerate(high):
            os.dup2(fd, target, inheritable=True)
        for fd in high:
            if fd >= len(high):
                os.close(fd)
        os.closerange(len(high), _REPLIES)
        os.closerange(_REPLIES + 1, 65536)
        _write_file("/proc/self/oom_score_adj", b"1000")
        os.setpriority(os.PRIO_PROCESS, 0, 19)
        try:
            os.sched_setaffinity(0, {_current_cpu()})
        except OSError:
            pass
        # The zygote has the higher of the syntax check's and the program's CPU limits: each child takes its own.
        _resource.setrlimit(_resource.RLIMIT_CPU, cpu_rlimit)
        os.setgroups([])
        os.setresgid(_SANDBOX_UID, _SANDBOX_UID, _SANDBOX_UID)
        os.setresuid(_SANDBOX_UID, _SANDBOX_UID, _SANDBOX_UID)
        # A change of ids makes a process undumpable; an exec as the sandbox user would have made it dumpable again.
        if _prctl(_PR_SET_DUMPABLE, 1, 0, 0, 0) != 0:
            raise OSError("PR_SET_DUMPABLE failed")
        os.write(_REPLIES, b"ok %d %d %d\n" % (os.getpid(), _COMPILE_US, _COMPILE_KB))
    except BaseException as error:
        try:
            os.write(_REPLIES, ("error %s: %s\n" % (type(error).__name__, error)).replace("\n", " ").strip()
                     .encode("utf-8", "replace")[:1000] + b"\n")
        finally:
            os._exit(127)
    os.close(_REPLIES)


def _serve(kinds):
    """Starts one child per command of the kinds; returns in a program (with its descriptors in place) or, before
    the script is compiled, at "prepare"; exits at the end. A syntax check's child checks and exits."""
    runner = os.getppid()
    while True:
        command = _command()
        if command is None:
            os._exit(0)
        kind, path, cpu_rlimit, fds = command
        if kind not in kinds:
            os.write(_REPLIES, b"error unexpected command\n")
            continue
        if kind == "prepare":
            return
        try:
            pid = _clone_parent()
        except BaseException:
            os.write(_REPLIES, b"error fork failed\n")
            continue
        if pid == 0:
            _child(runner, fds, cpu_rlimit)
            if kind == "check":
                _check(os.fsdecode(path))
            return


def _check(path):
    """The syntax check's child: syntax_check.py's verdict and message, then exit."""
    try:
        status = _syntax_check(path)
    except BaseException as error:
        # As an uncaught exception of `python3 syntax_check.py` (an unreadable file, say): a traceback and 1.
        status = 1
        _print_exception(type(error), error, error.__traceback__)
    try:
        sys.stderr.flush()
    finally:
        os._exit(status)


_COMPILE_US = _COMPILE_KB = 0  # until "prepare": a syntax check is charged no compile
# Should a compile exhaust the container's memory, the kernel is to end the zygote (the runner then starts fresh
# interpreters), never the runner or pid 1; a program (1000) still goes before the zygote.
_write_file("/proc/self/oom_score_adj", b"500")
_serve(("check", "prepare"))
# As the interpreter names a script: absolute (joined to the working directory, not normalised); sys.path[0] is the
# directory of its real path (the work directory is sealed: the path cannot change before a test runs).
_path = _SCRIPT_ARGV[0] if os.path.isabs(_SCRIPT_ARGV[0]) else os.path.join(os.getcwd(), _SCRIPT_ARGV[0])
_script_dir = os.path.dirname(os.path.realpath(_path))


def _precompile(path):
    """The script's code, compiled once here instead of in every program (a compile costs a program ≈130 page faults);
    None when the program must compile it itself: the source does not compile (the program raises the error as a
    fresh interpreter would) or the compiler warned (the warning belongs on the program's stderr). Also returns the
    CPU time it took and the peak size of the process, which every test is charged (0, 0 when the program compiles
    itself and pays for it): a fresh interpreter's compile costs its program as much (a megabyte of literals peaks at
    hundreds of MiB while it is compiled, then is freed). Runs only after the sandboxed syntax check accepted the
    source, and compiling runs nothing of it."""
    setup_kb = _status_kb(b"VmRSS") - _START_KB
    started = process_time_ns()
    stderr, sys.stderr = sys.stderr, _io.StringIO()
    try:
        with open(path, "rb") as source:
            code = _compile_as_script(source.read(), path)
        if sys.stderr.getvalue():
            code = None
    except BaseException:
        code = None
    finally:
        sys.stderr = stderr
    if code is None:
        return None, 0, 0
    return code, (process_time_ns() - started) // 1000, max(0, _status_kb(b"VmHWM") - setup_kb)


_code, _COMPILE_US, _COMPILE_KB = _precompile(_path)
# The names each module has now: at exit, what a program added to a module loaded before it (`os.out = open(1, "w")`,
# `sys.cache = ...`) is released as the interpreter's shutdown would release it (a fresh interpreter clears every
# module) — else an unflushed file there loses its output. Only modules whose size changed are compared at exit: the
# rest of the zygote's objects are not touched (their pages stay shared).
_NAMES = {_name: (len(_module.__dict__), frozenset(_module.__dict__)) for _name, _module in sys.modules.items()
          if isinstance(getattr(_module, "__dict__", None), dict)}
# The child's page faults are what a fork costs (on a virtual machine, each copy-on-write fault is dear): the
# collector would write to every object the zygote has whenever it runs in a program, so they are frozen out of it.
_gc.freeze()
# Made after the freeze: the collector must find the program's module in cycles, as it would in a fresh interpreter.
_main = type(sys)("__main__")
_main.__dict__.update({"__loader__": type(__loader__)("__main__", _path), "__annotations__": {},
                       "__builtins__": sys.modules["builtins"], "__file__": _path, "__cached__": None})
# Ready only once the compile is done: the runner takes its first test's measurements (OOM kills among them) after.
os.write(_REPLIES, b"ready\n")
_serve(("run",))
_INHERITED = set(sys.modules)
# From here on this is the program's process, and the rest of this file is what `python3 SCRIPT` does.
sys.modules["__main__"] = _main
sys.argv[:] = _SCRIPT_ARGV
sys.orig_argv[:] = _ORIG_ARGV
sys.path[0] = _script_dir
# The importer cache holds the script's own entry instead of this file's.
sys.path_importer_cache[_path] = sys.path_importer_cache.pop(__file__, None)
if _code is None:
    with open(_path, "rb") as _source:
        _code = _compile_as_script(_source.read(), _path)
    del _source
del _path, _script_dir, _serve, _child, _command, _prctl, _precompile, _compile_as_script
_ZYGOTE_FILE = __file__


def _unraisable(message, error):
    """What the interpreter prints for an exception it cannot raise (sys.unraisablehook's default format; the
    exceptions come from calls made at exit: the traceback shows the program's frames only, none of this file's)."""
    try:
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename == _ZYGOTE_FILE:
            tb = tb.tb_next
        sys.stderr.write(message + "\n")
        # The C printing follows the exception's own traceback, not the one it is given.
        error.__traceback__ = tb
        _print_exception(type(error), error, tb)
        sys.stderr.flush()
    except BaseException:
        pass


def _flush_std_files(report=True):
    """As the interpreter's flush at exit: stdout's failure is printed (once) and makes the exit status 120."""
    ok = True
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name, None)
        try:
            if stream is None or getattr(stream, "closed", False):
                continue
        except BaseException:
            continue
        try:
            stream.flush()
        except BaseException as error:
            ok = False
            if name == "stdout" and report:
                _unraisable("Exception ignored in: %r" % (stream,), error)
    return ok


def _exit_status(code):
    """The exit status of `raise SystemExit(code)` (the interpreter's handling: None 0, an int itself, anything else
    printed to stderr and 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        # The int's own value, as the interpreter reads it (an int subclass's operators are not called).
        value = int.__int__(code)
        return value & 0xFF if -(1 << 63) <= value < (1 << 63) else 0xFF
    try:
        sys.stderr.write(str(code) + "\n")
    except BaseException:
        pass
    return 1


def _finalize(status, interrupted):
    """The interpreter's shutdown, done to the program's objects only, then os._exit.

    Letting the interpreter finalise would deallocate every object the zygote made too: each write to one of them
    copies its page (copy-on-write), which cost more CPU than a fresh interpreter's whole start-up. What a program can
    observe of the shutdown is done here in the interpreter's order: non-daemon threads joined, atexit callbacks,
    sys.stdout/sys.stderr flushed (a failure prints "Exception ignored" and makes the status 120), sys's special
    names cleared and the standard streams restored, then the modules of the program (__main__ and what it imported)
    released and collected (their objects' __del__ run, unclosed files are flushed by their finalizers), the globals
    of those still alive cleared, the streams flushed once more. Not done: clearing the modules the interpreter had
    loaded before the program started (an object the program hung on one of them, e.g. `math.x = T()`, is not
    finalised) — RunnerIT's exit table holds the behaviours that must match a fresh interpreter.
    """
    threading = sys.modules.get("threading")
    if threading is not None:
        try:
            threading._shutdown()
        except BaseException as error:
            _unraisable("Exception ignored in: %r" % (threading,), error)
    _atexit._run_exitfuncs()
    flushed = _flush_std_files()
    try:
        _builtins._ = None
        for name in ("path", "argv", "ps1", "ps2", "last_type", "last_value", "last_traceback", "path_hooks",
                     "path_importer_cache", "meta_path", "__interactivehook__"):
            setattr(sys, name, None)
        for name in ("stdin", "stdout", "stderr"):
            setattr(sys, name, getattr(sys, "__%s__" % name, None))
        # As the interpreter empties sys.modules (an import in a finalizer fails, a traceback shows no source line);
        # the inherited modules are kept alive here, so that none of their objects is deallocated.
        inherited, alive = [], []
        for name, module in list(sys.modules.items()):
            if name in _INHERITED and name != "__main__":
                inherited.append((name, module))
            else:
                try:
                    alive.append(_weakref.ref(module))
                except TypeError:
                    pass
        module = None
        sys.modules.clear()
        for name, module in inherited:
            namespace = getattr(module, "__dict__", None)
            size, names = _NAMES.get(name, (None, None))
            if isinstance(namespace, dict) and size is not None and len(namespace) != size:
                for key in [key for key in namespace if key not in names]:
                    namespace[key] = None
            del namespace
        module = None
        _gc.collect()
        for reference in reversed(alive):
            module = reference()
            if module is None:
                continue
            namespace = getattr(module, "__dict__", None)
            del module
            if not isinstance(namespace, dict):
                continue
            # As the interpreter clears a module's globals: names with one leading underscore first, then the rest.
            for first in (True, False):
                for key in list(namespace):
                    if isinstance(key, str) and key != "__builtins__" and \
                            (key.startswith("_") and not key.startswith("__")) == first:
                        namespace[key] = None
            del namespace
        _gc.collect()
    except BaseException as error:
        _unraisable("Exception ignored during shutdown:", error)
    flushed = _flush_std_files(report=flushed) and flushed
    if interrupted:
        # As the interpreter ends after an unhandled KeyboardInterrupt: by SIGINT, so that a parent sees why.
        _signal.signal(_signal.SIGINT, _signal.SIG_DFL)
        os.kill(os.getpid(), _signal.SIGINT)
    os._exit(status if flushed else 120)


_status = 0
_interrupted = False
try:
    exec(_code, _main.__dict__)
except SystemExit as _error:
    _status = _exit_status(_error.code)
    del _error
except BaseException as _error:
    _tb = _error.__traceback__.tb_next if _error.__traceback__ is not None else None
    _error.__traceback__ = _tb
    sys.last_type, sys.last_value, sys.last_traceback = type(_error), _error, _tb
    try:
        sys.excepthook(type(_error), _error, _tb)
    except BaseException as _hook_error:
        sys.stderr.write("Error in sys.excepthook:\n")
        sys.__excepthook__(type(_hook_error), _hook_error, _hook_error.__traceback__)
        sys.stderr.write("\nOriginal exception was:\n")
        sys.__excepthook__(type(_error), _error, _tb)
    _interrupted = issubclass(sys.last_type, KeyboardInterrupt)
    del _error, _tb
    _status = 1
del _code, _main
_finalize(_status, _interrupted)
