// testlib protocol without testlib: checker <input> <output> <answer>; 0 accepted, 1 wrong answer.
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

public class DerangementChecker {
    static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(Files.readString(Path.of(args[0])).trim().split("\\s+")[0]);
        String out = new String(Files.readAllBytes(Path.of(args[1])), StandardCharsets.UTF_8).trim();
        String[] tokens = out.isEmpty() ? new String[0] : out.split("\\s+");
        if (tokens.length != n) {
            fail("expected " + n + " numbers, got " + tokens.length);
        }
        boolean[] seen = new boolean[n + 1];
        for (int i = 0; i < n; i++) {
            int v = 0;
            try {
                v = Integer.parseInt(tokens[i]);
            } catch (NumberFormatException e) {
                fail("not an integer: " + tokens[i]);
            }
            if (v < 1 || v > n || seen[v]) {
                fail("not a permutation");
            }
            if (v == i + 1) {
                fail("fixed point at " + v);
            }
            seen[v] = true;
        }
        System.err.println("a derangement of " + n);
        System.exit(0);
    }
}
