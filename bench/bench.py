#!/usr/bin/env python3
"""Build benchmark: Octavo beside Hugo and beside the floor, in the same run (`make bench`).

Usage: bench/bench.py [--sizes 1000 5000 10000] [--runs 3] [--octavo .build-static/release/octavo]
                      [--only tree|document|asset|bundle|real]

What it measures (a benchmark, not a test: figures vary by machine, ratios carry between machines):
- tree-N: the `make-corpus.py OUT N` tree. Octavo and Hugo (Debian's `hugo`, with the minimal layout
  of ../shared/bench/hugo-site laid out by prep-hugo.sh) run alternately; the ratio is the median of
  the paired ratios hugo/octavo. The floor is `cmark` on the concatenated Markdown plus copying a
  tree of the same files and bytes as Octavo's output (`cp -r`), both timed in the same run.
- document-N: one document of N `##` sections (`--one-file --per-section 1`), `split: [2]`.
- rebuild: a second build with nothing changed (answered by the stamp, `.octavo-stamp`), and one
  after a one-page edit (every page rendered, only that one parsed), as fractions of the first.
- bundle: the 10,000-page tree (or the largest size) with `--bundle`, beside the plain build.
- asset: a site with one 400 MB file: peak memory beside the same site without it.
- real: the repository's own Content/, cold process, 40 builds (the median in milliseconds).
Peak memory is the maximum resident set size reported by /usr/bin/time (GNU time).
Every timed command starts after `sync` (not timed): a build leaves hundreds of megabytes of writes
pending, and the system writing them out slowed whichever command came next, Octavo, Hugo or the
floor's copy, by up to a second (the real document's 40 cold builds by a third).
Corpora are kept in $BENCH_DIR (default /tmp/octavo-bench) between runs.

Every timed build writes into a folder of its own, and nothing is removed while the figures are
taken: ext4 without a journal checks each inode removed in the last 30 seconds before it reuses
one, so a build just after a large tree was removed spent seconds more in the kernel, and Octavo,
Hugo and the floor's copy each paid it by chance. The output folders of a run are removed at its
end, and what an earlier run left is removed at the start, followed by 31 seconds' wait.
"""
import argparse, itertools, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "bench")
WORK = os.environ.get("BENCH_DIR", "/tmp/octavo-bench")
# The timed builds' output folders, one per build (see the module's notes).
RUNS = os.path.join(WORK, "runs")
_folders = itertools.count()


def settle():
    """Writes out what earlier commands left pending, before the next timed one (see the notes)."""
    subprocess.run(["sync"], check=False)


def run(cmd, **kw):
    """Runs cmd under GNU time, after ``settle``; returns (seconds, peak MiB)."""
    fd, stats = tempfile.mkstemp()
    os.close(fd)
    settle()
    start = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", stats] + cmd, check=True,
                   stdout=subprocess.DEVNULL, stderr=kw.get("stderr", subprocess.DEVNULL), **{k: v for k, v in kw.items() if k != "stderr"})
    seconds = time.perf_counter() - start
    with open(stats) as f:
        peak = int(f.read().split()[-1]) / 1024
    os.unlink(stats)
    return seconds, peak


def corpus(kind, n):
    path = os.path.join(WORK, f"{kind}-{n}")
    if os.path.isdir(path):
        return path
    script = os.path.join(SHARED, "make-corpus.py")
    if kind == "tree":
        subprocess.run([sys.executable, script, path, str(n)], check=True, stdout=subprocess.DEVNULL)
    else:
        subprocess.run([sys.executable, script, path, str(n), "--one-file", "--per-section", "1"], check=True, stdout=subprocess.DEVNULL)
        index = os.path.join(path, "index.md")
        text = open(index, encoding="utf-8").read().replace("---\ntitle:", "---\nsplit: [2]\ntitle:", 1)
        open(index, "w", encoding="utf-8").write(text)
    return path


def hugo_site(n):
    path = os.path.join(WORK, f"hugo-{n}")
    if not os.path.isdir(path):
        subprocess.run(["sh", os.path.join(SHARED, "prep-hugo.sh"), corpus("tree", n), path], check=True)
    return path


