"""Runs a command with its stderr (and with --both its stdout too) on a pseudo-terminal, as a user's shell would.

Prints one JSON object: the exit code, what the terminal received, and stdout when it was a pipe. TERM is set to
xterm, so the command sees an ordinary terminal whatever the test runner's environment says.
"""
import json, os, pty, subprocess, sys, threading

both = sys.argv[1] == "--both"
command = sys.argv[2:] if both else sys.argv[1:]
master, slave = pty.openpty()
process = subprocess.Popen(
    command,
    stdin=subprocess.DEVNULL,
    stdout=slave if both else subprocess.PIPE,
    stderr=slave,
    env={**os.environ, "TERM": "xterm"},
)
os.close(slave)

stdout = []
reader = None if both else threading.Thread(target=lambda: stdout.append(process.stdout.read()))
if reader:
    reader.start()

terminal = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: every end of the terminal the command held is closed
        break
    if not chunk:
        break
    terminal += chunk

if reader:
    reader.join()
print(json.dumps({
    "exitCode": process.wait(),
    "terminal": terminal.decode("utf-8", "replace"),
    "stdout": b"".join(stdout).decode("utf-8", "replace"),
}))
