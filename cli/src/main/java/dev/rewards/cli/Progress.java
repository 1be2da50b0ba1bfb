package dev.rewards.cli;

import java.io.PrintStream;

/** done/total, rate and ETA on stderr: redrawn in place on a terminal, a line every 10 s otherwise. */
final class Progress {

    private final PrintStream err;
    private final int total;
    private final long started = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private long lastPrinted;
    private boolean drawn;

    Progress(PrintStream err, int total) {
        this.err = err;
        this.total = total;
    }

    void update(int done) {
        long now = System.nanoTime();
        long interval = terminal ? 200_000_000L : 10_000_000_000L;
        if (now - lastPrinted < interval && done < total) {
            return;
        }
        lastPrinted = now;
        double seconds = (now - started) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
        String line = String.format("  %,d/%,d responses  %.0f/s  ETA %d:%02d", done, total, rate, eta / 60, eta % 60);
        if (terminal) {
            err.print("\r" + line + "   ");
            drawn = true;
        } else {
            err.println(line);
        }
    }

    void finish() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }
}
