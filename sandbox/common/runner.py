#!/usr/bin/env python3
"""In-container runner of the code-verifier: one request per phase of a submission, served by a fork of serve.py.

It runs as root (capabilities limited by the container to SETUID, SETGID, KILL, CHOWN, DAC_OVERRIDE, FOWNER and
SETPCAP) and every program it starts runs as uid 65534 with no capabilities at all, so a submission can neither
signal nor stop its supervisor. A trusted judge (judged runs) runs as uid 65533, out of the program's reach.

Protocol. Request on stdin: one line with the byte length, then that many bytes of JSON. Reply on stdout: NDJSON,
one object per line, written as each part completes so that the runner never holds more than one test's output:
  {"type": "compile", <observation>}                 once, when there was a compile phase
  {"type": "test", "index": i, <observation>}        per test run, in order (fewer than asked on a stop)
  {"type": "files", "files": {name: base64}}         when fetch_files was asked
  {"type": "end", "clean": bool}                     last line of every complete reply
  {"type": "error", "kind": "bad_request", "message": "..."}   the request itself is invalid (bad file name);
                                                     the reply ends there, exit status 0
Companions (checkers and interactors, untrusted dataset code): the request's "companion_files" {name: base64} go to
/sandbox/judge (root:65532 0750, files 0550); "run.companion" = {"mode": "checker" | "interactor", "cmd", limits,
"memory_mb", "stdin": "output" | "none", "feedback": bool, "accept_exit_codes"}; each test's "companion_files"
({"input", "answer"}) are written to /sandbox/check (65532 0700). A checker runs as uid 65532 after the program
and all its processes are gone, on its output (/sandbox/check/output, and its stdin for Kattis); an interactor starts
before the program and runs beside it, stdout to stdin both ways (the program's side relayed by the runner, which
counts it as stdout_bytes and stops the program at its output limit: Relay), and the test ends when both have ended.
Companions, the trusted judge, the zygote and a judged harness get an allow-listed environment
(trusted_environment). The work directory is root:65534 0750 meanwhile. The test's "judge" object then describes
the companion ("files": its feedback files; "program_gone" for an interactor that ended after its program had).
Exit status 0 with an end or error line means the reply is valid; anything else is an anomaly for the caller
(container recycled), never a verdict. stdout and stderr travel base64-encoded (stdout_b64, stderr_b64): bytes are
bytes, and a JSON escape per invalid byte once made 64 MiB of output into 384 MiB of reply.

Why the details are as they are:
- every test starts from fresh state: all processes killed, /tmp, /dev/shm and /dev/mqueue emptied, SysV shared
  memory, message queues and semaphores removed; the work directory is root-owned and read-only while tests run;
- stdin is a sealed memfd (nothing on disk to reopen or delete); stdout is a memfd too, a regular file, so writes
  are synchronous (a pipe made Node's process.exit() drop output beyond 64 KiB); its size is polled and a program
  that writes more than its cap is stopped with an output-limit observation;
- CPU time is that of the whole process tree: the program's rusage (with the children it waited for) plus every
  descendant the runner, a child subreaper, reaps, strays killed at the end included; while it runs, the tree's
  CPU is sampled from /proc and the tree stopped when it passes the limit. Peak memory is the maximum over time of
  the summed resident size of the program's processes, or the largest single peak a reaped process reports;
- a memory-limit verdict needs evidence: an OOM kill counted by the container's memory cgroup during the program,
  a peak resident size over the limit, or the runtime's own out-of-memory error (decided by the service);
- nothing of the submission runs as root: the Python syntax check and every compiler run as the sandbox user under
  limits; files are fetched as the sandbox user with no symbolic link followed at any path component.
"""
import base64
import ctypes
import errno
import fcntl
import json
import math
import os
import resource
import select
import selectors
import signal
import stat
import sys
import time

SANDBOX_UID = 65534
JUDGE_UID = 65533
# Checkers and interactors: dataset code, untrusted like submissions, under a uid of their own so that the program and
# they can neither signal nor read each other (nor the trusted judge's).
COMPANION_UID = 65532
COMPANION_DIR = "/sandbox/judge"
CHECK_DIR = "/sandbox/check"
FEEDBACK_FILES = 16
FEEDBACK_FILE_BYTES = 16384
WORK = "/sandbox/work"
SANDBOX_ROOT = "/sandbox"
SCRATCH_DIRS = ("/tmp", "/dev/shm", "/dev/mqueue")
SYSV_IPC = (("/proc/sysvipc/shm", "shmctl"), ("/proc/sysvipc/msg", "msgctl"), ("/proc/sysvipc/sem", "semctl"))
SYNTAX_CHECK = "/opt/rewards/syntax_check.py"
CGROUP_OOM_CONTROL = "/sys/fs/cgroup/memory/memory.oom_control"
# (file, field) of the container's tmpfs and shared memory: cgroup v1, then v2.
CGROUP_SHMEM = (("/sys/fs/cgroup/memory/memory.stat", b"total_shmem"), ("/sys/fs/cgroup/memory.stat", b"shmem"))
PR_SET_DUMPABLE = 4
OOM_SCORE_ADJ = 1000
PR_CAPBSET_DROP = 24
PR_SET_CHILD_SUBREAPER = 36
LAST_CAPABILITY = 63
IPC_RMID = 0
F_SETPIPE_SZ = 1031
CHUNK = 65536
POLL_S = 0.005
# What the runner holds of a program's output to its interactor before the program blocks (the pipe's 64 KiB on
# either side add to it): small, so that what the program sent is about what the interactor read.
RELAY_BYTES = 1 << 16
# What a program may send its interactor: its output limit, but at least this (a real exchange of 10^5 queries is
# about 1 MiB; an output limit set for printed answers should not end it).
RELAY_MIN_CAP = 1 << 20
SAMPLE_S = 0.01
JUDGE_STDERR_BYTES = 8192
MAX_PSS_PROCESSES = 16
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 1024
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024

libc = ctypes.CDLL(None, use_errno=True)


class BadRequest(Exception):
    """The request is invalid (a file name, say): the service answers 400, the container stays healthy."""


def emit(obj):
    out = sys.stdout.buffer
    streamed = [(key, value) for key, value in obj.items() if isinstance(value, StreamedB64)]
    head = json.dumps({k: v for k, v in obj.items() if not isinstance(v, StreamedB64)}, separators=(",", ":"))
    if not streamed:
        out.write(head.encode("ascii") + b"\n")
    else:
        out.write(head[:-1].encode("ascii"))
        separator = "" if head == "{}" else ","
        for key, value in streamed:
            out.write((separator + json.dumps(key) + ':"').encode("ascii"))
            separator = ","
            value.write_to(out)
            out.write(b'"')
        out.write(b"}\n")
    out.flush()


