"""Custom Rasa graph components (Rasa adapters over the relais domain package)."""
