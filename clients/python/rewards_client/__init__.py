"""Stdlib-only client of the rewards gateway, with ready-made reward functions for TRL and veRL.

No third-party imports, Python >= 3.9. See the README's trainer sections for the exact configuration lines.
"""
import asyncio
import json
import logging
import os
import random
import time
import urllib.error
import urllib.request

__all__ = ["RewardClient", "RewardServiceError", "trl_reward_func", "trl_async_reward_func",
           "verl_compute_score", "verl_compute_score_batch", "verl_compute_score_async"]

DEFAULT_URL = "http://localhost:8080"
# Long enough to outlast a verifier restart (about 20 s to ready, plus the gateway's open-circuit wait), short enough
# that budget + one attempt (180 s) stays under veRL's 300 s reward timeout. Override: retry_budget= or
# REWARDS_RETRY_BUDGET (seconds).
DEFAULT_RETRY_BUDGET = 90.0
MAX_BACKOFF = 10.0
# veRL's default_compute_score sends these data sources to a code sandbox; their ground truth is test cases.
VERL_CODE_SOURCES = frozenset(("codecontests", "code_contests", "apps", "codeforces", "taco", "taco-verified",
                               "primeintellect", "livecodebench", "deepcoder", "leetcode", "leetcodedataset",
                               "kodcode", "code"))
# Keys of every veRL result dict: veRL stacks extra keys per key and checks the length against the batch, and the
# reward loop's merge looks each key up, so every sample carries all of them.
VERL_KEYS = ("score", "accuracy", "format", "language", "overlong", "task_score", "not_applicable", "scorable")
log = logging.getLogger("rewards_client")
SAMPLE_FIELDS = ("gold", "tests", "task", "language", "target_language", "options")
# Dataset columns tried for each sample field when the caller maps none (TRL passes every column by name).
DEFAULT_COLUMNS = {"gold": ("gold", "solution", "answer", "ground_truth"), "tests": ("tests",), "task": ("task",),
                   "language": ("language",), "target_language": ("target_language",), "options": ("options",)}


class RewardServiceError(RuntimeError):
    """The gateway answered with an error that retrying did not cure (status and RFC 9457 problem attached)."""

    def __init__(self, status, problem):
        super().__init__("rewards gateway answered %s: %s" % (status, problem.get("detail", problem)))
        self.status = status
        self.problem = problem


