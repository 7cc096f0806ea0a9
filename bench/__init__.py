"""`make bench`: realtime-schema's decode and encode paths against what users run today.

Run as `python -m bench` (full run, writes bench/RESULTS.md, results.png, results.json) or
`python -m bench --smoke` (every path once on a tiny slice, in seconds, into a temp dir).
"""
