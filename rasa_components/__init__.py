"""Custom Rasa graph components and stores (Rasa adapters over the relais domain package).

Rasa imports this package when it loads the model (CrisisGuard) and the endpoints (stores), so
the performance fixes Relais applies to Rasa itself (speedups.py) are installed here.
"""

from rasa_components import speedups

speedups.install()
