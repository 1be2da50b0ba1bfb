"""Entry point (pid 1) of a warm sandbox container: serves the code-verifier's runner requests over the container's
own standard streams, which the service holds attached for the container's whole life.

Starting the runner with an Engine-API exec per phase cost more than the programs of a typical submission: the exec
(runc joining the container's namespaces) takes 0.1–0.3 s of the engine's CPU and ≈55 ms of latency, then an
interpreter starts and imports the runner. Here the runner is imported once and each request is served by a fork of
this pristine process, so every request still starts from the same state as a fresh `python3 runner.py`: nothing a
request did (globals, reaped children, a changed working directory) reaches the next one, and no code of a submission
ever runs in this process or in the runner (programs are started as other uids, from the child).

Protocol: the same request as the runner's (a line with the byte length, then that many bytes of JSON) on stdin; the
runner's NDJSON reply on stdout, followed, once the child has ended, by a line of our own — `{"type": "exit",
"code": N}` with the child's exit status (0 valid reply, 3 runner failure, -S killed by signal S), preceded by a newline
so that it is always a line of its own even after a reply cut short; the service skips empty lines. Before the first
request: `{"type": "ready"}`. Any output between requests is an anomaly for the service (the container goes).
"""
import json
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import runner  # noqa: E402  (imported once, before any fork: what every request saves)

MAX_HEADER_BYTES = 32


class Requests:
    """Length-prefixed requests read with os.read: no buffered reader may hold the next request's bytes."""

    def __init__(self, fd):
        self.fd = fd
        self.pending = b""

    def _fill(self):
        chunk = os.read(self.fd, 1 << 20)
        if not chunk:
            raise EOFError
        self.pending += chunk

    def next(self):
        while b"\n" not in self.pending:
            if len(self.pending) > MAX_HEADER_BYTES:
                raise ValueError("bad request header")
            self._fill()
        header, self.pending = self.pending.split(b"\n", 1)
        length = int(header.strip())
        parts = [self.pending[:length]]
        have = len(parts[0])
        self.pending = self.pending[length:]
        while have < length:
            chunk = os.read(self.fd, min(1 << 20, length - have))
            if not chunk:
                raise EOFError
            parts.append(chunk)
            have += len(chunk)
        return b"".join(parts)


def write_line(obj):
    data = ("\n" + json.dumps(obj, separators=(",", ":")) + "\n").encode("ascii")
    while data:
        data = data[os.write(1, data):]


def stop(signum, frame):
    """The engine stops the container (`docker stop`, its own shutdown): the request in flight is abandoned, not
    finished — its caller sees the stream end and retries elsewhere, as it would have seen a cut exec. The kernel
    kills every other process of the container when its pid 1 ends."""
    os._exit(128 + signum)


def serve_one(body):
    """Runs one request in a forked child; returns its exit status for the exit line."""
    child = os.fork()
    if child == 0:
        code = 3
        try:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            os.close(devnull)
            code = runner.run_request(body)
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    _, status = os.waitpid(child, 0)
    # Whatever the child left behind (it kills every process before its reply ends) was reparented to us, pid 1.
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            break
    return os.waitstatus_to_exitcode(status)


def main():
    signal.signal(signal.SIGTERM, stop)
    requests = Requests(0)
    write_line({"type": "ready"})
    while True:
        try:
            body = requests.next()
        except EOFError:
            # No one attached (stdin is not open: a container started by hand or by a test that uses execs): stay up
            # as the old idle entry point did.
            while True:
                signal.pause()
        write_line({"type": "exit", "code": serve_one(body)})


if __name__ == "__main__":
    main()
