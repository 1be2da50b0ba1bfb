package dev.rewards.it.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The reward playground in headless Chromium against the running suite (the five services started from this build's
 * jars): a correct R1 math answer, a format violation, a mixed-language chain of thought, a failing code submission,
 * a GRPO group with equivalence classes, bad input, and a narrow window. Each test asserts what is on screen, leaves
 * a screenshot under {@code integration-tests/target/screenshots} and no console error.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlaygroundBrowserIT {

    private static LocalSuite suite;
    private Browser browser;
    /** Console errors a test provokes on purpose (the failed request of a service-down scenario). */
    private final List<String> expectedConsoleErrors = new java.util.ArrayList<>();

    @BeforeAll
    static void startSuite() throws Exception {
        suite = new LocalSuite();
    }

    @AfterAll
    static void stopSuite() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browser = new Browser(1280, 800);
    }

    @AfterEach
    void noConsoleErrors() throws Exception {
        try {
            assertThat(browser.consoleErrors()).as("browser console errors")
                    .allSatisfy(error -> assertThat(expectedConsoleErrors).anySatisfy(expected ->
                            assertThat(error).contains(expected)));
        } finally {
            browser.close();
        }
    }

    private static String permalink(Map<String, String> params, List<String> responses) {
        StringBuilder link = new StringBuilder(suite.gatewayUrl()).append("/#");
        params.forEach((k, v) -> link.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        responses.forEach(r -> link.append("response=").append(URLEncoder.encode(r, StandardCharsets.UTF_8)).append('&'));
        return link.substring(0, link.length() - 1);
    }

    /** Opens a permalink and waits until the page has scored it (body[data-scored] counts finished attempts). */
    private void open(String url) {
        browser.driver().get(url);
        awaitScored(1);
    }

    private void awaitScored(int attempts) {
        browser.waiting(Duration.ofSeconds(90)).until(d -> {
            Object scored = browser.script("return document.body.dataset.scored || '0'");
            return Integer.parseInt(String.valueOf(scored)) >= attempts;
        });
    }

    private String text(String css) {
        return browser.driver().findElement(By.cssSelector(css)).getText();
    }

    private List<WebElement> all(String css) {
        return browser.driver().findElements(By.cssSelector(css));
    }

    private String componentScore(String component) {
        return text("#components tr[data-component=" + component + "] .component-score");
    }

    @Test
    void aCorrectR1MathAnswerShowsItsComponentsAndWhereTheAnswerWasFound() throws Exception {
        open(permalink(Map.of("profile", "r1", "gold", "\\frac{1}{2}"), List.of(
                "<think>\nWe halve one: one divided by two is a half.\n</think>\n<answer>\nThe answer is \\boxed{0.5}.\n</answer>")));
        assertThat(text("#reward")).isEqualTo("reward 2.100");
        assertThat(componentScore("accuracy")).isEqualTo("1");
        assertThat(componentScore("format")).isEqualTo("1");
        assertThat(componentScore("language")).isEqualTo("1");
        assertThat(text("#components tr[data-component=language]")).contains("0.1", "ok");
        assertThat(text("#why-accuracy mark.answer")).isEqualTo("0.5");
        assertThat(text("#why-accuracy .kv")).contains("boxed", "0.5", "numeric");
        assertThat(browser.driver().getCurrentUrl()).contains("profile=r1", "gold=");
        browser.screenshot("playground-math-correct");
    }

    @Test
    void aFormatViolationIsHighlightedAtItsOffset() throws Exception {
        String response = "<think>We add two and two to make four.</think><answer>\\boxed{4}</answer> Hope this helps!";
        open(permalink(Map.of("profile", "r1", "gold", "4"), List.of(response)));
        assertThat(text("#reward")).as("1.1 and not 2.1: accuracy and language, no format").isEqualTo("reward 1.100");
        assertThat(componentScore("format")).isEqualTo("0");
        WebElement mark = browser.driver().findElement(By.cssSelector("#why-format mark.violation[data-code=text_after_answer]"));
        assertThat(mark.getText()).contains("Hope this helps!");
        assertThat(text("#violations")).contains("text_after_answer", "offset " + (response.indexOf("</answer>") + 9));
        assertThat(text("#soft")).contains("tag_count", "reasoning_steps", "repetition");
        browser.screenshot("playground-format-violation");
    }

    @Test
    void aMixedLanguageChainOfThoughtColoursEveryWord() throws Exception {
        open(permalink(Map.of("profile", "r1", "task", "none", "target_language", "en"), List.of(
                "<think>We will use gradient descent on $x^2$, so the loss goes down: 梯度下降。</think><answer>done</answer>")));
        assertThat(all("#why-language .word[data-lang=zh]")).extracting(WebElement::getText)
                .containsExactly("梯", "度", "下", "降");
        assertThat(all("#why-language .word[data-lang=en]")).hasSize(11);
        assertThat(all("#why-language .excluded[data-kind=math]")).extracting(WebElement::getText).containsExactly("$x^2$");
        assertThat(componentScore("language")).isEqualTo("0.733");
        assertThat(text("#why-language .legend")).contains("en 11", "zh 4");
        String background = all("#why-language .word[data-lang=zh]").get(0).getCssValue("background-color");
        assertThat(background).isNotEqualTo(all("#why-language .word[data-lang=en]").get(0).getCssValue("background-color"));
        browser.screenshot("playground-language-mixed");
    }

    @Test
    void aFailingCodeSubmissionShowsEachTestAndTheFirstDifferingLine() throws Exception {
        String tests = "{\"format\": \"stdio\", \"cases\": [{\"input\": \"2\", \"output\": \"4\\nend\"},"
                + " {\"input\": \"3\", \"output\": \"6\\nend\"}]}";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("profile", "code");
        params.put("task", "code");
        params.put("language", "python");
        params.put("tests", tests);
        open(permalink(params, List.of("<think>Add two.</think><answer>\n```python\nn = int(input())\nprint(n + 2)\n"
                + "print('end')\n```\n</answer>")));
        assertThat(componentScore("accuracy")).isEqualTo("0");
        assertThat(text("#why-accuracy h3")).contains("wrong_answer");
        assertThat(text(".case[data-case='0'] h4")).contains("accepted", "ms", "KB");
        WebElement failing = browser.driver().findElement(By.cssSelector(".case[data-case='1']"));
        assertThat(failing.getText()).contains("wrong_answer");
        assertThat(failing.findElement(By.cssSelector(".diff")).getAttribute("data-first-diff")).isEqualTo("0");
        assertThat(failing.findElements(By.cssSelector(".first-diff"))).extracting(WebElement::getText)
                .containsExactly("6", "5");
        browser.screenshot("playground-code-failing");
    }

    @Test
    void aGroupShowsAdvantagesSortsAndGroupsEquivalentAnswers() throws Exception {
        open(permalink(Map.of("profile", "r1", "gold", "4"), List.of(
                "<think>We add two and two.</think><answer>\\boxed{4}</answer>",
                "<think>We add two and two again.</think><answer>\\boxed{2+2}</answer>",
                "<think>We add two and three.</think><answer>\\boxed{5}</answer>")));
        browser.waiting(Duration.ofSeconds(30)).until(d -> !all("#clusters .cluster").isEmpty());
        assertThat(text("#group-stats")).contains("3 samples", "mean 1.767", "std 0.577");
        assertThat(all("#group-table tbody .cluster-cell")).extracting(WebElement::getText).containsExactly("A", "A", "B");
        assertThat(all("#group-table tbody .advantage-cell")).extracting(e -> Double.parseDouble(e.getText()))
                .satisfiesExactly(a -> assertThat(a).isCloseTo(0.577, within(0.001)),
                        a -> assertThat(a).isCloseTo(0.577, within(0.001)),
                        a -> assertThat(a).isCloseTo(-1.155, within(0.001)));
        browser.driver().findElement(By.cssSelector("#group-table th button[data-sort=reward]")).click();
        assertThat(all("#group-table tbody .reward-cell")).extracting(WebElement::getText)
                .containsExactly("2.100", "2.100", "1.100");
        browser.driver().findElement(By.cssSelector("#group-table th button[data-sort=reward]")).sendKeys(Keys.ENTER);
        assertThat(all("#group-table tbody .reward-cell")).extracting(WebElement::getText)
                .containsExactly("1.100", "2.100", "2.100");
        WebElement first = browser.driver().findElement(By.cssSelector("#group-table tbody tr"));
        first.sendKeys(Keys.ENTER);
        assertThat(text("#summary h2")).startsWith("Sample 3");
        assertThat(text("#why-accuracy mark.answer")).isEqualTo("5");
        browser.screenshot("playground-group");
    }

    @Test
    void badInputShowsTheProblemNextToItsField() throws Exception {
        browser.driver().get(suite.gatewayUrl() + "/");
        browser.waiting(Duration.ofSeconds(30)).until(d -> "true".equals(browser.script("return document.body.dataset.ready")));
        new Select(browser.driver().findElement(By.id("task"))).selectByValue("code");
        browser.driver().findElement(By.id("tests")).sendKeys("{\"format\": \"stdio\", cases: [}");
        browser.driver().findElement(By.id("response-1")).sendKeys("print(1)");
        browser.driver().findElement(By.id("score")).click();
        awaitScored(1);
        assertThat(text("#err-tests")).startsWith("Invalid JSON tests");
        browser.driver().findElement(By.id("tests")).clear();
        browser.driver().findElement(By.id("tests")).sendKeys("{\"format\": \"stdio\", \"cases\": []}");
        browser.driver().findElement(By.id("response-1")).clear();
        browser.driver().findElement(By.id("response-1")).sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        awaitScored(2);
        assertThat(text("#err-tests")).isEmpty();
        assertThat(text("#err-response")).startsWith("Empty response");
        browser.screenshot("playground-bad-input");
    }

    @Test
    void aNarrowWindowKeepsEverythingReachableWithoutSidewaysScrolling() throws Exception {
        browser.resize(420, 900);
        open(permalink(Map.of("profile", "r1", "gold", "4"), List.of(
                "<think>We add two and two.</think><answer>\\boxed{4}</answer>", "<think>Two and three.</think><answer>\\boxed{5}</answer>")));
        Number overflow = (Number) browser.script("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
        assertThat(browser.driver().findElement(By.id("reward")).isDisplayed()).isTrue();
        assertThat(all("#group-table tbody tr")).hasSize(2);
        browser.screenshot("playground-narrow");
    }

    /** Last: it stops the language-consistency service, which the other scenarios need. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aServiceDownShowsTheProblemNotABlankPage() throws Exception {
        suite.stop("language-consistency");
        expectedConsoleErrors.add("/v1/rewards - Failed to load resource: the server responded with a status of 503");
        browser.driver().get(permalink(Map.of("profile", "r1", "gold", "4"), List.of(
                "<think>We add two and two.</think><answer>\\boxed{4}</answer>")));
        awaitScored(1);
        String problem = text("#err-general");
        assertThat(problem).startsWith("Verifier unavailable").contains("language");
        assertThat(browser.driver().findElement(By.id("score")).isEnabled()).isTrue();
        browser.screenshot("playground-service-down");
    }
}
