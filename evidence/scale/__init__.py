"""Extraction at scale: streaming inputs, local and Dask engines, resumable Parquet output.

* :mod:`evidence.scale.engines`: :func:`~evidence.scale.engines.run_extraction` hands
  input files to local processes or a Dask cluster; :func:`~evidence.scale.engines.process_file`
  is the per-file unit of work.
* :mod:`evidence.scale.output`: the Parquet layout, the streaming table writer and the
  *latest* view (revisions and ``DeleteCitation`` applied).
* :mod:`evidence.scale.manifest`: the manifest that makes runs resumable, and the folder lock.
* :mod:`evidence.scale.generate`: baseline-format corpora with their expected findings.

This package composes sources and extractors (like the CLI); nothing below it imports it.
See ``docs/scale.md``.
"""
