package dev.rewards.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.rewards.code.docker.DockerSandbox;
import dev.rewards.code.docker.SandboxSettings;
import org.junit.jupiter.api.Test;

/**
 * Faults under the sandbox: a container killed from outside while it runs a submission, and the Docker engine
 * becoming unreachable and coming back (a proxy in front of the engine's socket is cut and restored: a partition, where
 * {@link EngineRestartIT} restarts an engine).
 */
class SandboxFaultIT {

    @Test
    void aContainerKilledMidRunIsReplacedAndTheSubmissionRunsAgainOnAnother() throws Exception {
        DockerSandbox sandbox = Sandboxes.start(1);
        try (DockerClient docker = sandbox.newClient()) {
            CodeJudge judge = new CodeJudge(sandbox, LimitPolicy.STANDARD);
            assertThat(judge.verify(EngineOutages.quick()).status()).isEqualTo(Verdict.ACCEPTED);
            CompletableFuture<CodeResult> running =
                    CompletableFuture.supplyAsync(() -> judge.verify(EngineOutages.slowEcho()));
            Thread.sleep(1200);
            List<Container> boxes = docker.listContainersCmd()
                    .withLabelFilter(Map.of("dev.rewards.sandbox.owner", sandbox.ownerLabel())).exec().stream()
                    .filter(c -> c.getImage().contains("python")).toList();
            assertThat(boxes).hasSize(1);
            docker.killContainerCmd(boxes.get(0).getId()).exec();

            CodeResult result = running.get(60, TimeUnit.SECONDS);
            assertThat(result.status()).as("run once more on another container, never a wrong verdict")
                    .isEqualTo(Verdict.ACCEPTED);
            assertThat(judge.verify(EngineOutages.quick()).status()).isEqualTo(Verdict.ACCEPTED);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!sandbox.ready()) {
                assertThat(System.nanoTime()).as("the pool heals").isLessThan(deadline);
                Thread.sleep(200);
            }
        } finally {
            sandbox.close();
        }
    }

    @Test
    void anEngineOutageFailsInFlightWorkAsUnavailableAndThePoolRebuildsAfterwards() throws Exception {
        try (EngineProxy proxy = new EngineProxy()) {
            DockerSandbox sandbox = new DockerSandbox(new SandboxSettings("tcp://127.0.0.1:" + proxy.port(),
                    "rewards-sandbox-", Sandboxes.VERSION, 1, 50, Duration.ofSeconds(5), 128, 1.0, 512,
                    "it-outage-" + UUID.randomUUID()));
            try {
                EngineOutages.assertOutageAndRecovery(sandbox, proxy::cut, proxy::restore);
            } finally {
                sandbox.close();
            }
        }
    }

    /** A TCP front for the engine's unix socket that can be cut (all connections dropped, port closed) and restored. */
    private static final class EngineProxy implements AutoCloseable {
        private final int port;
        private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
        private volatile ServerSocketChannel server;

        EngineProxy() throws IOException {
            server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            accept(server);
        }

        int port() {
            return port;
        }

        private void accept(ServerSocketChannel listening) {
            Thread acceptor = new Thread(() -> {
                while (listening.isOpen()) {
                    try {
                        SocketChannel client = listening.accept();
                        SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of("/var/run/docker.sock"));
                        open.add(client);
                        open.add(engine);
                        pump(client, engine);
                        pump(engine, client);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "engine-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void pump(SocketChannel from, SocketChannel to) {
            Thread thread = new Thread(() -> {
                ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
                try {
                    while (from.read(buffer) >= 0) {
                        buffer.flip();
                        while (buffer.hasRemaining()) {
                            to.write(buffer);
                        }
                        buffer.clear();
                    }
                    to.shutdownOutput();
                } catch (IOException ignored) {
                    // a cut connection
                }
            }, "engine-proxy-pump");
            thread.setDaemon(true);
            thread.start();
        }

        void cut() throws IOException {
            server.close();
            for (SocketChannel channel : open) {
                channel.close();
            }
            open.clear();
        }

        void restore() throws IOException {
            server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", port));
            accept(server);
        }

        @Override
        public void close() throws IOException {
            cut();
        }
    }
}
