// Interactor of "guess the number" (as guess-interactor.cpp): 0 accepted, 1 wrong answer.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;

public class GuessInteractor {
    static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }

    public static void main(String[] args) throws Exception {
        String[] input = Files.readString(Path.of(args[0])).trim().split("\\s+");
        long n = Long.parseLong(input[0]);
        long x = Long.parseLong(input[1]);
        int allowed = 64 - Long.numberOfLeadingZeros(n - 1) + 1;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        System.out.println(n);
        System.out.flush();
        for (int queries = 1;; queries++) {
            String line = in.readLine();
            if (line == null) {
                fail("the program ended before finding the number");
            }
            long guess = 0;
            try {
                guess = Long.parseLong(line.trim());
            } catch (NumberFormatException e) {
                fail("not a number");
            }
            if (queries > allowed) {
                fail("more than " + allowed + " guesses");
            }
            if (guess == x) {
                System.out.println("=");
                System.out.flush();
                System.err.println("found " + x + " in " + queries + " guesses");
                System.exit(0);
            }
            System.out.println(guess > x ? "<" : ">");
            System.out.flush();
        }
    }
}
