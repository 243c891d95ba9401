#!/usr/bin/env python3
"""How long `octavo serve` takes from saving a file to the change being visible in the served page.

Usage: bench/serve-bench.py [PAGES] [RUNS]   (default 1000 pages, 5 runs; needs .build/release/octavo,
                                              or the binary OCTAVO names)

Writes the corpus of ../shared/bench/make-corpus.py into a temporary folder, starts
`octavo serve --port 0` there, keeps one page's event stream open (as a browser tab would), then for
each run edits one page (or the layout) and measures, from the moment the file is saved, until
(1) the `reload` event arrives and (2) the served page contains the edit.
"""
import os, re, shutil, signal, socket, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGES = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5


def events(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(b"GET /__octavo/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    buffer = b""
    while b": connected" not in buffer:
        buffer += s.recv(65536)
    return s


def wait_reload(s):
    buffer = b""
    while b"event: reload" not in buffer:
        chunk = s.recv(65536)
        if not chunk:
            raise SystemExit("event stream closed")
        buffer += chunk


def measure(port, stream, path, edit, token):
    start = time.monotonic()
    edit()
    wait_reload(stream)
    reloaded = time.monotonic()
    while token not in urllib.request.urlopen(f"http://127.0.0.1:{port}{path}").read().decode():
        time.sleep(0.005)
    return (reloaded - start) * 1000, (time.monotonic() - start) * 1000


def main():
    # make passes the binary it built (OCTAVO); run by hand, the release build of .build/.
    octavo = os.path.join(ROOT, os.environ.get("OCTAVO", ".build/release/octavo"))
    work = tempfile.mkdtemp(prefix="octavo-serve-bench-")
    server = None
    try:
        subprocess.run([sys.executable, os.path.join(ROOT, "../shared/bench/make-corpus.py"), os.path.join(work, "Content"), str(PAGES)],
                       check=True, stdout=subprocess.DEVNULL)
        shutil.copytree(os.path.join(ROOT, "Templates"), os.path.join(work, "Templates"))
        server = subprocess.Popen([octavo, "serve", "--port", "0"], cwd=work, stdout=subprocess.PIPE, text=True)
        port = None
        for line in server.stdout:
            print("  " + line.rstrip())
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                port = int(match.group(1))
                break
        stream = events(port)
        page = os.path.join(work, "Content/s001/p00001.md")
        results = {"edit one page": [], "edit the layout": []}
        for run in range(RUNS):
            token = f"Benchmark edit {run}."
            results["edit one page"].append(measure(port, stream, "/s001/p00001/",
                lambda: open(page, "a").write(f"\n{token}\n"), token))
            layout = os.path.join(work, "Templates/layout.mustache")
            text = open(layout).read()
            token = f"<!-- layout edit {run} -->"
            def edit_layout():
                with open(layout + ".tmp", "w") as f:
                    f.write(text.replace("</body>", token + "</body>", 1))
                os.replace(layout + ".tmp", layout)  # an editor's save-by-rename
            results["edit the layout"].append(measure(port, stream, "/s001/p00002/", edit_layout, token))
        print(f"octavo serve, {PAGES}-page corpus, {RUNS} runs (median, max; ms from saving the file):")
        for name, values in results.items():
            reload = [v[0] for v in values]
            visible = [v[1] for v in values]
            print(f"  {name}: reload event {statistics.median(reload):.0f} (max {max(reload):.0f}), "
                  f"page shows it {statistics.median(visible):.0f} (max {max(visible):.0f})")
    finally:
        if server:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=5)
        shutil.rmtree(work, ignore_errors=True)


main()
