from .page import compose, compose_plan

__all__ = ["compose", "compose_plan"]
