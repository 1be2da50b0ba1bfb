package dev.rewards.code.api;

import java.util.Map;

/** {@code POST /v1/code/run}: one program, one stdin. */
public record RunRequest(String language, String code, String stdin, Map<String, Object> limits) {
}
