package dev.rewards.code.api;

import java.time.Duration;
import java.util.UUID;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the code-verifier ({@code rewards.code.*}).
 *
 * @param dockerHost      Docker engine endpoint (default {@code unix:///var/run/docker.sock})
 * @param imagePrefix     sandbox images are {@code <prefix><language>:<tag>} (default {@code rewards-sandbox-})
 * @param imageTag        tag of the sandbox images (default: this build's version)
 * @param poolSize        warm containers per language; at most this many submissions of a language run at once
 *                        (default 4)
 * @param maxRunning      submissions running at once across all languages, so that no program shares a core and
 *                        CPU-time verdicts do not depend on the load; the rest wait in the queue. 0 = the sandbox
 *                        engine's CPU count ({@code docker info} NCPU, else this host's processors) divided by
 *                        {@code cpus} (default 0)
 * @param warmAtStartup   create the pools at startup rather than on first use (default true)
 * @param maxUses         submissions a container serves before it is replaced (default 200)
 * @param acquireTimeout  longest wait for a container being replaced before answering 503 (default 30s)
 * @param queueCapacity   submissions per language waiting for a container; beyond it 429 (default 512)
 * @param maxQueueWait    a submission that would wait longer than this (queued × recent time per submission ÷
 *                        the submissions of its language that run at once) is refused with a 429 at once; not
 *                        SandboxFusion's {@code /run_code}, which waits as long as its own budget allows (default 20s)
 * @param pidsLimit       processes and threads per container (default 128)
 * @param cpus            CPU quota per container (default 1.0)
 * @param workDirMb       size of a container's tmpfs work directory (default 2048)
 * @param timeMs          default CPU time per test (default 2000); {@code maxTimeMs} its maximum (default 20000)
 * @param memoryMb        default memory (default 256); {@code maxMemoryMb} its maximum (default 2048)
 * @param outputKb        default stdout cap (default 1024); {@code maxOutputKb} its maximum (default 65536)
 * @param compileTimeMs   CPU time of a compilation (default 10000)
 * @param compileMemoryMb memory of a compilation: linking a program with a 512 MiB static array needs ≈1.5 GiB (default 2048)
 * @param maxSourceKb     longest program (default 1024)
 * @param maxTests        most test cases per submission (default 1000)
 * @param maxBatchItems   most submissions per batch (default 4096)
 * @param deadline        longest a single request may take before a 503 (default 10m)
 * @param instanceId      value of the {@code dev.rewards.sandbox.owner} label on this instance's sandbox containers,
 *                        so that several code-verifiers can share one engine and each cleans up only its own
 *                        (default: {@code code-verifier-} and a random UUID)
 */
@Validated
@ConfigurationProperties("rewards.code")
public record CodeProperties(@DefaultValue("unix:///var/run/docker.sock") String dockerHost,
                             @DefaultValue("rewards-sandbox-") String imagePrefix,
                             @DefaultValue("") String imageTag,
                             @DefaultValue("4") @Min(1) int poolSize,
                             @DefaultValue("0") @Min(0) int maxRunning,
                             @DefaultValue("true") boolean warmAtStartup,
                             @DefaultValue("200") @Min(1) int maxUses,
                             @DefaultValue("30s") @DurationMin(millis = 1) Duration acquireTimeout,
                             @DefaultValue("512") @Min(1) int queueCapacity,
                             @DefaultValue("20s") @DurationMin(millis = 1) Duration maxQueueWait,
                             @DefaultValue("128") @Min(1) long pidsLimit,
                             @DefaultValue("1.0") @DecimalMin(value = "0", inclusive = false) double cpus,
                             @DefaultValue("2048") @Min(1) int workDirMb,
                             @DefaultValue("2000") @Min(1) int timeMs,
                             @DefaultValue("20000") @Min(1) int maxTimeMs,
                             @DefaultValue("256") @Min(1) int memoryMb,
                             @DefaultValue("2048") @Min(1) int maxMemoryMb,
                             @DefaultValue("1024") @Min(1) int outputKb,
                             @DefaultValue("65536") @Min(1) int maxOutputKb,
                             @DefaultValue("10000") @Min(1) int compileTimeMs,
                             @DefaultValue("2048") @Min(1) int compileMemoryMb,
                             @DefaultValue("1024") @Min(1) int maxSourceKb,
                             @DefaultValue("1000") @Min(1) int maxTests,
                             @DefaultValue("4096") @Min(1) int maxBatchItems,
                             @DefaultValue("10m") @DurationMin(millis = 1) Duration deadline,
                             @DefaultValue("") String instanceId) {

    /** The owner label: the configured instance id, or a fresh random one. */
    public String ownerLabel() {
        return instanceId.isBlank() ? "code-verifier-" + UUID.randomUUID() : instanceId;
    }
}
