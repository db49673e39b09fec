"""Hostile and broken data: a seeded set of mutants of the real data/, run through the validator.

Every case must end as the validator's verdict (accepted, or `file:line:column: message`
lines), within a time and memory budget, and leave every file as it was. `run_cases` runs
the cases in worker processes (`python -m macros.bench.fuzz --worker`) with a per-case
alarm and an address-space limit, so a case that hangs or eats memory is counted, not
fatal. The same engine serves `scripts/fuzz_data.py` (figures) and tests/test_fuzz.py.

A case runs on a copy of data/ holding the reference files, the source texts and one plan
(the mutated one, or the one citing the mutated source), which keeps a case under 0.1 s.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ("provinces.yml", "agencies.yml", "topics.yml", "concepts.yml", "abbreviations.yml")
LOCATED = re.compile(r"^[^\n:]+:\d+:\d+: \S")
# Parser and pydantic English that must never reach an editor.
ENGLISH = re.compile(
    r"\b(found|expected|while (scanning|parsing)|could not|not allowed|Input should|Field required|"
    r"cannot|unacceptable|character|Traceback)\b"
)


@dataclass(frozen=True)
class Case:
    name: str
    profile: str  # the plan stem whose copy of data/ the case runs in
    target: str  # path inside data/
    content: bytes | None  # None: the file is deleted


@dataclass
class Outcome:
    index: int
    name: str
    status: str  # reported | accepted | crash | hang
    seconds: float = 0.0
    detail: str = ""
    lines: list[str] = field(default_factory=list)


# --- the cases -----------------------------------------------------------------------


def _plans(data: Path) -> dict[str, bytes]:
    return {p.stem: p.read_bytes() for p in sorted((data / "plans").glob("*.yml"))}


def _source_of(plan: bytes) -> str:
    found = re.search(rb'^\s+file: "([^"]+)"', plan, re.M)
    return found.group(1).decode() if found else ""


def _replace_entry(text: str, key: str, value: str) -> str:
    """`text` without the list item whose `- id: "<value>"` line starts it (its whole block)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip() == f'- {key}: "{value}"':
            indent = len(line) - len(line.lstrip())
            end = i + 1
            while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
                end += 1
            return "\n".join(lines[:i] + lines[end:])
    raise LookupError(value)


