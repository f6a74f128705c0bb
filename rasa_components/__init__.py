"""Custom Rasa graph components and stores (Rasa adapters over the relais domain package).

Rasa imports this package when it loads the model (CrisisGuard) and the endpoints (stores), so
the one performance fix Relais applies to Rasa itself is installed here.
"""

from rasa_components import action_result_validation

action_result_validation.install()
