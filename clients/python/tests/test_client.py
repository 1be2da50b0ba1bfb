"""Tests of the stdlib client against a stub gateway on loopback (run by ./rewards test)."""
import asyncio
import json
import os
import sys
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import rewards_client  # noqa: E402


class StubGateway(BaseHTTPRequestHandler):
    requests = []
    fail_first = 0
    fail_status = 503
    api_key = None

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        StubGateway.requests.append((self.path, body, dict(self.headers)))
        if StubGateway.api_key and self.headers.get("Authorization") != "Bearer " + StubGateway.api_key:
            return self._send(401, {"status": 401, "detail": "A valid API key is required"})
        if StubGateway.fail_first > 0:
            StubGateway.fail_first -= 1
            return self._send(StubGateway.fail_status, {"status": StubGateway.fail_status,
                                                        "detail": "math-verifier: circuit open"}, {"Retry-After": "0"})
        results = []
        for i, sample in enumerate(body["samples"]):
            gold = sample.get("gold")
            if gold == "INVALID":
                reward, accuracy = None, None
            else:
                accuracy = 1.0 if gold is not None and gold in sample["response"] else 0.0
                reward = accuracy + 1.0
            components = {"format": {"score": 1.0, "status": "valid"}}
            if sample.get("task") != "none":
                components["accuracy"] = {"score": accuracy, "status": "x", "detail": {"score": accuracy}}
            if "<think>" in sample["response"] and not any(c.isalpha() for c in
                                                           sample["response"].split("</think>")[0].replace("<think>", "")):
                components["language"] = {"score": 1.0, "status": "not_applicable"}
            results.append({"index": i, "id": sample.get("id"), "reward": reward, "components": components})
        self._send(200, {"results": results, "profile": body.get("profile", "r1"), "weights": {}})

    def _send(self, status, payload, headers=None):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


class ClientTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), StubGateway)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.url = "http://127.0.0.1:%d" % cls.server.server_address[1]

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()

    def setUp(self):
        StubGateway.requests.clear()
        StubGateway.fail_first = 0
        StubGateway.api_key = None

    def test_score_sends_samples_and_profile(self):
        client = rewards_client.RewardClient(self.url, retries=0)
        rewards = client.rewards([{"response": "<answer>4</answer>", "gold": "4"}], profile="r1_zero")
        self.assertEqual(rewards, [2.0])
        path, body, _ = StubGateway.requests[0]
        self.assertEqual(path, "/v1/rewards")
        self.assertEqual(body["profile"], "r1_zero")
        self.assertEqual(body["on_error"], "fail")

    def test_retries_503_then_succeeds_and_gives_up_after_retries(self):
        StubGateway.fail_first = 2
        client = rewards_client.RewardClient(self.url, retries=2)
        self.assertEqual(client.rewards([{"response": "x", "gold": "x"}]), [2.0])
        self.assertEqual(len(StubGateway.requests), 3)
        StubGateway.fail_first = 5
        with self.assertRaises(rewards_client.RewardServiceError) as raised:
            rewards_client.RewardClient(self.url, retries=1).rewards([{"response": "x"}])
        self.assertEqual(raised.exception.status, 503)

    def test_a_502_from_a_proxy_is_retried_but_a_504_is_not(self):
        StubGateway.fail_first = 1
        StubGateway.fail_status = 502
        self.assertEqual(rewards_client.RewardClient(self.url, retries=1).rewards([{"response": "x", "gold": "x"}]),
                         [2.0])
        StubGateway.fail_first = 1
        StubGateway.fail_status = 504
        with self.assertRaises(rewards_client.RewardServiceError) as raised:
            rewards_client.RewardClient(self.url, retries=3).rewards([{"response": "x", "gold": "x"}])
        self.assertEqual(raised.exception.status, 504)
        StubGateway.fail_status = 503

    def test_api_key_is_sent_as_bearer(self):
        StubGateway.api_key = "k"
        with self.assertRaises(rewards_client.RewardServiceError):
            rewards_client.RewardClient(self.url, retries=0, api_key="wrong").rewards([{"response": "x"}])
        self.assertEqual(rewards_client.RewardClient(self.url, api_key="k").rewards([{"response": "1", "gold": "1"}]),
                         [2.0])

    def test_trl_standard_and_conversational_completions_with_column_mapping(self):
        reward = rewards_client.trl_reward_func(self.url, profile="r1")
        self.assertEqual(reward(prompts=["p", "p"], completions=["the answer is 3", "2"], solution=["3", "3"]),
                         [2.0, 1.0])
        conversational = [[{"role": "assistant", "content": "I say 7"}], [{"role": "assistant", "content": "8"}]]
        mapped = rewards_client.trl_reward_func(self.url, profile="r1", gold="final")
        self.assertEqual(mapped(prompts=[[], []], completions=conversational, final=["7", "7"], trainer_state=None),
                         [2.0, 1.0])
        _, body, _ = StubGateway.requests[-1]
        self.assertEqual(body["samples"][0]["response"], "I say 7")
        self.assertEqual(body["samples"][0]["gold"], "7")

    def test_trl_returns_none_for_unscorable_samples(self):
        reward = rewards_client.trl_reward_func(self.url)
        self.assertEqual(reward(prompts=["p"], completions=["1"], gold=["INVALID"]), [None])

    def test_trl_async_variant(self):
        reward = rewards_client.trl_async_reward_func(self.url, profile="r1_zero")
        self.assertEqual(asyncio.run(reward(prompts=["p"], completions=["42"], gold=["42"])), [2.0])

    def test_verl_single_and_batch_forms(self):
        score = rewards_client.verl_compute_score("math", "so 5", "5", {"profile": "r1_zero"}, url=self.url)
        self.assertEqual(score, {"score": 2.0, "accuracy": 1.0, "format": 1.0, "language": 0.0, "overlong": 0.0,
                                 "task_score": 1.0, "not_applicable": 0.0, "scorable": 1.0})
        self.assertEqual(StubGateway.requests[-1][1]["profile"], "r1_zero")
        scores = rewards_client.verl_compute_score_batch(["a", "b", "c"], ["1", "2", "x"], ["1", "1", "INVALID"],
                                                         [None, {"profile": "code"}, None], url=self.url)
        self.assertEqual([s["score"] for s in scores], [2.0, 1.0, 0.0])
        self.assertEqual(sorted(r[1].get("profile") for r in StubGateway.requests[-2:]), ["code", "r1"])

    def test_verl_ground_truth_dict_carries_code_tests(self):
        rewards_client.verl_compute_score("code", "```python\nprint(1)\n```",
                                          {"task": "code", "tests": {"format": "stdio", "cases": []}}, url=self.url)
        sample = StubGateway.requests[-1][1]["samples"][0]
        self.assertEqual(sample["task"], "code")
        self.assertEqual(sample["tests"], {"format": "stdio", "cases": []})


