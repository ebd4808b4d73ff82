"""devservices' own benchmarks (`make bench`): what the services cost (`costs`, run as
`python -m devservices.bench`) and how other isolation patterns compare (`patterns`), on a
sample suite (`sample_project`)."""
