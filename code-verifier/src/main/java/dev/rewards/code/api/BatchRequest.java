package dev.rewards.code.api;

import java.util.List;

public record BatchRequest(List<VerifyRequest> items) {
    public BatchRequest {
        if (items == null) {
            throw new IllegalArgumentException("items: required");
        }
    }
}
