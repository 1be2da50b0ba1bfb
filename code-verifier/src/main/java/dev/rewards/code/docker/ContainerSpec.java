package dev.rewards.code.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ulimit;
import dev.rewards.code.Language;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a warm sandbox container is made: read-only root, no network, every capability dropped but the few the root
 * runner needs to start programs as the sandbox user, no new privileges, and the seccomp profile of our own (the
 * engine's default minus io_uring and the debugging calls; engines up to 20.10 still allow io_uring by default).
 */
final class ContainerSpec {

    static final long MB = 1024L * 1024L;
    static final int INITIAL_MEMORY_MB = 512;
    private static final String SECCOMP_RESOURCE = "seccomp.json";

    private final SandboxSettings settings;
    private final String seccomp;

    ContainerSpec(SandboxSettings settings) {
        this.settings = settings;
        this.seccomp = seccompProfile();
    }

    /** The profile as one line of JSON, the form the Engine API takes in {@code seccomp=<json>}. */
    static String seccompProfile() {
        try (InputStream in = ContainerSpec.class.getResourceAsStream(SECCOMP_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SECCOMP_RESOURCE);
            }
            JsonMapper json = JsonMapper.builder().build();
            return json.writeValueAsString(json.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String image(Language language) {
        return settings.imagePrefix() + language.wireName() + ":" + settings.imageTag();
    }

    /**
     * Creates (does not start) a container for the language; returns its id. Its stdin stays open: the runner server
     * reads its requests there ({@link RunnerChannel}). No log driver: replies travel only through the attach, and a
     * log would keep every program's output on the engine's disk.
     */
    String create(DockerClient docker, Language language) {
        long memory = INITIAL_MEMORY_MB * MB;
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
                .withSecurityOpts(List.of("no-new-privileges", "seccomp=" + seccomp))
                .withPidsLimit(settings.pidsLimit())
                .withMemory(memory).withMemorySwap(memory).withMemorySwappiness(0L)
                .withNanoCPUs((long) (settings.cpus() * 1_000_000_000L))
                .withUlimits(List.of(new Ulimit("nofile", 1024L, 1024L), new Ulimit("core", 0L, 0L)))
                .withLogConfig(new LogConfig(LogConfig.LoggingType.NONE, null))
                .withAutoRemove(false);
        String id = docker.createContainerCmd(image(language))
                .withUser("0:0")
                .withLabels(Map.of(DockerSandbox.SANDBOX_LABEL, language.wireName(),
                        DockerSandbox.OWNER_LABEL, settings.ownerLabel()))
                .withNetworkDisabled(true)
                .withStdinOpen(true)
                .withStdInOnce(false)
                .withHostConfig(host)
                .exec().getId();
        return id;
    }
}
