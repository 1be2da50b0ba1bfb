package dev.rewards.code.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.rewards.code.Language;
import dev.rewards.code.Sandbox;
import dev.rewards.code.SandboxUnavailableException;
import dev.rewards.code.Sandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The runner's protocol end to end on a real container: judged runs with a stand-in judge and callee (the real
 * judge.py is the harness's), streamed tests, bounded replies, cancellation and the seccomp profile.
 */
class RunnerIT {

    /** A stand-in judge: sends the args of its input over fd 4, reads the reply on fd 3, prints its verdict. */
    private static final String JUDGE = """
            import json, os, sys, time
            data = json.loads(sys.stdin.read())
            if data.get("burn_ms"):
                t = time.process_time()
                while (time.process_time() - t) * 1000 < data["burn_ms"]: pass
            if data.get("sleep"):
                time.sleep(3600)
            os.write(4, (json.dumps(data["args"]) + "\\n").encode())
            os.close(4)
            reply = b""
            while True:
                chunk = os.read(3, 65536)
                if not chunk:
                    break
                reply += chunk
            got = json.loads(reply) if reply.strip() else None
            print(json.dumps({"passed": got == data["expected"], "uid": os.getuid(), "got": got}))
            """;
    private static final String SECRET = "expected-value-7f3a9c";

    /**
     * A hostile callee: looks for the judge's input everywhere it can, tries to stop the judge, then answers. It
     * carries the secret reversed, so that finding its own source is no false alarm.
     */
    private static final String CALLEE = """
            import glob, json, os, signal
            needle = "%s"[::-1].encode()
            args = json.loads(os.fdopen(3).readline())
            found, signalled = [], []
            for path in glob.glob("/proc/[0-9]*"):
                for part in ("cmdline", "environ", "fd/0", "fd/3", "fd/4", "mem"):
                    try:
                        with open(path + "/" + part, "rb") as f:
                            if needle in f.read(1 << 20):
                                found.append(path + "/" + part)
                    except OSError:
                        pass
                try:
                    if open(path + "/status").read().split("Uid:")[1].split()[0] == "65533":
                        os.kill(int(path[6:]), signal.SIGKILL)
                        signalled.append(path)
                except (OSError, IndexError, ValueError):
                    pass
            for root in ("/tmp", "/dev/shm", "/sandbox", "/opt/rewards"):
                for directory, _, files in os.walk(root):
                    for name in files:
                        try:
                            if needle in open(os.path.join(directory, name), "rb").read():
                                found.append(os.path.join(directory, name))
                        except OSError:
                            pass
            print("found", found, "signalled", signalled)
            os.write(4, json.dumps(sum(args)).encode())
            """.formatted(new StringBuilder(SECRET).reverse());

    private static DockerSandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandboxes.start(1);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    private static Sandbox.Command run(int timeMs, long outputBytes) {
        return new Sandbox.Command(List.of("python3", "main.py"), timeMs, timeMs * 2 + 3000, outputBytes, 64, 0,
                Map.of());
    }

    private static Sandbox.Command judge(int wallMs) {
        return new Sandbox.Command(List.of("python3", "-c", JUDGE), 5000, wallMs, 65536, 1, 0, Map.of());
    }

    private static Sandbox.Job judged(String callee, int timeMs, int judgeWallMs, String... inputs) {
        return new Sandbox.Job(Map.of("main.py", callee), null, run(timeMs, 65536),
                Collections.nCopies(inputs.length, ""), false, 128, 128).withJudge(judge(judgeWallMs), List.of(inputs));
    }

