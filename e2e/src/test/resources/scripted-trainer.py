#!/usr/bin/python3
"""A stand-in trainer for kubenas' end-to-end tests: the image kubenas-test/scripted-trainer.

It keeps the trainer's side of the pod contract (the arguments and environment the operator gives it, progress
pushed into the search's progress ConfigMap with the pod's own ServiceAccount token, the termination message,
exit 75 on SIGTERM) but learns nothing: a test tells it what to do, line by line, in a file on the host
(processes of the process kubelet see the host's file system):

    $KUBENAS_TEST_SCRIPTS/<namespace>/<search>/attempt-<n>

It follows that file as the test appends to it (a missing file: it waits), running each line:

    progress <json>          merge the JSON into the progress ConfigMap as progress.json
    sleep <seconds>
    exit <code> [<message>]  write the message to the termination log and exit with the code; a message with an
                             exported child (child.sha256) publishes it first, as the trainer does: a ConfigMap
                             <KUBENAS_CHILD_CONFIGMAPS>-<sha8>-0 owned by the search, named in child.configMaps
    stop-takes <seconds>     from now on, SIGTERM takes this long before the exit (a final checkpoint being written)
    stop-holds               from now on, SIGTERM holds the exit until a `release-stop` line is in the script (a
                             final checkpoint that takes as long as the test needs to look at the stopping pod)
    release-stop             lets a held SIGTERM exit (does nothing otherwise)
    checkpoint-on-stop <n>   from now on, SIGTERM writes checkpoint <n> before the exit (the real trainer's final one)
    checkpoint <name>        write <workdir>/scripted-checkpoints/<name> (on the search's checkpoint volume)
    resume <name>            exit 1 unless that checkpoint is there (written by an earlier attempt, maybe on
                             another node); otherwise log it and go on

SIGTERM (graceful deletion, eviction, a Job deadline) makes it exit 75, as the real trainer does once its final
checkpoint is written.

Started as `serve --port N ...` (the serving Deployment runs the trainer image too), it answers the server's
health endpoints (/v2/health/live, /v2/health/ready) with 200 until SIGTERM, so promotion can be followed to a
ready Deployment; the real server answering real inferences is RealTrainerTest's.
"""
import json
import os
import signal
import ssl
import sys
import time
import urllib.error
import urllib.request

SERVICE_ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount"
TERMINATION_LOG = "/dev/termination-log"


STOP_SECONDS = 0.0
STOP_CHECKPOINT = None
STOP_HOLDS = False
SCRIPT = None


def on_sigterm(signum, frame):
    log(f"SIGTERM: stopping as resumable (75) in {STOP_SECONDS} s")
    time.sleep(STOP_SECONDS)
    if STOP_HOLDS:
        # The handler interrupts the loop that follows the script, so it reads the file again itself.
        log("holding the exit until the script says release-stop")
        while "release-stop" not in open(SCRIPT).read().split("\n"):
            time.sleep(0.2)
    if STOP_CHECKPOINT:
        write_checkpoint(STOP_CHECKPOINT)
    sys.exit(75)


def write_checkpoint(name):
    folder = os.path.join(argument("--workdir"), "scripted-checkpoints")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "w") as checkpoint:
        checkpoint.write(f"attempt {os.environ['KUBENAS_ATTEMPT']}\n")
    log(f"checkpoint {name} written")


def log(message):
    print(f"scripted-trainer: {message}", flush=True)


def push_progress(namespace, config_map, progress):
    body = json.dumps({"data": {"progress.json": progress}}).encode()
    status = api("PATCH", f"/api/v1/namespaces/{namespace}/configmaps/{config_map}", body, "application/merge-patch+json")
    log(f"pushed progress ({status})")


