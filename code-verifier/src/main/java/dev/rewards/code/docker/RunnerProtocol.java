package dev.rewards.code.docker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rewards.code.Sandbox;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runner's wire format (see sandbox/common/runner.py): a length-prefixed JSON request, an NDJSON reply with one
 * line per phase part — {@code compile}, {@code test} (one per test, as it completes), {@code files}, then
 * {@code end}; or {@code error} with kind {@code bad_request}. Output travels base64-encoded.
 */
final class RunnerProtocol {

    /** Bytes a line may carry beyond its base64 output: the other fields of an observation. */
    static final long LINE_SLACK = 64 * 1024;
    static final int STDERR_BYTES = 8192;
    static final int JUDGE_STDERR_BYTES = 8192;
    /** What runner.py returns of a checker's feedback directory at most. */
    static final int FEEDBACK_FILES = 16;
    static final int FEEDBACK_FILE_BYTES = 16384;

    // Every non-ASCII character escaped: a lone surrogate in a program or its stdin reaches the runner as \\uD800
    // (kept, then written as invalid UTF-8) instead of failing the encoder.
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private RunnerProtocol() {
    }

    /** One parsed line of the reply. */
    sealed interface Line permits CompileLine, TestLine, FilesLine, EndLine, ErrorLine {
    }

    record CompileLine(Sandbox.Observation observation, boolean clean) implements Line {
    }

    record TestLine(int index, Sandbox.Observation observation, boolean clean) implements Line {
    }

    record FilesLine(Map<String, String> files) implements Line {
    }

    record EndLine(boolean clean) implements Line {
    }

    record ErrorLine(String kind, String message) implements Line {
    }

    static byte[] request(Sandbox.Job job, boolean compile, boolean run, boolean keepWorkDir) {
        Map<String, Object> request = new LinkedHashMap<>();
        if (compile) {
            request.put("files", job.files());
            request.put("binary_files", job.binaryFilesBase64());
            if (job.companion() != null) {
                request.put("companion_files", job.companion().filesBase64());
            }
            if (job.compile() != null) {
                request.put("compile", command(job.compile()));
            }
        }
        if (run) {
            Map<String, Object> runSpec = command(job.run());
            if (job.judge() != null) {
                runSpec.put("judge", command(job.judge()));
            }
            Sandbox.Companion companion = job.companion();
            if (companion != null) {
                Map<String, Object> spec = command(companion.command());
                spec.put("mode", companion.kind() == Sandbox.Companion.Kind.CHECKER ? "checker" : "interactor");
                spec.put("memory_mb", companion.memoryMb());
                spec.put("stdin", companion.stdinIsOutput() ? "output" : "none");
                spec.put("feedback", companion.feedback());
                spec.put("accept_exit_codes", companion.acceptExitCodes());
                runSpec.put("companion", spec);
            }
            request.put("run", runSpec);
            List<Map<String, Object>> tests = new ArrayList<>();
            for (int i = 0; i < job.stdins().size(); i++) {
                Map<String, Object> test = new LinkedHashMap<>();
                test.put("stdin", job.stdins().get(i));
                if (job.judge() != null) {
                    test.put("judge_input", job.judgeInputs().get(i));
                }
                if (companion != null) {
                    test.put("companion_files", companion.testFiles().get(i));
                }
                tests.add(test);
            }
            request.put("tests", tests);
            request.put("stop_on_failure", job.stopOnFailure());
            request.put("fetch_files", job.fetchFiles());
            request.put("fetch_limit_bytes", job.fetchLimitBytes());
            request.put("writable_work_dir", !job.fetchFiles().isEmpty() || !job.binaryFilesBase64().isEmpty());
        }
        request.put("keep_work_dir", keepWorkDir);
        byte[] body = JSON.writeValueAsBytes(request);
        byte[] header = (body.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] payload = new byte[header.length + body.length];
        System.arraycopy(header, 0, payload, 0, header.length);
        System.arraycopy(body, 0, payload, header.length, body.length);
        return payload;
    }