    /**
     * What a request's env could add that loads code or changes an interpreter's start-up; PYTHONUNBUFFERED is on the
     * allow-list (it only changes buffering).
     */
    private static final Map<String, String> HOSTILE_ENV = Map.of("LD_PRELOAD", "/sandbox/work/evil.so",
            "NODE_OPTIONS", "--require /sandbox/work/evil.js", "JAVA_TOOL_OPTIONS", "-javaagent:/sandbox/work/a.jar",
            "RUBYOPT", "-r/sandbox/work/evil", "BASH_ENV", "/sandbox/work/evil.sh", "GOFLAGS", "-toolexec=/bin/evil",
            "PYTHONPATH", "/sandbox/work", "PATH", "/sandbox/work", "PYTHONUNBUFFERED", "1");
    private static final String LEAKS = """
            leaked=""
            for name in LD_PRELOAD NODE_OPTIONS JAVA_TOOL_OPTIONS RUBYOPT BASH_ENV GOFLAGS PYTHONPATH; do
              if [ -n "${!name+x}" ]; then leaked="$leaked $name"; fi
            done
            case "$PATH" in *sandbox*) leaked="$leaked PATH" ;; esac
            if [ -n "$leaked" ]; then echo "leaked:$leaked" >&2; exit 1; fi
            echo "env clean, PYTHONUNBUFFERED=$PYTHONUNBUFFERED" >&2
            """;

