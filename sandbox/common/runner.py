#!/usr/bin/env python3
"""In-container runner of the code-verifier: one Engine-API exec per phase of a submission.

It runs as root (capabilities limited by the container to SETUID, SETGID, KILL, CHOWN, DAC_OVERRIDE, FOWNER and
SETPCAP) and every program it starts runs as uid 65534 with no capabilities at all, so a submission can neither
signal nor stop its supervisor. Request on stdin: one line with the byte length, then that many bytes of JSON.
Reply on stdout: one line of JSON. Exit status 0 means the reply is valid; anything else is an anomaly for the
caller (container recycled), never a verdict.

Why the details are as they are:
- stdout is read up to its cap and the rest is drained and discarded until the program ends or its time runs out,
  as DOMjudge does: a program that floods output forever is a time limit, one that ends after too much output
  an output limit;
- after every program, kill(-1, SIGKILL) from root removes every other process of the container (pid 1 excepted),
  daemonised and setsid children included, and the runner, a child subreaper, reaps them, so nothing survives
  into the next test or submission;
- a memory-limit verdict needs evidence: an OOM kill counted by the container's memory cgroup during the program,
  a peak resident size over the limit, or the runtime's own out-of-memory error.
"""
import base64
import ctypes
import json
import math
import os
import resource
import selectors
import shutil
import signal
import sys
import time

SANDBOX_UID = 65534
WORK = "/sandbox/work"
SCRATCH_DIRS = ("/sandbox", "/tmp", "/dev/shm")
CGROUP_OOM_CONTROL = "/sys/fs/cgroup/memory/memory.oom_control"
PR_SET_CHILD_SUBREAPER = 36
PR_CAPBSET_DROP = 24
LAST_CAPABILITY = 63
CHUNK = 65536

libc = ctypes.CDLL(None, use_errno=True)


def read_request():
    stdin = sys.stdin.buffer
    length = int(stdin.readline().strip())
    data = stdin.read(length)
    if len(data) != length:
        raise ValueError("request truncated: %d of %d bytes" % (len(data), length))
    return json.loads(data)


def oom_kills():
    try:
        with open(CGROUP_OOM_CONTROL) as control:
            for line in control:
                if line.startswith("oom_kill "):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def other_pids():
    me = os.getpid()
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            pid = int(entry)
            if pid != 1 and pid != me:
                pids.append(pid)
    return pids


REAPED = {}


def reap_all():
    """Reaps every finished child; the status of each is kept, since one of them may be the program itself."""
    while True:
        try:
            pid, status, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        REAPED[pid] = (status, usage)


def wait_for(pid):
    if pid not in REAPED:
        _, status, usage = os.wait4(pid, 0)
        REAPED[pid] = (status, usage)
    return REAPED.pop(pid)


def kill_everything(deadline_s=2.0):
    """Kills every process of the container except pid 1 and the runner; True when none is left."""
    end = time.monotonic() + deadline_s
    while True:
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
        reap_all()
        if not other_pids():
            return True
        if time.monotonic() > end:
            return False
        time.sleep(0.001)


def clear_scratch():
    clean = True
    for directory in SCRATCH_DIRS:
        try:
            entries = os.listdir(directory)
        except FileNotFoundError:
            continue
        for name in entries:
            path = os.path.join(directory, name)
            try:
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path)
                else:
                    os.unlink(path)
            except OSError:
                clean = False
    return clean


def current_cpu():
    """The core this runner is on (field 39 of /proc/self/stat), or None."""
    try:
        with open("/proc/self/stat") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[36])
    except (OSError, ValueError, IndexError):
        return None


def sandbox_preexec(limits):
    cpu_seconds = limits["cpu_seconds"]
    # A program and its children share one core, as judges pin runs: timings do not depend on migrations, and
    # the scheduler chose this core for the runner, so concurrent submissions still spread over the machine.
    cpu = current_cpu()
    file_bytes = limits["file_bytes"]
    stack_bytes = limits["stack_bytes"]

    def preexec():
        os.setsid()
        if cpu is not None:
            try:
                os.sched_setaffinity(0, {cpu})
            except OSError:
                pass
        with open("/proc/self/oom_score_adj", "w") as adj:
            adj.write("1000")
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_STACK, (stack_bytes, stack_bytes))
        for capability in range(LAST_CAPABILITY + 1):
            libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0)
        os.setgroups([])
        os.setgid(SANDBOX_UID)
        os.setuid(SANDBOX_UID)

    return preexec


