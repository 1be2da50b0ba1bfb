package dev.rewards.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.rewards.code.docker.DockerSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every isolation property of the sandbox, each probed from inside by a hostile program. The pool has one
 * container per language, so consecutive submissions share a container and leaks between them would show.
 */
class IsolationIT {

    private static DockerSandbox sandbox;
    private static CodeJudge judge;
    private static final CodeLimits LIMITS = new CodeLimits(2000, 128, 64);

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandboxes.start(1);
        judge = new CodeJudge(sandbox, LimitPolicy.STANDARD);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    private static ProgramRun python(String code) {
        return judge.run(Language.PYTHON, code, "", LIMITS, Map.of(), List.of());
    }

    private static String stdout(String code) {
        ProgramRun run = python(code);
        assertThat(run.status()).as(run.run() == null ? "" : run.run().stderr()).isEqualTo(Verdict.ACCEPTED);
        return run.run().stdout();
    }

    @Test
    void noNetwork() {
        assertThat(stdout("""
                import socket
                try:
                    socket.create_connection(("1.1.1.1", 53), timeout=1); print("connected")
                except OSError as e:
                    print("blocked")
                print(sorted(n for _, n in socket.if_nameindex()))
                """)).isEqualTo("blocked\n['lo']\n");
    }

    @Test
    void unprivilegedWithoutAnyCapabilityAndNoNewPrivileges() {
        String status = stdout("import os\nprint(os.getuid(), os.getgid(), os.getgroups())\nprint(open('/proc/self/status').read())");
        assertThat(status).startsWith("65534 65534 []\n");
        for (String set : List.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")) {
            assertThat(status).contains(set + ":\t0000000000000000");
        }
        assertThat(status).contains("NoNewPrivs:\t1");
    }

    @Test
    void readOnlyRootAndWorkDirectoryCappedScratch() {
        assertThat(stdout("""
                import os
                for path in ["/usr/evil", "/etc/evil", "evil-in-work-dir"]:
                    try:
                        open(path, "w"); print("wrote", path)
                    except OSError as e:
                        print("denied", path)
                try:
                    with open("/tmp/big", "wb") as f:
                        for _ in range(200): f.write(b"x" * (1 << 20))
                    print("wrote 200 MiB")
                except OSError as e:
                    print("capped")
                """)).isEqualTo("denied /usr/evil\ndenied /etc/evil\ndenied evil-in-work-dir\ncapped\n");
    }

    @Test
    void limitsAreSetPidsMemoryCpuFilesNoSwap() {
        assertThat(stdout("""
                import resource
                print(resource.getrlimit(resource.RLIMIT_NOFILE)[0] <= 1024, resource.getrlimit(resource.RLIMIT_FSIZE)[0] == 64 << 20, resource.getrlimit(resource.RLIMIT_CORE)[0])
                cg = "/sys/fs/cgroup/"
                print(open(cg + "pids/pids.max").read().strip())
                limit = int(open(cg + "memory/memory.limit_in_bytes").read())
                swap = int(open(cg + "memory/memory.memsw.limit_in_bytes").read()) if __import__("os").path.exists(cg + "memory/memory.memsw.limit_in_bytes") else limit
                print(limit == swap, limit <= (128 + 64) << 20)
                print(open(cg + "cpu/cpu.cfs_quota_us").read().strip(), open(cg + "cpu/cpu.cfs_period_us").read().strip())
                """)).isEqualTo("True True 0\n128\nTrue True\n100000 100000\n");
    }

    @Test
    void noDockerSocketNoHostPathsOwnPidNamespace() {
        assertThat(stdout("""
                import os
                print(os.path.exists("/var/run/docker.sock"), os.path.exists("/run/docker.sock"))
                print(open("/proc/1/cmdline").read().replace("\\0", " ").strip())
                print(sorted({line.split()[1] for line in open("/proc/self/mounts")} & {"/work", "/home", "/root", "/var/lib/docker"}))
                """)).isEqualTo("False False\npython3 -I /opt/rewards/serve.py\n[]\n");
    }

