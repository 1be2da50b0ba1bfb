package dev.rewards.code.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.rewards.code.Language;
import dev.rewards.code.Sandbox;
import dev.rewards.code.SandboxUnavailableException;
import dev.rewards.code.docker.ContainerPool.Box;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox on a Docker engine: per language a pool of warm, locked-down containers, each running the runner
 * server as its main process with the service attached to it ({@link RunnerChannel}); a job takes one container and
 * one runner request per phase (compiled languages: compile, then run with the container's memory limit lowered to
 * the program's). The runner's reply is read as a stream, one bounded line per
 * test, so a job holds one test's output at a time. Containers that served {@code maxUses} jobs or showed any
 * anomaly are removed and replaced in the background; a job whose thread is interrupted (the caller's deadline)
 * is cancelled by removing its container at once.
 */
public final class DockerSandbox implements Sandbox, AutoCloseable {

    public static final String SANDBOX_LABEL = "dev.rewards.sandbox";
    public static final String OWNER_LABEL = "dev.rewards.sandbox.owner";
    private static final Logger log = LoggerFactory.getLogger(DockerSandbox.class);
    private static final long IMAGE_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final DockerClient docker;
    private final SandboxSettings settings;
    private final ContainerSpec spec;
    private final Map<Language, ContainerPool> pools = new EnumMap<>(Language.class);
    private final ExecutorService maintenance;
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    /** When each optional language's image was last seen on the engine (absent images are looked up each time). */
    private final Map<Language, Long> imageSeen = new ConcurrentHashMap<>();

    public DockerSandbox(SandboxSettings settings) {
        this.settings = settings;
        this.spec = new ContainerSpec(settings);
        this.docker = newClient();
        this.maintenance = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "sandbox-pool");
            thread.setDaemon(true);
            return thread;
        });
        for (Language language : Language.values()) {
            pools.put(language, new ContainerPool(language, settings, this::open, this::remove, maintenance,
                    lastFailure));
        }
    }

    /** A new client of this sandbox's engine (the caller closes it). */
    public DockerClient newClient() {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(settings.dockerHost()).build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .maxConnections(Math.max(32, settings.poolSize() * Language.values().length * 2))
                .connectionTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofMinutes(3)).build();
        return DockerClientImpl.getInstance(config, http);
    }

    public String ownerLabel() {
        return settings.ownerLabel();
    }

    /**
     * Starts filling the pools of the core languages in the background; returns at once. Optional languages fill on
     * first use (their image may not even be built), so that a deployment with every image does not keep idle
     * containers for languages it is not asked for.
     */
    public void start() {
        for (Map.Entry<Language, ContainerPool> entry : pools.entrySet()) {
            if (entry.getKey().optional()) {
                continue;
            }
            ContainerPool pool = entry.getValue();
            for (int i = 0; i < settings.poolSize(); i++) {
                maintenance.submit(pool::replenish);
            }
        }
    }

    /**
     * True when the engine answers and every core language has a warm container or is creating one successfully;
     * optional languages do not count (absent images are refused per request, see {@link #missing}).
     */
    public boolean ready() {
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            return false;
        }
        return pools.entrySet().stream().noneMatch(e -> e.getValue().failing() && !e.getKey().optional());
    }

    /**
     * Only an optional language can be missing (a missing core image is a failure, 503), and only when the engine
     * answers "no such image".
     */
    @Override
    public boolean missing(Language language) {
        return language.optional() && !imagePresent(language);
    }

    private boolean imagePresent(Language language) {
        Long seen = imageSeen.get(language);
        if (seen != null && System.nanoTime() - seen < IMAGE_RECHECK_NANOS) {
            return true;
        }
        try {
            docker.inspectImageCmd(spec.image(language)).exec();
        } catch (NotFoundException e) {
            imageSeen.remove(language);
            return false;
        } catch (RuntimeException e) {
            // The engine did not answer: not a verdict on the image; the container creation will tell (503).
            return true;
        }
        imageSeen.put(language, System.nanoTime());
        return true;
    }

    public Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>();
        pools.forEach((language, pool) -> details.put(language.wireName(),
                Map.of("warm", pool.warm(), "live", pool.live())));
        if (lastFailure.get() != null) {
            details.put("last_failure", lastFailure.get());
        }
        return details;
    }

    /** The toolchain version recorded in the image at build time. */
    public String toolchainVersion(Language language) {
        ContainerPool pool = pools.get(language);
        // Listing the languages is no use of an optional one: a container made only to read its version goes again.
        boolean borrowed = language.optional() && pool.live() == 0;
        Box box = pool.acquire();
        boolean healthy = false;
        try {
            StringBuilder text = new StringBuilder();
            RunnerExec.Result result = RunnerExec.run(docker, box.id, List.of("cat", "/opt/rewards/toolchain-version"),
                    new byte[0], Duration.ofSeconds(10), 4096,
                    (buffer, length) -> text.append(new String(buffer, 0, length, StandardCharsets.UTF_8)));
            healthy = result.exitCode() == 0;
            return text.toString().strip();
        } catch (RunnerExec.Failure e) {
            throw anomaly(box, e.getMessage(), e);
        } finally {
            if (borrowed) {
                pool.discard(box);
            } else {
                pool.release(box, healthy);
            }
        }
    }

    @Override
    public Outcome execute(Language language, Job job) {
        List<Observation> tests = new ArrayList<>();
        Outcome outcome = execute(language, job, (index, observation) -> tests.add(observation));
        return new Outcome(outcome.compile(), tests, outcome.fetchedFiles());
    }

    /**
     * Runs the job on a warm container. When the container fails under it (killed from outside, its exec cut), the
     * job — stateless by construction — runs once more on another container, delivering only the tests the first
     * attempt had not delivered; a second failure reaches the caller as {@link SandboxUnavailableException} (a
     * retryable 503), never as a verdict. An interrupted job is not retried.
     */
    @Override
    public Outcome execute(Language language, Job job, TestSink sink) {
        AtomicInteger delivered = new AtomicInteger();
        TestSink once = (index, observation) -> {
            if (index >= delivered.get()) {
                sink.accept(index, observation);
                delivered.set(index + 1);
            }
        };
        ContainerPool pool = pools.get(language);
        try {
            return attempt(pool, job, once);
        } catch (SandboxUnavailableException first) {
            if (Thread.currentThread().isInterrupted()) {
                throw first;
            }
            log.info("retrying a submission on a fresh {} container after: {}", language.wireName(),
                    first.getMessage());
            return attempt(pool, job, once);
        }
    }

    private Outcome attempt(ContainerPool pool, Job job, TestSink sink) {
        Box box = pool.acquire();
        boolean healthy = false;
        try {
            Outcome outcome = runJob(box, job, sink);
            healthy = true;
            return outcome;
        } catch (IllegalArgumentException badRequest) {
            healthy = true;
            throw badRequest;
        } finally {
            pool.release(box, healthy);
        }
    }

    private Outcome runJob(Box box, Job job, TestSink sink) {
        boolean twoPhases = job.compile() != null && job.compileMemoryMb() != job.runMemoryMb();
        if (!twoPhases) {
            setMemory(box, job.runMemoryMb());
            return runner(box, job, RunnerProtocol.request(job, true, true, false), deadline(job, true, true), sink);
        }
        setMemory(box, job.compileMemoryMb());
        Outcome compiled = runner(box, job, RunnerProtocol.request(job, true, false, true), deadline(job, true, false),
                sink);
        Observation compile = compiled.compile();
        if (compile == null || !compile.succeeded()) {
            return compiled;
        }
        if (!trySetMemory(box, job.runMemoryMb())) {
            // The compiled program alone does not fit in the run's memory (e.g. a huge initialised static array).
            clearWorkDir(box);
            Observation tooBig = new Observation(null, 9, 0, 0, job.runMemoryMb() * 1024L, "", 0, false,
                    "the compiled program does not fit in the memory limit", null, true, false);
            sink.accept(0, tooBig);
            return new Outcome(compile, List.of(tooBig));
        }
        Outcome ran = runner(box, job, RunnerProtocol.request(job, false, true, false), deadline(job, false, true),
                sink);
        return new Outcome(compile, ran.tests(), ran.fetchedFiles());
    }

    private static Duration deadline(Job job, boolean compile, boolean run) {
        long millis = 15_000;
        if (compile && job.compile() != null) {
            millis += job.compile().wallMs();
        }
        if (run) {
            // Beyond the limits: fresh state between tests, and encoding and sending up to the output cap.
            long perTest = job.run().wallMs() + 2000L + job.run().outputBytes() / (1 << 20) * 200L
                    + (job.judge() == null ? 0 : job.judge().wallMs())
                    + (job.companion() == null ? 0 : job.companion().command().wallMs() + 1000L);
            millis += perTest * job.stdins().size();
        }
        return Duration.ofMillis(millis);
    }

    /** One exec of the runner; tests go to the sink as their lines arrive. */
    private Outcome runner(Box box, Job job, byte[] request, Duration deadline, TestSink sink) {
        Observation[] compile = {null};
        List<Observation> tests = new ArrayList<>();
        Map<String, String> files = new LinkedHashMap<>();
        boolean[] ended = {false};
        RunnerProtocol.ErrorLine[] error = {null};
        RunnerExec.Result result;
        try {
            result = box.runner.run(request, deadline, RunnerProtocol.maxLineBytes(job),
                    (buffer, length) -> {
                        RunnerProtocol.Line line = RunnerProtocol.parse(buffer, length);
                        if (line instanceof RunnerProtocol.CompileLine c) {
                            compile[0] = c.observation();
                            box.dirty |= !c.clean();
                        } else if (line instanceof RunnerProtocol.TestLine t) {
                            if (t.index() != tests.size()) {
                                throw new IllegalStateException("test " + t.index() + " arrived out of order");
                            }
                            box.dirty |= !t.clean();
                            try {
                                sink.accept(t.index(), t.observation());
                            } catch (RuntimeException e) {
                                throw new SinkFailure(e);
                            }
                            tests.add(t.observation().withoutStdout());
                        } else if (line instanceof RunnerProtocol.FilesLine f) {
                            files.putAll(f.files());
                        } else if (line instanceof RunnerProtocol.EndLine e) {
                            ended[0] = true;
                            box.dirty |= !e.clean();
                        } else if (line instanceof RunnerProtocol.ErrorLine e) {
                            error[0] = e;
                        }
                    });
        } catch (SinkFailure e) {
            // The caller's own failure: its runner may still be running tests, so the container is not reused.
            box.dirty = true;
            throw e.getCause();
        } catch (RunnerExec.Failure e) {
            throw anomaly(box, e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException | tools.jackson.core.JacksonException e) {
            throw anomaly(box, "unreadable runner reply: " + e.getMessage(), e);
        }
        if (error[0] != null && result.exitCode() == 0 && "bad_request".equals(error[0].kind())) {
            throw new IllegalArgumentException(error[0].message());
        }
        if (result.exitCode() != 0 || !ended[0]) {
            throw anomaly(box, "runner exited with " + result.exitCode() + (ended[0] ? "" : " before its reply ended")
                    + ": " + result.stderr().strip(), null);
        }
        return new Outcome(compile[0], tests, files);
    }

    /** An exception of the caller's sink, carried through the exec's stream thread. */
    private static final class SinkFailure extends RuntimeException {
        SinkFailure(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    private void setMemory(Box box, int memoryMb) {
        if (!trySetMemory(box, memoryMb)) {
            throw anomaly(box, "could not set the container's memory to " + memoryMb + " MB", null);
        }
    }

    private boolean trySetMemory(Box box, int memoryMb) {
        if (box.memoryMb == memoryMb) {
            return true;
        }
        try {
            long bytes = memoryMb * ContainerSpec.MB;
            docker.updateContainerCmd(box.id).withMemory(bytes).withMemorySwap(bytes).exec();
            box.memoryMb = memoryMb;
            return true;
        } catch (RuntimeException e) {
            log.debug("memory update of {} to {} MB refused: {}", box.id, memoryMb, e.getMessage());
            return false;
        }
    }

    private void clearWorkDir(Box box) {
        Job empty = new Job(Map.of(), null, new Command(List.of("true"), 1000, 2000, 1, 1, 1, Map.of()), List.of(),
                false, 0, 0);
        try {
            runner(box, empty, RunnerProtocol.request(empty, true, false, false), Duration.ofSeconds(15),
                    (index, observation) -> { });
        } catch (SandboxUnavailableException e) {
            box.dirty = true;
        }
    }

    private SandboxUnavailableException anomaly(Box box, String message, Throwable cause) {
        box.dirty = true;
        String text = "sandbox container " + box.shortId() + ": " + message;
        if (cause instanceof RunnerExec.Failure failure && failure.cancelled) {
            // The caller gave up (its deadline): nothing may keep running for it. The container goes now, not
            // after the pool's release, so its processes die with it (the engine call must not see the interrupt).
            boolean interrupted = Thread.interrupted();
            remove(box);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            log.info("{} (container removed)", text);
            return new SandboxUnavailableException("The submission was cancelled: " + message, cause);
        }
        lastFailure.set(text);
        log.warn(text);
        return new SandboxUnavailableException("The code sandbox failed: " + message, cause);
    }

    /** A new warm container with its runner server started and attached. */
    private Box open(Language language) {
        String id = spec.create(docker, language);
        try {
            return new Box(id, RunnerChannel.start(docker, id));
        } catch (RuntimeException e) {
            remove(id);
            throw e;
        }
    }

    private void remove(Box box) {
        box.runner.close();
        remove(box.id);
    }

    private void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (RuntimeException e) {
            log.debug("removing container {} failed: {}", id, e.getMessage());
        }
    }

    /** Removes every container of this instance, then any left by earlier instances with the same owner label. */
    @Override
    public void close() {
        pools.values().forEach(ContainerPool::close);
        maintenance.shutdownNow();
        // A container being created while we close (pool warm-up, a replacement) would appear after the listing below
        // and outlive the service: let those creations finish first.
        try {
            if (!maintenance.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("container creations still running after {} s; removing what exists now",
                        CLOSE_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            List<Container> containers = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(OWNER_LABEL, settings.ownerLabel())).exec();
            containers.parallelStream().forEach(c -> remove(c.getId()));
        } catch (RuntimeException e) {
            // The engine is gone: its containers went with it, or the next instance with our owner label removes them.
            log.warn("could not remove the sandbox containers: {}", e.getMessage());
        }
        try {
            docker.close();
        } catch (IOException ignored) {
            // closing the HTTP client
        }
    }
}
