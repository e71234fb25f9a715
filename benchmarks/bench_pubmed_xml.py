"""Throughput and memory of the streaming PubMed XML reader.

Run: ``python -m benchmarks.bench_pubmed_xml [n_articles ...]``

Writes synthetic PubMed XML files (each article a structured abstract with
inline markup and MathML, ~3 KB) of growing size to a temporary folder, reads
each plain and gzipped, and prints wall and CPU seconds, articles and MB per CPU second, and the
peak Python heap (tracemalloc) while reading.  Flat peak memory across file
sizes shows that articles are released as they are read.
"""

from __future__ import annotations

import gzip
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from evidence.sources.pubmed_xml import read_pubmed_xml

ARTICLE = """<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">{pmid}</PMID>
<Article><Journal><JournalIssue><PubDate><Year>2020</Year></PubDate></JournalIssue><ISOAbbreviation>Bench J</ISOAbbreviation></Journal>
<ArticleTitle>Synthetic record {pmid} with <i>markup</i></ArticleTitle><Abstract>
<AbstractText Label="BACKGROUND">{filler}</AbstractText>
<AbstractText Label="METHODS">We enrolled {n} patients given 50 Gy in 25 fractions; p<sub>trend</sub> was tested. {filler}</AbstractText>
<AbstractText Label="RESULTS">The ORR was 32.2% and 1-year OS 89.6%; uptake (<mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML"><mml:msub><mml:mi>V</mml:mi><mml:mn>2</mml:mn></mml:msub></mml:math>) rose. {filler}</AbstractText>
<AbstractText Label="CONCLUSIONS">{filler}</AbstractText></Abstract>
<AuthorList><Author><LastName>Bench</LastName><Initials>A</Initials></Author><Author><CollectiveName>Group</CollectiveName></Author></AuthorList>
<Language>eng</Language><PublicationTypeList><PublicationType>Journal Article</PublicationType></PublicationTypeList></Article>
<MeshHeadingList><MeshHeading><DescriptorName>Sarcoma</DescriptorName></MeshHeading></MeshHeadingList></MedlineCitation>
<PubmedData><ArticleIdList><ArticleId IdType="pubmed">{pmid}</ArticleId><ArticleId IdType="doi">10.0/{pmid}</ArticleId></ArticleIdList></PubmedData></PubmedArticle>
"""
FILLER = "Words that pad the abstract to a realistic length for timing purposes only. " * 6


def write_file(path: Path, n_articles: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" ?>\n<PubmedArticleSet>\n')
        for i in range(n_articles):
            out.write(ARTICLE.format(pmid=10_000_000 + i, n=i % 500 + 10, filler=FILLER))
        out.write("</PubmedArticleSet>\n")


def measure(path: Path) -> tuple[int, float, float, float]:
    """Articles read, wall and CPU seconds (untraced run), peak traced heap in MB (a second, traced run)."""
    start, start_cpu = time.perf_counter(), time.process_time()
    count = sum(1 for _ in read_pubmed_xml(path))
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    tracemalloc.start()
    sum(1 for _ in read_pubmed_xml(path))
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return count, seconds, cpu, peak


def main(sizes: list[int]) -> None:
    print(f"{'articles':>9} {'file MB':>8} {'kind':>5} {'wall s':>7} {'CPU s':>6} {'articles/CPU s':>15} {'MB/CPU s':>9} {'peak heap MB':>13}")
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            plain = Path(folder) / f"bench{n}.xml"
            write_file(plain, n)
            packed = Path(folder) / f"bench{n}.xml.gz"
            packed.write_bytes(gzip.compress(plain.read_bytes(), compresslevel=6))
            size_mb = plain.stat().st_size / 1e6
            for kind, path in (("xml", plain), ("gz", packed)):
                count, seconds, cpu, peak = measure(path)
                assert count == n
                print(
                    f"{n:>9} {size_mb:>8.1f} {kind:>5} {seconds:>7.2f} {cpu:>6.2f} {n / cpu:>15.0f} "
                    f"{size_mb / cpu:>9.1f} {peak:>13.2f}"
                )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 30_000])
