package dev.rewards.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import dev.rewards.code.judge.CodeExtraction;
import dev.rewards.code.judge.CompareMode;
import dev.rewards.code.judge.OutputComparison;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import dev.rewards.web.JsonLines;
import tools.jackson.databind.JsonNode;

class JudgeTests {

    static Stream<JsonNode> comparisons() {
        return JsonLines.read(JudgeTests.class, "/comparison-cases.jsonl").stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("comparisons")
    void comparisonFollowsItsMode(JsonNode row) {
        OutputComparison comparison = new OutputComparison(CompareMode.fromWireName(row.get("mode").asString()),
                row.has("case_insensitive") && row.get("case_insensitive").asBoolean(), 1e-6);
        assertThat(comparison.matches(row.get("actual").asString(), row.get("expected").asString()))
                .as(row.get("why").asString()).isEqualTo(row.get("match").asBoolean());
    }

    @Test
    void lastBlockTaggedWithTheLanguageWins() {
        String response = "First try:\n```python\nprint(1)\n```\nNotes:\n```text\nnot code\n```\nFinal:\n```py\nprint(2)\n```\n";
        assertThat(CodeExtraction.extract(response, "python")).isEqualTo("print(2)\n");
        assertThat(CodeExtraction.extract("```c++\nint main(){}\n```", "cpp")).isEqualTo("int main(){}\n");
        assertThat(CodeExtraction.extract("```js\nconsole.log(1)\n```", "javascript")).isEqualTo("console.log(1)\n");
    }

    @Test
    void otherwiseTheLastBlockAndNoneWithoutFences() {
        assertThat(CodeExtraction.extract("```\nx = 1\n```\nand\n```\nx = 2\n```", "python")).isEqualTo("x = 2\n");
        assertThat(CodeExtraction.extract("no code here", "python")).isNull();
        assertThat(CodeExtraction.extract("~~~python\nprint(3)\n~~~", "python")).isEqualTo("print(3)\n");
        assertThat(CodeExtraction.extract("```python\nprint(4)", "python")).isEqualTo("print(4)\n");
    }
}
