"""The math-verifier's batch endpoint through HTTP, as a trainer calls it: the shared corpus as GRPO groups (each
gold with its own response and 15 boxed answers of other cases, 7,392 items), batches of 256, 1/2/4 in flight,
after a warm-up. Prints items/s and the per-item verification time (p50/p99/max, the service's elapsed_ms).
Usage: start a math-verifier (./rewards up, or its jar with --server.port=PORT), then
  python3 bench/math_batch_http.py [http://localhost:8081]"""
import json, random, sys, time, urllib.request, threading, os
CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'corpora', 'math', 'cases.jsonl')
cases = [json.loads(l) for l in open(os.environ.get('REWARDS_MATH_CORPUS', CORPUS))]
random.seed(7)
items = []
for i, c in enumerate(cases):
    items.append({"id": f"{i}-0", "response": c["pred"] if "\\boxed" in c["pred"] else "The answer is $\\boxed{%s}$." % c["pred"], "gold": c["gold"]})
    for k in range(15):
        o = random.choice(cases)
        items.append({"id": f"{i}-{k+1}", "response": "So the answer is $\\boxed{%s}$." % o["pred"], "gold": c["gold"]})
BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8081"
URL = BASE + "/v1/math/verify/batch"
def post(batch):
    body = json.dumps({"items": batch}).encode()
    req = urllib.request.Request(URL, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=300) as r:
        return json.loads(r.read())
B = 256
batches = [items[i:i+B] for i in range(0, len(items), B)]
def run(rounds, inflight):
    lock = threading.Lock(); q = [b for _ in range(rounds) for b in batches]; el = []; n = [0]
    def worker():
        while True:
            with lock:
                if not q: return
                b = q.pop()
            res = post(b)
            with lock:
                n[0] += len(b); el.extend(x.get("elapsed_ms", 0) for x in res["results"])
    t0 = time.time(); ts = [threading.Thread(target=worker) for _ in range(inflight)]
    [t.start() for t in ts]; [t.join() for t in ts]
    dt = time.time() - t0
    el.sort()
    return n[0] / dt, el[int(len(el) * 0.5)], el[int(len(el) * 0.99)], el[-1], dt
while True:
    try:
        urllib.request.urlopen(BASE + "/actuator/health/readiness", timeout=2); break
    except Exception: time.sleep(2)
print("items", len(items), "load", os.getloadavg())
run(2, 2)  # warm-up
for inflight in (1, 2, 4):
    r = run(3, inflight)
    print("in flight %d: %.0f items/s, per-item p50 %s ms, p99 %s ms, max %s ms (%.1f s), load %.1f" % (inflight, r[0], r[1], r[2], r[3], r[4], os.getloadavg()[0]))
