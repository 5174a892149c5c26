"""shishi: track a city's yearly practical projects (市办实事)."""

__version__ = "0.1.0"
