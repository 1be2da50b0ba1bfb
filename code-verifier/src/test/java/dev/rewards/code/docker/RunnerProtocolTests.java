package dev.rewards.code.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.rewards.code.Sandbox;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The service side of the runner's wire format, without a container. */
class RunnerProtocolTests {

    private static final Sandbox.Command RUN = new Sandbox.Command(List.of("python3", "main.py"), 1000, 3000,
            1 << 20, 64, 0, Map.of());

    private static List<String> split(long bound, byte[]... frames) {
        List<String> lines = new ArrayList<>();
        RunnerExec.LineSplitter splitter = new RunnerExec.LineSplitter(bound,
                (buffer, length) -> lines.add(new String(buffer, 0, length, StandardCharsets.UTF_8)));
        for (byte[] frame : frames) {
            splitter.feed(frame);
        }
        splitter.finish();
        return lines;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void linesAreSplitAcrossFramesAndDeliveredAsTheyComplete() {
        assertThat(split(100, bytes("{\"a\""), bytes(":1}\n{\"b\":2}\n{"), bytes("}\n"))).containsExactly("{\"a\":1}",
                "{\"b\":2}", "{}");
    }

    @Test
    void aLineBeyondItsBoundIsRefusedBeforeItIsBuffered() {
        assertThatThrownBy(() -> split(10, bytes("0123456"), bytes("789abc\n")))
                .isInstanceOf(RunnerExec.Failure.class).hasMessageContaining("exceeds 10 bytes");
        assertThatThrownBy(() -> split(100, bytes("{\"type\":\"end\"")))
                .isInstanceOf(RunnerExec.Failure.class).hasMessageContaining("inside a line");
    }

    @Test
    void theBoundIsTheOutputCapsInBase64PlusSlack() {
        Sandbox.Job job = new Sandbox.Job(Map.of("main.py", "x"), null, RUN, List.of(""), false, 128, 128);
        long test = (1L << 20) / 3 * 4 + 4 + (8192 + 2) / 3 * 4;
        assertThat(RunnerProtocol.maxLineBytes(job)).isEqualTo(test + RunnerProtocol.LINE_SLACK);
        Sandbox.Command judge = new Sandbox.Command(List.of("python3", "/opt/rewards/judge.py"), 1000, 3000, 65536, 1,
                0, Map.of());
        assertThat(RunnerProtocol.maxLineBytes(job.withJudge(judge, List.of("{}"))))
                .isEqualTo(test + 65536 / 3 * 4 + 4 + (8192 + 2) / 3 * 4 + RunnerProtocol.LINE_SLACK);
        // 64 MiB of output costs 64 MiB × 4/3 on the wire, not 6 bytes of JSON escape per invalid byte.
        Sandbox.Command big = new Sandbox.Command(RUN.cmd(), 1000, 3000, 64L << 20, 64, 0, Map.of());
        assertThat(RunnerProtocol.maxLineBytes(new Sandbox.Job(Map.of(), null, big, List.of(""), false, 1, 1)))
                .isLessThan((64L << 20) * 4 / 3 + (1 << 20));
    }

    @Test
    void outputIsBase64AndInvalidUtf8BecomesReplacementCharacters() {
        String line = "{\"type\":\"test\",\"index\":0,\"exit_code\":0,\"signal\":null,\"cpu_ms\":5,\"wall_ms\":9,"
                + "\"memory_kb\":100,\"stdout_b64\":\"" + Base64.getEncoder().encodeToString(new byte[] {'o', 'k',
                (byte) 0xff, '\n'}) + "\",\"stdout_bytes\":4,\"output_exceeded\":false,\"stderr_b64\":\"\","
                + "\"timed_out\":null,\"oom_killed\":false,\"start_failed\":false,\"clean\":true,"
                + "\"judge\":{\"exit_code\":0,\"signal\":null,\"cpu_ms\":3,\"wall_ms\":4,\"stdout_b64\":\""
                + Base64.getEncoder().encodeToString(bytes("{\"passed\": true}\n")) + "\",\"stderr_b64\":\"\","
                + "\"timed_out\":\"wall\"}}";
        byte[] raw = bytes(line);
        RunnerProtocol.Line parsed = RunnerProtocol.parse(raw, raw.length);
        assertThat(parsed).isInstanceOf(RunnerProtocol.TestLine.class);
        Sandbox.Observation observation = ((RunnerProtocol.TestLine) parsed).observation();
        assertThat(observation.stdout()).isEqualTo("ok\uFFFD\n");
        assertThat(observation.judge().stdout()).isEqualTo("{\"passed\": true}\n");
        assertThat(observation.judge().timedOut()).isEqualTo("wall");
        assertThat(observation.withoutStdout().stdout()).isEmpty();
    }

    /**
     * A line of 16 MiB of invalid UTF-8 (base64 on the wire) costs its bytes once and its text (U+FFFD is two bytes a
     * char in a Java string; the JDK's decoder fills a char array first): no tree holds a copy of the base64.
     */
    @Test
    void aBigOutputIsDecodedStraightFromTheLine() {
        int size = 16 << 20;
        byte[] output = new byte[size];
        Arrays.fill(output, (byte) 0xff);
        byte[] raw = bytes("{\"type\":\"test\",\"index\":0,\"exit_code\":0,\"stdout_b64\":\""
                + Base64.getEncoder().encodeToString(output) + "\",\"stdout_bytes\":" + size + "}");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        RunnerProtocol.Line parsed = RunnerProtocol.parse(raw, raw.length);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(((RunnerProtocol.TestLine) parsed).observation().stdout()).hasSize(size);
        // measured: 5.0× the output as a stream (bytes 1×, decoding to text 4×); 11.7× as a tree
        assertThat(allocated).isLessThan(6L * size);
    }

    @Test
    void aLoneSurrogateTravelsEscapedAndJudgeInputsGoWithTheirTests() {
        Sandbox.Command judge = new Sandbox.Command(List.of("python3", "/opt/rewards/judge.py"), 1000, 3000, 65536, 1,
                0, Map.of());
        Sandbox.Job job = new Sandbox.Job(Map.of("main.py", "x = '\uD800'"), null, RUN, List.of("a", "b"), false,
                128, 128).withJudge(judge, List.of("{\"n\": 1}", "{\"n\": 2}"));
        String request = new String(RunnerProtocol.request(job, true, true, false), StandardCharsets.US_ASCII);
        assertThat(request).contains("x = '\\uD800'")
                .contains("\"judge\":{\"cmd\":[\"python3\",\"/opt/rewards/judge.py\"]")
                .contains("{\"stdin\":\"a\",\"judge_input\":\"{\\\"n\\\": 1}\"}");
        assertThatThrownBy(() -> new Sandbox.Job(Map.of(), null, RUN, List.of("a", "b"), false, 1, 1)
                .withJudge(judge, List.of("only one")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badRequestAndEndLines() {
        byte[] error = bytes("{\"type\":\"error\",\"kind\":\"bad_request\",\"message\":\"bad file name: '../x'\"}");
        assertThat(RunnerProtocol.parse(error, error.length))
                .isEqualTo(new RunnerProtocol.ErrorLine("bad_request", "bad file name: '../x'"));
        byte[] end = bytes("{\"type\":\"end\",\"clean\":false}");
        assertThat(RunnerProtocol.parse(end, end.length)).isEqualTo(new RunnerProtocol.EndLine(false));
    }

    @Test
    void theSeccompProfileIsOursAndLeavesIoUringOut() {
        String profile = ContainerSpec.seccompProfile();
        assertThat(profile).doesNotContain("\n").contains("\"defaultAction\":\"SCMP_ACT_ERRNO\"");
        List<String> allowed = new ArrayList<>();
        JsonMapper.builder().build().readTree(profile).path("syscalls").forEach(rule -> {
            if (rule.path("action").asString().equals("SCMP_ACT_ALLOW")) {
                rule.path("names").forEach(name -> allowed.add(name.asString()));
            }
        });
        assertThat(allowed).contains("memfd_create", "pidfd_open", "setresuid", "clone", "socket", "read")
                .doesNotContain("io_uring_setup", "io_uring_enter", "io_uring_register", "ptrace",
                        "process_vm_readv", "clone3", "unshare", "mount", "bpf", "keyctl", "add_key");
    }
}
