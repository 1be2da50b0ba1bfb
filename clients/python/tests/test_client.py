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
            return self._send(503, {"status": 503, "detail": "math-verifier: circuit open"}, {"Retry-After": "0"})
        results = []
        for i, sample in enumerate(body["samples"]):
            gold = sample.get("gold")
            if gold == "INVALID":
                reward, accuracy = None, None
            else:
                accuracy = 1.0 if gold is not None and gold in sample["response"] else 0.0
                reward = accuracy + 1.0
            results.append({"index": i, "id": sample.get("id"), "reward": reward,
                            "components": {"accuracy": {"score": accuracy, "status": "x"},
                                           "format": {"score": 1.0, "status": "valid"}}})
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
        self.assertEqual(score, {"score": 2.0, "accuracy": 1.0, "format": 1.0})
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


if __name__ == "__main__":
    unittest.main()
