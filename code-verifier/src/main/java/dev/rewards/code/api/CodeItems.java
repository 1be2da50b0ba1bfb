package dev.rewards.code.api;

import java.util.Map;

import dev.rewards.code.CodeJudge;
import dev.rewards.code.CodeSubmission;
import dev.rewards.web.WireJson;

/**
 * One item of {@code POST /v1/code/verify/batch}, judged in-process exactly as the endpoint judges it (same
 * layouts, limits policy and sandbox): the wire item as a map in, the wire result as a map out. Blocks for the
 * submission's run; the controller and standalone grading share it.
 */
public final class CodeItems {

    private final CodeJudge judge;

    public CodeItems(CodeJudge judge) {
        this.judge = judge;
    }

    public Map<String, Object> verify(Map<String, Object> item) {
        return WireJson.write(answer(judge, WireSubmissions.toSubmission(WireJson.read(item, VerifyRequest.class),
                judge.policy())));
    }

    static VerifyResponse answer(CodeJudge judge, CodeSubmission submission) {
        return VerifyResponse.of(judge.verify(submission));
    }
}
