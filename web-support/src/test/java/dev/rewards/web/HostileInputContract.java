package dev.rewards.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Hostile requests every JSON service must survive: wrong types, invalid UTF-8, NUL bytes, a 10 MiB string, a batch
 * of 100,000 items, JSON nested 100,000 deep and unknown enum values each get a 4xx problem naming the problem or a
 * normal verdict — never a 5xx, never a hang.
 */
public abstract class HostileInputContract extends JsonApiConventionsContract {

    /** A valid body for {@link #postEndpoint()} carrying {@code text} in its free-text field. */
    protected abstract Map<String, Object> validBody(String text);

    /** The name of that free-text field. */
    protected abstract String textField();

    /** The JSON of a batch request with {@code size} small valid items. */
    protected abstract String batchOf(int size);

    /** The batch endpoint {@link #batchOf(int)} is for. */
    protected abstract String batchEndpoint();

    /** A body with an enumerated field set to a value the service does not know, and that field's name. */
    protected abstract Map.Entry<String, String> bodyWithUnknownEnumValue();

    private String json(Object value) {
        return WireJson.MAPPER.writeValueAsString(value);
    }

    private int status(byte[] body) {
        return client.post().uri(postEndpoint()).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .returnResult(String.class).getStatus().value();
    }

    private void expectProblem(String uri, String body, int status, String mentioning) {
        client.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(String.valueOf(detail))
                        .containsIgnoringCase(mentioning));
    }

    @Test
    void aWrongTypeIsA400ProblemNamingTheField() {
        Map<String, Object> body = new LinkedHashMap<>(validBody("x"));
        body.put(textField(), Map.of("nested", List.of(1, 2)));
        expectProblem(postEndpoint(), json(body), 400, textField());
    }

    @Test
    void invalidUtf8IsAProblemOrAVerdictNeverAServerError() {
        String template = json(validBody("BEFORE-MARK-AFTER"));
        byte[] head = template.substring(0, template.indexOf("MARK")).getBytes(StandardCharsets.UTF_8);
        byte[] tail = template.substring(template.indexOf("MARK") + 4).getBytes(StandardCharsets.UTF_8);
        byte[] invalid = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        byte[] body = new byte[head.length + invalid.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(invalid, 0, body, head.length, invalid.length);
        System.arraycopy(tail, 0, body, head.length + invalid.length, tail.length);
        assertThat(status(body)).isIn(200, 400);
    }

    @Test
    void nulBytesGetAVerdict() {
        client.post().uri(postEndpoint()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json(validBody("a\u0000b\u0000\\boxed{\u0000}"))).exchange().expectStatus().isOk();
    }

    @Test
    void aTenMebibyteStringGetsAVerdict() {
        client.mutate().responseTimeout(Duration.ofSeconds(60)).build().post().uri(postEndpoint()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json(validBody("word ".repeat(2 * 1024 * 1024)))).exchange().expectStatus().isOk();
    }

    @Test
    void aBatchOfOneHundredThousandItemsIsA413Problem() {
        client.post().uri(batchEndpoint()).contentType(MediaType.APPLICATION_JSON).bodyValue(batchOf(100_000))
                .exchange().expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void jsonNestedOneHundredThousandDeepIsA400Problem() {
        String body = "{\"" + textField() + "\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        client.post().uri(postEndpoint()).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anUnknownEnumValueIsA400ProblemNamingTheField() {
        Map.Entry<String, String> unknown = bodyWithUnknownEnumValue();
        expectProblem(postEndpoint(), unknown.getKey(), 400, unknown.getValue());
    }
}
