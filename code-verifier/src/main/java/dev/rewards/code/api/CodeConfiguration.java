package dev.rewards.code.api;


import com.github.dockerjava.api.DockerClient;
import dev.rewards.code.CodeJudge;
import dev.rewards.code.CodeLimits;
import dev.rewards.code.LimitPolicy;
import dev.rewards.code.Sandbox;
import dev.rewards.code.docker.DockerSandbox;
import dev.rewards.code.docker.SandboxSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CodeProperties.class)
class CodeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CodeConfiguration.class);

    @Bean(destroyMethod = "")
    Sandbox codeSandbox(CodeProperties properties, ObjectProvider<BuildProperties> build) {
        String tag = properties.imageTag().isBlank()
                ? build.getIfAvailable(() -> null) == null ? "0.1.0-SNAPSHOT" : build.getObject().getVersion()
                : properties.imageTag();
        DockerSandbox sandbox = new DockerSandbox(new SandboxSettings(properties.dockerHost(),
                properties.imagePrefix(), tag, properties.poolSize(), properties.maxUses(),
                properties.acquireTimeout(), properties.pidsLimit(), properties.cpus(), properties.workDirMb(),
                properties.ownerLabel()));
        if (properties.warmAtStartup()) {
            sandbox.start();
        }
        return sandbox;
    }

    @Bean
    SandboxLifecycle sandboxLifecycle(Sandbox sandbox) {
        return new SandboxLifecycle(sandbox);
    }

    @Bean
    CodeJudge codeJudge(Sandbox sandbox, CodeProperties properties) {
        return new CodeJudge(sandbox, new LimitPolicy(
                new CodeLimits(properties.timeMs(), properties.memoryMb(), properties.outputKb()),
                new CodeLimits(properties.maxTimeMs(), properties.maxMemoryMb(), properties.maxOutputKb()),
                properties.compileTimeMs(), properties.compileMemoryMb(), properties.maxSourceKb(),
                properties.maxTests()));
    }

    @Bean
    SubmissionQueue submissionQueue(CodeJudge judge, Sandbox sandbox, CodeProperties properties,
                                    io.micrometer.core.instrument.MeterRegistry registry) {
        return new SubmissionQueue(judge, properties, maxRunning(properties, sandbox), registry);
    }

    static int maxRunning(CodeProperties properties, Sandbox sandbox) {
        if (properties.maxRunning() < 0) {
            throw new IllegalArgumentException("rewards.code.max-running: must be 0 (the engine's CPUs) or positive, got "
                    + properties.maxRunning());
        }
        if (properties.maxRunning() > 0) {
            return properties.maxRunning();
        }
        int cpus = engineCpus(sandbox);
        int running = Math.max(1, (int) Math.floor(cpus / properties.cpus()));
        log.info("{} submissions run at once: the sandbox engine has {} CPUs, {} per container "
                + "(rewards.code.max-running)", running, cpus, properties.cpus());
        return running;
    }

    /** The engine's CPUs (its host runs the programs, not necessarily this one), else this host's processors. */
    private static int engineCpus(Sandbox sandbox) {
        if (sandbox instanceof DockerSandbox docker) {
            try (DockerClient client = docker.newClient()) {
                Integer cpus = client.infoCmd().exec().getNCPU();
                if (cpus != null && cpus > 0) {
                    return cpus;
                }
            } catch (Exception e) {
                log.warn("could not ask the Docker engine for its CPU count ({}); using this host's", e.toString());
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }
}