def octavo_build(args, content, out, extra=()):
    return run([args.octavo, "build", "--quiet", "--content", content, "--templates", os.path.join(ROOT, "Templates"),
                "--output", out, *extra])


def fresh(name):
    """A new output folder for one timed build, named after `name`: never one removed during the run."""
    return os.path.join(RUNS, f"{os.path.basename(name)}-{next(_folders)}")


def clear_runs(wait):
    """Removes the timed builds' output folders; then, when asked and something was removed, waits
    until ext4 no longer checks the removed inodes before reusing them."""
    removed = os.path.isdir(RUNS)
    shutil.rmtree(RUNS, ignore_errors=True)
    for name in os.listdir(WORK):
        # Folders of runs before this layout (one reused folder per figure).
        if name.startswith(("out-", "floor-", "hugo-out-")) and os.path.isdir(os.path.join(WORK, name)):
            shutil.rmtree(os.path.join(WORK, name), ignore_errors=True)
            removed = True
    os.makedirs(RUNS, exist_ok=True)
    if wait and removed:
        subprocess.run(["sync"], check=False)
        time.sleep(31)


def median(values):
    return statistics.median(values)


def row(name, pages, seconds, peak, extra=""):
    print(f"{name:<22} {pages:>7} {seconds:>9.2f} {pages / seconds:>9.0f} {peak:>9.0f}  {extra}", flush=True)


def header():
    print(f"{'corpus':<22} {'pages':>7} {'median s':>9} {'pages/s':>9} {'peak MiB':>9}  notes")


def count_pages(out):
    return sum(1 for _, _, files in os.walk(out) for f in files if f == "index.html")


