package dev.rewards.language;

import java.util.List;
import java.util.Map;

import dev.rewards.web.HostileInputContract;
import dev.rewards.web.WireJson;

class LanguageServiceConventionsTests extends HostileInputContract {

    @org.junit.jupiter.api.Test
    void explainIsOnTheWireOnlyWhenAsked() {
        client.post().uri("/v1/language/score").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "We use $x$ 梯度", "target", "en")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.explain").doesNotExist();
        client.post().uri("/v1/language/score/batch").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("items", List.of(Map.of("text", "We use $x$ 梯度", "target", "en", "explain", true))))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.results[0].explain.scored_start").isEqualTo(0)
                .jsonPath("$.results[0].explain.words[2].language").isEqualTo("zh")
                .jsonPath("$.results[0].explain.words[2].start").isEqualTo(11)
                .jsonPath("$.results[0].explain.excluded[0].kind").isEqualTo("math")
                .jsonPath("$.results[0].explain.excluded[0].start").isEqualTo(7);
    }

    @Override
    protected String postEndpoint() {
        return "/v1/language/score";
    }

    @Override
    protected String bodyMissingRequiredField() {
        return "{\"text\": \"hello world\"}";
    }

    @Override
    protected String requiredField() {
        return "target";
    }

    @Override
    protected Map<String, Object> validBody(String text) {
        return Map.of("text", text, "target", "en");
    }

    @Override
    protected String textField() {
        return "text";
    }

    @Override
    protected String batchEndpoint() {
        return "/v1/language/score/batch";
    }

    @Override
    protected String batchOf(int size) {
        return WireJson.MAPPER.writeValueAsString(Map.of("items",
                java.util.Collections.nCopies(size, Map.of("text", "hello world", "target", "en"))));
    }

    @Override
    protected Map.Entry<String, String> bodyWithUnknownEnumValue() {
        return Map.entry("{\"text\": \"hello\", \"target\": \"en\", \"scope\": \"everything\"}", "scope");
    }
}