    @Test
    void theRunnerCannotBeStoppedOrKilled() {
        ProgramRun run = python("""
                import os, signal
                for sig in (signal.SIGSTOP, signal.SIGKILL):
                    try:
                        os.kill(os.getppid(), sig); print("signalled")
                    except PermissionError:
                        print("refused")
                os.kill(-1, signal.SIGKILL)
                print("alive")
                """);
        assertThat(run.run().stdout()).isEqualTo("refused\nrefused\nalive\n");
        assertThat(stdout("print('next')")).isEqualTo("next\n");
    }

    @Test
    void daemonsAndScratchFilesDoNotOutliveTheSubmission() {
        ProgramRun first = python("""
                import os, time
                open("/tmp/secret", "w").write("from an earlier submission")
                open("/dev/shm/secret", "w").write("shm")
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        time.sleep(3)
                        open("/tmp/late", "w").write("the daemon survived")
                        time.sleep(60)
                    os._exit(0)
                print("parent done")
                """);
        assertThat(first.status()).isEqualTo(Verdict.ACCEPTED);
        assertThat(stdout("""
                import os, time
                time.sleep(4)
                print(os.path.exists("/tmp/secret"), os.path.exists("/dev/shm/secret"), os.path.exists("/tmp/late"))
                others = [p for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, os.getpid(), os.getppid())]
                print(others)
                """)).isEqualTo("False False False\n[]\n");
    }

    @Test
    void forkBombEndsAndTheContainerStillServes() {
        ProgramRun bomb = python("import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n");
        // ≈128 interpreters (the pids limit) hold more than the memory limit between them before the CPU runs out.
        assertThat(bomb.status()).isIn(Verdict.MEMORY_LIMIT, Verdict.TIME_LIMIT);
        assertThat(stdout("print('after the bomb')")).isEqualTo("after the bomb\n");
    }

    @Test
    void outputFloodAndStderrFlood() {
        ProgramRun tooMuch = python("import sys\nsys.stdout.write('x' * (2 << 20))\n");
        assertThat(tooMuch.status()).isEqualTo(Verdict.OUTPUT_LIMIT);
        assertThat(tooMuch.run().stdout()).hasSize(64 * 1024);
        ProgramRun stderrFlood = python("import sys\nwhile True:\n    sys.stderr.write('e' * 65536)\n");
        assertThat(stderrFlood.status()).isEqualTo(Verdict.TIME_LIMIT);
        assertThat(stderrFlood.run().stderr().length()).isLessThanOrEqualTo(8192);
    }

    @Test
    void numpyMemoryBombIsAMemoryLimit() {
        ProgramRun run = python("import numpy as np\na = np.ones((1 << 30) // 8 * 2)\nprint(a.sum())\n");
        assertThat(run.status()).isEqualTo(Verdict.MEMORY_LIMIT);
    }

    @Test
    void compilationOfAnEndlessIncludeIsACompileError() {
        ProgramRun run = judge.run(Language.C, "#include \"/dev/zero\"\nint main(void){return 0;}\n", "",
                LIMITS, Map.of(), List.of());
        assertThat(run.status()).isEqualTo(Verdict.COMPILE_ERROR);
    }

    @Test
    void exitingBeforeTheAssertsDoesNotPass() {
        for (String exit : List.of("import sys\nsys.exit(0)", "import os\nos._exit(0)", "raise SystemExit")) {
            CodeResult result = judge.verify(new CodeSubmission("x", Language.PYTHON, null,
                    "def add(a, b):\n    return a - b\n" + exit + "\n",
                    new TestSuite.Assert("def check(f):\n    assert f(1, 2) == 3\n", "add"), LIMITS, null, false,
                    true));
            assertThat(result.status()).as(exit).isNotEqualTo(Verdict.ACCEPTED);
        }
        CodeResult honest = judge.verify(new CodeSubmission("x", Language.PYTHON, null,
                "def add(a, b):\n    return a + b\n",
                new TestSuite.Assert("def check(f):\n    assert f(1, 2) == 3\n", "add"), LIMITS, null, false, true));
        assertThat(honest.status()).isEqualTo(Verdict.ACCEPTED);
    }
}
