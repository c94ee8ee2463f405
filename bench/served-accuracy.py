#!/usr/bin/env python3
"""The served child's test accuracy, measured through the product (a benchmark step, not a test; issue 16 item 3).

Starts `kubenas serve` on an exported child directory, follows the model's metadata (input shape, pixel range),
sends the 10,000 Fashion-MNIST test images to /v2/models/{name}/infer (KServe v2, the route a client of a
serving Deployment uses) in batches of 100, counts the answers that match the test labels and prints the
accuracy beside the one the trainer recorded in architecture.json. They must agree exactly (the same weights and
preprocessing); a difference is printed as such and the exit code is 1.

Needs Fashion-MNIST (apt-get install -y dataset-fashion-mnist) and nothing but Python's standard library.
  bench/served-accuracy.py CHILD_DIR [--port 0] [--data /usr/share/datasets/fashion-mnist]
"""
import argparse
import gzip
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BATCH = 100


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return shape, data[4 + 4 * dims:]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(url, body=None, timeout=120):
    request = urllib.request.Request(url, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)


def wait_ready(base, server, seconds=300):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if server.poll() is not None:
            sys.exit(f"kubenas serve exited with {server.returncode} before it was ready")
        try:
            urllib.request.urlopen(base + "/v2/health/ready", timeout=2)
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(1)
    sys.exit(f"kubenas serve was not ready within {seconds} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("child", help="an exported child directory (kubenas run writes it to WORKDIR/child)")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free one")
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    args = parser.parse_args()
    architecture = json.load(open(os.path.join(args.child, "architecture.json")))
    (count, height, width), pixels = read_idx(os.path.join(args.data, "t10k-images-idx3-ubyte.gz"))
    _, labels = read_idx(os.path.join(args.data, "t10k-labels-idx1-ubyte.gz"))

    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(args.child, os.pardir, "served-accuracy.log"), "w")
    server = subprocess.Popen([os.path.join(ROOT, "kubenas"), "serve", "--child", args.child, "--port", str(port),
                               "--max-batch", str(BATCH)], stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_ready(base, server)
        name = architecture["name"]  # kubenas serve's default model name
        metadata = call(f"{base}/v2/models/{name}")
        low, high = metadata["parameters"]["input_range"]
        shape = metadata["inputs"][0]["shape"]
        assert shape[1:] == [1, height, width], f"the model takes {shape}, the test images are 1x{height}x{width}"
        correct = 0
        started = time.time()
        size = height * width
        for start in range(0, count, BATCH):
            n = min(BATCH, count - start)
            data = [low + (high - low) * p / 255.0 for p in pixels[start * size:(start + n) * size]]
            answer = call(f"{base}/v2/models/{name}/infer", {"inputs": [
                {"name": "input", "datatype": "FP32", "shape": [n, 1, height, width], "data": data}]})
            predicted = next(o for o in answer["outputs"] if o["name"] == "label")["data"]
            correct += sum(int(p) == labels[start + i] for i, p in enumerate(predicted))
        seconds = time.time() - started
    finally:
        server.terminate()
        server.wait(30)
    served = correct / count
    recorded = architecture.get("accuracy")
    print(f"served accuracy       {served:.4f} over /v2/models/{name}/infer, {count:,} test images in {seconds:.0f} s "
          f"(the trainer recorded {recorded})")
    if recorded is not None and abs(served - recorded) > 1e-9:
        print(f"served accuracy       DIFFERS from the trainer's by {served - recorded:+.4f}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
