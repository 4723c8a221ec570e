"""The RQ side of Rebound: `python -m worker`."""
