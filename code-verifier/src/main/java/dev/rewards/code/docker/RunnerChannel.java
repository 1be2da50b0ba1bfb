package dev.rewards.code.docker;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

/**
 * The service's end of a warm container's runner server ({@code serve.py}, the container's pid 1): one Engine-API
 * attach held for the container's life, requests written to its stdin, replies read from its stdout as NDJSON lines,
 * each request's reply closed by the server's {@code exit} line. Replaces an exec per phase, whose creation cost the
 * engine more CPU than a small submission's programs (see serve.py).
 *
 * <p>One request at a time (a container serves one job). Anything the channel cannot account for — output between
 * requests, a reply line over the bound, the stream ending — breaks the channel for good: the request fails as a
 * {@link RunnerExec.Failure} and the container is recycled, as a failed exec was.
 */
final class RunnerChannel implements Closeable {

    private static final byte[] EXIT_PREFIX = "{\"type\":\"exit\",\"code\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] READY = "{\"type\":\"ready\"}".getBytes(StandardCharsets.US_ASCII);
    private static final Duration READY_WAIT = Duration.ofSeconds(30);

    private final RequestStream stdin = new RequestStream();
    private final Callback callback = new Callback();
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile Pending pending;
    private volatile String broken;

    private RunnerChannel() {
    }

    /**
     * Attaches to a created, not yet started container, starts it and waits for its server's ready line; the caller
     * removes the container when this fails.
     */
    static RunnerChannel start(DockerClient docker, String containerId) {
        RunnerChannel channel = new RunnerChannel();
        try {
            docker.attachContainerCmd(containerId).withStdIn(channel.stdin).withStdOut(true).withStdErr(true)
                    .withFollowStream(true).withLogs(false).exec(channel.callback);
            if (!channel.callback.awaitStarted(READY_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("attaching to the container timed out");
            }
            docker.startContainerCmd(containerId).exec();
            if (!channel.ready.await(READY_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the runner server did not start: "
                        + (channel.broken == null ? "no ready line" : channel.broken));
            }
            return channel;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
            throw new IllegalStateException("interrupted while starting the runner server", e);
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * One request, framed as the runner reads it ({@link RunnerProtocol#request}); its reply's lines go to the handler
     * as they arrive (on the stream's thread).
     */
    RunnerExec.Result run(byte[] request, Duration deadline, long maxLineBytes, RunnerExec.LineHandler handler) {
        Pending job = new Pending(maxLineBytes, handler);
        synchronized (this) {
            if (broken != null) {
                throw new RunnerExec.Failure("runner channel broken: " + broken, null, false);
            }
            if (pending != null) {
                throw new IllegalStateException("a request is already running on this container");
            }
            pending = job;
        }
        stdin.offer(request);
        try {
            if (!job.done.await(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                breakWith("runner did not finish within " + deadline.toMillis() + " ms");
                throw new RunnerExec.Failure("runner did not finish within " + deadline.toMillis() + " ms", null,
                        false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            breakWith("cancelled");
            throw new RunnerExec.Failure("cancelled", e, true);
        }
        if (job.failure != null) {
            throw job.failure;
        }
        return new RunnerExec.Result(job.exitCode, new String(job.stderr, 0, job.stderrLength,
                StandardCharsets.UTF_8));
    }

    /** Ends the attach (the container itself is removed by the caller). */
    @Override
    public void close() {
        breakWith("closed");
        try {
            callback.close();
        } catch (IOException ignored) {
            // the stream is gone either way
        }
    }

    private void breakWith(String why) {
        Pending job;
        synchronized (this) {
            if (broken == null) {
                broken = why;
            }
            job = pending;
            pending = null;
        }
        // No request will follow: the engine client's thread that copies stdin may end.
        stdin.close();
        if (job != null) {
            job.fail(new RunnerExec.Failure("runner channel: " + why, null, false));
        }
        ready.countDown();
    }

    /** A request in flight: its line splitter, stderr and completion. */
    private final class Pending {
        final RunnerExec.LineSplitter lines;
        final byte[] stderr = new byte[RunnerExec.STDERR_BYTES];
        final CountDownLatch done = new CountDownLatch(1);
        int stderrLength;
        long exitCode = -1;
        volatile RuntimeException failure;

        Pending(long maxLineBytes, RunnerExec.LineHandler handler) {
            this.lines = new RunnerExec.LineSplitter(maxLineBytes, (buffer, length) -> {
                if (length == 0) {
                    return;
                }
                if (done.getCount() == 0) {
                    throw new RunnerExec.Failure("output after a reply's end", null, false);
                }
                if (startsWith(buffer, length, EXIT_PREFIX)) {
                    finish(buffer, length);
                    return;
                }
                handler.line(buffer, length);
            });
        }

        private void finish(byte[] buffer, int length) {
            String line = new String(buffer, 0, length, StandardCharsets.US_ASCII);
            String code = line.substring(EXIT_PREFIX.length, line.length() - 1);
            try {
                exitCode = Long.parseLong(code);
            } catch (NumberFormatException e) {
                throw new RunnerExec.Failure("unreadable exit line: " + line, e, false);
            }
            synchronized (RunnerChannel.this) {
                if (pending == this) {
                    pending = null;
                }
            }
            done.countDown();
        }

        void fail(RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
            done.countDown();
        }
    }

    private static boolean startsWith(byte[] buffer, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private final class Callback extends ResultCallback.Adapter<Frame> {
        /** Lines between requests: only the ready line may come, and only first. */
        private final RunnerExec.LineSplitter idleLines = new RunnerExec.LineSplitter(4096, (buffer, length) -> {
            if (length == 0) {
                return;
            }
            if (ready.getCount() > 0 && length == READY.length && startsWith(buffer, length, READY)) {
                ready.countDown();
                return;
            }
            breakWith("output between requests: "
                    + new String(buffer, 0, Math.min(length, 200), StandardCharsets.UTF_8));
        });

        @Override
        public void onNext(Frame frame) {
            Pending job = pending;
            byte[] payload = frame.getPayload();
            if (frame.getStreamType() == StreamType.STDERR) {
                if (job != null) {
                    int n = Math.min(payload.length, job.stderr.length - job.stderrLength);
                    System.arraycopy(payload, 0, job.stderr, job.stderrLength, n);
                    job.stderrLength += n;
                }
                return;
            }
            try {
                if (job == null) {
                    idleLines.feed(payload);
                } else {
                    feed(job, payload);
                }
            } catch (RuntimeException e) {
                // The job fails with this exception, not the channel's: the caller tells a sink's own failure (a
                // bad request, say) and an unreadable reply apart from a broken container.
                if (job != null) {
                    job.fail(e);
                }
                breakWith(e.getMessage());
            }
        }

        /** A frame may close one reply; what follows its exit line belongs to no request. */
        private void feed(Pending job, byte[] payload) {
            job.lines.feed(payload);
            if (job.done.getCount() == 0 && job.lines.buffered() > 0) {
                breakWith("output after a reply's end");
            }
        }

        @Override
        public void onError(Throwable throwable) {
            breakWith("stream failed: " + throwable.getMessage());
        }

        @Override
        public void onComplete() {
            breakWith("the container's stream ended");
        }
    }

    /** The attach's stdin: requests queued by the job's thread, read by the engine client's copying thread. */
    private static final class RequestStream extends InputStream {
        private static final byte[] END = new byte[0];
        private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int position;
        private volatile boolean closed;

        void offer(byte[] request) {
            chunks.add(request);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position == current.length) {
                if (closed && chunks.isEmpty()) {
                    return -1;
                }
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                position = 0;
                if (current == END) {
                    return -1;
                }
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, target, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                chunks.add(END);
            }
        }
    }
}
