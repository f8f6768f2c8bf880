"""CPU the server spends refusing a made-up nonce on a 250-task task-scope plan.

Usage: python3 nonce_first.py CAREFORM_BINARY [N]. Starts the binary on a free port with a temporary
data directory, posts N submissions signed over a made-up nonce, and prints the server's CPU
seconds per request (from /proc/PID/stat), with the answer's error code.
"""
import base64, json, os, socket, subprocess, sys, tempfile, time, urllib.request
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

def b64u(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
def canon(v): return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
def cpu(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")

binary, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
base = f"http://127.0.0.1:{port}"
data = tempfile.mkdtemp()
proc = subprocess.Popen([binary, "serve", "--address", f"127.0.0.1:{port}", "--data-dir", data,
                         "--rate-limit-per-minute", "100000"], stderr=subprocess.PIPE, text=True)
while "listening" not in proc.stderr.readline(): pass
forms = json.load(urllib.request.urlopen(f"{base}/v1/forms"))["forms"]
form = next(f for f in forms if f["id"] == "task-scope")
key = Ed25519PrivateKey.generate()
x = b64u(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
tasks = [{"description": f"Help with shopping, laundry and a meal, visit {i}"} for i in range(250)]

def post(nonce):
    payload = {"v": 1, "form": {k: form[k] for k in ("id", "version", "sha256")}, "origin": base, "aud": base,
               "iat": int(time.time()), "sid": b64u(os.urandom(16)), "data": {"profile": "somerset-micro-provider", "plan": {"tasks": tasks}}, "attestations": []}
    header = {"alg": "Ed25519", "jwk": {"crv": "Ed25519", "kty": "OKP", "x": x}, "nonce": nonce,
              "typ": "careform-submission+jws", "url": f"{base}/v1/submissions"}
    p, h = b64u(canon(payload)), b64u(canon(header))
    body = json.dumps({"protected": h, "payload": p, "signature": b64u(key.sign(f"{h}.{p}".encode()))}).encode()
    req = urllib.request.Request(f"{base}/v1/submissions", body, {"Content-Type": "application/jose+json", "Origin": base})
    try: return json.load(urllib.request.urlopen(req))
    except urllib.error.HTTPError as e: return json.load(e)

try:
    post(b64u(os.urandom(16)))  # warm up
    before = cpu(proc.pid)
    answers = [post(b64u(os.urandom(16))) for _ in range(n)]
    codes = {a.get("error") for a in answers}
    if os.environ.get("SHOW"): print(answers[0])
    spent = cpu(proc.pid) - before
    print(f"{binary}: {n} made-up nonces on a 250-task plan: {1000 * spent / n:.1f} ms CPU each; answers {sorted(map(str, codes))}")
finally:
    proc.kill()
