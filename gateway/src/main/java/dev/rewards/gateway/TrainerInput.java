package dev.rewards.gateway;

import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What trainers send, turned into samples. OpenRLHF sends {@code query} = chat-templated prompt + response with
 * special tokens kept: the prompt prefix and trailing end-of-turn tokens are removed. A label is a math gold string,
 * or a JSON object string with any sample fields (task, gold, tests, language, target_language, options), or a code
 * ground truth {@code {"inputs": [...], "outputs": [...], "fn_name"?}} (a Python code task with those tests).
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

    /**
     * A prompt as text: slime sends a string, or the list of chat messages when the data has no chat template
     * applied ({@code [{"role": "user", "content": "…"}]}); their contents are joined by newlines.
     */
    public static String promptText(Object prompt) {
        if (prompt == null || prompt instanceof String) {
            return (String) prompt;
        }
        if (prompt instanceof List<?> messages) {
            StringBuilder text = new StringBuilder();
            for (Object message : messages) {
                Object content = message instanceof Map<?, ?> map ? map.get("content") : message;
                if (content instanceof List<?> parts) {
                    // Multimodal content parts: their text.
                    parts.forEach(part -> {
                        if (part instanceof Map<?, ?> p && p.get("text") instanceof String t) {
                            text.append(t);
                        }
                    });
                } else if (content != null) {
                    text.append(content);
                }
                text.append('\n');
            }
            return text.toString();
        }
        throw new IllegalArgumentException("prompt: a string or a list of messages is expected");
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
        if (fields.get("task") == null && fields.get("tests") == null && fields.containsKey("inputs")
                && fields.containsKey("outputs")) {
            // APPS/TACO/CodeContests/LiveCodeBench ground truth ({"inputs", "outputs", "fn_name"?}): test cases, which
            // the code-verifier takes as they are — never a math gold.
            return new Sample(id, prompt, response, "code", null, fields, null, null, null);
        }
        Object gold = fields.containsKey("gold") ? fields.get("gold") : fields.get("solution");
        return new Sample(id, prompt, response, (String) fields.get("task"), gold == null ? null : String.valueOf(gold),
                fields.get("tests"), (String) fields.get("language"), (String) fields.get("target_language"),
                (Map<String, Object>) fields.get("options"));
    }
}
