"""The rebound toolkit: a member's private debriefs, feedback requests, plan, check-ins and patterns."""