def bench_tree(args, n):
    content = corpus("tree", n)
    has_hugo = shutil.which("hugo") is not None
    octavo, hugo, ratios, peaks, rebuilds, edits, floors = [], [], [], [], [], [], []
    if has_hugo:
        site = hugo_site(n)
    markdown = [os.path.join(d, f) for d, _, fs in os.walk(content) for f in sorted(fs) if f.endswith(".md")]
    for _ in range(args.runs):
        out = fresh(f"out-tree-{n}")
        seconds, peak = octavo_build(args, content, out)
        octavo.append(seconds)
        peaks.append(peak)
        rebuilds.append(octavo_build(args, content, out)[0] / seconds)
        # One page edited (a word appended, then taken out again): the stamp no longer matches, so
        # this build renders every page; it parses only the edited one (the parse cache of the
        # output folder, `.octavo-parse-cache`) and writes the files whose bytes changed.
        page = markdown[len(markdown) // 2]
        with open(page, "rb") as f:
            original = f.read()
        with open(page, "ab") as f:
            f.write(b"\nEdited.\n")
        edits.append(octavo_build(args, content, out)[0] / seconds)
        with open(page, "wb") as f:
            f.write(original)
        if has_hugo:
            hugo_seconds, _ = run(["hugo", "--quiet", "-s", site, "-d", fresh(f"hugo-out-{n}")])
            hugo.append(hugo_seconds)
            ratios.append(hugo_seconds / seconds)
        # The floor: cmark on all the Markdown, plus writing a tree of the same files and bytes.
        settle()
        start = time.perf_counter()
        with open(os.devnull, "w") as sink:
            cat = subprocess.Popen(["cat", *markdown], stdout=subprocess.PIPE)
            subprocess.run(["cmark"], stdin=cat.stdout, stdout=sink, check=True)
            cat.wait()
        subprocess.run(["cp", "-r", out, fresh(f"floor-{n}")], check=True)
        floors.append(time.perf_counter() - start)
    pages = count_pages(out)
    notes = f"rebuild {median(rebuilds):.0%} of a build, {median(edits):.0%} after a one-page edit; floor {median(floors):.2f} s, octavo/floor {median(octavo) / median(floors):.2f}"
    if has_hugo:
        notes += f"; hugo {median(hugo):.2f} s, hugo/octavo {median(ratios):.2f}"
    row(f"tree-{n}", pages, median(octavo), max(peaks), notes)


def bench_document(args, n):
    content = corpus("document", n)
    times, peaks = [], []
    for _ in range(args.runs):
        out = fresh(f"out-document-{n}")
        seconds, peak = octavo_build(args, content, out)
        times.append(seconds)
        peaks.append(peak)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
    row(f"document-{n}", count_pages(out), median(times), max(peaks), f"output {size / 2**20:.0f} MiB")
    return median(times)


def bench_bundle(args, n):
    content = corpus("tree", n)
    plain, bundled, peaks = [], [], []
    for _ in range(args.runs):
        plain.append(octavo_build(args, content, fresh(f"out-bundle-{n}"))[0])
        out = fresh(f"out-bundle-{n}")
        zip_path = out + ".zip"
        seconds, peak = octavo_build(args, content, out, ["--bundle", zip_path])
        bundled.append(seconds)
        peaks.append(peak)
    row(f"bundle-tree-{n}", count_pages(out), median(bundled), max(peaks), f"plain {median(plain):.2f} s; bundle adds {median(bundled) / median(plain) - 1:.0%}")


def bench_asset(args):
    base = os.path.join(WORK, "asset-site")
    if not os.path.isdir(base):
        os.makedirs(os.path.join(base, "Content"))
        with open(os.path.join(base, "Content", "index.md"), "w") as f:
            f.write("# Video\n\n[The video](video.bin)\n")
    video = os.path.join(base, "Content", "video.bin")
    small = []
    # The same site with a one-byte video first (the page links to it; a broken link stops a build).
    with open(video, "wb") as f:
        f.write(b"v")
    small.append(octavo_build(args, os.path.join(base, "Content"), fresh("out-asset"))[1])
    with open(video, "wb") as f:
        block = os.urandom(1 << 20)
        for _ in range(400):
            f.write(block)
    out = fresh("out-asset")
    first, peak = octavo_build(args, os.path.join(base, "Content"), out)
    again, peak_again = octavo_build(args, os.path.join(base, "Content"), out)
    row("asset-400MB", 1, first, max(peak, peak_again),
        f"without the asset {small[0]:.0f} MiB: the asset adds {max(peak, peak_again) - small[0]:.0f} MiB; rebuild {again:.2f} s")
    os.unlink(video)


def bench_real(args):
    """The real document, cold process, 40 builds each into a new folder (the issue's target is
    in milliseconds: GNU time's own start would count, so only the peak comes from it)."""
    command = [args.octavo, "build", "--quiet", "--content", os.path.join(ROOT, "Content"),
               "--templates", os.path.join(ROOT, "Templates"), "--output"]
    times = []
    for _ in range(40):
        out = fresh("out-real")
        settle()
        start = time.perf_counter()
        subprocess.run(command + [out], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    peak = run(command + [fresh("out-real")])[1]
    row("real-document", count_pages(out), median(times), peak,
        f"cold process, new output folder: median {median(times) * 1000:.1f} ms of 40 builds (fastest {min(times) * 1000:.1f} ms)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    # The newer of `make octavo`'s binary (the Swift runtime linked in) and `swift build -c release`'s.
    built = [p for p in (os.path.join(ROOT, ".build-static/release/octavo"), os.path.join(ROOT, ".build/release/octavo")) if os.path.exists(p)]
    parser.add_argument("--octavo", default=max(built, key=os.path.getmtime) if built else os.path.join(ROOT, ".build/release/octavo"))
    parser.add_argument("--only", choices=["tree", "document", "asset", "bundle", "real"], action="append")
    args = parser.parse_args()
    os.makedirs(WORK, exist_ok=True)
    only = set(args.only or ["tree", "document", "asset", "bundle", "real"])
    clear_runs(wait=True)
    print(f"octavo {args.octavo}; {os.cpu_count()} cores; runs per figure {args.runs}; hugo: {shutil.which('hugo') or 'not installed'}")
    header()
    if "real" in only:
        bench_real(args)
    if "tree" in only:
        for n in args.sizes:
            bench_tree(args, n)
    if "document" in only:
        doc = {n: bench_document(args, n) for n in args.sizes}
        if 5000 in doc and 10000 in doc:
            print(f"document 10,000 / 5,000 sections: {doc[10000] / doc[5000]:.2f}× the time (linear: 2)")
    if "bundle" in only:
        bench_bundle(args, max(args.sizes))
    if "asset" in only:
        bench_asset(args)
    clear_runs(wait=False)


if __name__ == "__main__":
    main()
