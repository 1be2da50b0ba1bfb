package dev.rewards.code.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** SandboxFusion's {@code RunCodeRequest}: timeouts in seconds, files as base64. */
public record RunCodeRequest(String code, String language, String stdin, Double compileTimeout, Double runTimeout,
                             @JsonProperty("memory_limit_MB") Integer memoryLimitMb, Map<String, String> files,
                             List<String> fetchFiles) {
}
