package dev.rewards.gateway;

/** The downstream services and their batch endpoints. */
public enum Verifier {
    MATH("math-verifier", "/v1/math/verify/batch"),
    CODE("code-verifier", "/v1/code/verify/batch"),
    FORMAT("format-checker", "/v1/format/check/batch"),
    LANGUAGE("language-consistency", "/v1/language/score/batch");

    private final String serviceName;
    private final String batchPath;

    Verifier(String serviceName, String batchPath) {
        this.serviceName = serviceName;
        this.batchPath = batchPath;
    }

    public String serviceName() {
        return serviceName;
    }

    public String batchPath() {
        return batchPath;
    }
}
