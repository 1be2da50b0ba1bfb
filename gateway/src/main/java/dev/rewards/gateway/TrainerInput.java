package dev.rewards.gateway;

import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What trainers send, turned into samples. OpenRLHF sends {@code query} = chat-templated prompt + response with
 * special tokens kept: the prompt prefix and trailing end-of-turn tokens are removed. A label is a math gold string,
 * or a JSON object string with any sample fields (task, gold, tests, language, target_language, options).
 */
public final class TrainerInput {

    /** End-of-sequence and end-of-turn markers of common chat templates. */
    public static final List<String> SPECIAL_TOKENS = List.of("<|im_end|>", "<|endoftext|>", "</s>",
            "<｜end▁of▁sentence｜>", "<|eot_id|>", "<|end_of_text|>", "<|end|>", "<end_of_turn>", "<eos>",
            "<|return|>", "[/INST]", "<|END_OF_TURN_TOKEN|>");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TrainerInput() {
    }

    /** The response part of an OpenRLHF query: without the prompt prefix and trailing special tokens. */
    public static String response(String query, String prompt) {
        String response = query;
        if (prompt != null && !prompt.isEmpty() && query.startsWith(prompt)) {
            response = query.substring(prompt.length());
        }
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            String trimmed = response.stripTrailing();
            for (String token : SPECIAL_TOKENS) {
                if (trimmed.endsWith(token)) {
                    response = trimmed.substring(0, trimmed.length() - token.length());
                    stripped = true;
                }
            }
        }
        return response;
    }

    @SuppressWarnings("unchecked")
    public static Sample sample(String id, String prompt, String response, Object label) {
        Map<String, Object> fields = null;
        if (label instanceof Map<?, ?> map) {
            fields = (Map<String, Object>) map;
        } else if (label instanceof String text && text.strip().startsWith("{")) {
            try {
                fields = JSON.readValue(text, Map.class);
            } catch (JacksonException e) {
                fields = null;
            }
        }
        if (fields == null) {
            return new Sample(id, prompt, response, label == null ? "none" : "math",
                    label == null ? null : String.valueOf(label), null, null, null, null);
        }
        Object gold = fields.containsKey("gold") ? fields.get("gold") : fields.get("solution");
        return new Sample(id, prompt, response, (String) fields.get("task"), gold == null ? null : String.valueOf(gold),
                fields.get("tests"), (String) fields.get("language"), (String) fields.get("target_language"),
                (Map<String, Object>) fields.get("options"));
    }
}