class RewardClient:
    """Scores samples through ``POST /v1/rewards``.

    Connection failures, 502, 503 and 429 are retried with exponential backoff (1 s doubling to 10 s, jittered), waiting
    what the gateway's ``Retry-After`` asks, until ``retry_budget`` seconds have passed since the first failure
    (default 90 s, or ``REWARDS_RETRY_BUDGET``) — long enough for a verifier to restart. Every wait is logged at
    WARNING on the ``rewards_client`` logger with what it waits for. ``retries`` optionally caps the number of retries.
    """

    def __init__(self, base_url=None, timeout=180.0, retries=None, api_key=None, retry_budget=None):
        self.base_url = (base_url or os.environ.get("REWARDS_URL") or DEFAULT_URL).rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.api_key = api_key if api_key is not None else os.environ.get("REWARDS_API_KEY")
        if retry_budget is None:
            retry_budget = float(os.environ.get("REWARDS_RETRY_BUDGET", DEFAULT_RETRY_BUDGET))
        if retry_budget < 0:
            raise ValueError("retry_budget: must be >= 0 seconds, got %r" % retry_budget)
        self.retry_budget = retry_budget

    def score(self, samples, profile=None, on_error="fail", overrides=None):
        """Returns one result dict per sample, in order: ``{"id", "reward", "components", ...}``."""
        body = {"samples": list(samples), "on_error": on_error}
        if profile:
            body["profile"] = profile
        if overrides:
            body["overrides"] = overrides
        return self._post("/v1/rewards", body)["results"]

    def rewards(self, samples, profile=None, on_error="fail"):
        return [result["reward"] for result in self.score(samples, profile, on_error)]

    def _post(self, path, body):
        data = json.dumps(body).encode("utf-8")
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = "Bearer " + self.api_key
        attempt = 0
        first_failure = None
        while True:
            request = urllib.request.Request(self.base_url + path, data=data, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    if attempt:
                        log.warning("rewards gateway %s answered after %d retries (%.1f s)", self.base_url, attempt,
                                    time.monotonic() - first_failure)
                    return json.loads(response.read().decode("utf-8"))
            except urllib.error.HTTPError as error:
                payload = error.read().decode("utf-8", "replace")
                try:
                    problem = json.loads(payload)
                except ValueError:
                    problem = {"detail": payload}
                failure = RewardServiceError(error.code, problem)
                # 502: a proxy or ingress in front of a gateway that is restarting. Not 504: that request's time
                # budget is spent, another attempt would only spend another one.
                if error.code not in (429, 502, 503):
                    raise failure from None
                what = "%s %s" % (error.code, problem.get("detail", "") if isinstance(problem, dict) else problem)
                delay = _retry_after(error.headers.get("Retry-After"), attempt)
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as error:
                failure = RewardServiceError(0, {"detail": str(error)})
                what = "no connection (%s)" % (getattr(error, "reason", None) or error)
                delay = _backoff(attempt)
            now = time.monotonic()
            first_failure = first_failure if first_failure is not None else now
            left = self.retry_budget - (now - first_failure)
            if left <= 0 or (self.retries is not None and attempt >= self.retries):
                log.error("rewards gateway %s: giving up after %d retries in %.1f s: %s", self.base_url, attempt,
                          now - first_failure, what)
                raise failure from None
            delay = min(delay, left)
            attempt += 1
            log.warning("rewards gateway %s: %s; retry %d in %.1f s (%.0f s of the %.0f s retry budget left)",
                        self.base_url, what, attempt, delay, left, self.retry_budget)
            time.sleep(delay)


def _backoff(attempt):
    """1 s doubling to MAX_BACKOFF, jittered ±20% so that many workers do not retry in step."""
    return min(MAX_BACKOFF, 2.0 ** attempt) * (0.8 + 0.4 * random.random())


def _retry_after(header, attempt):
    try:
        return max(0.0, float(header))
    except (TypeError, ValueError):
        return _backoff(attempt)


def _completion_text(completion):
    """Standard completions are strings; conversational ones are lists of messages (the last assistant turn).

    When TRL parses completions (tool use, or a tokenizer with a response schema), the chain of thought is in the
    message's ``reasoning_content`` and ``content`` holds only the rest: the reasoning is put back as the
    ``<think>`` block, so that the format, language and answer checks see the completion as the model wrote it.
    """
    if isinstance(completion, str):
        return completion
    if isinstance(completion, dict):
        return _message_text(completion)
    for message in reversed(list(completion)):
        if message.get("role", "assistant") == "assistant":
            return _message_text(message)
    return ""


def _message_text(message):
    content = message.get("content") or ""
    if isinstance(content, list):
        content = "".join(part.get("text", "") for part in content if isinstance(part, dict))
    reasoning = message.get("reasoning_content")
    if reasoning is None:
        reasoning = message.get("reasoning", message.get("thinking"))
    if isinstance(reasoning, str) and reasoning and "</think>" not in content:
        return "<think>" + reasoning + "</think>" + content
    return content


def _samples_from_columns(completions, columns, field_map, prompts=None):
    samples = []
    for i, completion in enumerate(completions):
        sample = {"id": str(i), "response": _completion_text(completion)}
        for field in SAMPLE_FIELDS:
            names = (field_map[field],) if field in field_map else DEFAULT_COLUMNS[field]
            for name in names:
                values = columns.get(name)
                if values is not None and i < len(values) and values[i] is not None:
                    value = values[i]
                    sample[field] = value if field in ("tests", "options") or isinstance(value, str) else str(value)
                    break
        samples.append(sample)
    return samples


def trl_reward_func(url=None, profile="r1", client=None, **field_map):
    """A TRL GRPOTrainer reward function ``(prompts, completions, **kwargs) -> list[float | None]``.

    Dataset columns are mapped to sample fields by name (``gold``/``solution``/``answer``, ``tests``, ``task``,
    ``language``, ``target_language``); pass e.g. ``gold="final_answer"`` to map another column. Samples whose
    reward cannot be computed by nature get None, which TRL ignores.
    """
    client = client or RewardClient(url)

    def rewards(prompts=None, completions=None, **kwargs):
        samples = _samples_from_columns(completions or [], kwargs, field_map, prompts)
        if not samples:
            return []
        return client.rewards(samples, profile=profile)

    rewards.__name__ = "rewards_%s" % profile
    return rewards


def trl_async_reward_func(url=None, profile="r1", client=None, **field_map):
    """The ``async def`` form of :func:`trl_reward_func` (TRL awaits async reward functions concurrently)."""
    sync = trl_reward_func(url, profile, client, **field_map)

    async def rewards(prompts=None, completions=None, **kwargs):
        return await asyncio.get_running_loop().run_in_executor(
            None, lambda: sync(prompts=prompts, completions=completions, **kwargs))

    rewards.__name__ = "async_rewards_%s" % profile
    return rewards


def _code_tests(ground_truth):
    """The test cases of a code ground truth (``{"inputs", "outputs", "fn_name"?}``, as a dict or a JSON string)."""
    if isinstance(ground_truth, str) and ground_truth.lstrip().startswith("{"):
        try:
            ground_truth = json.loads(ground_truth)
        except ValueError:
            return None
    if isinstance(ground_truth, dict) and "inputs" in ground_truth and "outputs" in ground_truth:
        return {k: v for k, v in ground_truth.items() if k in ("inputs", "outputs", "fn_name")}
    return None


def _is_code_source(data_source):
    name = str(data_source or "").lower().rsplit("/", 1)[-1]
    return name in VERL_CODE_SOURCES


def _verl_sample(data_source, solution_str, ground_truth, extra_info):
    """veRL's row as a gateway sample; ``data_source`` routes it as veRL's ``default_compute_score`` would."""
    extra = dict(extra_info or {})
    sample = {"response": solution_str}
    tests = _code_tests(ground_truth)
    if tests is not None:
        sample.update({"task": "code", "tests": tests, "language": extra.get("language") or "python"})
    elif isinstance(ground_truth, dict):
        sample.update({k: v for k, v in ground_truth.items() if k in SAMPLE_FIELDS})
    elif _is_code_source(data_source):
        # Never graded as a math gold: a code set's answer compared as a formula would score correct code as wrong.
        raise ValueError("data_source %r is a code set, but its ground truth is not test cases "
                         "({\"inputs\": [...], \"outputs\": [...]}): %.200r" % (data_source, ground_truth))
    elif ground_truth is not None:
        sample["gold"] = str(ground_truth)
    for field in SAMPLE_FIELDS:
        if field in extra and field not in sample:
            sample[field] = extra[field]
    return sample, extra.get("profile") or os.environ.get("REWARDS_PROFILE") or "r1"


def _verl_result(result):
    """Numbers only, the same keys (VERL_KEYS) for every sample.

    ``score`` is the reward. A sample that cannot be scored (invalid gold: the prompt's, so its whole GRPO group)
    gets ``score`` 0.0 and ``scorable`` 0.0 — the group is all equal, so its advantage is 0 and nothing is learnt
    from it — since veRL accepts no None. A component the sample does not have is 0.0; ``not_applicable`` is 1.0
    when one counted as not applicable (language without words: fully consistent).
    """
    components = result.get("components") or {}
    reward = result.get("reward")
    values = {"score": float(reward) if reward is not None else 0.0}
    for name in ("accuracy", "format", "language", "overlong"):
        score = (components.get(name) or {}).get("score")
        values[name] = float(score) if isinstance(score, (int, float)) else 0.0
    accuracy = components.get("accuracy") or {}
    raw = (accuracy.get("detail") or {}).get("score") if isinstance(accuracy.get("detail"), dict) else None
    values["task_score"] = min(1.0, max(0.0, float(raw))) if isinstance(raw, (int, float)) else 0.0
    values["not_applicable"] = 1.0 if any(c.get("status") == "not_applicable" for c in components.values()) else 0.0
    values["scorable"] = 1.0 if reward is not None else 0.0
    return values


def verl_compute_score(data_source, solution_str, ground_truth, extra_info=None, url=None, client=None, **kwargs):
    """veRL ``custom_reward_function``: a dict with the keys VERL_KEYS, ``score`` being the reward."""
    sample, profile = _verl_sample(data_source, solution_str, ground_truth, extra_info)
    client = client or RewardClient(url)
    return _verl_result(client.score([sample], profile=profile)[0])


def verl_compute_score_batch(data_sources, solution_strs, ground_truths, extra_infos=None, url=None, client=None,
                             **kwargs):
    """veRL's batch reward manager form: one gateway call for the whole batch (grouped by profile)."""
    extra_infos = extra_infos if extra_infos is not None else [None] * len(solution_strs)
    client = client or RewardClient(url)
    by_profile = {}
    for i, (source, solution, truth, extra) in enumerate(zip(data_sources, solution_strs, ground_truths, extra_infos)):
        sample, profile = _verl_sample(source, solution, truth, extra)
        by_profile.setdefault(profile, []).append((i, sample))
    scores = [None] * len(solution_strs)
    for profile, items in by_profile.items():
        results = client.score([sample for _, sample in items], profile=profile)
        for (i, _), result in zip(items, results):
            scores[i] = _verl_result(result)
    return scores


async def verl_compute_score_async(data_source, solution_str, ground_truth, extra_info=None, url=None, client=None,
                                   **kwargs):
    """The ``async def`` form for veRL's reward loop (``reward_model.use_reward_loop``)."""
    return await asyncio.get_running_loop().run_in_executor(
        None, lambda: verl_compute_score(data_source, solution_str, ground_truth, extra_info, url, client))
