"""Thin Faust agents, one module per stage: extract (articles -> matches), match (-> alerts), notify (-> Slack)."""
