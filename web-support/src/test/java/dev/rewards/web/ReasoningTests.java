package dev.rewards.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The shared reasoning/answer boundary, as a table (reasoning-cases.jsonl): one row per class of layout. */
class ReasoningTests {

    @Test
    void everyLayoutSplitsAtTheLastThinkClose() {
        List<JsonNode> cases = JsonLines.read(ReasoningTests.class, "/reasoning-cases.jsonl");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(10);
        for (JsonNode row : cases) {
            String completion = row.get("completion").asString();
            String name = row.get("case").asString();
            assertThat(Reasoning.split(completion).reasoning()).as(name + ": reasoning")
                    .isEqualTo(row.get("reasoning").asString());
            assertThat(Reasoning.answerPart(completion)).as(name + ": answer part").isEqualTo(row.get("answer").asString());
            JsonNode block = row.get("answer_block");
            assertThat(Reasoning.answerBlock(completion)).as(name + ": answer block")
                    .isEqualTo(block.isNull() ? null : block.asString());
        }
    }

    @Test
    void languageScoresTheReasoningOrAllTextWithoutTags() {
        assertThat(Reasoning.reasoningOrAll("no tags at all")).isEqualTo("no tags at all");
        assertThat(Reasoning.reasoningOrAll("<think>cut off")).isEqualTo("cut off");
        assertThat(Reasoning.reasoningOrAll("reasoning here</think>answer")).isEqualTo("reasoning here");
        assertThat(Reasoning.reasoningOrAll("<think>a</think>x<think>b</think>y")).isEqualTo("a</think>x<think>b");
    }
}
