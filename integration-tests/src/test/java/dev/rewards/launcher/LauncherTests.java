package dev.rewards.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher's process and file hygiene, on a copy of {@code ./rewards} under a root of its own: the script is
 * sourced (it then defines its functions and runs nothing), its prerequisite and build steps are replaced, and
 * {@code java}, {@code docker} and {@code debootstrap} are fakes on the PATH — so nothing here touches the real
 * suite, its ports or the Docker engine. Each run gets its own session, so that a Ctrl-C can be sent as a terminal
 * sends it: SIGINT to the whole process group.
 */
class LauncherTests {

    private static final Path REPOSITORY = Path.of(System.getProperty("rewards.root", "..")).toAbsolutePath()
            .normalize();
    private static final String VERSION = "9.9.9";

    @TempDir
    Path work;

    private Path suite;
    private Path bin;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void copyTheLauncher() throws IOException {
        suite = work.resolve("suite with space");
        bin = work.resolve("bin");
        Files.createDirectories(suite.resolve("scripts"));
        Files.createDirectories(suite.resolve("sandbox/base"));
        Files.createDirectories(bin);
        Files.createDirectories(work.resolve("tmp"));
        Files.copy(REPOSITORY.resolve("rewards"), suite.resolve("rewards"));
        Files.copy(REPOSITORY.resolve("scripts/images.sh"), suite.resolve("scripts/images.sh"));
        Files.writeString(suite.resolve("pom.xml"), """
                <project>
                  <artifactId>rewards-parent</artifactId>
                  <version>%s</version>
                </project>
                """.formatted(VERSION));
        Files.writeString(suite.resolve("sandbox/base/packages.txt"), "python3\n");
        Files.createDirectories(suite.resolve("docker/service"));
        Files.writeString(suite.resolve("docker/service/Dockerfile"), "FROM scratch\n");
        Files.writeString(suite.resolve("docker/service/healthcheck.sh"), "exit 0\n");
        for (String service : List.of("alpha", "beta")) {
            Path target = Files.createDirectories(suite.resolve(service).resolve("target"));
            Files.writeString(target.resolve(service + "-" + VERSION + "-exec.jar"), "");
        }
        // A service that never becomes ready; its command line is what the launcher gave java.
        executable("java", "while :; do sleep 0.2; done");
        executable("docker", """
                case "$1" in
                  build) sleep 300 ;;
                  *) exit 1 ;;
                esac""");
        executable("debootstrap", """
                echo "$4" >"%s"
                sleep 300""".formatted(work.resolve("rootfs-path")));
    }

    @AfterEach
    void stopStrays() {
        started.forEach(process -> process.descendants().forEach(ProcessHandle::destroyForcibly));
        started.forEach(Process::destroyForcibly);
    }