class TrainerProtocolTests(unittest.TestCase):
    """Each trainer's call exactly as its reward code makes it (trainers.md section 9), against a stub gateway."""

    @classmethod
    def setUpClass(cls):
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), StubGateway)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.url = "http://127.0.0.1:%d" % cls.server.server_address[1]

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()

    def setUp(self):
        StubGateway.requests.clear()
        StubGateway.fail_first = 0
        StubGateway.api_key = None

    def test_trl_parsed_completions_get_their_reasoning_back_as_the_think_block(self):
        reward = rewards_client.trl_reward_func(self.url, profile="r1")
        parsed = [[{"role": "assistant", "reasoning_content": "2+2=4", "content": "<answer>4</answer>"}],
                  [{"role": "assistant", "content": "<think>a</think><answer>4</answer>",
                    "reasoning_content": "a"}],
                  [{"role": "assistant", "content": [{"type": "text", "text": "<answer>4</answer>"}],
                    "reasoning_content": "sum"}]]
        # TRL's keyword call: prompts, completions, completion_ids, every other column, trainer_state, log hooks.
        rewards = reward(prompts=[[{"role": "user", "content": "2+2?"}]] * 3, completions=parsed,
                         completion_ids=[[1], [2], [3]], gold=["4", "4", "4"], trainer_state=None,
                         log_extra=lambda *a: None, log_metric=lambda *a: None)
        self.assertEqual(rewards, [2.0, 2.0, 2.0])
        sent = [sample["response"] for sample in StubGateway.requests[-1][1]["samples"]]
        self.assertEqual(sent, ["<think>2+2=4</think><answer>4</answer>", "<think>a</think><answer>4</answer>",
                                "<think>sum</think><answer>4</answer>"])

    def test_trl_gets_none_only_for_samples_that_cannot_be_scored(self):
        reward = rewards_client.trl_reward_func(self.url, profile="r1")
        rewards = reward(prompts=["p"] * 3, completions=["<think>2+2=4</think> <answer>4</answer>", "5", "4"],
                         gold=["4", "4", "INVALID"])
        self.assertEqual(rewards, [2.0, 1.0, None])

    def test_verl_dicts_carry_the_same_numeric_keys_for_every_sample(self):
        sources = ["openai/gsm8k", "openai/gsm8k", "openai/gsm8k", "none"]
        solutions = ["<think>2+2=4</think> <answer>4</answer>", "#### 5", "4", "hello"]
        truths = ["4", "4", "INVALID", {"task": "none"}]
        batch = rewards_client.verl_compute_score_batch(data_sources=sources, solution_strs=solutions,
                                                        ground_truths=truths, extra_infos=[{"index": 0}] * 4,
                                                        url=self.url)
        naive = [rewards_client.verl_compute_score(data_source=s, solution_str=r, ground_truth=t, extra_info=None,
                                                   url=self.url) for s, r, t in zip(sources, solutions, truths)]
        for results in (batch, naive):
            # veRL's naive/batch managers stack each extra key and compare its length with the batch size; the
            # reward loop's merge looks every key of the first sample up in the others.
            keys = set(results[0])
            for result in results:
                self.assertEqual(set(result), keys)
                self.assertTrue(all(isinstance(v, float) for v in result.values()), result)
            stacked = {key: [r[key] for r in results] for key in keys}
            self.assertTrue(all(len(values) == len(results) for values in stacked.values()))
            self.assertEqual(stacked["score"], [2.0, 1.0, 0.0, 1.0])
            self.assertEqual(stacked["scorable"], [1.0, 1.0, 0.0, 1.0])
            self.assertEqual(stacked["not_applicable"], [1.0, 0.0, 0.0, 0.0])
            self.assertEqual(stacked["task_score"], [1.0, 0.0, 0.0, 0.0])

    def test_verl_data_source_routes_code_ground_truths_to_code_tasks(self):
        tests = {"inputs": ["1 2\n"], "outputs": ["3\n"]}
        call = {"inputs": [[1, 2]], "outputs": [3], "fn_name": "add"}
        rewards_client.verl_compute_score_batch(
            ["codecontests", "likaixin/TACO-verified", "livecodebench", "openai/gsm8k"],
            ["```python\nprint(3)\n```"] * 3 + ["#### 3"],
            [json.dumps(tests), tests, json.dumps(call), "3"], None, url=self.url)
        samples = StubGateway.requests[-1][1]["samples"]
        self.assertEqual([s.get("task") for s in samples], ["code", "code", "code", None])
        self.assertEqual(samples[0]["tests"], tests)
        self.assertEqual(samples[1]["tests"], tests)
        self.assertEqual(samples[2]["tests"], call)
        self.assertEqual(samples[0]["language"], "python")
        self.assertNotIn("gold", samples[0])
        self.assertEqual(samples[3]["gold"], "3")
        with self.assertRaises(ValueError):
            rewards_client.verl_compute_score("apps", "x", "42", None, url=self.url)

    def test_verl_async_form_for_the_reward_loop(self):
        result = asyncio.run(rewards_client.verl_compute_score_async("openai/gsm8k", "4", "4", None, url=self.url))
        self.assertEqual(result["score"], 2.0)


