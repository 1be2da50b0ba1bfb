"""A local stand-in for the runner's judged test (notes: JUDGED_RUN.md): the program (callee.py) and the judge
(judge.py) as two processes joined by two pipes on fds 3 and 4, the judge input on the judge's stdin, the program's
limits enforced from outside. Run as root, the program gets uid 65534 and the judge uid 65533, as in the sandbox;
otherwise both run as the caller's uid.

verdict() maps an observation the way the code-verifier does (CodeJudge): the program's limit verdicts win, then
the judge's JSON decides.
"""
import fcntl
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COMMON = os.environ.get("REWARDS_HARNESS_DIR", os.path.join(ROOT, "sandbox", "common"))
# The sandbox image's interpreter is Debian's python3 (with python3-numpy); a root-only pyenv is not usable by 65534.
PYTHON = os.environ.get("REWARDS_PYTHON", "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable)
CALLEE = [PYTHON, os.path.join(COMMON, "callee.py")]
JUDGE = [PYTHON, "-I", os.path.join(COMMON, "judge.py")]
AS_ROOT = os.geteuid() == 0 and os.environ.get("REWARDS_SAME_UID") != "1"
PROGRAM_UID, JUDGE_UID = 65534, 65533
JUDGE_OUTPUT_BYTES = 1 << 20


class Capture(threading.Thread):
    """Reads a pipe to its end, keeping the first `limit` bytes, like the runner does."""

    def __init__(self, stream, limit):
        super().__init__(daemon=True)
        self.stream, self.limit = stream, limit
        self.data, self.total = bytearray(), 0
        self.start()

    def run(self):
        while True:
            chunk = self.stream.read(1 << 16)
            if not chunk:
                break
            self.total += len(chunk)
            if len(self.data) < self.limit:
                self.data += chunk[:self.limit - len(self.data)]
        self.stream.close()

    def text(self):
        self.join()
        return self.data.decode("utf-8", "replace")


def _program_limits(cpu_seconds, memory_mb):
    def apply():
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
        if memory_mb:
            size = memory_mb << 20
            resource.setrlimit(resource.RLIMIT_AS, (size, size))
        os.setsid()
        _become(PROGRAM_UID)
    return apply


def _judge_setup():
    os.setsid()
    _become(JUDGE_UID)


def _become(uid):
    if AS_ROOT:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)


def _spawn(cmd, cwd, stdin_data, read_fd, write_fd, preexec, output_limit):
    """Starts cmd with fd 3 = read_fd and fd 4 = write_fd (through bash, whose redirections do the dup2)."""
    shell = 'exec "$@" 3<&%d 4>&%d %d<&- %d>&-' % (read_fd, write_fd, read_fd, write_fd)
    process = subprocess.Popen(["/bin/bash", "-c", shell, "bash"] + cmd, cwd=cwd, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, pass_fds=(read_fd, write_fd),
                               preexec_fn=preexec)
    out, err = Capture(process.stdout, output_limit), Capture(process.stderr, 8192)

    def feed():
        try:
            process.stdin.write(stdin_data.encode("utf-8", "surrogatepass"))
            process.stdin.close()
        except OSError:
            pass
    threading.Thread(target=feed, daemon=True).start()
    return process, out, err


def run(solution, judge_input, time_ms=4000, memory_mb=512, output_bytes=1 << 20, stdin="", wall_ms=None):
    """One judged test; returns the observation dict (program fields plus "judge"). The wall limit defaults to the
    runner's (twice the CPU time plus a second); on a loaded machine give more."""
    work = tempfile.mkdtemp(prefix="judged-")
    try:
        os.chmod(work, 0o755)
        with open(os.path.join(work, "solution.py"), "w", encoding="utf-8", errors="surrogatepass") as f:
            f.write(solution)
        # Above 4, so that the shell's 3<&n 4>&m never meets its own source fd.
        requests_r, requests_w, replies_r, replies_w = _high(os.pipe()) + _high(os.pipe())
        started = time.monotonic()
        wall = (wall_ms if wall_ms is not None else time_ms * 2 + 1000) / 1000
        program, out, err = _spawn(CALLEE, work, stdin, requests_r, replies_w,
                                   _program_limits(max(1, -(-time_ms // 1000)), memory_mb), output_bytes)
        judge, jout, jerr = _spawn(JUDGE, work, json.dumps(judge_input) if not isinstance(judge_input, str)
                                   else judge_input, replies_r, requests_w, _judge_setup, JUDGE_OUTPUT_BYTES)
        for fd in (requests_r, requests_w, replies_r, replies_w):
            os.close(fd)
        timed_out = judge_timed_out = None
        try:
            judge.wait(timeout=wall)
        except subprocess.TimeoutExpired:
            if program.poll() is None:
                _kill(program)
                timed_out = "wall"
            try:
                judge.wait(timeout=2)
            except subprocess.TimeoutExpired:
                _kill(judge)
                judge.wait()
                judge_timed_out = "wall"
        if program.poll() is None:
            _kill(program)
        program.wait()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        code = program.returncode
        if code is not None and code < 0 and -code in (signal.SIGXCPU, signal.SIGKILL) and timed_out is None \
                and time.monotonic() - started >= 0.9 * max(1, -(-time_ms // 1000)):
            timed_out = "cpu" if -code == signal.SIGXCPU else timed_out
        stdout = out.text()
        return {
            "exit_code": code if code is not None and code >= 0 else None,
            "signal": -code if code is not None and code < 0 else None,
            "stdout": stdout, "stderr": err.text(), "timed_out": timed_out,
            "output_exceeded": out.total > output_bytes, "oom_killed": False,
            "wall_ms": int((time.monotonic() - started) * 1000), "cpu_ms": int(usage.ru_utime * 1000),
            "judge": {"exit_code": judge.returncode if judge.returncode >= 0 else None,
                      "signal": -judge.returncode if judge.returncode < 0 else None,
                      "stdout": jout.text(), "stderr": jerr.text(), "timed_out": judge_timed_out},
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _high(fds):
    moved = tuple(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in fds)
    for fd in fds:
        os.close(fd)
    return moved


def _kill(process):
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        try:
            process.kill()
        except ProcessLookupError:
            pass


def has_module(name):
    """Whether the interpreter the tests run with can import module `name`."""
    return subprocess.run([PYTHON, "-c", "import " + name], capture_output=True).returncode == 0


def verdict(observation):
    """accepted | wrong_answer | runtime_error | time_limit | memory_limit | output_limit | bad_test | judge_failure,
    as CodeJudge maps a judged test."""
    if observation["timed_out"]:
        return "time_limit"
    if observation["oom_killed"] or observation["stderr"].rstrip().endswith("MemoryError"):
        return "memory_limit"
    if observation["output_exceeded"]:
        return "output_limit"
    judge = observation["judge"]
    if judge["timed_out"]:
        return "time_limit"
    try:
        result = json.loads(judge["stdout"]) if judge["exit_code"] == 0 else None
    except ValueError:
        result = None
    if not isinstance(result, dict) or not isinstance(result.get("passed"), bool):
        return "judge_failure"
    if result["passed"]:
        return "accepted"
    kind = (result.get("error") or {}).get("kind")
    if kind == "bad_test":
        return "bad_test"
    if kind == "runtime_error" or kind == "no_reply":
        return "runtime_error"
    return "wrong_answer"


def judge_result(observation):
    try:
        return json.loads(observation["judge"]["stdout"])
    except ValueError:
        return None