def publish_child(namespace, message):
    """What the real trainer does after exporting a child: publish it in an immutable ConfigMap for serving pods."""
    try:
        summary = json.loads(message)
    except ValueError:
        return message
    child = summary.get("child") if isinstance(summary, dict) else None
    if not child or not child.get("sha256"):
        return message
    name = f"{os.environ['KUBENAS_CHILD_CONFIGMAPS']}-{(child['sha256'] + '00000000')[:8]}-0"
    search = os.environ["KUBENAS_CHILD_CONFIGMAPS"][:-len("-child")]
    body = json.dumps({
        "apiVersion": "v1", "kind": "ConfigMap", "immutable": True,
        "metadata": {"name": name, "namespace": namespace,
                     "labels": {"app.kubernetes.io/managed-by": "kubenas", "app.kubernetes.io/component": "child",
                                "kubenas.io/search": search},
                     "ownerReferences": [{"apiVersion": "kubenas.io/v1alpha1", "kind": "NasSearch", "name": search,
                                          "uid": os.environ["KUBENAS_SEARCH_UID"]}]},
        "binaryData": {"manifest.json": "e30K"}}).encode()
    try:
        api("POST", f"/api/v1/namespaces/{namespace}/configmaps", body, "application/json")
        log(f"published child ConfigMap {name}")
    except urllib.error.HTTPError as e:
        if e.code != 409:
            raise
    child["configMaps"] = [name]
    return json.dumps(summary)


def api(method, path, body, content_type):
    token = open(os.path.join(SERVICE_ACCOUNT, "token")).read().strip()
    context = ssl.create_default_context(cafile=os.path.join(SERVICE_ACCOUNT, "ca.crt"))
    host = os.environ["KUBERNETES_SERVICE_HOST"]
    port = os.environ["KUBERNETES_SERVICE_PORT"]
    request = urllib.request.Request(f"https://{host}:{port}{path}", data=body, method=method,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": content_type})
    with urllib.request.urlopen(request, context=context, timeout=30) as response:
        return response.status


def argument(name):
    args = sys.argv[1:]
    return args[args.index(name) + 1] if name in args else None


def follow(path):
    """Yields the file's lines as they are appended; waits for the file to exist."""
    while not os.path.exists(path):
        time.sleep(0.2)
    with open(path) as script:
        pending = ""
        while True:
            chunk = script.readline()
            if not chunk:
                time.sleep(0.2)
                continue
            pending += chunk
            if pending.endswith("\n"):
                yield pending.strip()
                pending = ""


def serve():
    import http.server

    class Health(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            healthy = self.path in ("/v2/health/live", "/v2/health/ready")
            self.send_response(200 if healthy else 404)
            self.end_headers()

        def log_message(self, format, *args):
            pass

    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    port = int(argument("--port") or 8080)
    log(f"serving health on port {port}")
    http.server.ThreadingHTTPServer(("0.0.0.0", port), Health).serve_forever()


def main():
    global STOP_SECONDS, STOP_CHECKPOINT, STOP_HOLDS, SCRIPT
    if sys.argv[1:2] == ["serve"]:
        serve()
        return
    signal.signal(signal.SIGTERM, on_sigterm)
    namespace = os.environ["KUBENAS_NAMESPACE"]
    config_map = os.environ["KUBENAS_PROGRESS_CONFIGMAP"]
    attempt = os.environ["KUBENAS_ATTEMPT"]
    with open(argument("--spec")) as spec:
        search = json.load(spec)["metadata"]["name"]
    path = SCRIPT = os.path.join(os.environ["KUBENAS_TEST_SCRIPTS"], namespace, search, f"attempt-{attempt}")
    log(f"attempt {attempt} of {namespace}/{search} follows {path}")
    for line in follow(path):
        command, _, rest = line.partition(" ")
        if command == "progress":
            push_progress(namespace, config_map, rest)
        elif command == "stop-takes":
            STOP_SECONDS = float(rest)
        elif command == "stop-holds":
            STOP_HOLDS = True
        elif command == "release-stop":
            pass
        elif command == "sleep":
            time.sleep(float(rest))
        elif command == "checkpoint":
            write_checkpoint(rest)
        elif command == "checkpoint-on-stop":
            STOP_CHECKPOINT = rest
        elif command == "resume":
            checkpoint = os.path.join(argument("--workdir"), "scripted-checkpoints", rest)
            if not os.path.exists(checkpoint):
                with open(TERMINATION_LOG, "w") as termination:
                    termination.write(f"no checkpoint {rest} to resume from")
                log(f"no checkpoint {rest}: exit 1")
                sys.exit(1)
            log(f"resumed from checkpoint {rest} ({open(checkpoint).read().strip()})")
        elif command == "exit":
            code, _, message = rest.partition(" ")
            if code == "0":
                message = publish_child(namespace, message)
            with open(TERMINATION_LOG, "w") as termination:
                termination.write(message)
            log(f"exit {code}")
            sys.exit(int(code))
        elif command:
            log(f"unknown command: {line}")
            sys.exit(2)


if __name__ == "__main__":
    main()