class RestartingGateway:
    """A gateway whose verifier restarts: connections refused, then 503 with Retry-After, then answers."""

    def __init__(self, refused_for, unavailable_for):
        probe = ThreadingHTTPServer(("127.0.0.1", 0), StubGateway)
        self.port = probe.server_address[1]
        probe.server_close()
        self.url = "http://127.0.0.1:%d" % self.port
        self.refused_for = refused_for
        self.unavailable_for = unavailable_for
        self.server = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        import time
        time.sleep(self.refused_for)
        StubGateway.fail_first = 10 ** 6
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), StubGateway)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        time.sleep(self.unavailable_for)
        StubGateway.fail_first = 0

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.thread.join()
        if self.server:
            self.server.shutdown()
            self.server.server_close()


class RetryBudgetTests(unittest.TestCase):
    def setUp(self):
        StubGateway.requests.clear()
        StubGateway.fail_first = 0
        StubGateway.api_key = None

    def test_default_budget_outlasts_a_verifier_restart(self):
        os.environ.pop("REWARDS_RETRY_BUDGET", None)
        self.assertGreaterEqual(rewards_client.RewardClient("http://x").retry_budget, 60)
        os.environ["REWARDS_RETRY_BUDGET"] = "75"
        try:
            self.assertEqual(rewards_client.RewardClient("http://x").retry_budget, 75)
        finally:
            del os.environ["REWARDS_RETRY_BUDGET"]

    def test_a_call_during_a_restart_waits_logs_and_succeeds(self):
        # The real restart is ~20 s down + the gateway's open-circuit wait; the same shape, scaled down.
        import time
        with RestartingGateway(refused_for=2.0, unavailable_for=2.0) as gateway:
            client = rewards_client.RewardClient(gateway.url, retry_budget=12)
            started = time.monotonic()
            with self.assertLogs("rewards_client", level="WARNING") as logs:
                rewards = client.rewards([{"response": "<answer>4</answer>", "gold": "4"}])
            took = time.monotonic() - started
        self.assertEqual(rewards, [2.0])
        self.assertGreaterEqual(took, 4.0)
        text = "\n".join(logs.output)
        self.assertIn("no connection", text)
        self.assertIn("503", text)
        self.assertIn("retry budget left", text)

    def test_gives_up_when_the_budget_is_spent(self):
        import time
        with RestartingGateway(refused_for=3.0, unavailable_for=0.0) as gateway:
            started = time.monotonic()
            with self.assertRaises(rewards_client.RewardServiceError) as raised, \
                    self.assertLogs("rewards_client", level="WARNING"):
                rewards_client.RewardClient(gateway.url, retry_budget=1.5).rewards([{"response": "x"}])
            took = time.monotonic() - started
        self.assertEqual(raised.exception.status, 0)
        self.assertLess(took, 3.0)


if __name__ == "__main__":
    unittest.main()