    private void executable(String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The launcher sourced in a new session with the fakes first on the PATH, then {@code commands}. */
    private Launcher launch(String commands) throws IOException {
        String script = """
                source "%s/rewards"
                prerequisites() { :; }
                build_if_stale() { :; }
                SERVICES=(alpha:%d beta:%d)
                %s
                """.formatted(suite, freePort(), freePort(), commands);
        // SIGINT back to its default (a shell ignores what was ignored when it started, e.g. under a background
        // build), and a session of its own, whose process group id is the launcher's pid.
        ProcessBuilder builder = new ProcessBuilder("python3", "-c", """
                import os, signal, sys
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                os.setsid()
                os.execvp("bash", ["bash", "-c", sys.argv[1]])
                """, script).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PATH", bin + ":" + env.get("PATH"));
        env.put("TMPDIR", work.resolve("tmp").toString());
        env.put("REWARDS_DEBIAN_MIRROR", "http://deb.invalid/debian");
        Process process = builder.start();
        started.add(process);
        return new Launcher(process);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Path pidFile(String service) {
        return suite.resolve(".rewards/pids/" + service + ".pid");
    }

    private long pidOf(String service) throws IOException {
        return Long.parseLong(Files.readString(pidFile(service)).trim());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Ctrl-C reaches the whole foreground process group; a supervisor's TERM only the launcher. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"INT to the process group", "TERM to the launcher"})
    void interruptedWhileWaitingForReadinessLeavesNoServiceBehind(String signal) throws Exception {
        Launcher launcher = launch("cmd_up");
        launcher.awaitOutput("waiting for readiness", Duration.ofSeconds(60));
        long alpha = pidOf("alpha");
        long beta = pidOf("beta");
        assertThat(alive(alpha) && alive(beta)).as("both fake services run").isTrue();
        if (signal.startsWith("INT")) {
            launcher.signalGroup("INT");
        } else {
            launcher.signal("TERM");
        }
        assertThat(launcher.process.waitFor(60, TimeUnit.SECONDS)).as("launcher ended: " + launcher.output())
                .isTrue();
        assertThat(launcher.process.exitValue()).isEqualTo(signal.startsWith("INT") ? 130 : 143);
        awaitDead(alpha);
        awaitDead(beta);
        assertThat(launcher.output()).contains("stopping", "alpha stopped", "beta stopped");
        assertThat(pidFile("alpha")).doesNotExist();
        assertThat(pidFile("beta")).doesNotExist();
    }

    @Test
    void downSignalsOnlyAProcessThatStillRunsTheServicesJar() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "300").start();
        started.add(unrelated);
        Launcher launcher = launch("""
                java -jar "$ROOT/beta/target/beta-%s-exec.jar" >/dev/null 2>&1 &
                echo $! >"$STATE_DIR/pids/beta.pid"
                echo %d >"$STATE_DIR/pids/alpha.pid"
                stop_services
                """.formatted(VERSION, unrelated.pid()));
        assertThat(launcher.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.process.exitValue()).as(launcher.output()).isZero();
        assertThat(unrelated.isAlive()).as("a reused pid is not signalled").isTrue();
        assertThat(launcher.output()).contains("alpha not running (stale pid file removed)", "beta stopped");
        assertThat(pidFile("alpha")).doesNotExist();
        assertThat(pidFile("beta")).doesNotExist();
    }

    @Test
    void anInterruptedServiceImageBuildLeavesNoBuildContext() throws Exception {
        Launcher launcher = launch("build_service_image alpha 1234 some-base");
        launcher.awaitOutput("building rewards-alpha:" + VERSION, Duration.ofSeconds(60));
        assertThat(listing(work.resolve("tmp"))).as("the build context exists while docker builds").hasSize(1);
        launcher.signalGroup("INT");
        assertThat(launcher.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.process.exitValue()).isEqualTo(130);
        assertThat(listing(work.resolve("tmp"))).as("temporary directories after Ctrl-C").isEmpty();
        assertThat(listing(suite.resolve(".rewards"))).noneMatch(name -> name.startsWith("temp-"));
    }

    @Test
    void anInterruptedDebootstrapLeavesNoRootFilesystem() throws Exception {
        Launcher launcher = launch("ensure_offline_base");
        Path recorded = work.resolve("rootfs-path");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(recorded) || Files.readString(recorded).isBlank()) {
            assertThat(System.nanoTime()).as("debootstrap started: " + launcher.output()).isLessThan(deadline);
            Thread.sleep(100);
        }
        Path rootfs = Path.of(Files.readString(recorded).trim());
        assertThat(rootfs).isDirectory();
        launcher.signalGroup("INT");
        assertThat(launcher.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(rootfs).as("the root filesystem after Ctrl-C").doesNotExist();
    }

    private static List<String> listing(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).toList();
        }
    }

    private static void awaitDead(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (alive(pid) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(alive(pid)).as("process %d still running", pid).isFalse();
    }

    private static final class Launcher {
        private final Process process;
        private final StringBuffer output = new StringBuffer();

        Launcher(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        output.append(line).append('\n');
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "launcher-output");
            reader.setDaemon(true);
            reader.start();
        }

        String output() {
            return output.toString();
        }

        void awaitOutput(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!output().contains(text)) {
                assertThat(process.isAlive()).as("launcher still running: " + output()).isTrue();
                assertThat(System.nanoTime()).as("'" + text + "' within " + timeout + ": " + output())
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
        }

        void signal(String name) throws Exception {
            assertThat(new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor())
                    .isZero();
        }

        void signalGroup(String name) throws Exception {
            assertThat(new ProcessBuilder("kill", "-" + name, "--", "-" + process.pid()).start().waitFor())
                    .isZero();
        }
    }
}