class StreamedB64:
    """The base64 of a file's first `limit` bytes, written by emit() straight from the file: the runner never holds
    a program's output (up to 64 MiB) in its own memory, which the container's memory limit counts — holding it
    (and its base64, and its JSON) once had the OOM killer take the runner after a program printed 20 MiB under a
    32 MiB limit (a 503)."""
    CHUNK = 3 << 18

    def __init__(self, fd, limit):
        self.fd = fd
        self.limit = limit

    def write_to(self, out):
        offset, pending = 0, b""
        end = min(self.limit, os.fstat(self.fd).st_size)
        try:
            while offset < end:
                chunk = os.pread(self.fd, min(self.CHUNK, end - offset), offset)
                if not chunk:
                    break
                offset += len(chunk)
                data = pending + chunk
                whole = len(data) - len(data) % 3
                out.write(base64.b64encode(data[:whole]))
                pending = data[whole:]
            out.write(base64.b64encode(pending))
        finally:
            self.close()

    def close(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def encode_text(text):
    # Lone surrogates (valid in JSON, not in UTF-8) are kept as their bytes: the program sees invalid UTF-8 and
    # fails as a program would, instead of the runner failing.
    return text.encode("utf-8", "surrogatepass")


def read_request():
    stdin = sys.stdin.buffer
    length = int(stdin.readline().strip())
    data = stdin.read(length)
    if len(data) != length:
        raise ValueError("request truncated: %d of %d bytes" % (len(data), length))
    return data


def parse_request(data):
    return json.loads(data.decode("utf-8", "surrogatepass"))


def b64(data):
    return base64.b64encode(data).decode("ascii")


# ---------------------------------------------------------------------------------------------------------- state

def oom_kills():
    try:
        with open(CGROUP_OOM_CONTROL) as control:
            for line in control:
                if line.startswith("oom_kill "):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def shmem_kb():
    """KiB of shared memory the container holds: tmpfs files (/tmp, /dev/shm, the work directory), memfds and SysV
    segments, mapped or not. None when the cgroup does not say."""
    for path, field in CGROUP_SHMEM:
        try:
            with open(path, "rb") as stat_file:
                text = b"\n" + stat_file.read()
        except OSError:
            continue
        start = text.find(b"\n" + field + b" ")
        if start >= 0:
            end = text.find(b"\n", start + 1)
            try:
                return int(text[start + len(field) + 2:end if end >= 0 else len(text)]) // 1024
            except ValueError:
                continue
    return None


def other_pids():
    """Every process of the container but pid 1 and the runner (sampled every 10 ms: the filtering stays in C)."""
    pids = set(map(int, filter(str.isdigit, os.listdir("/proc"))))
    pids.discard(1)
    pids.discard(os.getpid())
    return pids


class Reaper:
    """Reaps every finished child: the program and the judge by pid, everything else as a stray of the program."""

    def __init__(self):
        self.statuses = {}
        self.stray_cpu_s = 0.0
        self.stray_maxrss_kb = 0
        # The zygote: a child of the runner that is neither a program nor one of its strays.
        self.exempt = set()

    def reset_strays(self):
        self.stray_cpu_s = 0.0
        self.stray_maxrss_kb = 0

    def reap(self, watched=()):
        while True:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if pid in watched or pid in self.exempt:
                self.statuses[pid] = (status, usage)
            else:
                self.stray_cpu_s += usage.ru_utime + usage.ru_stime
                self.stray_maxrss_kb = max(self.stray_maxrss_kb, usage.ru_maxrss)

    def wait(self, pid):
        if pid not in self.statuses:
            _, status, usage = os.wait4(pid, 0)
            self.statuses[pid] = (status, usage)
        return self.statuses.pop(pid)


REAPER = Reaper()


def kill_as(uid, deadline_s=2.0, watched=()):
    """Kills every process of the uid (0: every process but pid 1 and the runner); True when none is left.

    For a uid the runner signals each of its processes by pid, stopping them all before killing them so that a fork
    bomb cannot outgrow the sweep; it never takes the uid itself (while its real uid were the program's, the program
    could signal it) and needs no fork (a fork bomb has used up the pids).
    """
    end = time.monotonic() + deadline_s
    while True:
        if uid or REAPER.exempt:
            # The zygote stays (it runs no code of the submission and no program can reach it): everything else is
            # stopped and killed by pid, as for a uid.
            pids = uid_pids(uid) if uid else [pid for pid in uid_pids(0) if pid not in REAPER.exempt]
            for number in (signal.SIGSTOP, signal.SIGKILL):
                for pid in pids:
                    try:
                        os.kill(pid, number)
                    except ProcessLookupError:
                        pass
        else:
            try:
                os.kill(-1, signal.SIGKILL)
            except ProcessLookupError:
                pass
        REAPER.reap(watched)
        if not [pid for pid in uid_pids(uid) if pid not in REAPER.exempt]:
            return True
        if time.monotonic() > end:
            return False
        time.sleep(0.001)


class EffectiveUser:
    """Only the effective (and file-system) ids of another user: the real and saved ids stay root's, so no program
    may signal the runner meanwhile, and the runner gets its capabilities back on exit."""

    def __init__(self, uid, drop_groups=False):
        self.uid = uid
        self.drop_groups = drop_groups

    def __enter__(self):
        # The group too: reading another process's smaps needs the caller's file-system gid to be the target's.
        if self.drop_groups:
            self.groups = os.getgroups()
            os.setgroups([])
        os.setresgid(-1, self.uid, -1)
        os.setresuid(-1, self.uid, -1)
        return self

    def __exit__(self, *exc):
        os.setresuid(-1, 0, -1)
        os.setresgid(-1, 0, -1)
        if self.drop_groups:
            os.setgroups(self.groups)
        return False


def line_value(text, name):
    """What follows "Name:" on its line of a /proc or cgroup file, None when there is no such line (found without a
    regular expression: one built here would be compiled again in every request's runner; several calls a test)."""
    key = b"\n" + name + b":"
    if text.startswith(key[1:]):
        start = len(key) - 1
    else:
        start = text.find(key)
        if start < 0:
            return None
        start += len(key)
    end = text.find(b"\n", start)
    return text[start:] if end < 0 else text[start:end]


def status_field(status, name):
    """The value of a /proc/PID/status line ("Name:\tvalue"), b"" when absent."""
    value = line_value(status, name)
    if value is None:
        return b""
    return value[1:] if value.startswith(b"\t") else value


def uid_pids(uid):
    """Live processes (zombies excluded) of the uid; any uid other than ours when uid is 0."""
    me = os.getpid()
    found = []
    for pid in other_pids():
        try:
            with open("/proc/%d/status" % pid, "rb") as status_file:
                status = status_file.read()
        except OSError:
            continue
        # Only two fields, found where the kernel writes them ("State:\t" and "Uid:\t" lines, each once): this
        # runs several times per test.
        if status_field(status, b"State").startswith(b"Z"):
            continue
        real = int(status_field(status, b"Uid").split(b"\t", 1)[0] or 0)
        if uid == 0 or real == uid:
            if pid != me:
                found.append(pid)
    return found


def kill_everything(watched=()):
    """Kills every process of the container except pid 1 and the runner; True when none is left."""
    return kill_as(0, watched=watched)


def remove_tree_contents(path):
    """Empties a directory without recursion and without following links: a 1,200-deep tree is no problem."""
    try:
        top = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return True
    clean = True
    fd, names = top, []
    try:
        while True:
            subdir = None
            for entry in os.scandir(fd):
                try:
                    if entry.is_dir(follow_symlinks=False):
                        subdir = entry.name
                        continue
                    os.unlink(entry.name, dir_fd=fd)
                except FileNotFoundError:
                    pass
                except OSError:
                    clean = False
            if subdir is not None:
                try:
                    child = os.open(subdir, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
                except OSError:
                    clean = False
                    break
                if fd != top:
                    os.close(fd)
                fd = child
                names.append(subdir)
                continue
            if not names:
                break
            parent = os.open("..", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = parent
            try:
                os.rmdir(names.pop(), dir_fd=fd)
            except OSError:
                clean = False
                break
    finally:
        if fd != top:
            os.close(fd)
        os.close(top)
    return clean


def remove_sysv_ipc():
    """Removes every SysV shared memory segment, message queue and semaphore set of the container."""
    clean = True
    for listing, control in SYSV_IPC:
        try:
            with open(listing) as table:
                rows = table.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if len(fields) < 2:
                continue
            ident = int(fields[1])
            if control == "semctl":
                result = libc.semctl(ctypes.c_int(ident), ctypes.c_int(0), ctypes.c_int(IPC_RMID))
            else:
                result = getattr(libc, control)(ctypes.c_int(ident), ctypes.c_int(IPC_RMID), None)
            if result != 0:
                # Only the owner (or CAP_SYS_ADMIN, which the runner lacks) may remove: act as that owner.
                clean = remove_as_owner(control, ident) and clean
    return clean


def remove_as_owner(control, ident):
    """Removes a SysV object as each uid that may own it: the program's, the judge's, a checker's or interactor's
    (left behind, one would make the run unclean: a 503)."""
    for uid in (SANDBOX_UID, JUDGE_UID, COMPANION_UID):
        with EffectiveUser(uid):
            if control == "semctl":
                result = libc.semctl(ctypes.c_int(ident), ctypes.c_int(0), ctypes.c_int(IPC_RMID))
            else:
                result = getattr(libc, control)(ctypes.c_int(ident), ctypes.c_int(IPC_RMID), None)
        if result == 0:
            return True
    return False


def fresh_state(watched=()):
    """Between tests and submissions: no process, no scratch file, no IPC object survives."""
    clean = kill_everything(watched)
    for directory in SCRATCH_DIRS:
        clean = remove_tree_contents(directory) and clean
    clean = remove_sysv_ipc() and clean
    return clean


# ---------------------------------------------------------------------------------------------------- processes

def child_environment(extra):
    env = {
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": WORK,
        "TMPDIR": "/tmp",
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        # Python >= 3.11 refuses int <-> str conversions beyond 4,300 digits; judges have no such limit.
        "PYTHONINTMAXSTRDIGITS": "0",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
    }
    env.update(extra or {})
    return env


# What a request's env may add for a process that is not the submission (a companion, the trusted judge, the zygote
# that starts as root, a judged harness): names that load no code and change no start-up. LD_PRELOAD, NODE_OPTIONS,
# JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS, RUBYOPT, BASH_ENV, GOFLAGS, PATH, HOME and every other PYTHON* are dropped.
TRUSTED_EXTRA_VARIABLES = ("PYTHONUNBUFFERED", "PYTHONIOENCODING", "PYTHONHASHSEED", "GOMEMLIMIT", "TZ")


def trusted_environment(extra):
    """child_environment() with only the allow-listed names of `extra` (an allow-list: a deny-list misses the next
    LD_AUDIT)."""
    return child_environment({name: value for name, value in (extra or {}).items()
                              if name in TRUSTED_EXTRA_VARIABLES})


def sealed_memfd(name, data):
    fd = os.memfd_create(name, os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING)
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    fcntl.fcntl(fd, fcntl.F_ADD_SEALS,
                fcntl.F_SEAL_WRITE | fcntl.F_SEAL_GROW | fcntl.F_SEAL_SHRINK | fcntl.F_SEAL_SEAL)
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


def spawn(cmd, fds, uid, rlimits, env, cwd, program, zygote=False):
    """Forks and execs cmd as uid with fds[i] as descriptor i; returns (pid, None) or (None, reason).

    A zygote stays root with the runner's capabilities (it drops the bounding set itself, after exec, and starts
    programs as the sandbox user); it runs only the trusted zygote.py.
    """
    err_r, err_w = os.pipe2(os.O_CLOEXEC)
    high_err = fcntl.fcntl(err_w, fcntl.F_DUPFD_CLOEXEC, 512)
    os.close(err_w)
    pid = os.fork()
    if pid == 0:
        try:
            os.setsid()
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 256 + i) for i, fd in enumerate(fds)]
            for target, fd in enumerate(high):
                os.dup2(fd, target, inheritable=True)
            os.closerange(len(fds), high_err)
            os.closerange(high_err + 1, 65536)
            for number in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT, signal.SIGTERM):
                signal.signal(number, signal.SIG_DFL)
            os.chdir(cwd)
            if program:
                # The OOM killer's first victim. Without CAP_SYS_RESOURCE (which engines may refuse to grant) the
                # program may set it back to 0; the runner stops a program that does (sample_tree).
                with open("/proc/self/oom_score_adj", "w") as adj:
                    adj.write(str(OOM_SCORE_ADJ))
                # The program shares its container's CPU quota with the runner (and the judge): at the lowest
                # priority a fork bomb of 128 processes cannot starve the runner that must stop it. Priorities
                # only weigh within the container's CPU group, so the program is no slower for it.
                os.setpriority(os.PRIO_PROCESS, 0, 19)
                # Pinned, as judges pin runs, to the core the scheduler's fork balancing chose for this process (the
                # idlest one), not the runner's: with at most one running program per core (max-running), programs
                # spread over the machine, and a program and its children share one core, so timings do not depend
                # on migrations.
                cpu = libc.sched_getcpu()
                if cpu >= 0:
                    try:
                        os.sched_setaffinity(0, {cpu})
                    except OSError:
                        pass
            for limit, soft, hard in rlimits:
                resource.setrlimit(limit, (soft, hard))
            if not zygote:
                for capability in range(LAST_CAPABILITY + 1):
                    libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0)
            os.setgroups([])
            if not zygote:
                os.setresgid(uid, uid, uid)
                os.setresuid(uid, uid, uid)
            if not program:
                libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
            os.execvpe(cmd[0], cmd, env)
        except BaseException as error:  # the exec failed: report it to the runner
            try:
                os.write(high_err, ("%s: %s" % (type(error).__name__, error)).encode("utf-8", "replace")[:1000])
            finally:
                os._exit(127)
    os.close(high_err)
    try:
        reason = b""
        while True:
            chunk = os.read(err_r, 4096)
            if not chunk:
                break
            reason += chunk
    finally:
        os.close(err_r)
    if reason:
        REAPER.wait(pid)
        return None, reason.decode("utf-8", "replace")
    return pid, None


