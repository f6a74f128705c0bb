"""The agents' web space (issue #14): the doléances and envies of a territory for the agents of
neighbourhood units, relais and territorial crisis negotiators, and the public page of each
territory. A thin adapter over relais/ (UnitDesk): it parses forms, calls the desk and renders
French pages; the rules (territory bounds, statuses, masking, counts under 11) stay in relais/.

Runs in the edge's virtualenv (.venv-edge) and never imports Rasa
(scripts/check_edge_imports.py). `python -m web` serves it; `python -m web.agents` creates agents.
"""
