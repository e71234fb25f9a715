"""Extraction at scale: streaming inputs, local and Dask engines, resumable Parquet output."""
