package dev.rewards.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rewards.code.internal.Programs;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The C++ image's precompiled {@code <bits/stdc++.h>} is valid for the exact compile command the judge uses: GCC
 * reports a used precompiled header with a {@code !} line under {@code -H}. A change of the flags on either side
 * (Programs or sandbox/languages/cpp/setup.sh) silently loses the header's speed-up; this test catches it.
 */
class PrecompiledHeaderIT {

    private static final String SOURCE = "#include <bits/stdc++.h>\nusing namespace std;\n"
            + "int main(){long long a,b;cin>>a>>b;cout<<a+b<<\"\\n\";}\n";

    @Test
    void theJudgesCompileCommandUsesThePrecompiledHeader() throws Exception {
        Sandbox.Job job = Programs.prepare(Language.CPP, SOURCE,
                new TestSuite.Stdio(List.of(new TestSuite.StdioCase("3 4\n", "7\n"))), new CodeLimits(1000, 128, 64),
                LimitPolicy.STANDARD, true, 0);
        List<String> compile = new ArrayList<>(job.compile().cmd());
        String source = compile.remove(compile.size() - 1);
        compile.add("-H");
        compile.add(source);
        try (GenericContainer<?> box = new GenericContainer<>(
                DockerImageName.parse("rewards-sandbox-cpp:" + Sandboxes.VERSION))
                .withNetworkMode("none")
                .withTmpFs(Map.of("/tmp", "rw,size=64m,exec"))) {
            box.start();
            String script = "cd /tmp && printf '%s' \"$1\" > " + source + " && " + String.join(" ", compile)
                    + " && echo '3 4' | ./main";
            Container.ExecResult result = box.execInContainer("sh", "-c", script, "sh", SOURCE);
            assertThat(result.getExitCode()).as(result.getStderr()).isZero();
            assertThat(result.getStdout().strip()).isEqualTo("7");
            // -H prints "! <file>" for a precompiled header it used, ". <file>" for a header it parsed.
            assertThat(result.getStderr().lines().findFirst().orElse(""))
                    .isEqualTo("! /opt/rewards/pch/bits/stdc++.h.gch");
        }
    }
}
