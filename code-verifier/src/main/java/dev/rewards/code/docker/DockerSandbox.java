package dev.rewards.code.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.rewards.code.Language;
import dev.rewards.code.Sandbox;
import dev.rewards.code.SandboxUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox on a Docker engine: per language a pool of warm, locked-down containers; a job takes one container
 * and one Engine-API exec of the in-container runner per phase (compiled languages: compile, then run with the
 * container's memory limit lowered to the program's). Containers that served {@code maxUses} jobs or showed any
 * anomaly are removed and replaced in the background.
 */
public final class DockerSandbox implements Sandbox, AutoCloseable {

    public static final String SANDBOX_LABEL = "dev.rewards.sandbox";
    public static final String OWNER_LABEL = "dev.rewards.sandbox.owner";
    private static final Logger log = LoggerFactory.getLogger(DockerSandbox.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MB = 1024L * 1024L;
    private static final long IMAGE_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final DockerClient docker;
    private final SandboxSettings settings;
    private final Map<Language, Pool> pools = new EnumMap<>(Language.class);
    private final ExecutorService maintenance;
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    /** When each optional language's image was last seen on the engine (absent images are looked up each time). */
    private final Map<Language, Long> imageSeen = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public DockerSandbox(SandboxSettings settings) {
        this.settings = settings;
        this.docker = newClient();
        this.maintenance = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "sandbox-pool");
            thread.setDaemon(true);
            return thread;
        });
        for (Language language : Language.values()) {
            pools.put(language, new Pool(language));
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
        for (Pool pool : pools.values()) {
            if (pool.language.optional()) {
                continue;
            }
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
        return pools.values().stream().noneMatch(pool -> pool.failing && !pool.language.optional());
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
            docker.inspectImageCmd(image(language)).exec();
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

    private String image(Language language) {
        return settings.imagePrefix() + language.wireName() + ":" + settings.imageTag();
    }

    public Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>();
        pools.forEach((language, pool) -> details.put(language.wireName(),
                Map.of("warm", pool.idle.size(), "live", pool.live.get())));
        if (lastFailure.get() != null) {
            details.put("last_failure", lastFailure.get());
        }
        return details;
    }

    /** The toolchain version recorded in the image at build time. */
    public String toolchainVersion(Language language) {
        Box box = pools.get(language).acquire();
        boolean healthy = false;
        try {
            RunnerExec exec = exec(box, List.of("cat", "/opt/rewards/toolchain-version"), new byte[0],
                    Duration.ofSeconds(10));
            healthy = exec.exitCode() == 0;
            return exec.stdout().strip();
        } finally {
            pools.get(language).release(box, healthy);
        }
    }

    /**
     * Runs the job on a warm container. When the container fails under it (killed from outside, its exec cut), the
     * job — stateless by construction — runs once more on another container; a second failure reaches the caller
     * as {@link SandboxUnavailableException} (a retryable 503), never as a verdict.
     */
    @Override
    public Outcome execute(Language language, Job job) {
        Pool pool = pools.get(language);
        Box box = pool.acquire();
        boolean healthy = false;
        try {
            Outcome outcome = runJob(box, job);
            healthy = true;
            return outcome;
        } catch (SandboxUnavailableException first) {
            pool.release(box, false);
            box = null;
            log.info("retrying a submission on a fresh {} container after: {}", language.wireName(), first.getMessage());
            Box fresh = pool.acquire();
            boolean freshHealthy = false;
            try {
                Outcome outcome = runJob(fresh, job);
                freshHealthy = true;
                return outcome;
            } finally {
                pool.release(fresh, freshHealthy);
            }
        } finally {
            if (box != null) {
                pool.release(box, healthy);
            }
        }
    }

    private Outcome runJob(Box box, Job job) {
        boolean twoPhases = job.compile() != null && job.compileMemoryMb() != job.runMemoryMb();
        if (!twoPhases) {
            setMemory(box, job.runMemoryMb());
            JsonNode reply = runner(box, request(job, true, true, false), deadline(job, true, true));
            return new Outcome(observation(reply.get("compile")), tests(reply), fetched(reply));
        }
        setMemory(box, job.compileMemoryMb());
        JsonNode compiled = runner(box, request(job, true, false, true), deadline(job, true, false));
        Observation compile = observation(compiled.get("compile"));
        if (!compile.succeeded()) {
            return new Outcome(compile, List.of());
        }
        if (!trySetMemory(box, job.runMemoryMb())) {
            // The compiled program alone does not fit in the run's memory (e.g. a huge initialised static array).
            clearWorkDir(box);
            Observation tooBig = new Observation(null, 9, 0, 0, job.runMemoryMb() * 1024L, "", 0, false,
                    "the compiled program does not fit in the memory limit", null, true, false);
            return new Outcome(compile, List.of(tooBig));
        }
        JsonNode ran = runner(box, request(job, false, true, false), deadline(job, false, true));
        return new Outcome(compile, tests(ran), fetched(ran));
    }

    private static List<Observation> tests(JsonNode reply) {
        List<Observation> tests = new ArrayList<>();
        for (JsonNode test : reply.get("tests")) {
            tests.add(observation(test));
        }
        return tests;
    }

    private static Map<String, String> fetched(JsonNode reply) {
        Map<String, String> files = new LinkedHashMap<>();
        reply.path("files").properties().forEach(e -> files.put(e.getKey(), e.getValue().asString()));
        return files;
    }

    private static Duration deadline(Job job, boolean compile, boolean run) {
        long millis = 15_000;
        if (compile && job.compile() != null) {
            millis += job.compile().wallMs();
        }
        if (run) {
            millis += (long) job.run().wallMs() * job.stdins().size() + 2000L * job.stdins().size();
        }
        return Duration.ofMillis(millis);
    }

    private static byte[] request(Job job, boolean compile, boolean run, boolean keepWorkDir) {
        Map<String, Object> request = new LinkedHashMap<>();
        if (compile) {
            request.put("files", job.files());
            request.put("binary_files", job.binaryFilesBase64());
            if (job.compile() != null) {
                request.put("compile", command(job.compile()));
            }
        }
        if (run) {
            request.put("run", command(job.run()));
            List<Map<String, String>> tests = new ArrayList<>();
            job.stdins().forEach(stdin -> tests.add(Map.of("stdin", stdin)));
            request.put("tests", tests);
            request.put("stop_on_failure", job.stopOnFailure());
            request.put("fetch_files", job.fetchFiles());
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

    private static Map<String, Object> command(Command command) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("cmd", command.cmd());
        spec.put("time_ms", command.timeMs());
        spec.put("wall_ms", command.wallMs());
        spec.put("output_bytes", command.outputBytes());
        spec.put("file_mb", command.fileMb());
        spec.put("stack_mb", command.stackMb());
        spec.put("env", command.env());
        return spec;
    }

    private static Observation observation(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return new Observation(intOrNull(node.get("exit_code")), intOrNull(node.get("signal")),
                node.path("cpu_ms").asLong(), node.path("wall_ms").asLong(), node.path("memory_kb").asLong(),
                node.path("stdout").asString(""), node.path("stdout_bytes").asLong(),
                node.path("output_exceeded").asBoolean(), node.path("stderr").asString(""),
                node.hasNonNull("timed_out") ? node.get("timed_out").asString() : null,
                node.path("oom_killed").asBoolean(), node.path("start_failed").asBoolean());
    }

    private static Integer intOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asInt();
    }

    private JsonNode runner(Box box, byte[] payload, Duration deadline) {
        RunnerExec exec = exec(box, List.of("python3", "/opt/rewards/runner.py"), payload, deadline);
        if (exec.exitCode() != 0) {
            throw anomaly(box, "runner exited with " + exec.exitCode() + ": " + exec.stderr().strip(), null);
        }
        JsonNode reply = JSON.readTree(exec.stdout());
        if (!reply.path("clean").asBoolean(false)) {
            box.dirty = true;
        }
        return reply;
    }

    private record RunnerExec(long exitCode, String stdout, String stderr) {
    }

    private RunnerExec exec(Box box, List<String> cmd, byte[] stdin, Duration deadline) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        String execId;
        try {
            execId = docker.execCreateCmd(box.id).withUser("0:0").withAttachStdin(stdin.length > 0)
                    .withAttachStdout(true).withAttachStderr(true).withCmd(cmd.toArray(String[]::new)).exec().getId();
        } catch (RuntimeException e) {
            throw anomaly(box, "exec create failed: " + e.getMessage(), e);
        }
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                ByteArrayOutputStream target = frame.getStreamType() == StreamType.STDERR ? stderr : stdout;
                synchronized (target) {
                    target.writeBytes(frame.getPayload());
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
                throw anomaly(box, "runner did not finish within " + deadline.toMillis() + " ms", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw anomaly(box, "interrupted", e);
        } catch (SandboxUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw anomaly(box, "exec failed: " + e.getMessage(), e);
        } finally {
            try {
                callback.close();
            } catch (IOException ignored) {
                // the stream is gone either way
            }
        }
        Long exitCode;
        try {
            exitCode = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        } catch (RuntimeException e) {
            throw anomaly(box, "exec inspect failed: " + e.getMessage(), e);
        }
        return new RunnerExec(exitCode == null ? -1 : exitCode, stdout.toString(StandardCharsets.UTF_8),
                stderr.toString(StandardCharsets.UTF_8));
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
            docker.updateContainerCmd(box.id).withMemory(memoryMb * MB).withMemorySwap(memoryMb * MB).exec();
            box.memoryMb = memoryMb;
            return true;
        } catch (RuntimeException e) {
            log.debug("memory update of {} to {} MB refused: {}", box.id, memoryMb, e.getMessage());
            return false;
        }
    }

    private void clearWorkDir(Box box) {
        try {
            runner(box, request(new Job(Map.of(), null, new Command(List.of("true"), 1000, 2000, 1, 1, 1, Map.of()),
                    List.of(), false, 0, 0), true, false, false), Duration.ofSeconds(15));
        } catch (SandboxUnavailableException e) {
            box.dirty = true;
        }
    }

    private SandboxUnavailableException anomaly(Box box, String message, Throwable cause) {
        box.dirty = true;
        String text = "sandbox container " + box.id.substring(0, 12) + ": " + message;
        lastFailure.set(text);
        log.warn(text);
        return new SandboxUnavailableException("The code sandbox failed: " + message, cause);
    }

    private String createContainer(Language language) {
        String image = image(language);
        long memory = 512 * MB;
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of(
                        "/sandbox", "rw,exec,nosuid,nodev,size=" + settings.workDirMb() + "m,mode=0755",
                        "/tmp", "rw,nosuid,nodev,size=64m,mode=1777"))
                .withCapDrop(Capability.ALL)
                // For the runner only: the programs it starts switch to uid 65534 and lose every capability.
                .withCapAdd(Capability.SETUID, Capability.SETGID, Capability.KILL, Capability.CHOWN,
                        Capability.DAC_OVERRIDE, Capability.FOWNER, Capability.SETPCAP)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withPidsLimit(settings.pidsLimit())
                .withMemory(memory).withMemorySwap(memory).withMemorySwappiness(0L)
                .withNanoCPUs((long) (settings.cpus() * 1_000_000_000L))
                .withUlimits(List.of(new Ulimit("nofile", 1024L, 1024L), new Ulimit("core", 0L, 0L)))
                .withAutoRemove(false);
        String id = docker.createContainerCmd(image)
                .withUser("0:0")
                .withLabels(Map.of(SANDBOX_LABEL, language.wireName(), OWNER_LABEL, settings.ownerLabel()))
                .withNetworkDisabled(true)
                .withHostConfig(host)
                .exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
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
        closed = true;
        maintenance.shutdownNow();
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(OWNER_LABEL, settings.ownerLabel())).exec();
        containers.parallelStream().forEach(c -> remove(c.getId()));
        try {
            docker.close();
        } catch (IOException ignored) {
            // closing the HTTP client
        }
    }

    private static final class Box {
        final String id;
        volatile int memoryMb = 512;
        volatile int uses;
        volatile boolean dirty;

        Box(String id) {
            this.id = id;
        }
    }

    private final class Pool {
        final Language language;
        final LinkedBlockingQueue<Box> idle = new LinkedBlockingQueue<>();
        final AtomicInteger live = new AtomicInteger();
        volatile boolean failing;

        Pool(Language language) {
            this.language = language;
        }

        Box acquire() {
            Box ready = idle.poll();
            if (ready != null) {
                return ready;
            }
            if (live.incrementAndGet() <= settings.poolSize()) {
                // Pools fill lazily when they were not warmed at startup (or lost containers).
                try {
                    Box box = new Box(createContainer(language));
                    failing = false;
                    return box;
                } catch (RuntimeException e) {
                    failing = true;
                    live.decrementAndGet();
                    lastFailure.set("creating a " + language.wireName() + " sandbox failed: " + e.getMessage());
                    throw new SandboxUnavailableException("The code sandbox is unavailable: " + lastFailure.get(), e);
                }
            }
            live.decrementAndGet();
            try {
                Box box = idle.poll(settings.acquireTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (box == null) {
                    String failure = lastFailure.get();
                    throw new SandboxUnavailableException("No " + language.wireName() + " sandbox became free within "
                            + settings.acquireTimeout().toMillis() + " ms"
                            + (failure == null ? "" : " (last failure: " + failure + ")"), null);
                }
                return box;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxUnavailableException("interrupted while waiting for a sandbox", e);
            }
        }

        void release(Box box, boolean healthy) {
            box.uses++;
            if (healthy && !box.dirty && box.uses < settings.maxUses() && !closed) {
                idle.offer(box);
                return;
            }
            live.decrementAndGet();
            maintenance.submit(() -> {
                remove(box.id);
                replenish();
            });
        }

        /** Creates one container; on failure retries with backoff until it succeeds or the sandbox closes. */
        void replenish() {
            long backoff = 500;
            while (!closed) {
                if (live.incrementAndGet() > settings.poolSize()) {
                    live.decrementAndGet();
                    return;
                }
                try {
                    idle.offer(new Box(createContainer(language)));
                    failing = false;
                    return;
                } catch (RuntimeException e) {
                    failing = true;
                    live.decrementAndGet();
                    lastFailure.set("creating a " + language.wireName() + " sandbox failed: " + e.getMessage());
                    log.warn(lastFailure.get());
                    try {
                        Thread.sleep(backoff);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    backoff = Math.min(backoff * 2, 10_000);
                }
            }
        }
    }
}
