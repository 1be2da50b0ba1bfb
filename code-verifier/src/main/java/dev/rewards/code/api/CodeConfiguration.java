package dev.rewards.code.api;


import dev.rewards.code.CodeJudge;
import dev.rewards.code.CodeLimits;
import dev.rewards.code.LimitPolicy;
import dev.rewards.code.Sandbox;
import dev.rewards.code.docker.DockerSandbox;
import dev.rewards.code.docker.SandboxSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CodeProperties.class)
class CodeConfiguration {

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
    SubmissionQueue submissionQueue(CodeJudge judge, CodeProperties properties,
                                    io.micrometer.core.instrument.MeterRegistry registry) {
        return new SubmissionQueue(judge, properties, registry);
    }
}
