package dev.rewards.code;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The sandbox runtime images that {@code ./rewards} builds (registry or offline path) hold a working toolchain,
 * run as an unprivileged user and work without a network. Needs a Docker engine: without one this test fails.
 */
class SandboxImagesIT {

    private static final String VERSION = System.getenv().getOrDefault("REWARDS_VERSION", "0.1.0-SNAPSHOT");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "python     | python3 -c print(6*7)                                       | 42",
            "c          | sh -c printf\\ 'int\\ main(){return\\ 42;}'>/tmp/a.c&&gcc\\ -O2\\ -fuse-ld=gold\\ -o\\ /tmp/a\\ /tmp/a.c;/tmp/a;echo\\ $? | 42",
            "cpp        | sh -c echo\\ 'int\\ main(){return\\ 42;}'>/tmp/a.cpp&&g++\\ -std=c++17\\ -fuse-ld=gold\\ -o\\ /tmp/a\\ /tmp/a.cpp;/tmp/a;echo\\ $? | 42",
            "java       | sh -c cd\\ /tmp&&printf\\ 'public\\ class\\ Main{public\\ static\\ void\\ main(String[]a){System.out.print(42);}}'>Main.java&&javac\\ Main.java&&java\\ -cp\\ .\\ Main | 42",
            "javascript | node -e console.log(6*7)                                    | 42",
            "go         | sh -c cd\\ /tmp&&echo\\ 'package\\ main;import\\ \"fmt\";func\\ main(){fmt.Print(6*7)}'>a.go&&GOCACHE=/tmp/c\\ CGO_ENABLED=0\\ go\\ build\\ -o\\ a\\ a.go&&./a | 42",
            "rust       | sh -c cd\\ /tmp&&echo\\ 'fn\\ main(){print!(\"{}\",6*7)}'>a.rs&&rustc\\ -O\\ -o\\ a\\ a.rs&&./a | 42",
            "typescript | sh -c cd\\ /tmp&&echo\\ 'const\\ x:number=6*7;process.stdout.write(String(x))'>a.ts&&tsc\\ --skipLibCheck\\ --types\\ node\\ --typeRoots\\ /usr/share/nodejs/@types\\ a.ts&&node\\ a.js | 42",
            "csharp     | sh -c cd\\ /tmp&&echo\\ 'class\\ P{static\\ void\\ Main(){System.Console.Write(6*7);}}'>a.cs&&mcs\\ a.cs&&mono\\ a.exe | 42",
            "ruby       | ruby -e print(6*7)                                          | 42",
            "bash       | bash -c echo\\ $((6*7))                                     | 42"})
    void toolchainRunsUnprivilegedWithoutNetwork(String language, String command, String expected) throws Exception {
        try (GenericContainer<?> sandbox = new GenericContainer<>(
                DockerImageName.parse("rewards-sandbox-" + language + ":" + VERSION))
                .withNetworkMode("none")
                .withTmpFs(java.util.Map.of("/tmp", "rw,size=64m,exec"))) {
            sandbox.start();
            Container.ExecResult version = sandbox.execInContainer("cat", "/opt/rewards/toolchain-version");
            assertThat(version.getStdout()).isNotBlank();
            Container.ExecResult whoami = sandbox.execInContainer("id", "-u");
            assertThat(whoami.getStdout().strip()).isEqualTo("65534");
            Container.ExecResult run = sandbox.execInContainer(split(command));
            assertThat(run.getStdout().strip()).as(run.getStderr()).endsWith(expected);
        }
    }

    /** Splits on spaces not escaped with a backslash, so a whole shell script can be one argument. */
    private static String[] split(String command) {
        return command.strip().replace("\\ ", "\u0000").split(" +", 3).length == 0 ? new String[0]
                : java.util.Arrays.stream(command.strip().replace("\\ ", "\u0000").split(" +"))
                        .map(part -> part.replace('\u0000', ' ')).toArray(String[]::new);
    }
}