    @ParameterizedTest
    @EnumSource(Sandbox.Companion.Kind.class)
    void aCompanionGetsAnAllowListedEnvironmentNothingThatLoadsCode(Sandbox.Companion.Kind kind) {
        String script = LEAKS + (kind == Sandbox.Companion.Kind.INTERACTOR ? "echo 21\nread -r answer\n"
                + "[ \"$answer\" = 42 ] && exit 0 || exit 1\n" : "exit 0\n");
        String program = kind == Sandbox.Companion.Kind.INTERACTOR ? "print(int(input()) * 2)\n" : "print(42)\n";
        List<String> cmd = kind == Sandbox.Companion.Kind.INTERACTOR
                ? List.of("bash", "/sandbox/judge/companion.sh", "/sandbox/check/input", "/sandbox/check/tout")
                : List.of("bash", "/sandbox/judge/companion.sh", "/sandbox/check/input", "/sandbox/check/output",
                "/sandbox/check/answer");
        Sandbox.Companion companion = new Sandbox.Companion(kind, new Sandbox.Command(cmd, 5000, 20_000, 65536, 1, 0,
                HOSTILE_ENV), 256, false, false, List.of(0), Map.of("companion.sh", java.util.Base64.getEncoder()
                .encodeToString(script.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                List.of(kind == Sandbox.Companion.Kind.INTERACTOR ? Map.of("input", "21\n")
                        : Map.of("input", "", "answer", "42\n")));
        Sandbox.Job job = new Sandbox.Job(Map.of("main.py", program), null, run(5000, 65536), List.of(""), false, 128,
                128).withCompanion(companion, 512);
        Sandbox.Observation test = sandbox.execute(Language.PYTHON, job).tests().get(0);
        assertThat(test.judge()).isNotNull();
        assertThat(test.judge().stderr()).as(test.judge().stderr() + test.stderr())
                .contains("env clean, PYTHONUNBUFFERED=1").doesNotContain("leaked");
        assertThat(test.judge().exitCode()).isZero();
    }

    @Test
    void aJudgedHarnessAndItsJudgeGetAnAllowListedEnvironment() {
        String callee = """
                import json, os
                args = json.loads(os.fdopen(3).readline())
                names = ("LD_PRELOAD", "NODE_OPTIONS", "JAVA_TOOL_OPTIONS", "RUBYOPT", "BASH_ENV", "GOFLAGS",
                         "PYTHONPATH")
                print(sorted(n for n in names if n in os.environ), "/sandbox" in os.environ["PATH"],
                      os.environ.get("PYTHONUNBUFFERED"))
                os.write(4, json.dumps(sum(args)).encode())
                """;
        Sandbox.Command hostileRun = new Sandbox.Command(List.of("python3", "main.py"), 5000, 13_000, 65536, 64, 0,
                HOSTILE_ENV);
        Sandbox.Command hostileJudge = new Sandbox.Command(List.of("python3", "-c", JUDGE), 5000, 30_000, 65536, 1,
                0, HOSTILE_ENV);
        Sandbox.Outcome outcome = sandbox.execute(Language.PYTHON, new Sandbox.Job(Map.of("main.py", callee), null,
                hostileRun, List.of("", ""), false, 128, 128).withJudge(hostileJudge,
                List.of("{\"args\": [1, 2], \"expected\": 3}", "{\"args\": [2, 2], \"expected\": 4}")));
        assertThat(outcome.tests()).hasSize(2).allSatisfy(test -> {
            assertThat(test.stdout()).as(test.stderr()).isEqualTo("[] False 1\n");
            assertThat(test.judge().stdout()).as(test.judge().stderr()).startsWith("{\"passed\": true");
        });
    }

    @Test
    void theJudgeDecidesAndNothingOfItsInputReachesTheProgram() {
        Sandbox.Outcome outcome = sandbox.execute(Language.PYTHON, judged(CALLEE, 5000, 30_000,
                "{\"args\": [1, 2], \"expected\": 3, \"secret\": \"" + SECRET + "\"}",
                "{\"args\": [1, 2], \"expected\": 4, \"secret\": \"" + SECRET + "\"}"));
        assertThat(outcome.tests()).hasSize(2);
        Sandbox.Observation first = outcome.tests().get(0);
        assertThat(first.stdout()).as(first.stderr()).isEqualTo("found [] signalled []\n");
        assertThat(first.judge().exitCode()).isZero();
        assertThat(first.judge().stdout()).isEqualTo("{\"passed\": true, \"uid\": 65533, \"got\": 3}\n");
        assertThat(outcome.tests().get(1).judge().stdout()).startsWith("{\"passed\": false");
    }

    @Test
    void theJudgesCpuIsNotTheProgramsAndAProgramAtItsLimitLeavesTheJudgeAnEof() {
        Sandbox.Outcome burn = sandbox.execute(Language.PYTHON, judged(
                "import json, os\nos.write(4, json.dumps(sum(json.loads(os.fdopen(3).readline()))).encode())\n",
                20_000, 120_000, "{\"args\": [2, 2], \"expected\": 4, \"burn_ms\": 500}"));
        Sandbox.Observation observation = burn.tests().get(0);
        assertThat(observation.judge().stdout()).as(observation.toString()).startsWith("{\"passed\": true");
        assertThat(observation.judge().cpuMs()).isGreaterThanOrEqualTo(500);
        assertThat(observation.cpuMs()).isLessThan(500);

        Sandbox.Observation spinning = sandbox.execute(Language.PYTHON, judged("while True: pass\n", 500, 60_000,
                "{\"args\": [2, 2], \"expected\": 4}")).tests().get(0);
        assertThat(spinning.timedOut()).isNotNull();
        assertThat(spinning.judge().exitCode()).isZero();
        assertThat(spinning.judge().stdout()).startsWith("{\"passed\": false");
    }

    @Test
    void aJudgeBeyondItsWallIsKilledAndSaysSo() {
        Sandbox.Observation observation = sandbox.execute(Language.PYTHON, judged(
                "import os\nos.read(3, 1)\n", 5000, 2000, "{\"args\": [], \"expected\": 0, \"sleep\": true}"))
                .tests().get(0);
        assertThat(observation.judge().timedOut()).isEqualTo("wall");
        assertThat(observation.judge().signal()).isEqualTo(9);
    }

    /**
     * Python's start-up executes .pth files of the user site directory, which is in the work directory (HOME): the
     * pre-started interpreter is root, so such a submission must get fresh interpreters, where the file runs as the
     * program itself (uid 65534), as it would on any judge.
     */
    @Test
    void aUserSitePthFileOfTheSubmissionRunsAsTheProgramNeverAsRoot() {
        Sandbox.Job job = new Sandbox.Job(Map.of(
                "main.py", "import os\nprint(os.environ.get('PTH_UID'), os.getuid())\n",
                ".local/lib/python3.11/site-packages/x.pth",
                "import os; os.environ['PTH_UID'] = str(os.getuid())\n"),
                null, run(5000, 65536), Collections.nCopies(3, ""), false, 128, 128);
        Sandbox.Outcome outcome = sandbox.execute(Language.PYTHON, job);
        assertThat(outcome.tests()).hasSize(3).allSatisfy(test -> assertThat(test.stdout()).isEqualTo("65534 65534\n"));
    }

    /**
     * The program the runner starts for {@code python3 main.py} (forked from a pre-started interpreter) against a
     * fresh {@code python3} it starts itself, as the same user with the same environment, limits and kinds of
     * descriptors: the state a program can see at its first line must be the same (what may differ is listed in
     * sandbox/common/zygote.py). Every test forks from a pristine interpreter: random state and pids are not shared.
     */
    @Test
    void aPythonProgramSeesWhatAFreshInterpreterWould() {
        String probe = """
                import sys, os
                def state(main_path):
                    status = dict(l.split(":", 1) for l in open("/proc/self/status").read().splitlines())
                    main = vars(sys.modules["__main__"])
                    return {
                        "modules": sorted(m for m in sys.modules),
                        "flags": repr(sys.flags), "path": sys.path[1:], "path0": sys.path[0], "argv": sys.argv,
                        "orig_argv": sys.orig_argv[1:],
                        "main": [(k, repr(v)) for k, v in main.items() if k not in ("__loader__", "state", "sys", "os")
                                 and not k.startswith("fresh")],
                        "loader": type(main["__loader__"]).__name__,
                        "importer_cache": sorted(k for k in sys.path_importer_cache if k not in (main_path, sys.path[0])),
                        "caps": [status[k].strip() for k in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")],
                        "signals": [status[k].strip() for k in ("SigBlk", "SigIgn", "SigCgt", "NoNewPrivs")],
                        "ids": [os.getresuid(), os.getresgid(), os.getgroups(), os.getsid(0) == os.getpid()],
                        "nice": os.getpriority(os.PRIO_PROCESS, 0), "cores": len(os.sched_getaffinity(0)),
                        "oom": open("/proc/self/oom_score_adj").read(), "cwd": os.getcwd(), "env": dict(os.environ),
                        "fds": sorted(os.listdir("/proc/self/fd")), "own_proc": os.stat("/proc/self/fd").st_uid,
                        "streams": [sys.stdin.seekable(), sys.stdin.buffer.raw._blksize, sys.stdout.line_buffering,
                                    sys.stdout.buffer.raw._blksize, sys.stderr.line_buffering, sys.stdout.encoding],
                        "limits": [open("/proc/self/limits").read()],
                        "recursion": sys.getrecursionlimit(), "int_digits": sys.get_int_max_str_digits(),
                    }
                mine = state(os.path.abspath(sys.argv[0]))
                if len(sys.argv) > 1:
                    print(__import__("json").dumps(mine))
                    sys.exit(0)
                import json, random
                """;
        // The fresh interpreter gets a copy of the probe (in /tmp, the only writable place) and descriptors of the
        // same kinds: a memfd on 0 and 1, a pipe on 2.
        String program = probe + """
                with open("/tmp/probe.py", "w") as f:
                    f.write(open(__file__).read())
                stdin_fd = os.memfd_create("stdin")
                out_fd = os.memfd_create("stdout")
                r, w = os.pipe()
                pid = os.fork()
                if pid == 0:
                    os.setsid(); os.dup2(stdin_fd, 0); os.dup2(out_fd, 1); os.dup2(w, 2)
                    os.closerange(3, 1024)
                    os.execvp("python3", ["python3", "/tmp/probe.py", "fresh"])
                os.close(w)
                os.waitpid(pid, 0)
                fresh = json.loads(os.pread(out_fd, 1 << 20, 0))
                fresh["argv"], fresh["path0"] = ["main.py"], mine["path0"]
                fresh["main"] = [[k, v.replace("/tmp/probe.py", os.path.abspath("main.py"))] for k, v in fresh["main"]]
                fresh["orig_argv"] = ["main.py"]
                mine = json.loads(json.dumps(mine))
                differences = {k: (mine[k], fresh[k]) for k in mine if mine[k] != fresh[k]}
                print(json.dumps(differences, sort_keys=True))
                print(random.getrandbits(64), os.getpid())
                """;
        Sandbox.Job job = new Sandbox.Job(Map.of("main.py", program), null, run(5000, 1 << 20),
                Collections.nCopies(3, ""), false, 256, 256);
        Sandbox.Outcome outcome = sandbox.execute(Language.PYTHON, job);
        assertThat(outcome.tests()).hasSize(3).allSatisfy(test -> {
            assertThat(test.exitCode()).as(test.stderr()).isZero();
            assertThat(test.stdout().lines().findFirst()).contains("{}");
        });
        assertThat(outcome.tests().stream().map(t -> t.stdout().lines().skip(1).findFirst().orElseThrow()).distinct())
                .as("random state and pid differ per test").hasSize(3);
    }

    @Test
    void testsStreamOneAtATimeAndTheRunnerHoldsNoneOfThemWhole() {
        // 60 tests of 1 MiB each: the old runner kept every output (and its JSON) until the end and was OOM-killed
        // in its 64 MiB of headroom.
        int tests = 60;
        Sandbox.Job job = new Sandbox.Job(Map.of("main.py", "import sys\nsys.stdout.buffer.write(b'\\xff' * ((1 << 20) - 1) + b'\\n')\n"),
                null, run(5000, 1 << 20), Collections.nCopies(tests, ""), false, 128, 128);
        List<Integer> order = new ArrayList<>();
        AtomicReference<String> bad = new AtomicReference<>();
        Sandbox.Outcome outcome = sandbox.execute(Language.PYTHON, job, (index, observation) -> {
            order.add(index);
            if (observation.stdout().length() != 1 << 20 || observation.stdoutBytes() != 1 << 20
                    || observation.outputExceeded() || observation.oomKilled()) {
                bad.set(index + ": " + observation);
            }
        });
        assertThat(bad.get()).isNull();
        assertThat(order).isEqualTo(IntStream.range(0, tests).boxed().toList());
        assertThat(outcome.tests()).hasSize(tests).allSatisfy(t -> assertThat(t.stdout()).isEmpty());
    }

    @Test
    void invalidUtf8AtTheOutputCapCostsTheServiceAFewTimesTheCapNotSixTimesMore() {
        // 0xFF bytes once came back as JSON escapes (6 bytes each), buffered whole and parsed into a tree: 64 MiB
        // of them cost +1.37 GB of heap. Now the bound is the line (cap × 4/3) plus the decoded text.
        long cap = 16L << 20;
        Sandbox.Job job = new Sandbox.Job(Map.of("main.py",
                "import sys\nsys.stdout.buffer.write(b'\\xff' * %d)\n".formatted(cap)), null,
                new Sandbox.Command(List.of("python3", "main.py"), 20_000, 60_000, cap, 64, 0, Map.of()),
                List.of(""), false, 256, 256);
        System.gc();
        List<java.lang.management.MemoryPoolMXBean> heap = java.lang.management.ManagementFactory
                .getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP).toList();
        long before = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
        heap.forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
        long[] length = {-1};
        sandbox.execute(Language.PYTHON, job, (index, observation) -> length[0] = observation.stdout().length());
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf("16 MiB of 0xFF: heap peak %d MiB above the %d MiB before%n", (peak - before) >> 20,
                before >> 20);
        assertThat(length[0]).isEqualTo(cap);
        // Summed pool peaks (garbage included) measured 11.75x here; the old path cost about 21x (1.37 GB for 64 MiB).
        assertThat(peak - before).isLessThan(16 * cap);
    }

    @Test
    void anInterruptedJobIsCancelledAndItsContainerRemoved() throws Exception {
        Sandbox.Job job = new Sandbox.Job(Map.of("main.py", "while True: pass\n"), null, run(20_000, 1024),
                Collections.nCopies(10, ""), false, 128, 128);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                sandbox.execute(Language.PYTHON, job);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        worker.start();
        List<String> before;
        try (DockerClient docker = sandbox.newClient()) {
            try {
                long until = System.currentTimeMillis() + 60_000;
                do {
                    Thread.sleep(500);
                    before = busyContainers(docker);
                } while (before.isEmpty() && System.currentTimeMillis() < until);
            } finally {
                // Always: a job left running would hold the only container of the pool.
                worker.interrupt();
            }
            assertThat(before).as("the spinning program runs").isNotEmpty();
            worker.join(30_000);
            assertThat(worker.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(SandboxUnavailableException.class)
                    .hasMessageContaining("cancelled");
            List<String> ids = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(DockerSandbox.OWNER_LABEL, sandbox.ownerLabel())).exec().stream()
                    .map(Container::getId).toList();
            assertThat(ids).doesNotContainAnyElementsOf(before);
        }
    }

    /** Containers of this sandbox in which a Python program of the sandbox user is running. */
    private static List<String> busyContainers(DockerClient docker) {
        List<String> busy = new ArrayList<>();
        for (Container container : docker.listContainersCmd()
                .withLabelFilter(Map.of(DockerSandbox.OWNER_LABEL, sandbox.ownerLabel())).exec()) {
            try {
                var top = docker.topContainerCmd(container.getId()).withPsArgs("-eo pid,user,args").exec();
                for (String[] process : top.getProcesses()) {
                    // The program runs as the sandbox user (a fresh `python3 main.py`, or forked from the zygote).
                    String user = process[1];
                    if ((user.equals("nobody") || user.equals("65534")) && process[2].contains("python3")) {
                        busy.add(container.getId());
                    }
                }
            } catch (RuntimeException ignored) {
                // the container went away meanwhile
            }
        }
        return busy;
    }

    @Test
    void ioUringIsBlockedByOurSeccompProfile() {
        Sandbox.Job job = new Sandbox.Job(Map.of("main.py", """
                import ctypes, os
                libc = ctypes.CDLL(None, use_errno=True)
                params = ctypes.create_string_buffer(120)
                for number, name in ((425, "setup"), (426, "enter"), (427, "register")):
                    result = libc.syscall(number, 0, 0, 0, 0, 0, 0) if name != "setup" else libc.syscall(425, 8, params)
                    print(name, result, ctypes.get_errno())
                """), null, run(5000, 65536), List.of(""), false, 128, 128);
        Sandbox.Observation observation = sandbox.execute(Language.PYTHON, job).tests().get(0);
        assertThat(observation.stdout()).as(observation.stderr()).isEqualTo("setup -1 1\nenter -1 1\nregister -1 1\n");
    }

    @Test
    void aBadFileNameIsTheCallersErrorAndTheContainerStaysInService() {
        Sandbox.Job job = new Sandbox.Job(Map.of("main.py", "print(1)\n"), null, run(5000, 1024), List.of(""), false,
                128, 128);
        for (String name : List.of("../escape", "/etc/passwd", "a//b", "x/./y", "nul\u0000byte")) {
            assertThatThrownBy(() -> sandbox.execute(Language.PYTHON, job.withFiles(Map.of(name, "aGk="), List.of())))
                    .as(name).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad file name");
        }
        assertThat(sandbox.execute(Language.PYTHON, job).tests().get(0).stdout()).isEqualTo("1\n");
    }
}