ZYGOTE = "/opt/rewards/zygote.py"
ZYGOTE_REPLY_S = 10.0


class Zygote:
    """A pre-started `python3 SCRIPT` (zygote.py) that forks each test's program instead of a new interpreter.

    Any trouble with it (it could not start, died, answered late or with an error) ends it, and that test and the rest
    start as fresh interpreters: the zygote only saves time, it never decides a verdict.
    """

    def __init__(self, cmd, rlimits, env):
        self.pid = None
        commands_r, self.commands = os.pipe2(os.O_CLOEXEC)
        self.replies, replies_w = os.pipe2(os.O_CLOEXEC)
        # Descriptors 0, 1, 2 of the kinds the programs get (memfd, memfd, pipe): Python sizes and probes its standard
        # streams at start-up (block size, seekability), and the program inherits those stream objects.
        stdin_fd = sealed_memfd("stdin", b"")
        stdout_fd = os.memfd_create("stdout", os.MFD_CLOEXEC)
        self.stderr, stderr_w = os.pipe2(os.O_CLOEXEC)
        try:
            self.pid, _ = spawn(["python3", ZYGOTE] + list(cmd[1:]), [stdin_fd, stdout_fd, stderr_w, commands_r,
                                                                      replies_w], 0, rlimits, env, WORK, False, True)
        finally:
            for fd in (commands_r, replies_w, stdin_fd, stdout_fd, stderr_w):
                os.close(fd)
        if self.pid is not None:
            REAPER.exempt.add(self.pid)

    def prepare(self):
        """Has the zygote compile the script (after the syntax check, with the work directory sealed); False when it
        could not (ended by its CPU limit or the OOM killer) — it is then gone before the first test's measurements
        start."""
        if self.pid is None:
            return False
        try:
            os.write(self.commands, b"prepare\n")
            if self._reply() == b"ready\n":
                return True
        except (OSError, ValueError):
            pass
        self.close()
        return False

    # The zygote's start-up runs as root: nothing of the submission may take part in it. Python reads the user site
    # directory (~/.local, ~ being the work directory: a .pth file there is executed) and the PYTHON* variables;
    # only these, which change no path and run nothing, are let through.
    SAFE_PYTHON_VARIABLES = ("PYTHONDONTWRITEBYTECODE", "PYTHONINTMAXSTRDIGITS", "PYTHONUNBUFFERED",
                             "PYTHONIOENCODING", "PYTHONHASHSEED")

    @staticmethod
    def suits(request):
        """Only `python3 SCRIPT ARG...` (no interpreter options: that is what the zygote becomes), for more than one
        test (for one, the zygote is one more start), with a sealed work directory and nothing of the submission
        that the interpreter's start-up would read."""
        spec = request.get("run")
        # A companion's runs keep fresh interpreters: the zygote knows only the plain program's wiring.
        if not spec or spec.get("companion") is not None:
            return False
        cmd = spec["cmd"]
        if not (len(cmd) >= 2 and cmd[0] == "python3" and not cmd[1].startswith("-")):
            return False
        if len(request["tests"]) < 2 or request.get("writable_work_dir") or request.get("fresh_interpreters"):
            return False
        # An allow-list: the zygote starts as root, and LD_PRELOAD, PATH or any PYTHON* of the request would act in
        # that start.
        if any(name not in Zygote.SAFE_PYTHON_VARIABLES for name in spec.get("env") or {}):
            return False
        return not os.path.lexists(os.path.join(WORK, ".local"))

    @staticmethod
    def of(request):
        """The zygote of the request's run (which suits it), able to start its syntax check too: its CPU rlimit is
        the higher of the two, and each child lowers it to its own."""
        spec = request["run"]
        rlimits = program_rlimits(limits_of(spec))
        if request.get("compile"):
            check_cpu = cpu_rlimit(limits_of(request["compile"]))
            rlimits = [(kind, max(soft, check_cpu[0]), max(hard, check_cpu[1])) if kind == resource.RLIMIT_CPU
                       else (kind, soft, hard) for kind, soft, hard in rlimits]
        return Zygote(spec["cmd"], rlimits, child_environment(spec.get("env")))

    def alive(self):
        return self.pid is not None

    def start(self, fds, kind, cpu_rlimit, path=""):
        """(pid, charged CPU seconds, charged KiB) of the child of the kind ("run": a test's program, "check": the
        syntax check of path), started with fds as its 0, 1, 2 (3, 4) under the CPU rlimit (soft, hard); the charge
        is the script's compile, done once by the zygote: its CPU time, and its peak size as the program's least peak
        memory, as a fresh interpreter would pay them. None when the zygote failed (it is then ended)."""
        if self.pid is None:
            return None
        try:
            words = [kind, os.fsencode(path).hex() or "-"] + [str(number) for number in list(cpu_rlimit) + list(fds)]
            os.write(self.commands, (" ".join(words) + "\n").encode("ascii"))
            reply = self._reply()
            if reply.startswith(b"ok "):
                fields = reply.split()
                return int(fields[1]), int(fields[2]) / 1e6, int(fields[3])
        except (OSError, ValueError):
            pass
        self.close()
        return None

    def _reply(self):
        """The zygote's next line; OSError when it ended or did not answer in time."""
        reply = b""
        deadline = time.monotonic() + ZYGOTE_REPLY_S
        with selectors.DefaultSelector() as selector:
            selector.register(self.replies, selectors.EVENT_READ)
            while not reply.endswith(b"\n"):
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    raise OSError("no answer")
                chunk = os.read(self.replies, 256)
                if not chunk:
                    raise OSError("ended")
                reply += chunk
        return reply

    def close(self):
        """Ends the zygote (at the end of the run phase or after a failure), and any half-started program with it."""
        if self.pid is None:
            return
        pid, self.pid = self.pid, None
        for fd in (self.commands, self.replies, self.stderr):
            os.close(fd)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        REAPER.wait(pid)
        REAPER.exempt.discard(pid)
        # A program half-started by it may still be root: everything but the runner goes.
        kill_everything()


