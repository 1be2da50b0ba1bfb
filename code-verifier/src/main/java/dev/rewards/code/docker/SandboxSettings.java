package dev.rewards.code.docker;

import java.time.Duration;

/**
 * How the Docker sandbox runs its warm containers.
 *
 * @param dockerHost     engine endpoint, e.g. {@code unix:///var/run/docker.sock}
 * @param imagePrefix    images are {@code <prefix><language>:<imageTag>}
 * @param imageTag       tag of the sandbox images (the project version)
 * @param poolSize       warm containers per language
 * @param maxUses        submissions a container serves before it is replaced
 * @param acquireTimeout longest wait for a free container before the submission is refused (503)
 * @param pidsLimit      processes and threads per container
 * @param cpus           CPU quota per container
 * @param workDirMb      size of the tmpfs work directory (counts against the container's memory)
 * @param ownerLabel     value of the {@code dev.rewards.sandbox.owner} label, to find this instance's containers
 */
public record SandboxSettings(String dockerHost, String imagePrefix, String imageTag, int poolSize, int maxUses,
                              Duration acquireTimeout, long pidsLimit, double cpus, int workDirMb, String ownerLabel) {
    public SandboxSettings {
        if (poolSize <= 0 || maxUses <= 0 || pidsLimit <= 0 || cpus <= 0 || workDirMb <= 0) {
            throw new IllegalArgumentException("sandbox settings must be positive");
        }
    }
}