    private static Map<String, Object> command(Sandbox.Command command) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("cmd", command.cmd());
        spec.put("time_ms", command.timeMs());
        spec.put("wall_ms", command.wallMs());
        spec.put("output_bytes", command.outputBytes());
        spec.put("stderr_bytes", STDERR_BYTES);
        spec.put("file_mb", command.fileMb());
        spec.put("stack_mb", command.stackMb());
        spec.put("env", command.env());
        return spec;
    }

    /** The longest line a well-behaved runner writes for this job: its output caps base64-encoded plus slack. */
    static long maxLineBytes(Sandbox.Job job) {
        long longest = 0;
        if (job.compile() != null) {
            longest = base64Length(job.compile().outputBytes()) + base64Length(STDERR_BYTES);
        }
        if (job.run() != null) {
            long test = base64Length(job.run().outputBytes()) + base64Length(STDERR_BYTES);
            if (job.judge() != null) {
                test += base64Length(job.judge().outputBytes()) + base64Length(JUDGE_STDERR_BYTES);
            }
            if (job.companion() != null) {
                test += base64Length(job.companion().command().outputBytes()) + base64Length(JUDGE_STDERR_BYTES)
                        + (job.companion().feedback() ? FEEDBACK_FILES * (base64Length(FEEDBACK_FILE_BYTES) + 512L) : 0);
            }
            longest = Math.max(longest, test);
        }
        long files = 0;
        for (String name : job.fetchFiles()) {
            files += base64Length(job.fetchLimitBytes()) + 6L * name.length() + 8;
        }
        return Math.max(longest, files) + LINE_SLACK;
    }

    private static long base64Length(long bytes) {
        return (bytes + 2) / 3 * 4;
    }

    static Line parse(byte[] buffer, int length) {
        JsonNode node = JSON.readTree(buffer, 0, length);
        String type = node.path("type").asString("");
        return switch (type) {
            case "compile" -> new CompileLine(observation(node), node.path("clean").asBoolean(false));
            case "test" -> new TestLine(node.path("index").asInt(-1), observation(node),
                    node.path("clean").asBoolean(false));
            case "files" -> {
                Map<String, String> files = new LinkedHashMap<>();
                node.path("files").properties().forEach(e -> files.put(e.getKey(), e.getValue().asString()));
                yield new FilesLine(files);
            }
            case "end" -> new EndLine(node.path("clean").asBoolean(false));
            case "error" -> new ErrorLine(node.path("kind").asString(""), node.path("message").asString(""));
            default -> throw new IllegalStateException("unknown line type '" + type + "' in the runner's reply");
        };
    }

    static Sandbox.Observation observation(JsonNode node) {
        Sandbox.JudgeObservation judge = null;
        JsonNode judgeNode = node.get("judge");
        if (judgeNode != null && !judgeNode.isNull()) {
            Map<String, String> files = new LinkedHashMap<>();
            JsonNode filesNode = judgeNode.path("files");
            filesNode.properties().forEach(e -> files.put(e.getKey(), text(filesNode, e.getKey())));
            judge = new Sandbox.JudgeObservation(intOrNull(judgeNode.get("exit_code")),
                    intOrNull(judgeNode.get("signal")), text(judgeNode, "stdout_b64"), text(judgeNode, "stderr_b64"),
                    stringOrNull(judgeNode.get("timed_out")), judgeNode.path("cpu_ms").asLong(),
                    judgeNode.path("wall_ms").asLong(), judgeNode.path("memory_kb").asLong(), files);
        }
        return new Sandbox.Observation(intOrNull(node.get("exit_code")), intOrNull(node.get("signal")),
                node.path("cpu_ms").asLong(), node.path("wall_ms").asLong(), node.path("memory_kb").asLong(),
                text(node, "stdout_b64"), node.path("stdout_bytes").asLong(),
                node.path("output_exceeded").asBoolean(), text(node, "stderr_b64"),
                stringOrNull(node.get("timed_out")), node.path("oom_killed").asBoolean(),
                node.path("start_failed").asBoolean(), judge);
    }

    /** A base64 field as text: bytes that are not UTF-8 become U+FFFD, as any reader of the program's output would. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        return new String(Base64.getDecoder().decode(value.asString()), StandardCharsets.UTF_8);
    }

    private static Integer intOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asInt();
    }

    private static String stringOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }
}