def child_environment(extra):
    env = {
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": WORK,
        "TMPDIR": "/tmp",
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
    }
    env.update(extra or {})
    return env


def execute(cmd, stdin_path, limits, env):
    """Runs one program under the limits; returns the raw observations, no verdict."""
    import subprocess

    out_cap = limits["output_bytes"]
    err_cap = limits["stderr_bytes"]
    wall_s = limits["wall_ms"] / 1000.0
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    oom_before = oom_kills()
    started = time.monotonic()
    try:
        process = subprocess.Popen(cmd, cwd=WORK, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env=child_environment(env), preexec_fn=sandbox_preexec(limits), close_fds=True)
    except OSError as error:
        return {"exit_code": None, "signal": None, "cpu_ms": 0, "wall_ms": 0, "memory_kb": 0, "stdout": "",
                "stderr": "cannot start %s: %s" % (cmd[0], error), "stdout_bytes": 0, "output_exceeded": False,
                "timed_out": None, "oom_killed": False, "start_failed": True}
    finally:
        if stdin_path:
            stdin.close()
    pidfd = os.pidfd_open(process.pid)
    selector = selectors.DefaultSelector()
    out_fd, err_fd = process.stdout.fileno(), process.stderr.fileno()
    selector.register(out_fd, selectors.EVENT_READ, "out")
    selector.register(err_fd, selectors.EVENT_READ, "err")
    selector.register(pidfd, selectors.EVENT_READ, "exit")
    out, err = bytearray(), bytearray()
    out_total = 0
    timed_out = None
    exited = False
    open_pipes = 2

    def pump(fd, key):
        nonlocal out_total, open_pipes
        try:
            chunk = os.read(fd, CHUNK)
        except BlockingIOError:
            return
        if not chunk:
            selector.unregister(fd)
            open_pipes -= 1
            return
        if key == "out":
            out_total += len(chunk)
            if len(out) <= out_cap:
                out.extend(chunk[: out_cap + 1 - len(out)])
        elif len(err) < err_cap:
            err.extend(chunk[: err_cap - len(err)])

    while not exited:
        remaining = started + wall_s - time.monotonic()
        if remaining <= 0:
            timed_out = "wall"
            break
        for key, _ in selector.select(remaining):
            if key.data == "exit":
                exited = True
            else:
                pump(key.fd, key.data)
    if exited:
        status, usage = wait_for(process.pid)
    wall_ms = int((time.monotonic() - started) * 1000)
    # Strays (daemons, setsid children, or the program itself after a timeout) keep the pipes open: kill them first.
    clean = kill_everything()
    if not exited:
        status, usage = wait_for(process.pid)
    process.returncode = status
    selector.unregister(pidfd)
    drain_until = time.monotonic() + 0.5
    while open_pipes and time.monotonic() < drain_until:
        for key, _ in selector.select(0.05):
            pump(key.fd, key.data)
    selector.close()
    os.close(pidfd)
    process.stdout.close()
    process.stderr.close()
    exit_code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
    signal_number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    cpu_ms = int((usage.ru_utime + usage.ru_stime) * 1000)
    if timed_out is None and (signal_number == signal.SIGXCPU or cpu_ms > limits["time_ms"]):
        timed_out = "cpu"
    oom_after = oom_kills()
    return {
        "exit_code": exit_code,
        "signal": signal_number,
        "cpu_ms": cpu_ms,
        "wall_ms": wall_ms,
        "memory_kb": usage.ru_maxrss,
        "stdout": bytes(out[:out_cap]).decode("utf-8", "replace"),
        "stdout_bytes": out_total,
        "output_exceeded": out_total > out_cap,
        "stderr": bytes(err).decode("utf-8", "replace"),
        "timed_out": timed_out,
        "oom_killed": oom_before >= 0 and oom_after > oom_before,
        "clean": clean,
    }


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


