"""The adapters: validation for pipelines (docs/pipelines.md).  :mod:`.stream` reads a CSV or JSON
Lines file a batch of whole tables at a time, in memory bounded by the largest table (``validate FILE``);
:mod:`.dataframe` validates pandas DataFrames and Arrow tables (``govclass.frame``); :mod:`.dask`
validates Dask DataFrames and many files on a cluster (``govclass.dask``).  They stand above the
readers and the validator and use both; ``govclass.stream``, ``govclass.frame`` and
``govclass.dask`` are the same modules under their published names."""