def probes(data: Path) -> list[Case]:
    """The hostile inputs named in the issue, one case each."""
    plans = _plans(data)
    qn, nd, tg, hd = (
        "quang-nam-kh-1534-2025",
        "nam-dinh-kh-29-2025",
        "tien-giang-kh-69-2025",
        "hai-duong-ctr-hd-2025",
    )
    text = {k: v.decode("utf-8") for k, v in plans.items()}
    cases: list[Case] = []

    def plan_case(name: str, stem: str, new: str | bytes) -> None:
        content = new.encode("utf-8") if isinstance(new, str) else new
        cases.append(Case(name, stem, f"plans/{stem}.yml", content))

    first_title = re.search(r'^(\s+)title: "', text[nd], re.M)
    assert first_title
    at = first_title.start()
    spot = lambda s: text[nd][:at] + s + text[nd][at:]  # noqa: E731  # a line before the first task title
    indent = first_title.group(1)
    plan_case("tag !!int", nd, text[nd].replace('  title: "', '  title: !!int "', 1))
    plan_case("tag !Quan trọng", nd, text[nd].replace('  title: "', '  title: !Quan trọng "', 1))
    plan_case(
        "tag !!python/object", nd, spot(f'{indent}x: !!python/object/apply:os.system ["touch /tmp/fuzz-pwned"]\n')
    )
    plan_case("NUL byte", nd, text[nd].replace('title: "', 'title: "\x00', 1))
    plan_case("self-referencing anchor", nd, spot(f"{indent}loop: &r [*r]\n"))
    plan_case("5000-deep nesting", nd, spot(f"{indent}deep: " + "[" * 5000 + "]" * 5000 + "\n"))
    plan_case("5000-deep block nesting", nd, text[nd] + "".join(f"{' ' * i}k{i}:\n" for i in range(5000)))
    plan_case("list used as key", nd, spot(f"{indent}? [a, b]\n{indent}: c\n"))
    laughs = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    plan_case("billion laughs", nd, laughs + text[nd])
    plan_case("huge integer", nd, spot(f"{indent}n: {'9' * 6000}\n"))
    plan_case("two documents", nd, text[nd] + "\n---\nid: x\n")
    plan_case("right-to-left override", nd, text[nd].replace('title: "', 'title: "\u202e', 1))
    plan_case("C1 control character", nd, text[nd].replace('title: "', 'title: "\x85', 1))
    plan_case("escape character", nd, text[nd].replace('title: "', 'title: "\x1b[31m', 1))
    plan_case("not UTF-8 plan", nd, text[nd].encode("cp1258", errors="replace"))
    plan_case("invalid byte in plan", nd, plans[nd][:5000] + b"\xff\xfe" + plans[nd][5000:])
    plan_case("oversized plan", nd, text[nd] + "# " + "x" * 12_000_000 + "\n")
    plan_case("empty plan", nd, b"")
    plan_case("plan is a list", nd, "- a\n- b\n")
    plan_case("jinja in data", nd, text[nd].replace('title: "', 'title: "{{ 7*7 }} {% include "x" %}', 1))
    for stem, kind, entry in ((qn, "indicator", "ct-2030-6"), (nd, "task", "nv-3"), (tg, "task", "nv-48")):
        plan_case(f"delete {kind} {entry} (the guide embeds it)", stem, _replace_entry(text[stem], "id", entry))
    plan_case("delete indicator ct-2030-lv-2 (the guide embeds it)", hd, _replace_entry(text[hd], "id", "ct-2030-lv-2"))
    first_task = re.search(r'- id: "(nv-[^"]+)"', text[nd])
    first_indicator = re.search(r'- id: "(ct-[^"]+)"', text[nd])
    assert first_task and first_indicator
    plan_case(
        "task and indicator share an id",
        nd,
        text[nd].replace(first_indicator.group(0), f'- id: "{first_task.group(1)}"', 1),
    )
    tasks_at = text[nd].index("\ntasks:")
    line = re.compile(r"^(\s+)line: (\d+)\n\s+line_end: (\d+)\n", re.M).search(text[nd], tasks_at)
    assert line
    ind, first = line.group(1), int(line.group(2))

    def lines_case(name: str, start: object, end: object) -> None:
        plan_case(name, nd, text[nd].replace(line.group(0), f"{ind}line: {start}\n{ind}line_end: {end}\n", 1))

    lines_case("line_end before line", first, first - 1)
    lines_case("line_end: yes", first, "yes")
    lines_case("line past the source", 99999, 99999)
    lines_case("line_end past the source", first, 99999)
    appendix = re.search(r'^(\s+)appendix: "[^"]+"\n', text[qn], re.M)
    assert appendix
    plan_case("appendix-kind source without appendix", qn, text[qn].replace(appendix.group(0), "", 1))
    source = _source_of(plans[nd])
    src = (data / "sources" / source).read_bytes()
    cases.append(Case("empty source text", nd, f"sources/{source}", b""))
    cases.append(Case("blank source text", nd, f"sources/{source}", b"\n \n\t\n"))
    cases.append(Case("source not UTF-8", nd, f"sources/{source}", src.decode().encode("cp1258", errors="replace")))
    cases.append(Case("invalid byte in source", nd, f"sources/{source}", src[:3000] + b"\xc3\x28" + src[3000:]))
    cases.append(Case("NUL in source", nd, f"sources/{source}", src[:3000] + b"\x00" + src[3000:]))
    cases.append(Case("override in source", nd, f"sources/{source}", src + "\u202e\n".encode()))
    cases.append(Case("source deleted", nd, f"sources/{source}", None))
    cases.append(Case("source truncated", nd, f"sources/{source}", src[:200]))
    cases.append(Case("reference file deleted", nd, "agencies.yml", None))
    cases.append(Case("reference file tag", nd, "topics.yml", (data / "topics.yml").read_bytes() + b"x: !!set {a}\n"))
    return cases


