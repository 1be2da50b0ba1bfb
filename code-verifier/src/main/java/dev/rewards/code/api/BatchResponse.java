package dev.rewards.code.api;

import java.util.List;

public record BatchResponse(List<VerifyResponse> results) {
}
