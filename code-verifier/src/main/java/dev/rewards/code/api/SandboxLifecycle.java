package dev.rewards.code.api;

import dev.rewards.code.Sandbox;
import org.springframework.beans.factory.DisposableBean;

/** Removes the warm containers when the service stops, after in-flight requests drained (graceful shutdown). */
final class SandboxLifecycle implements DisposableBean {

    private final Sandbox sandbox;

    SandboxLifecycle(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public void destroy() throws Exception {
        if (sandbox instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
