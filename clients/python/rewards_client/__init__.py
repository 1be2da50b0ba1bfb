"""Stdlib-only client of the rewards gateway, with ready-made reward functions for TRL and veRL.

No third-party imports, Python >= 3.9. See the README's trainer sections for the exact configuration lines.
"""
import asyncio
import json
import os
import random
import time
import urllib.error
import urllib.request

__all__ = ["RewardClient", "RewardServiceError", "trl_reward_func", "trl_async_reward_func",
           "verl_compute_score", "verl_compute_score_batch"]

DEFAULT_URL = "http://localhost:8080"
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
    """Scores samples through ``POST /v1/rewards``; retries connection failures, 503 and 429 (honouring Retry-After)."""

    def __init__(self, base_url=None, timeout=180.0, retries=3, api_key=None):
        self.base_url = (base_url or os.environ.get("REWARDS_URL") or DEFAULT_URL).rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.api_key = api_key if api_key is not None else os.environ.get("REWARDS_API_KEY")

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
        while True:
            request = urllib.request.Request(self.base_url + path, data=data, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return json.loads(response.read().decode("utf-8"))
            except urllib.error.HTTPError as error:
                payload = error.read().decode("utf-8", "replace")
                try:
                    problem = json.loads(payload)
                except ValueError:
                    problem = {"detail": payload}
                if error.code not in (429, 503) or attempt >= self.retries:
                    raise RewardServiceError(error.code, problem) from None
                delay = _retry_after(error.headers.get("Retry-After"), attempt)
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                if attempt >= self.retries:
                    raise RewardServiceError(0, {"detail": str(error)}) from None
                delay = min(30.0, 0.5 * 2 ** attempt)
            attempt += 1
            time.sleep(delay * (0.8 + 0.4 * random.random()))


def _retry_after(header, attempt):
    try:
        return max(0.0, float(header))
    except (TypeError, ValueError):
        return min(30.0, 0.5 * 2 ** attempt)


def _completion_text(completion):
    """Standard completions are strings; conversational ones are lists of messages (the last assistant turn)."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, dict):
        return completion.get("content", "")
    for message in reversed(list(completion)):
        if message.get("role", "assistant") == "assistant":
            content = message.get("content", "")
            if isinstance(content, list):
                return "".join(part.get("text", "") for part in content if isinstance(part, dict))
            return content
    return ""


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


def _verl_sample(data_source, solution_str, ground_truth, extra_info):
    extra = dict(extra_info or {})
    sample = {"response": solution_str}
    if isinstance(ground_truth, dict):
        sample.update({k: v for k, v in ground_truth.items() if k in SAMPLE_FIELDS})
    elif ground_truth is not None:
        sample["gold"] = str(ground_truth)
    for field in SAMPLE_FIELDS:
        if field in extra and field not in sample:
            sample[field] = extra[field]
    return sample, extra.get("profile") or os.environ.get("REWARDS_PROFILE") or "r1"


def _verl_result(result):
    score = {"score": result["reward"] if result["reward"] is not None else 0.0}
    for name, component in result.get("components", {}).items():
        if isinstance(component.get("score"), (int, float)):
            score[name] = float(component["score"])
    return score


def verl_compute_score(data_source, solution_str, ground_truth, extra_info=None, url=None, client=None):
    """veRL ``custom_reward_function``: ``{"score": reward, <component>: score, ...}`` (numeric extras are logged)."""
    sample, profile = _verl_sample(data_source, solution_str, ground_truth, extra_info)
    client = client or RewardClient(url)
    return _verl_result(client.score([sample], profile=profile)[0])


def verl_compute_score_batch(data_sources, solution_strs, ground_truths, extra_infos=None, url=None, client=None):
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