def check_python_syntax(path):
    started = time.monotonic()
    with open(path, "rb") as source_file:
        source = source_file.read()
    try:
        compile(source, os.path.basename(path), "exec", dont_inherit=True)
        message, ok = "", True
    except SyntaxError as error:
        message, ok = "%s: %s (line %s)" % (type(error).__name__, error.msg, error.lineno), False
    except (ValueError, RecursionError, MemoryError, OverflowError) as error:
        message, ok = "%s: %s" % (type(error).__name__, error), False
    return {"exit_code": 0 if ok else 1, "signal": None, "cpu_ms": 0,
            "wall_ms": int((time.monotonic() - started) * 1000), "memory_kb": 0, "stdout": "", "stdout_bytes": 0,
            "output_exceeded": False, "stderr": message, "timed_out": None, "oom_killed": False, "clean": True}


def compile_phase(request):
    spec = request["compile"]
    cmd = spec["cmd"]
    if cmd[0] == "@python-syntax":
        return check_python_syntax(os.path.join(WORK, cmd[1]))
    return execute(cmd, None, limits_of(spec), spec.get("env"))


def failed(observation):
    return (observation["timed_out"] or observation["oom_killed"] or observation["output_exceeded"]
            or observation["exit_code"] != 0 or observation.get("start_failed"))


def run_phase(request):
    spec = request["run"]
    limits = limits_of(spec)
    if not request.get("writable_work_dir"):
        # Programs read their work directory but cannot create files in it (scratch space is /tmp).
        os.chown(WORK, 0, 0)
        os.chmod(WORK, 0o755)
    results = []
    stdin_path = os.path.join(WORK, ".stdin")
    for test in request["tests"]:
        with open(stdin_path, "wb") as stdin_file:
            stdin_file.write(test.get("stdin", "").encode("utf-8"))
        os.chmod(stdin_path, 0o444)
        observation = execute(spec["cmd"], stdin_path, limits, spec.get("env"))
        os.unlink(stdin_path)
        results.append(observation)
        if request.get("stop_on_failure") and failed(observation):
            break
    return results


def work_path(name):
    """A path inside the work directory; sub-directories are created, escapes refused."""
    path = os.path.normpath(os.path.join(WORK, name))
    if not path.startswith(WORK + "/"):
        raise ValueError("bad file name: " + name)
    return path


def prepare_work_dir(files, binary_files):
    if not clear_scratch():
        raise RuntimeError("scratch directories could not be cleared")
    os.mkdir(WORK, 0o755)
    os.chown(WORK, SANDBOX_UID, SANDBOX_UID)
    contents = {name: content.encode("utf-8") for name, content in files.items()}
    contents.update({name: base64.b64decode(data) for name, data in (binary_files or {}).items()})
    for name, content in contents.items():
        path = work_path(name)
        directory = os.path.dirname(path)
        if not os.path.isdir(directory):
            os.makedirs(directory, 0o755)
            os.chown(directory, SANDBOX_UID, SANDBOX_UID)
        with open(path, "wb") as handle:
            handle.write(content)
        os.chown(path, SANDBOX_UID, SANDBOX_UID)


def fetch_files(names, limit_bytes=1 << 20):
    fetched = {}
    for name in names or []:
        try:
            path = work_path(name)
            if os.path.isfile(path) and not os.path.islink(path) and os.path.getsize(path) <= limit_bytes:
                with open(path, "rb") as handle:
                    fetched[name] = base64.b64encode(handle.read()).decode("ascii")
        except (OSError, ValueError):
            pass
    return fetched


def main():
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    request = read_request()
    reply = {"compile": None, "tests": []}
    if request.get("files") is not None:
        prepare_work_dir(request["files"], request.get("binary_files"))
    elif not os.path.isdir(WORK):
        raise RuntimeError("no work directory: the compile phase did not run in this container")
    if request.get("compile"):
        reply["compile"] = compile_phase(request)
    compiled = reply["compile"] is None or not failed(reply["compile"])
    if compiled and request.get("run"):
        reply["tests"] = run_phase(request)
    if request.get("fetch_files"):
        reply["files"] = fetch_files(request["fetch_files"])
    keep = request.get("keep_work_dir", False) and compiled
    clean = kill_everything()
    if not keep:
        clean = clear_scratch() and clean
    reply["clean"] = clean and all(t.get("clean", True) for t in reply["tests"])
    sys.stdout.write(json.dumps(reply))
    sys.stdout.write("\n")
    sys.stdout.flush()


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # an anomaly: the caller recycles the container
        import traceback
        sys.stderr.write("runner failure: %s: %s\n%s" % (type(error).__name__, error, traceback.format_exc()[-1500:]))
        sys.exit(3)
