"""Benchmark of the treaty search: jieba vs rjieba, then Whoosh vs SQLite FTS5 on the same corpora.

    .venv/bin/python scripts/bench/search_bench.py [--synthetic 50000] [--rounds 3] [--clock cpu|wall] [--profile]

Times are CPU time of this process by default (--clock cpu): the machine is shared, and wall time
there measures the neighbours as much as the engines; --clock wall for an idle machine.

1. Chinese segmentation on the real Chinese texts: jieba (pure Python) and rjieba (jieba-rs), load
   time, speed in precise and search mode, and whether they cut the text into the same words.
2. The real collection (kb/treaties/) and a synthetic corpus of --synthetic articles made from it
   deterministically (article i takes the paragraphs of real article i mod n plus one paragraph of
   another article of the same language, in an order fixed by i): index build time, and query
   latency p50/p95 for the labelled queries of tests/eval/treaty_queries.yaml, in
   - Whoosh through mlakb's search() (glossary concepts, both query forms, paragraphs gathered
     into articles, snippets),
   - Whoosh bare (the same parsed query, hits only),
   - SQLite FTS5 (porter unicode61; Chinese segmented by rjieba before indexing and querying;
     one row per article; bm25 ranking and snippet(); no glossary),
   with the ratios Whoosh / FTS5.  Whoosh indexes one document per paragraph (what search() scores),
   FTS5 one row per article, of the same texts.  The run is bounded: each query loop stops after
   --budget seconds.
3. Costly query forms: how long search() takes to refuse them (or to answer, when allowed).

With --profile, only where the time goes (cProfile): search() on the labelled queries and the index
build, on the real collection and on --synthetic articles, as shares of the whole by component.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "bench"))

from mlakb.paths import Paths  # noqa: E402
from mlakb.treaties import search as search_module  # noqa: E402
from mlakb.treaties.articles import parse_file  # noqa: E402
from mlakb.treaties.glossary import load_glossary  # noqa: E402
from mlakb.treaties.query import SearchError, filters, parse_query  # noqa: E402
from mlakb.treaties.index import (MANIFEST_FILE, build_index, documents, superseded_instruments,  # noqa: E402
                                  treaty_files, write_documents)

import search_eval  # noqa: E402

CJK = re.compile(r"[\u3400-\u9fff]")
WORD = re.compile(r"\w+")


clock = time.process_time  # see --clock


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# --- 1. segmentation -----------------------------------------------------------------------------------------

def segmentation(texts: list[str]) -> None:
    import rjieba

    started = time.perf_counter()
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    jieba_load = time.perf_counter() - started
    started = time.perf_counter()
    rjieba.cut("预热")
    rjieba_load = time.perf_counter() - started

    def speed(cut) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            for text in texts:
                cut(text)
            best = min(best, time.perf_counter() - started)
        return best

    chars = sum(map(len, texts))
    print(f"\n1. Chinese segmentation: {len(texts)} articles, {chars} characters")
    print(f"   dictionary load: jieba {jieba_load:.2f} s, rjieba {rjieba_load:.3f} s")
    for mode in ("default", "search"):
        a = speed(lambda t: list(jieba.tokenize(t, mode=mode)))
        b = speed(lambda t: rjieba.tokenize(t, mode=mode))
        print(f"   {mode:7} mode: jieba {a * 1000:7.1f} ms ({chars / a / 1e6:.2f} Mchar/s), "
              f"rjieba {b * 1000:6.1f} ms ({chars / b / 1e6:.2f} Mchar/s): rjieba {a / b:.1f}x faster")
    same = sum(1 for t in texts if [w for w, _, _ in jieba.tokenize(t)] == [w for w, _, _ in rjieba.tokenize(t)])
    same_search = sum(1 for t in texts if sorted(jieba.tokenize(t, mode="search")) == sorted(rjieba.tokenize(t, mode="search")))
    print(f"   same words: {same}/{len(texts)} articles in precise mode, {same_search}/{len(texts)} in search mode")


# --- corpora -----------------------------------------------------------------------------------------------
# A corpus is a list of articles; an article is the list of its paragraph documents (as index.documents() makes them).

def real_articles(glossary) -> list[list[dict]]:
    superseded = superseded_instruments(ROOT / "directory" / "instruments")
    articles: dict[str, list[dict]] = {}
    for path in treaty_files(ROOT / "kb" / "treaties"):
        for doc in documents(parse_file(path), path, glossary=glossary, superseded=superseded):
            articles.setdefault(doc["key"].rsplit("/", 1)[0], []).append(doc)
    return list(articles.values())


def synthetic_articles(real: list[list[dict]], count: int) -> list[list[dict]]:
    by_language: dict[str, list[list[dict]]] = {}
    for article in real:
        by_language.setdefault(article[0]["language"], []).append(article)
    out = []
    for i in range(count):
        base = real[i % len(real)]
        pool = by_language[base[0]["language"]]
        other = pool[(i * 7919 + 13) % len(pool)]
        paragraphs = list(base) + [other[i % len(other)]]
        random.Random(i).shuffle(paragraphs)
        lang = base[0]["language"]
        unit = f"synthetic-{i}/{lang}/{base[0]['article']}"
        out.append([{**p, "key": f"{unit}/{k}", "unit": unit, "text_id": f"synthetic-{i}"} for k, p in enumerate(paragraphs)])
    return out


# --- builds ------------------------------------------------------------------------------------------------

def build_whoosh(folder: Path, articles: list[list[dict]], forms) -> float:
    started = clock()
    write_documents(folder, (doc for article in articles for doc in article), forms)
    (folder / MANIFEST_FILE).write_text("{}", encoding="utf-8")
    return clock() - started


def segment(text: str) -> str:
    """Text as FTS5 sees it: Chinese cut into words by rjieba, separated by spaces."""
    import rjieba

    if not CJK.search(text):
        return text
    return " ".join(w for w in rjieba.cut(text) if WORD.search(w))


def build_fts(path: Path, articles: list[list[dict]]) -> float:
    started = clock()
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE articles USING fts5(key UNINDEXED, language UNINDEXED, instrument UNINDEXED, "
               "title, body, tokenize='porter unicode61')")
    db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?)", (
        (a[0]["unit"], a[0]["language"], a[0]["instrument"], segment(a[0].get("title") or ""),
         segment("\n".join(d[f"text_{d['language']}"] for d in a))) for a in articles))
    db.commit()
    db.close()
    return clock() - started


# --- queries -----------------------------------------------------------------------------------------------

def fts_expression(query: str) -> str:
    words = [w for w in WORD.findall(segment(query))]
    return " ".join(f'"{w}"' for w in words)


def timed(run, items: list[dict], rounds: int, budget: float) -> list[float]:
    latencies: list[float] = []
    deadline = clock() + budget
    for _ in range(rounds):
        for item in items:
            started = clock()
            run(item)
            latencies.append((clock() - started) * 1000)
            if clock() > deadline:
                return latencies
    return latencies


def measure(name: str, articles: list[list[dict]], forms, queries: list[dict], rounds: int, budget: float,
            scratch: Path) -> None:
    folder = scratch / f"{name}-whoosh"
    folder.mkdir()
    whoosh_build = build_whoosh(folder, articles, forms)
    fts_path = scratch / f"{name}.db"
    fts_build = build_fts(fts_path, articles)
    ix, parser, _ = search_module.open_index(folder)
    searcher = ix.searcher()
    db = sqlite3.connect(fts_path)

    def with_api(item):
        search_module.search(item["query"], lang=item.get("lang"), instrument=item.get("instrument"), index_dir=folder)

    def bare(item):
        q = parse_query(item["query"], parser, searcher.reader())
        searcher.search(q, limit=10, filter=filters(item.get("lang"), item.get("instrument"), None))[:10]

    def fts(item):
        expression = fts_expression(item["query"])
        where, params = "articles MATCH ?", [expression]
        if item.get("lang"):
            where += " AND language = ?"
            params.append(item["lang"])
        if item.get("instrument"):
            where += " AND instrument = ?"
            params.append(item["instrument"])
        db.execute(f"SELECT key, snippet(articles, 4, '<mark>', '</mark>', '…', 24) FROM articles WHERE {where} "
                   "ORDER BY bm25(articles) LIMIT 10", params).fetchall()

    with_api(queries[0])  # warm the caches the server would have warm
    results = {engine: timed(run, queries, rounds, budget) for engine, run in
               (("whoosh search()", with_api), ("whoosh bare", bare), ("sqlite fts5", fts))}
    searcher.close()
    db.close()
    size = sum(f.stat().st_size for f in folder.iterdir())
    paragraphs = sum(map(len, articles))
    print(f"\n   {name}: {len(articles)} articles ({paragraphs} paragraphs); index size Whoosh {size / 1e6:.1f} MB, "
          f"FTS5 {fts_path.stat().st_size / 1e6:.1f} MB")
    print(f"   build: Whoosh {whoosh_build:.2f} s, FTS5 {fts_build:.2f} s, ratio {whoosh_build / fts_build:.1f}x")
    base = statistics.median(results["sqlite fts5"]), percentile(results["sqlite fts5"], 95)
    for engine, latencies in results.items():
        p50, p95 = statistics.median(latencies), percentile(latencies, 95)
        ratio = "" if engine == "sqlite fts5" else f"   ratio to FTS5: p50 {p50 / base[0]:.0f}x, p95 {p95 / base[1]:.0f}x"
        print(f"   {engine:16} {len(latencies):4} queries  p50 {p50:8.2f} ms  p95 {p95:8.2f} ms{ratio}")


COSTLY = {
    "leading wildcards": " OR ".join(f"*{c}*" for c in "aeiounrst"),
    "one-letter prefixes": " OR ".join(f"{c}*" for c in "abcdefghij"),
    "60-word OR list": " OR ".join(["extradition", "request", "assistance", "evidence"] * 15),
    "open range": "[a TO]",
    "bounded wildcard (allowed)": "extradit*",
}


def costly(folder: Path) -> None:
    print("\n3. Costly query forms on the real collection, limit 100:")
    for name, query in COSTLY.items():
        started = clock()
        try:
            outcome = f"{len(search_module.search(query, limit=100, index_dir=folder))} hits"
        except SearchError as exc:
            outcome = f"refused ({type(exc).__name__}: {exc})"
        print(f"   {name:28} {(clock() - started) * 1000:8.1f} ms  {outcome[:110]}")


# --- profile ----------------------------------------------------------------------------------------------
# Components by the functions that do them (file suffix, function name); a share is that function's cumulative
# time over the whole.  Indented components are part of the one above them.

SEARCH_PARTS = [
    ("parsing the query (Whoosh's parser, glossary expansion)", "treaties/query.py", "parse_query"),
    ("sizing the words (which select, which only score)", "treaties/query.py", "relax"),
    ("ranking free words (treaties/ranking.py)", "treaties/ranking.py", "top"),
    ("  opening Whoosh's term matchers", "whoosh/query/terms.py", "matcher"),
    ("  Whoosh's BM25F scoring a posting", "whoosh/scoring.py", "score"),
    ("  Whoosh's skip_to in a posting list", "whoosh/codec/whoosh3.py", "skip_to"),
    ("Whoosh's own search (one-clause and operator queries)", "whoosh/searching.py", "search"),
    ("snippets (marking the words)", "treaties/search.py", "_snippet"),
    ("the texts for snippets (Whoosh stored fields)", "whoosh/reading.py", "stored_fields"),
]
BUILD_PARTS = [
    ("Whoosh add_document (all of indexing a paragraph)", "whoosh/writing.py", "add_document"),
    ("  Whoosh's posting formats (positions, frequencies), with the analysers", "whoosh/formats.py", "word_values"),
    ("    our analysers: Chinese (rjieba) and English tokenizers", "treaties/analysis.py", "__call__"),
    ("  Whoosh's posting pool", "whoosh/writing.py", "add"),
    ("Whoosh writing the segment (sorting, posting blocks)", "whoosh/writing.py", "_finalize_segment"),
    ("  Whoosh reading field lengths per posting", "whoosh/codec/whoosh3.py", "get"),
    ("  Whoosh compressing posting blocks (zlib)", "~", "<built-in method zlib.compress>"),
]


def shares(profile: cProfile.Profile, parts) -> list[tuple[str, float]]:
    stats = pstats.Stats(profile).stats
    total = max(ct for _, _, _, ct, _ in stats.values())
    out = []
    for label, suffix, name in parts:
        ct = sum(v[3] for (path, _, func), v in stats.items() if func == name and path.replace("\\", "/").endswith(suffix))
        out.append((label, ct / total))
    return out


def profile(articles_count: int, queries: list[dict], forms, real, scratch: Path) -> None:
    print("\nWhere the time goes (cProfile; shares of the whole, indented lines are part of the line above):")
    for name, articles in (("real collection", real), (f"{articles_count} synthetic articles", synthetic_articles(real, articles_count))):
        folder = scratch / f"profile-{len(articles)}"
        folder.mkdir()
        build = cProfile.Profile()
        build.runcall(build_whoosh, folder, articles, forms)
        search_module.search(queries[0]["query"], index_dir=folder)  # open the index
        searching = cProfile.Profile()
        searching.enable()
        for item in queries:
            search_module.search(item["query"], lang=item.get("lang"), instrument=item.get("instrument"), index_dir=folder)
        searching.disable()
        for title, prof, parts in (("search()", searching, SEARCH_PARTS), ("index build", build, BUILD_PARTS)):
            print(f"\n   {title}, {name}:")
            for label, share in shares(prof, parts):
                print(f"   {share * 100:5.1f}%  {label}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--synthetic", type=int, default=50_000, help="articles in the synthetic corpus")
    parser.add_argument("--rounds", type=int, default=3, help="times each labelled query is run on the real corpus")
    parser.add_argument("--budget", type=float, default=25.0, help="seconds at most per query loop")
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu", help="CPU time of this process, or wall time")
    parser.add_argument("--profile", action="store_true", help="only the profile of search() and of the build")
    args = parser.parse_args()
    global clock
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    print(f"clock: {args.clock} time")
    started = time.perf_counter()
    glossary = load_glossary(ROOT / "directory" / "vocab" / "glossary.yaml")
    forms = glossary.forms
    real = real_articles(glossary)
    queries = search_eval.load_queries()
    scratch = Path(tempfile.mkdtemp(prefix="mlakb-search-bench-"))
    if args.profile:
        try:
            profile(args.synthetic, queries, forms, real, scratch)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return
    zh_texts = ["\n".join(d["text_zh"] for d in a) for a in real if a[0]["language"] == "zh"]
    segmentation(zh_texts)
    try:
        stats = build_index(Paths(ROOT), target=scratch / "treaty-index")
        print(f"\n2. Index build by mlakb (parse {stats.texts} texts + index): {stats.seconds:.2f} s, "
              f"{stats.documents} articles ({', '.join(f'{k} {v}' for k, v in sorted(stats.by_language.items()))})")
        measure("real collection", real, forms, queries, args.rounds, args.budget, scratch)
        synthetic = synthetic_articles(real, args.synthetic)
        measure("synthetic corpus", synthetic, forms, queries, 1, args.budget, scratch)
        costly(scratch / "real collection-whoosh")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"\nwhole run: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