_TAGS = ("!!int ", "!!str ", "!!float ", "!!binary ", "!!python/object:os.system ", "!Quan ", "! ", "!!timestamp ")
_VALUES = ("123", "7.10", "yes", "no", "null", "~", "[]", "{}", "2025-02-30", "0x1F", "1_000", "1:30", '""', "-")
_CONTROLS = ("\x00", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u202e", "\u2066", "\ufeff")


def mutants(data: Path, seed: int = 57, count: int = 240) -> list[Case]:
    """`count` random mutants of the real files: same seed, same cases."""
    rng = random.Random(seed)
    plans = _plans(data)
    stems = list(plans)
    sources = {stem: _source_of(content) for stem, content in plans.items()}
    cases: list[Case] = []
    while len(cases) < count:
        roll = rng.random()
        stem = rng.choice(stems)
        if roll < 0.6:
            target = f"plans/{stem}.yml"
        elif roll < 0.85:
            target = rng.choice(REFERENCE)
        else:
            target = f"sources/{sources[stem]}"
        original = (data / target).read_bytes()
        kind, content = _mutate(rng, original, is_yaml=target.endswith(".yml"))
        if content == original:
            continue
        cases.append(Case(f"{kind} {target}", stem, target, content))
    return cases


def _mutate(rng: random.Random, original: bytes, *, is_yaml: bool) -> tuple[str, bytes]:
    text = original.decode("utf-8")
    lines = text.split("\n")
    n = len(lines)
    i = rng.randrange(n)
    span = rng.randint(1, 5)
    kinds = ["delete", "duplicate", "indent", "tab", "truncate", "control", "encoding", "bytes"]
    if is_yaml:
        kinds += ["type", "type", "tag", "anchor", "key", "unquote"]
    kind = rng.choice(kinds)
    if kind == "delete":
        lines[i : i + span] = []
    elif kind == "duplicate":
        lines[i:i] = lines[i : i + span]
    elif kind == "indent":
        lines[i] = (" " * rng.randint(1, 3) + lines[i]) if rng.random() < 0.5 else lines[i][rng.randint(1, 3) :]
    elif kind == "tab":
        lines[i] = "\t" + lines[i].lstrip(" ")
    elif kind == "truncate":
        return kind, original[: rng.randrange(len(original) or 1)]
    elif kind == "control":
        at = rng.randrange(len(text) or 1)
        return kind, (text[:at] + rng.choice(_CONTROLS) + text[at:]).encode("utf-8")
    elif kind == "encoding":
        codec = rng.choice(("cp1258", "latin-1", "utf-16", "utf-32"))
        return f"{kind}-{codec}", text.encode(codec, errors="replace")
    elif kind == "bytes":
        at = rng.randrange(len(original) or 1)
        return kind, original[:at] + rng.choice((b"\xff", b"\xc3", b"\xe1\x80", b"\xed\xa0\x80")) + original[at:]
    elif kind in ("type", "tag", "unquote", "anchor", "key"):
        valued = [j for j, line in enumerate(lines) if re.match(r"^\s*(- )?\w+: \S", line)]
        if not valued:
            return kind, original
        j = rng.choice(valued)
        head, _, value = lines[j].partition(": ")
        if kind == "type":
            lines[j] = f"{head}: {rng.choice(_VALUES)}"
        elif kind == "tag":
            lines[j] = f"{head}: {rng.choice(_TAGS)}{value}"
        elif kind == "unquote":
            lines[j] = f"{head}: {value.strip(chr(34))}"
        elif kind == "anchor":
            k = rng.choice(valued)
            lines[j] = f"{head}: &a {value}"
            other_head = lines[k].partition(": ")[0]
            lines[k] = f"{other_head}: *a" if k != j else f"{head}: &a [*a]"
        else:
            name = head.strip(" -")
            lines[j] = lines[j].replace(name, rng.choice((name + "s", name.upper(), "ĩd", name[:-1] or "x")), 1)
    return kind, "\n".join(lines).encode("utf-8")


def all_cases(data: Path = ROOT / "data", seed: int = 57, count: int = 240) -> list[Case]:
    return mutants(data, seed, count) + probes(data)


# --- running one case ------------------------------------------------------------------


def validate(data_dir: Path, root: Path, content_dir: Path, plans: set[str]) -> list[str]:
    """The validator's verdict as lines: [] when the data is accepted."""
    from macros.data.loader import load_registry
    from macros.data.problems import DataError
    from macros.editing.guide import example_problems

    try:
        registry = load_registry(data_dir, root=root)
    except DataError as err:
        return [str(p) for p in err.problems]
    return [str(p) for p in example_problems(registry, content_dir, root=root, plans=plans)]


def _profiles(data: Path, work: Path) -> dict[str, Path]:
    """One copy of data/ per plan: reference files, sources, schema, and that plan only."""
    made = {}
    for stem in _plans(data):
        copy = work / stem / "data"
        (copy / "plans").mkdir(parents=True)
        for name in REFERENCE:
            shutil.copy(data / name, copy / name)
        shutil.copytree(data / "sources", copy / "sources")
        shutil.copy(data / "plans" / f"{stem}.yml", copy / "plans" / f"{stem}.yml")
        made[stem] = copy
    return made


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


class _Alarm(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Alarm


def run_one(case: Case, copy: Path, content_dir: Path, timeout: float) -> tuple[str, str, list[str]]:
    """Run one case in this process; (status, detail, lines). Restores the file afterwards."""
    target = copy / case.target
    original = target.read_bytes()
    listing = sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*"))
    if case.content is None:
        target.unlink()
    else:
        target.write_bytes(case.content)
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        lines = validate(copy, copy.parent, content_dir, {case.profile})
        status, detail = ("reported" if lines else "accepted"), ""
    except _Alarm:
        status, detail, lines = "hang", f"more than {timeout:g} s", []
    except MemoryError:
        status, detail, lines = "crash", "MemoryError", []
    except BaseException as err:  # noqa: BLE001 - the point is to count them
        status, detail, lines = "crash", f"{type(err).__name__}: {str(err)[:200]}", []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    now = sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*"))
    expected = [name for name in listing if case.content is not None or name != case.target]
    changed = now != expected or (target.read_bytes() if target.exists() else None) != case.content
    target.write_bytes(original)
    if status == "reported":
        unlocated = [line for line in lines if not LOCATED.match(line)]
        if unlocated:
            detail = "unlocated: " + unlocated[0][:200]
        english = [line for line in lines if ENGLISH.search(line.split(": ", 1)[-1])]
        if english:
            detail = (detail + " | " if detail else "") + "english: " + english[0][:200]
    if changed:
        detail = (detail + " | " if detail else "") + "files changed"
    return status, detail, lines


def _worker(seed: int, count: int, start: int, end: int, timeout: float, memory_mb: int) -> None:
    """Run cases start..end-1, one JSON line per case on stdout ("start" before, "done" after)."""
    import macros.data.loader  # noqa: F401  # imports before the memory limit is measured

    cases = all_cases(ROOT / "data", seed, count)
    content_dir = ROOT / "content"
    with tempfile.TemporaryDirectory(prefix="fuzz-") as work:
        profiles = _profiles(ROOT / "data", Path(work))
        validate(profiles[cases[0].profile], Path(work), content_dir, set())  # warm caches
        base = _address_space()
        if base and memory_mb:
            limit = base + memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        for index in range(start, end):
            case = cases[index]
            print(json.dumps({"start": index}), flush=True)
            began = time.perf_counter()
            status, detail, lines = run_one(case, profiles[case.profile], content_dir, timeout)
            seconds = time.perf_counter() - began
            print(
                json.dumps(
                    {"done": index, "status": status, "detail": detail, "seconds": seconds, "lines": lines[:20]}
                ),
                flush=True,
            )


def _address_space() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run_cases(
    *, seed: int = 57, count: int = 240, timeout: float = 10.0, memory_mb: int = 500, workers: int = 2
) -> list[Outcome]:
    """Every case's outcome, running them in `workers` guarded subprocesses."""
    cases = all_cases(ROOT / "data", seed, count)
    outcomes: dict[int, Outcome] = {}
    chunk = -(-len(cases) // workers)
    ranges = [(s, min(s + chunk, len(cases))) for s in range(0, len(cases), chunk)]

    def drive(start: int, end: int) -> None:
        while start < end:
            process = subprocess.Popen(
                [sys.executable, "-m", "macros.bench.fuzz", "--worker", f"--seed={seed}", f"--count={count}"]
                + [f"--start={start}", f"--end={end}", f"--timeout={timeout}", f"--memory-mb={memory_mb}"],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            current, began = None, time.perf_counter()
            killer = None
            assert process.stdout is not None
            for raw in process.stdout:
                event = json.loads(raw)
                if "start" in event:
                    current, began = event["start"], time.perf_counter()
                    if killer:
                        killer.cancel()
                    killer = threading.Timer(timeout + 5, process.kill)
                    killer.start()
                else:
                    i = event["done"]
                    outcomes[i] = Outcome(
                        i, cases[i].name, event["status"], event["seconds"], event["detail"], event["lines"]
                    )
                    current = None
            if killer:
                killer.cancel()
            process.wait()
            if current is None:
                break
            seconds = time.perf_counter() - began
            hung = seconds > timeout
            outcomes[current] = Outcome(
                current,
                cases[current].name,
                "hang" if hung else "crash",
                seconds,
                f"worker died (exit {process.returncode})",
            )
            start = current + 1

    threads = [threading.Thread(target=drive, args=r) for r in ranges]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [outcomes[i] for i in sorted(outcomes)]


def figures(outcomes: list[Outcome]) -> dict[str, int]:
    counts = Counter(o.status for o in outcomes)
    return {
        "cases": len(outcomes),
        "reported": counts["reported"],
        "accepted": counts["accepted"],
        "crashes": counts["crash"],
        "hangs": counts["hang"],
        "unlocated": sum("unlocated" in o.detail for o in outcomes),
        "english": sum("english" in o.detail for o in outcomes),
        "files changed": sum("files changed" in o.detail for o in outcomes),
        "slowest ms": int(max((o.seconds for o in outcomes), default=0) * 1000),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--seed", type=int, default=57)
    parser.add_argument("--count", type=int, default=240)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--end", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--memory-mb", type=int, default=500)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(args.seed, args.count, args.start, args.end, args.timeout, args.memory_mb)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
