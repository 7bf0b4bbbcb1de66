"""Per-key token buckets for the public API: `burst` requests at once, refilled at `per_minute`.

With a Redis URL the buckets live in Redis (one Lua script reads, refills and takes atomically),
so every web process shares them; without one they live in this process (fine for one `studio up`
process; several processes would each grant the full rate).
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    allowed: bool
    remaining: int
    retry_after: int  # whole seconds until one more request is allowed (0 when allowed)


_LUA = """
local key = KEYS[1]
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local state = redis.call('HMGET', key, 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', key, math.ceil(capacity / rate) + 60)
return {allowed, tostring(tokens)}
"""


class TokenBuckets:
    """`take(key)` answers whether one more request of `key` may go now."""

    def __init__(
        self, per_minute: int, burst: int, redis_url: str | None = None, prefix: str = "studio:api:rate:"
    ) -> None:
        self.capacity = float(max(1, burst))
        self.rate = max(1, per_minute) / 60.0  # tokens per second
        self.prefix = prefix
        self._lock = threading.Lock()
        self._local: dict[str, tuple[float, float]] = {}
        self._script = None
        if redis_url:
            import redis

            client = redis.Redis.from_url(redis_url, socket_timeout=2.0)
            self._script = client.register_script(_LUA)

    def _decision(self, tokens: float, allowed: bool) -> Decision:
        wait = 0 if allowed else max(1, math.ceil((1.0 - tokens) / self.rate))
        return Decision(allowed, int(tokens), wait)

    def take(self, key: str) -> Decision:
        if self._script is not None:
            allowed, tokens = self._script(keys=[self.prefix + key], args=[self.capacity, self.rate])
            return self._decision(float(tokens), bool(int(allowed)))
        with self._lock:
            now = time.monotonic()
            tokens, at = self._local.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - at) * self.rate)
            allowed = tokens >= 1.0
            if allowed:
                tokens -= 1.0
            self._local[key] = (tokens, now)
            return self._decision(tokens, allowed)
