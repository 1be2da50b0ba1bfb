package dev.rewards.code.docker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.rewards.code.Sandbox;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonWriteFeature;
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

    /**
     * Parses one line as a stream, never as a tree: a base64 field is decoded straight from the line into its bytes,
     * so a test's output is held once as bytes and once as text — not also as a tree's copy of the base64.
     */
    static Line parse(byte[] buffer, int length) {
        Map<String, Object> line;
        try (JsonParser parser = JSON.createParser(buffer, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("a line of the runner's reply is not a JSON object");
            }
            line = object(parser, 0);
        }
        String type = string(line, "type");
        return switch (type == null ? "" : type) {
            case "compile" -> new CompileLine(observation(line), bool(line, "clean"));
            case "test" -> new TestLine((int) number(line, "index", -1), observation(line), bool(line, "clean"));
            case "files" -> {
                Map<String, String> files = new LinkedHashMap<>();
                if (line.get("files") instanceof Map<?, ?> map) {
                    map.forEach((name, content) -> files.put((String) name, (String) content));
                }
                yield new FilesLine(files);
            }
            case "end" -> new EndLine(bool(line, "clean"));
            case "error" -> new ErrorLine(Objects.toString(line.get("kind"), ""),
                    Objects.toString(line.get("message"), ""));
            default -> throw new IllegalStateException("unknown line type '" + type + "' in the runner's reply");
        };
    }

    /** Fields of one object: base64 fields ({@code *_b64}) as bytes, the rest as plain values; nested objects kept. */
    private static Map<String, Object> object(JsonParser parser, int depth) {
        Map<String, Object> fields = new HashMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            Object value = switch (token) {
                case START_OBJECT -> depth < 2 ? object(parser, depth + 1) : skipped(parser);
                case START_ARRAY -> skipped(parser);
                case VALUE_STRING -> name.endsWith("_b64") ? parser.getBinaryValue() : parser.getString();
                case VALUE_NUMBER_INT -> parser.getLongValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                default -> null;
            };
            fields.put(name, value);
        }
        return fields;
    }

    private static Object skipped(JsonParser parser) {
        parser.skipChildren();
        return null;
    }

    @SuppressWarnings("unchecked")
    static Sandbox.Observation observation(Map<String, Object> line) {
        Sandbox.JudgeObservation judge = null;
        if (line.get("judge") instanceof Map<?, ?> judgeFields) {
            Map<String, Object> j = (Map<String, Object>) judgeFields;
            Map<String, String> files = new LinkedHashMap<>();
            if (j.get("files") instanceof Map<?, ?> encoded) {
                // Feedback files of a Kattis validator: base64 of what it wrote, as text.
                encoded.forEach((name, content) -> files.put((String) name,
                        new String(Base64.getDecoder().decode((String) content), StandardCharsets.UTF_8)));
            }
            judge = new Sandbox.JudgeObservation(integer(j, "exit_code"), integer(j, "signal"), text(j, "stdout_b64"),
                    text(j, "stderr_b64"), string(j, "timed_out"), number(j, "cpu_ms", 0), number(j, "wall_ms", 0),
                    number(j, "memory_kb", 0), files, bool(j, "program_gone"));
        }
        return new Sandbox.Observation(integer(line, "exit_code"), integer(line, "signal"),
                number(line, "cpu_ms", 0), number(line, "wall_ms", 0), number(line, "memory_kb", 0),
                text(line, "stdout_b64"), number(line, "stdout_bytes", 0), bool(line, "output_exceeded"),
                text(line, "stderr_b64"), string(line, "timed_out"), bool(line, "oom_killed"),
                bool(line, "start_failed"), judge);
    }

    /** A base64 field as text: bytes that are not UTF-8 become U+FFFD, as any reader of the program's output would. */
    private static String text(Map<String, Object> fields, String name) {
        return fields.get(name) instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : "";
    }

    private static Integer integer(Map<String, Object> fields, String name) {
        return fields.get(name) instanceof Long value ? Integer.valueOf(value.intValue()) : null;
    }

    private static long number(Map<String, Object> fields, String name, long otherwise) {
        return fields.get(name) instanceof Long value ? value : otherwise;
    }

    private static boolean bool(Map<String, Object> fields, String name) {
        return Boolean.TRUE.equals(fields.get(name));
    }

    private static String string(Map<String, Object> fields, String name) {
        return fields.get(name) instanceof String value ? value : null;
    }
}
