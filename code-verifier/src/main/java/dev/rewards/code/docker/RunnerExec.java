package dev.rewards.code.docker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

/**
 * One Engine-API exec whose stdout is NDJSON: each complete line goes to a handler as it arrives, on the stream's
 * thread, and no line may grow beyond a bound — a runner (or a program that took it over) cannot make the service
 * buffer more than that. stderr is kept up to {@value #STDERR_BYTES} bytes for diagnostics.
 */
final class RunnerExec {

    static final int STDERR_BYTES = 64 * 1024;

    /** Receives one line of the exec's stdout (without its newline); the array is only valid during the call. */
    @FunctionalInterface
    interface LineHandler {
        void line(byte[] buffer, int length);
    }

    /** How the exec ended: its exit code and the start of its stderr. */
    record Result(long exitCode, String stderr) {
    }

    /** The exec failed or was abandoned; {@code cancelled} when the calling thread was interrupted. */
    static final class Failure extends RuntimeException {
        final boolean cancelled;

        Failure(String message, Throwable cause, boolean cancelled) {
            super(message, cause);
            this.cancelled = cancelled;
        }
    }

    private RunnerExec() {
    }

    static Result run(DockerClient docker, String containerId, List<String> cmd, byte[] stdin, Duration deadline,
                      long maxLineBytes, LineHandler handler) {
        String execId;
        try {
            execId = docker.execCreateCmd(containerId).withUser("0:0").withAttachStdin(stdin.length > 0)
                    .withAttachStdout(true).withAttachStderr(true).withCmd(cmd.toArray(String[]::new)).exec().getId();
        } catch (RuntimeException e) {
            throw new Failure("exec create failed: " + e.getMessage(), e, false);
        }
        LineSplitter lines = new LineSplitter(maxLineBytes, handler);
        byte[] stderr = new byte[STDERR_BYTES];
        int[] stderrLength = {0};
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                if (failure.get() != null) {
                    return;
                }
                byte[] payload = frame.getPayload();
                if (frame.getStreamType() == StreamType.STDERR) {
                    int n = Math.min(payload.length, STDERR_BYTES - stderrLength[0]);
                    System.arraycopy(payload, 0, stderr, stderrLength[0], n);
                    stderrLength[0] += n;
                    return;
                }
                try {
                    lines.feed(payload);
                } catch (RuntimeException e) {
                    failure.set(e);
                    try {
                        close();
                    } catch (IOException ignored) {
                        // the stream is being abandoned
                    }
                }
            }
        };
        try {
            var start = docker.execStartCmd(execId);
            if (stdin.length > 0) {
                start.withStdIn(new ByteArrayInputStream(stdin));
            }
            start.exec(callback);
            if (!callback.awaitCompletion(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Failure("runner did not finish within " + deadline.toMillis() + " ms", null, false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("cancelled", e, true);
        } catch (Failure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Failure("exec failed: " + e.getMessage(), e, false);
        } finally {
            try {
                callback.close();
            } catch (IOException ignored) {
                // the stream is gone either way
            }
        }
        RuntimeException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
        lines.finish();
        Long exitCode;
        try {
            exitCode = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        } catch (RuntimeException e) {
            throw new Failure("exec inspect failed: " + e.getMessage(), e, false);
        }
        // awaitCompletion returned: the stream thread's writes happened before (the callback's latch).
        return new Result(exitCode == null ? -1 : exitCode,
                new String(stderr, 0, stderrLength[0], StandardCharsets.UTF_8));
    }

    /** Splits a byte stream into lines, refusing any line longer than the bound. */
    static final class LineSplitter {
        private static final int INITIAL = 8192;
        private static final int KEEP = 1 << 20;
        private final long maxLineBytes;
        private final LineHandler handler;
        private byte[] buffer = new byte[INITIAL];
        private int length;

        LineSplitter(long maxLineBytes, LineHandler handler) {
            this.maxLineBytes = maxLineBytes;
            this.handler = handler;
        }

        void feed(byte[] data) {
            int from = 0;
            while (from < data.length) {
                int newline = indexOf(data, (byte) '\n', from);
                int end = newline < 0 ? data.length : newline;
                append(data, from, end - from);
                if (newline < 0) {
                    return;
                }
                handler.line(buffer, length);
                length = 0;
                if (buffer.length > KEEP) {
                    // One big test's line is not kept alive until the next one arrives.
                    buffer = new byte[INITIAL];
                }
                from = newline + 1;
            }
        }

        /** Bytes of an unfinished line. */
        int buffered() {
            return length;
        }

        void finish() {
            if (length > 0) {
                throw new Failure("the runner's reply ended inside a line", null, false);
            }
        }

        private void append(byte[] data, int from, int count) {
            if ((long) length + count > maxLineBytes) {
                throw new Failure("a line of the runner's reply exceeds " + maxLineBytes + " bytes", null, false);
            }
            if (length + count > buffer.length) {
                long grown = Math.max((long) length + count, Math.min((long) buffer.length * 2, maxLineBytes));
                buffer = Arrays.copyOf(buffer, (int) Math.min(grown, Integer.MAX_VALUE - 16));
            }
            System.arraycopy(data, from, buffer, length, count);
            length += count;
        }

        private static int indexOf(byte[] data, byte value, int from) {
            for (int i = from; i < data.length; i++) {
                if (data[i] == value) {
                    return i;
                }
            }
            return -1;
        }
    }
}
