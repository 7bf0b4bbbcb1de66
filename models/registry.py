"""A registry from a backend name to the factory that builds it, one registry per role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from models.errors import BackendUnavailable

T = TypeVar("T")


class Registry(Generic[T]):
    """Maps backend names to factories; `create(name)` builds one or says clearly what exists."""

    def __init__(self, role: str) -> None:
        self.role = role
        self._factories: dict[str, Callable[[], T]] = {}

    def register(self, name: str) -> Callable[[Callable[[], T]], Callable[[], T]]:
        def decorator(factory: Callable[[], T]) -> Callable[[], T]:
            if name in self._factories:
                raise ValueError(f"{self.role} backend {name!r} is registered twice")
            self._factories[name] = factory
            return factory

        return decorator

    def names(self) -> list[str]:
        return sorted(self._factories)

    def create(self, name: str) -> T:
        try:
            factory = self._factories[name]
        except KeyError:
            raise BackendUnavailable(
                f"Unknown {self.role} backend {name!r}; available: {', '.join(self.names()) or 'none'}."
            ) from None
        return factory()