def cpu_rlimit(limits):
    # The tree's CPU time is enforced by sampling; the per-process limit is only a backstop.
    return limits["cpu_seconds"] + 1, limits["cpu_seconds"] + 2


def program_rlimits(limits):
    return [(resource.RLIMIT_CPU,) + cpu_rlimit(limits),
            (resource.RLIMIT_FSIZE, limits["file_bytes"], limits["file_bytes"]),
            (resource.RLIMIT_CORE, 0, 0),
            (resource.RLIMIT_STACK, limits["stack_bytes"], limits["stack_bytes"])]


def read_memfd(fd, limit, tail=False):
    size = os.fstat(fd).st_size
    start = max(0, size - limit) if tail else 0
    wanted = min(limit, size - start)
    chunks, offset = [], start
    while wanted > 0:
        chunk = os.pread(fd, min(wanted, 1 << 20), offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
        wanted -= len(chunk)
    return b"".join(chunks), size


def sample_tree(uid):
    """CPU seconds (own and waited children) and resident KiB of the live processes of uid.

    One process: its resident size. Several: the sum of their proportional set sizes, so that pages a fork shares
    copy-on-write count once (summed resident sizes counted them in every process).
    """
    cpu_ticks, processes = 0, []
    tampered = False
    # The zygote is root and runs nothing of the program: no need to read it.
    for pid in other_pids() - REAPER.exempt:
        try:
            with open("/proc/%d/status" % pid, "rb") as status_file:
                status = status_file.read()
            if b"\nUid:\t%d\t" % uid not in status:
                continue
            with open("/proc/%d/stat" % pid, "rb") as stat_file:
                fields = stat_file.read().rsplit(b")", 1)[1].split()
            with open("/proc/%d/oom_score_adj" % pid, "rb") as adj_file:
                # A program that lowers it (and keeps its memory in memfds, in no resident size) would have the
                # container's OOM killer take the runner: a 503 caused by the program.
                tampered = tampered or int(adj_file.read()) < OOM_SCORE_ADJ
        except (OSError, IndexError, ValueError):
            continue
        cpu_ticks += int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
        # Shared memory is counted once, for the whole container (shmem_kb), not in each process that maps it.
        processes.append((pid, max(0, int(fields[21]) * PAGE_KB - kb_field(status, b"RssShmem"))))
    if len(processes) <= 1 or len(processes) > MAX_PSS_PROCESSES:
        # Beyond a handful of processes (a fork bomb) the summed resident size is enough, and cheap.
        return cpu_ticks / CLK_TCK, sum(rss for _, rss in processes), tampered
    memory_kb = 0
    # smaps needs ptrace access: the runner reads it as the program's own user (a process that made itself
    # undumpable stays unreadable and is counted with its whole resident size).
    with EffectiveUser(uid):
        for pid, rss in processes:
            try:
                with open("/proc/%d/smaps_rollup" % pid, "rb") as rollup:
                    rollup_text = rollup.read()
                pss = kb_field(rollup_text, b"Pss")
                memory_kb += max(0, pss - kb_field(rollup_text, b"Pss_Shmem")) if pss else rss
            except (OSError, ValueError):
                memory_kb += rss
    return cpu_ticks / CLK_TCK, memory_kb, tampered


def shmem_growth_kb(base, output_fds):
    now = shmem_kb()
    if base is None or now is None:
        return 0
    outputs = sum(os.fstat(fd).st_size for fd in output_fds) // 1024
    return max(0, now - base - outputs)


def kb_field(text, name):
    """The figure of a "Name:   123 kB" line of a /proc file, 0 when there is none."""
    figures = (line_value(text, name) or b"").split()
    return int(figures[0]) if figures and figures[0].isdigit() else 0


def failed_start(cmd, reason):
    return {"exit_code": None, "signal": None, "cpu_ms": 0, "wall_ms": 0, "memory_kb": 0, "stdout_b64": "",
            "stdout_bytes": 0, "output_exceeded": False, "stderr_b64": b64(("cannot start %s: %s" % (
                cmd[0], reason)).encode("utf-8", "replace")), "timed_out": None, "oom_killed": False,
            "start_failed": True, "clean": True}


def exit_fields(status):
    exit_code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
    signal_number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    return exit_code, signal_number


class Relay:
    """The program's side of an interactive exchange passes through the runner: program stdout -> relay ->
    interactor stdin. It counts what the program sends (an endless token, with or without newlines, is stopped at the
    program's output limit instead of growing the interactor until it breaks: a judge failure caused by the program)
    and holds at most RELAY_BYTES, so that a program writing to an interactor that does not read still blocks.
    The program's end of stream reaches the interactor once everything before it did; an interactor that closed its
    stdin closes the program's pipe too (the program gets EPIPE, as it would on a direct pipe)."""

    def __init__(self, source, sink, cap):
        self.source, self.sink, self.cap = source, sink, cap
        os.set_blocking(source, False)
        os.set_blocking(sink, False)
        self.pending = bytearray()
        self.relayed = 0
        self.exceeded = False
        self.selector = None
        self.reading = False
        self.writing = False
        self.source_ended = False
        self.stdin_watch = None

    def attach(self, selector):
        self.selector = selector
        self._update()

    def _update(self):
        want_read = self.source is not None and len(self.pending) < RELAY_BYTES and not self.exceeded
        if want_read != self.reading:
            if want_read:
                self.selector.register(self.source, selectors.EVENT_READ, "relay-in")
            else:
                self.selector.unregister(self.source)
            self.reading = want_read
        want_write = self.sink is not None and bool(self.pending)
        if want_write != self.writing:
            if want_write:
                self.selector.register(self.sink, selectors.EVENT_WRITE, "relay-out")
            else:
                self.selector.unregister(self.sink)
            self.writing = want_write
        if self.source is None and not self.pending and self.sink is not None:
            self._close_sink()

    def pull(self):
        try:
            chunk = os.read(self.source, CHUNK)
        except BlockingIOError:
            return
        if not chunk:
            self.source_ended = True
            self._close_source()
        else:
            self.relayed += len(chunk)
            if self.relayed > self.cap:
                # Nothing beyond the cap reaches the interactor, which then reads the end of the stream: the
                # program is stopped by the caller.
                self.exceeded = True
                chunk = chunk[: max(0, len(chunk) - (self.relayed - self.cap))]
            if self.sink is not None:
                self.pending.extend(chunk)
            if self.exceeded:
                self._close_source()
        self.push()

    def push(self):
        if self.sink is not None and self.pending:
            try:
                written = os.write(self.sink, self.pending)
                del self.pending[:written]
            except BlockingIOError:
                pass
            except OSError:
                # The interactor closed its stdin (or ended): the program's further output goes nowhere.
                self.pending.clear()
                self._close_sink()
                self._close_source()
        self._update()

    def _close_source(self):
        self._close_end("source", "reading")

    def _close_sink(self):
        self._close_end("sink", "writing")

    def _close_end(self, end, registered):
        fd = getattr(self, end)
        if fd is not None:
            if getattr(self, registered):
                self.selector.unregister(fd)
                setattr(self, registered, False)
            os.close(fd)
            setattr(self, end, None)

    def program_gone(self):
        """True when the program closed its stdout (end of stream) or no longer reads its stdin."""
        if self.source_ended:
            return True
        if self.stdin_watch is None:
            return False
        poller = select.poll()
        poller.register(self.stdin_watch, select.POLLOUT)
        return any(events & select.POLLERR for _, events in poller.poll(0))

    def close(self):
        """Closes both ends and the watch (before the caller's selector closes: their registrations go first)."""
        self.pending.clear()
        self._close_source()
        self._close_sink()
        if self.stdin_watch is not None:
            os.close(self.stdin_watch)
            self.stdin_watch = None


def execute(cmd, stdin_bytes, limits, env, judge=None, judge_input=None, interactor=None, zygote=None,
            zygote_kind="run", zygote_path=""):
    """Runs one program (and, for a judged test, its judge; for an interactive test, its interactor) under the limits;
    returns raw observations.

    An interactor is wired to the program by two pipes (program stdout -> interactor stdin, interactor stdout ->
    program stdin), runs as the companion uid in the check directory and the test ends when both have ended: the
    program must still end by itself (within its limits) once the interactor is done."""
    out_cap, err_cap = limits["output_bytes"], limits["stderr_bytes"]
    wall_s = limits["wall_ms"] / 1000.0
    stdin_fd = sealed_memfd("stdin", stdin_bytes)
    stdout_fd = os.memfd_create("stdout", os.MFD_CLOEXEC)
    err_r, err_w = os.pipe2(os.O_CLOEXEC | os.O_NONBLOCK)
    fcntl.fcntl(err_w, fcntl.F_SETFL, 0)
    owned = [stdin_fd, stdout_fd, err_r]
    program_fds = [stdin_fd, stdout_fd, err_w]
    judge_state = None
    relay = None
    if interactor is not None:
        judge = interactor
        i2p_r, i2p_w = os.pipe2(os.O_CLOEXEC)
        p2i_r, p2i_w = os.pipe2(os.O_CLOEXEC)
        r2i_r, r2i_w = os.pipe2(os.O_CLOEXEC)
        os.close(stdin_fd)
        os.close(stdout_fd)
        stdin_fd, stdout_fd = None, None
        owned = [err_r]
        program_fds = [i2p_r, p2i_w, err_w]
        judge_out = None
        judge_err = os.memfd_create("interactor-stderr", os.MFD_CLOEXEC)
        owned.append(judge_err)
        relay = Relay(p2i_r, r2i_w, max(out_cap, RELAY_MIN_CAP))
        # A watch on the program's stdin: with no reader left (the program exited or closed it) a write end polls
        # POLLERR. Closed when the interactor ends, so that the program then reads the end of its input.
        relay.stdin_watch = os.dup(i2p_w)
        judge_state = {"fds": [r2i_r, i2p_w, judge_err], "pipes": [i2p_r, i2p_w, r2i_r, p2i_w], "out": None,
                       "err": judge_err}
    elif judge is not None:
        req_r, req_w = os.pipe2(os.O_CLOEXEC)
        rep_r, rep_w = os.pipe2(os.O_CLOEXEC)
        for pipe_end in (req_w, rep_w):
            try:
                fcntl.fcntl(pipe_end, F_SETPIPE_SZ, 1 << 20)
            except OSError:
                pass
        program_fds += [req_r, rep_w]
        judge_stdin = sealed_memfd("judge-input", judge_input)
        judge_out = os.memfd_create("judge-stdout", os.MFD_CLOEXEC)
        judge_err = os.memfd_create("judge-stderr", os.MFD_CLOEXEC)
        owned += [judge_stdin, judge_out, judge_err]
        judge_state = {"fds": [judge_stdin, judge_out, judge_err, rep_r, req_w], "pipes": [req_r, req_w, rep_r, rep_w],
                       "out": judge_out, "err": judge_err}
    oom_before = oom_kills()
    # Memory the program keeps in files of tmpfs or memfds is in no process's resident size: the container's shared
    # memory beyond this baseline counts as the program's, less what the runner's own output files hold.
    shmem_base = shmem_kb()
    output_fds = [fd for fd in [stdout_fd] + ([judge_state["out"], judge_state["err"]] if judge_state else [])
                  if fd is not None]
    judge_pid = None
    judge_uid = COMPANION_UID if interactor is not None else JUDGE_UID
    judge_started = time.monotonic()
    if judge is not None:
        # The judge or interactor starts first: once the program runs, it may have used up the container's pids, and
        # a judge that could not fork would be a judge failure caused by the program.
        REAPER.reap()
        judge_limits = judge_state["limits"] = limits_of(judge)
        judge_file_bytes = max(judge_limits["output_bytes"], JUDGE_STDERR_BYTES) + 1
        judge_rlimits = [(resource.RLIMIT_CPU, judge_limits["cpu_seconds"], judge_limits["cpu_seconds"] + 1),
                         (resource.RLIMIT_FSIZE, judge_file_bytes, judge_file_bytes),
                         (resource.RLIMIT_CORE, 0, 0)]
        judge_cwd = CHECK_DIR if interactor is not None else "/"
        judge_pid, judge_reason = spawn(judge["cmd"], judge_state["fds"], judge_uid, judge_rlimits,
                                        trusted_environment(judge.get("env")), judge_cwd, False)
        judge_state["reason"] = judge_reason
    # Opened at once: a judge that ends at its start is reaped below, with the program's start (its pid then free).
    judge_pidfd = os.pidfd_open(judge_pid) if judge_pid is not None else None
    if judge_pidfd is not None:
        owned.append(judge_pidfd)
    pid = None
    charged_cpu_s, charged_kb = 0.0, 0
    if zygote is not None and zygote.alive():
        REAPER.reset_strays()
        started = time.monotonic()
        # A zygote that fails is ended with everything it may have half-started: not with the judge started above.
        if judge_pid is not None:
            REAPER.exempt.add(judge_pid)
        try:
            started_child = zygote.start(program_fds, zygote_kind, cpu_rlimit(limits), zygote_path)
        finally:
            REAPER.exempt.discard(judge_pid)
        if started_child is not None:
            pid, charged_cpu_s, charged_kb = started_child
    if pid is None:
        REAPER.reap((judge_pid,) if judge_pid is not None else ())
        REAPER.reset_strays()
        started = time.monotonic()
        pid, reason = spawn(cmd, program_fds, SANDBOX_UID, program_rlimits(limits), child_environment(env), WORK, True)
    os.close(err_w)
    if judge is not None:
        for fd in judge_state["pipes"]:
            os.close(fd)
    if pid is None:
        if judge_pid is not None:
            kill_as(judge_uid, watched=(judge_pid,))
            REAPER.wait(judge_pid)
        if relay is not None:
            relay.close()
        for fd in owned:
            os.close(fd)
        return failed_start(cmd, reason)

    pidfd = os.pidfd_open(pid)
    owned.append(pidfd)
    selector = selectors.DefaultSelector()
    selector.register(err_r, selectors.EVENT_READ, "err")
    selector.register(pidfd, selectors.EVENT_READ, "exit")
    if relay is not None:
        relay.attach(selector)
    if judge_pidfd is not None:
        selector.register(judge_pidfd, selectors.EVENT_READ, "judge-exit")
    err = bytearray()
    err_open = True
    timed_out = None
    output_exceeded = False
    program_done = False
    judge_done = judge_pid is None
    judge_timed_out = None
    peak_rss_kb = 0
    next_sample = started
    watched = (pid,) if judge_pid is None else (pid, judge_pid)
    wall_ms = None
    judge_missing = judge is not None and judge_pid is None
    judge_memory_kb = int(judge.get("memory_mb", 0)) * 1024 if interactor is not None else 0
    judge_peak_kb = 0

    def take_stderr():
        """Reads what the program's stderr pipe holds (kept up to its cap); marks it closed at its end."""
        nonlocal err_open
        try:
            chunk = os.read(err_r, CHUNK)
        except BlockingIOError:
            return
        if not chunk:
            selector.unregister(err_r)
            err_open = False
        elif len(err) < err_cap:
            err.extend(chunk[: err_cap - len(err)])

    def stop_program(why):
        nonlocal timed_out, wall_ms
        if why in ("cpu", "wall") and timed_out is None:
            timed_out = why
        if wall_ms is None:
            wall_ms = int((time.monotonic() - started) * 1000)
        kill_as(SANDBOX_UID, watched=watched)

    if judge_missing:
        kill_as(SANDBOX_UID, watched=watched)
    while True:
        now = time.monotonic()
        if not program_done and timed_out is None and not output_exceeded and now - started > wall_s:
            stop_program("wall")
        if not judge_done and judge_timed_out is None and now - judge_started > judge_state["limits"]["wall_ms"] / 1000.0:
            judge_timed_out = "wall"
            # Through its pidfd: the judge may have ended (and been reaped, its pid free for reuse) a moment ago.
            try:
                signal.pidfd_send_signal(judge_pidfd, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for key, _ in selector.select(POLL_S):
            if key.data == "err":
                take_stderr()
            elif key.data == "exit":
                selector.unregister(pidfd)
                program_done = True
                if wall_ms is None:
                    wall_ms = int((time.monotonic() - started) * 1000)
            elif key.data == "judge-exit":
                selector.unregister(judge_pidfd)
                judge_done = True
                if relay is not None:
                    # Whether the program had gone first: an interactor that then breaks (a Python one exits 120 when
                    # its last flush meets a closed pipe) broke on the program's account, not the judge's.
                    judge_state["program_gone"] = program_done or relay.program_gone()
                    # As on a direct pipe: the program's next write to its ended interactor fails (EPIPE).
                    relay.close()
            elif key.data == "relay-in":
                relay.pull()
                if relay.exceeded and not output_exceeded and not program_done:
                    output_exceeded = True
                    stop_program("output")
            elif key.data == "relay-out":
                relay.push()
        REAPER.reap(watched)
        if not program_done or judge_pid is not None:
            if stdout_fd is not None and os.fstat(stdout_fd).st_size > out_cap and not output_exceeded \
                    and not program_done:
                output_exceeded = True
                stop_program("output")
            now = time.monotonic()
            if now >= next_sample and timed_out is None:
                next_sample = now + SAMPLE_S
                live_cpu_s, rss_kb, tampered = sample_tree(SANDBOX_UID)
                if tampered and not program_done:
                    stop_program("oom-score")
                peak_rss_kb = max(peak_rss_kb, rss_kb + shmem_growth_kb(shmem_base, output_fds))
                reaped_cpu_s = REAPER.stray_cpu_s + charged_cpu_s
                if pid in REAPER.statuses:
                    usage = REAPER.statuses[pid][1]
                    reaped_cpu_s += usage.ru_utime + usage.ru_stime
                if (live_cpu_s + reaped_cpu_s) * 1000 > limits["time_ms"] and not program_done:
                    stop_program("cpu")
                if judge_memory_kb and not judge_done:
                    judge_rss_kb = sample_tree(COMPANION_UID)[1]
                    judge_peak_kb = max(judge_peak_kb, judge_rss_kb)
                    if judge_rss_kb > judge_memory_kb and judge_timed_out is None:
                        judge_timed_out = "memory"
                        kill_as(COMPANION_UID, watched=watched)
        if judge_pid is None:
            if program_done:
                break
        elif judge_done and (interactor is None or program_done):
            break
    if relay is not None:
        relay.close()
    if wall_ms is None:
        wall_ms = int((time.monotonic() - started) * 1000)
    # Files left in /tmp or /dev/shm, and SysV segments, by a program that ended between two samples.
    peak_rss_kb = max(peak_rss_kb, shmem_growth_kb(shmem_base, output_fds))
    # Strays (daemons, setsid children, or the program itself after a timeout) are killed and counted.
    clean = kill_everything(watched)
    status, usage = REAPER.wait(pid)
    judge_observation = None
    if judge is not None:
        judge_observation = judge_result(judge_state, judge_pid, judge_started, judge_timed_out)
        if interactor is not None:
            judge_observation["program_gone"] = bool(judge_state.get("program_gone"))
    drain_until = time.monotonic() + 0.5
    while err_open and time.monotonic() < drain_until:
        for _, _ in selector.select(0.05):
            take_stderr()
            if not err_open:
                break
    selector.close()
    # The output stays in its memfd until the reply streams it (an interactive program's went to its interactor:
    # what counts is how much it sent, through the relay).
    stdout_bytes = 0
    if relay is not None:
        stdout_bytes = relay.relayed
    if stdout_fd is not None:
        stdout_bytes = os.fstat(stdout_fd).st_size
        owned.remove(stdout_fd)
    for fd in owned:
        os.close(fd)
    exit_code, signal_number = exit_fields(status)
    cpu_ms = int((usage.ru_utime + usage.ru_stime + REAPER.stray_cpu_s + charged_cpu_s) * 1000)
    if timed_out is None and (signal_number == signal.SIGXCPU or cpu_ms > limits["time_ms"]):
        timed_out = "cpu"
    oom_after = oom_kills()
    observation = {
        "exit_code": exit_code,
        "signal": signal_number,
        "cpu_ms": cpu_ms,
        "wall_ms": wall_ms,
        "memory_kb": max(peak_rss_kb, usage.ru_maxrss, REAPER.stray_maxrss_kb, charged_kb),
        "stdout_b64": StreamedB64(stdout_fd, out_cap) if stdout_fd is not None else "",
        "stdout_bytes": stdout_bytes,
        "output_exceeded": output_exceeded or relay is None and stdout_bytes > out_cap,
        "stderr_b64": b64(bytes(err)),
        "timed_out": timed_out,
        "oom_killed": oom_before >= 0 and oom_after > oom_before,
        "start_failed": False,
        "clean": clean,
    }
    if judge_observation is not None:
        if interactor is not None:
            judge_observation["memory_kb"] = judge_peak_kb
        observation["judge"] = judge_observation
    return observation


def judge_result(state, judge_pid, judge_started, timed_out):
    limits = state["limits"]
    judge_out, judge_err = state["out"], state["err"]
    if judge_pid is None:
        return {"exit_code": None, "signal": None, "cpu_ms": 0, "wall_ms": 0, "stdout_b64": "",
                "stderr_b64": b64(("cannot start the judge: %s" % state.get("reason")).encode("utf-8", "replace")),
                "timed_out": None}
    status, usage = REAPER.wait(judge_pid)
    exit_code, signal_number = exit_fields(status)
    cpu_ms = int((usage.ru_utime + usage.ru_stime) * 1000)
    if timed_out is None and (signal_number == signal.SIGXCPU or cpu_ms > limits["time_ms"]):
        timed_out = "cpu"
    stdout, _ = read_memfd(judge_out, limits["output_bytes"]) if judge_out is not None else (b"", 0)
    stderr, _ = read_memfd(judge_err, JUDGE_STDERR_BYTES, tail=True)
    return {"exit_code": exit_code, "signal": signal_number, "cpu_ms": cpu_ms,
            "wall_ms": int((time.monotonic() - judge_started) * 1000), "stdout_b64": b64(stdout),
            "stderr_b64": b64(stderr), "timed_out": timed_out}


def limits_of(spec):
    time_ms = int(spec["time_ms"])
    return {
        "time_ms": time_ms,
        "wall_ms": int(spec.get("wall_ms", time_ms * 2 + 1000)),
        "cpu_seconds": max(1, math.ceil(time_ms / 1000.0)),
        "output_bytes": int(spec.get("output_bytes", 1 << 20)),
        "stderr_bytes": int(spec.get("stderr_bytes", 8192)),
        "file_bytes": int(spec.get("file_mb", 64)) << 20,
        # 0 = unlimited: the stack is bounded by the memory limit only (and threads get glibc's 2 MiB default).
        "stack_bytes": (int(spec.get("stack_mb", 0)) << 20) or resource.RLIM_INFINITY,
    }


def failed(observation, companion=None):
    limit = (observation["timed_out"] or observation["oom_killed"] or observation["output_exceeded"]
             or observation.get("start_failed"))
    judge = observation.get("judge")
    if companion is not None:
        # The service decides the verdict; here only whether the test passed, for stop-on-failure.
        accepted = judge is not None and not judge.get("timed_out") and judge.get("signal") is None \
            and judge.get("exit_code") in companion.get("accept_exit_codes", [])
        exited = observation["exit_code"] == 0 or observation["signal"] == signal.SIGPIPE and \
            companion.get("mode") == "interactor"
        return bool(limit) or not exited or not accepted
    if judge is None:
        return limit or observation["exit_code"] != 0
    # A judged program is killed once its judge has finished, so its exit status says nothing: the judge's line does.
    return limit or not judge_passed(judge)


def judge_passed(judge):
    if judge.get("exit_code") != 0 or judge.get("timed_out"):
        return False
    try:
        verdict = json.loads(base64.b64decode(judge.get("stdout_b64", "")).decode("utf-8").strip() or "null")
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(verdict, dict) and verdict.get("passed") is True


# ----------------------------------------------------------------------------------------------------- phases

def compile_phase(request, zygote):
    spec = request["compile"]
    cmd = list(spec["cmd"])
    path = ""
    if cmd[0] == "@python-syntax":
        path = cmd[1]
        cmd = ["python3", "-I", "-S", SYNTAX_CHECK, path]
    else:
        zygote = None
    observation = execute(cmd, b"", limits_of(spec), spec.get("env"), zygote=zygote, zygote_kind="check",
                          zygote_path=path)
    observation["clean"] = fresh_state() and observation["clean"]
    return observation


def run_phase(request, zygote):
    spec = request["run"]
    limits = limits_of(spec)
    if not request.get("writable_work_dir"):
        seal_work_dir()
    judge = spec.get("judge")
    companion = spec.get("companion")
    if companion is not None:
        # The companion (checker, interactor) runs as another uid: the submission's files are the program's only.
        os.chown(WORK, 0, SANDBOX_UID)
        os.chmod(WORK, 0o750)
    stop = request.get("stop_on_failure")
    program_env = spec.get("env")
    if judge is not None:
        # A judged run's program is the trusted harness (callee.py) hosting the solution: its start-up is ours.
        program_env = {name: value for name, value in (program_env or {}).items()
                       if name in TRUSTED_EXTRA_VARIABLES}
    if zygote is not None and not zygote.prepare():
        zygote = None
    for index, test in enumerate(request["tests"]):
        judge_input = encode_text(test.get("judge_input", "")) if judge else None
        test_files = test.get("companion_files") or {}
        interactor = None
        if companion is not None and companion["mode"] == "interactor":
            interactor = companion
            prepare_check_dir(test_files, None)
        observation = execute(spec["cmd"], encode_text(test.get("stdin", "")), limits, program_env,
                              judge, judge_input, interactor, zygote)
        if companion is not None and companion["mode"] == "checker" and not failed_run(observation):
            observation["clean"] = fresh_state() and observation["clean"]
            observation["judge"] = run_checker(companion, test_files,
                                               program_output(observation, limits["output_bytes"]))
        observation["clean"] = fresh_state() and remove_check_dir() and observation["clean"]
        observation["type"] = "test"
        observation["index"] = index
        emit(observation)
        if not observation["clean"]:
            return False
        if stop and failed(observation, companion):
            break
    return True


def program_output(observation, limit):
    """The program's output (up to its cap) for a checker, read back from the memfd the reply will stream it from."""
    stdout = observation["stdout_b64"]
    return read_memfd(stdout.fd, limit)[0] if isinstance(stdout, StreamedB64) else b""


def failed_run(observation):
    """The program hit a limit or ended abnormally: its verdict needs no checker."""
    return bool(observation["timed_out"] or observation["oom_killed"] or observation["output_exceeded"]
                or observation.get("start_failed") or observation["exit_code"] != 0)


def prepare_check_dir(test_files, output):
    """The test's files for the companion alone: its input and the judge's answer, the program's output for a
    checker (written only after the program has ended, so the program never sees the answer), a feedback directory."""
    remove_check_dir()
    os.mkdir(CHECK_DIR, 0o700)
    os.chown(CHECK_DIR, COMPANION_UID, COMPANION_UID)
    contents = {name: encode_text(text) for name, text in test_files.items()}
    if output is not None:
        contents["output"] = output
    for name, data in contents.items():
        if name not in ("input", "answer", "output"):
            raise BadRequest("bad companion test file: %r" % (name,))
        fd = os.open(os.path.join(CHECK_DIR, name), os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o444)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
    feedback = os.path.join(CHECK_DIR, "feedback")
    os.mkdir(feedback, 0o700)
    os.chown(feedback, COMPANION_UID, COMPANION_UID)


def remove_check_dir():
    if not os.path.lexists(CHECK_DIR):
        return True
    clean = remove_tree_contents(CHECK_DIR)
    try:
        os.rmdir(CHECK_DIR)
    except OSError:
        clean = False
    return clean


def run_checker(spec, test_files, output):
    """Runs the checker on one test after the program has ended: as the companion uid, in the check directory, under
    its own limits (CPU sampled over its process tree, resident memory, wall clock); returns its observation with the
    feedback files it wrote (bounded, read as its uid without following links)."""
    limits = limits_of(spec)
    prepare_check_dir(test_files, output)
    stdin_fd = sealed_memfd("team-output", output if spec.get("stdin") == "output" else b"")
    out_fd = os.memfd_create("checker-stdout", os.MFD_CLOEXEC)
    err_fd = os.memfd_create("checker-stderr", os.MFD_CLOEXEC)
    file_bytes = max(limits["output_bytes"], JUDGE_STDERR_BYTES) + 1
    rlimits = [(resource.RLIMIT_CPU, limits["cpu_seconds"] + 1, limits["cpu_seconds"] + 2),
               (resource.RLIMIT_FSIZE, file_bytes, file_bytes), (resource.RLIMIT_CORE, 0, 0)]
    memory_kb = int(spec.get("memory_mb", 0)) * 1024
    started = time.monotonic()
    REAPER.reset_strays()
    pid, reason = spawn(spec["cmd"], [stdin_fd, out_fd, err_fd], COMPANION_UID, rlimits,
                        trusted_environment(spec.get("env")), CHECK_DIR, False)
    try:
        if pid is None:
            return {"exit_code": None, "signal": None, "cpu_ms": 0, "wall_ms": 0, "memory_kb": 0, "stdout_b64": "",
                    "stderr_b64": b64(("cannot start the checker: %s" % reason).encode("utf-8", "replace")),
                    "timed_out": None, "files": {}}
        timed_out = None
        peak_kb = 0
        cpu_s = 0.0
        pidfd = os.pidfd_open(pid)
        waiter = selectors.DefaultSelector()
        waiter.register(pidfd, selectors.EVENT_READ)
        while pid not in REAPER.statuses:
            REAPER.reap((pid,))
            if pid in REAPER.statuses:
                break
            live_cpu_s, rss_kb, _ = sample_tree(COMPANION_UID)
            peak_kb = max(peak_kb, rss_kb)
            cpu_s = max(cpu_s, live_cpu_s + REAPER.stray_cpu_s)
            if time.monotonic() - started > limits["wall_ms"] / 1000.0:
                timed_out = "wall"
            elif cpu_s * 1000 > limits["time_ms"]:
                timed_out = "cpu"
            elif memory_kb and rss_kb > memory_kb:
                timed_out = "memory"
            if timed_out:
                kill_as(COMPANION_UID, watched=(pid,))
                break
            waiter.select(SAMPLE_S)
        waiter.close()
        os.close(pidfd)
        wall_ms = int((time.monotonic() - started) * 1000)
        kill_as(COMPANION_UID, watched=(pid,))
        status, usage = REAPER.wait(pid)
        exit_code, signal_number = exit_fields(status)
        cpu_ms = int((usage.ru_utime + usage.ru_stime + REAPER.stray_cpu_s) * 1000)
        if timed_out is None and (signal_number == signal.SIGXCPU or cpu_ms > limits["time_ms"]):
            timed_out = "cpu"
        stdout, _ = read_memfd(out_fd, limits["output_bytes"])
        stderr, _ = read_memfd(err_fd, JUDGE_STDERR_BYTES, tail=True)
        return {"exit_code": exit_code, "signal": signal_number, "cpu_ms": cpu_ms, "wall_ms": wall_ms,
                "memory_kb": max(peak_kb, usage.ru_maxrss), "stdout_b64": b64(stdout), "stderr_b64": b64(stderr),
                "timed_out": timed_out, "files": feedback_files() if spec.get("feedback") else {}}
    finally:
        for fd in (stdin_fd, out_fd, err_fd):
            os.close(fd)


def feedback_files():
    """The regular files the checker left in its feedback directory (Kattis: judgemessage.txt, teammessage.txt, …):
    at most FEEDBACK_FILES of them, each cut to FEEDBACK_FILE_BYTES; links and directories are ignored."""
    found = {}
    directory = os.path.join(CHECK_DIR, "feedback")
    with EffectiveUser(COMPANION_UID, drop_groups=True):
        try:
            entries = sorted(entry.name for entry in os.scandir(directory))
        except OSError:
            return found
        for name in entries[:FEEDBACK_FILES]:
            try:
                fd = os.open(os.path.join(directory, name), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY)
            except OSError:
                continue
            try:
                if stat.S_ISREG(os.fstat(fd).st_mode):
                    found[name] = b64(os.read(fd, FEEDBACK_FILE_BYTES))
            except OSError:
                pass
            finally:
                os.close(fd)
    return found


# ------------------------------------------------------------------------------------------------- work directory

def checked_name(name):
    """The components of a relative file name inside the work directory; anything else is a bad request."""
    if not isinstance(name, str) or not name or "\x00" in name or name.startswith("/"):
        raise BadRequest("bad file name: %r" % (name,))
    try:
        encoded = name.encode("utf-8")
    except UnicodeEncodeError:
        raise BadRequest("bad file name: %r" % (name,))
    if len(encoded) > MAX_PATH_BYTES:
        raise BadRequest("bad file name: longer than %d bytes" % MAX_PATH_BYTES)
    parts = name.split("/")
    for part in parts:
        if part in ("", ".", "..") or len(part.encode("utf-8")) > MAX_NAME_BYTES:
            raise BadRequest("bad file name: %r" % (name,))
    return parts


def prepare_work_dir(files, binary_files, companion_files=None):
    contents = {}
    for name, content in files.items():
        if not isinstance(content, str):
            raise BadRequest("bad file content: %r" % (name,))
        contents[name] = encode_text(content)
    for name, data in (binary_files or {}).items():
        try:
            contents[name] = base64.b64decode(data, validate=True)
        except (ValueError, TypeError):
            raise BadRequest("file %r: invalid base64" % (name,))
    layout = {name: checked_name(name) for name in contents}
    directories = set()
    for parts in layout.values():
        for depth in range(1, len(parts)):
            directories.add("/".join(parts[:depth]))
    clash = directories.intersection(contents)
    if clash:
        raise BadRequest("bad file name: %r is both a file and a directory" % sorted(clash)[0])
    if not (fresh_state() and remove_tree_contents(SANDBOX_ROOT)):
        raise RuntimeError("scratch directories could not be cleared")
    os.mkdir(WORK, 0o755)
    os.chown(WORK, SANDBOX_UID, SANDBOX_UID)
    for directory in sorted(directories, key=lambda d: d.count("/")):
        path = os.path.join(WORK, directory)
        os.mkdir(path, 0o755)
        os.chown(path, SANDBOX_UID, SANDBOX_UID)
    for name, content in contents.items():
        fd = os.open(os.path.join(WORK, name), os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        try:
            view = memoryview(content)
            while view:
                view = view[os.write(fd, view):]
            os.fchown(fd, SANDBOX_UID, SANDBOX_UID)
        finally:
            os.close(fd)
    if companion_files:
        write_companion(companion_files)


def write_companion(companion_files):
    """The compiled checker or interactor: root's and read-only, readable by the companion's group only (a submission
    can neither read nor change it)."""
    os.mkdir(COMPANION_DIR, 0o750)
    os.chown(COMPANION_DIR, 0, COMPANION_UID)
    for name, data in companion_files.items():
        if "/" in name or checked_name(name) != [name]:
            raise BadRequest("bad companion file name: %r" % (name,))
        try:
            content = base64.b64decode(data, validate=True)
        except (ValueError, TypeError):
            raise BadRequest("companion file %r: invalid base64" % (name,))
        fd = os.open(os.path.join(COMPANION_DIR, name), os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o550)
        try:
            view = memoryview(content)
            while view:
                view = view[os.write(fd, view):]
            os.fchown(fd, 0, COMPANION_UID)
            os.fchmod(fd, 0o550)
        finally:
            os.close(fd)


def seal_work_dir():
    """Everything in the work directory becomes root's and read-only for programs; links and special files go."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK
    stack = [os.open(WORK, flags | os.O_DIRECTORY)]
    try:
        while stack:
            fd = stack.pop()
            try:
                os.fchown(fd, 0, 0)
                os.fchmod(fd, 0o755)
                for entry in os.scandir(fd):
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(os.open(entry.name, flags | os.O_DIRECTORY, dir_fd=fd))
                    elif entry.is_file(follow_symlinks=False):
                        file_fd = os.open(entry.name, flags, dir_fd=fd)
                        try:
                            os.fchown(file_fd, 0, 0)
                            os.fchmod(file_fd, stat.S_IMODE(os.fstat(file_fd).st_mode) & 0o555 | 0o444)
                        finally:
                            os.close(file_fd)
                    else:
                        os.unlink(entry.name, dir_fd=fd)
            finally:
                os.close(fd)
    finally:
        for fd in stack:
            os.close(fd)


def fetch_files(names, limit_bytes=1 << 20):
    limit_bytes = int(limit_bytes or (1 << 20))
    layouts = [(name, checked_name(name)) for name in names or []]
    fetched = {}
    with EffectiveUser(SANDBOX_UID, drop_groups=True):
        for name, parts in layouts:
            data = read_without_links(parts, limit_bytes)
            if data is not None:
                fetched[name] = b64(data)
    return fetched


def read_without_links(parts, limit_bytes):
    """The file's bytes when every component is a real directory and the last a regular file, else None."""
    opened = []
    try:
        fd = os.open(WORK, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        opened.append(fd)
        for part in parts[:-1]:
            fd = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            opened.append(fd)
        fd = os.open(parts[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY, dir_fd=fd)
        opened.append(fd)
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit_bytes:
            return None
        data = os.read(fd, limit_bytes + 1)
        return data if len(data) <= limit_bytes else None
    except OSError:
        return None
    finally:
        for fd in opened:
            os.close(fd)


# ----------------------------------------------------------------------------------------------------------- main

def main(request):
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    try:
        for name in request.get("fetch_files") or []:
            checked_name(name)
        if request.get("files") is not None:
            prepare_work_dir(request["files"], request.get("binary_files"), request.get("companion_files"))
        elif not os.path.isdir(WORK):
            raise RuntimeError("no work directory: the compile phase did not run in this container")
    except BadRequest as error:
        fresh_state()
        emit({"type": "error", "kind": "bad_request", "message": str(error)})
        return
    clean = True
    compiled = True
    # Started before the syntax check: the check is then one more of its children.
    zygote = Zygote.of(request) if Zygote.suits(request) else None
    try:
        if request.get("compile"):
            observation = compile_phase(request, zygote)
            clean = observation["clean"]
            compiled = not failed(observation)
            observation["type"] = "compile"
            emit(observation)
        if compiled and clean and request.get("run"):
            clean = run_phase(request, zygote) and clean
    finally:
        if zygote is not None:
            zygote.close()
    if request.get("fetch_files"):
        emit({"type": "files", "files": fetch_files(request["fetch_files"], request.get("fetch_limit_bytes"))})
    keep = request.get("keep_work_dir", False) and compiled
    clean = fresh_state() and clean
    if not keep:
        clean = remove_tree_contents(SANDBOX_ROOT) and clean
    emit({"type": "end", "clean": clean})


def run_request(data):
    """Serves one request (its JSON bytes); returns the exit status: 0 when the reply is valid, 3 on an anomaly (the
    caller recycles the container)."""
    try:
        main(parse_request(data))
        return 0
    except Exception as error:
        import traceback
        sys.stderr.write("runner failure: %s: %s\n%s" % (type(error).__name__, error, traceback.format_exc()[-1500:]))
        return 3


if __name__ == "__main__":
    sys.exit(run_request(read_request()))
