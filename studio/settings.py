"""Settings read once from the environment; the only place that looks at `os.environ`.

`STUDIO_HOME` holds everything a local install writes: the SQLite film store, the media folder
and the Dagster instance (`DAGSTER_HOME` defaults to `STUDIO_HOME/dagster`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_SCRIPT_BYTES = 200_000  # about 200 pages of screenplay: far beyond a short film
MIN_DURATION_SECONDS = 5.0
MAX_DURATION_SECONDS = 600.0  # ten minutes, the longest tier
DAGSTER_PROFILES = ("local", "postgres", "celery", "k8s")  # STUDIO_DAGSTER_PROFILE (studio/orchestration/instance.py)
DAGSTER_EXECUTORS = ("auto", "in_process", "multiprocess")  # STUDIO_DAGSTER_EXECUTOR (dagster_project/executors.py)


def _packaged_whisper_base() -> str | None:
    """The multilingual Whisper base joined at setup (models/packaged.py), when present."""
    from models.packaged import whisper_base_folder

    folder = whisper_base_folder()
    return str(folder) if (folder / "model.bin").is_file() else None


@dataclass(frozen=True)
class SmtpSettings:
    """Outgoing mail (integrations/mailer.py). `tls` is none|starttls|ssl."""

    host: str
    port: int
    sender: str
    username: str = ""
    password: str = ""
    tls: str = "starttls"

    @classmethod
    def from_env(cls, env: dict[str, str] | os._Environ[str]) -> SmtpSettings | None:
        host = env.get("STUDIO_SMTP_HOST") or ""
        if not host:
            return None
        tls = (env.get("STUDIO_SMTP_TLS") or "starttls").lower()
        if tls not in ("none", "starttls", "ssl"):
            raise ValueError(f"STUDIO_SMTP_TLS must be none, starttls or ssl, not {tls!r}.")
        port = int(env.get("STUDIO_SMTP_PORT") or {"none": 25, "starttls": 587, "ssl": 465}[tls])
        return cls(
            host=host,
            port=port,
            sender=env.get("STUDIO_SMTP_FROM") or f"studio@{host}",
            username=env.get("STUDIO_SMTP_USERNAME") or "",
            password=env.get("STUDIO_SMTP_PASSWORD") or "",
            tls=tls,
        )


@dataclass(frozen=True)
class MediaStoreSettings:
    """Where finished media is published (studio/store/media_store.py): `local` (the media folder) or `s3`.

    With `s3`, credentials and the region come from the standard AWS variables (AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_DEFAULT_REGION, AWS_PROFILE) through boto3's own chain.
    """

    kind: str = "local"  # STUDIO_MEDIA_STORE: local|s3
    bucket: str = ""  # STUDIO_S3_BUCKET: must exist already
    endpoint_url: str = ""  # STUDIO_S3_ENDPOINT_URL: another S3 server (MinIO, the tests' moto); empty: AWS
    prefix: str = ""  # STUDIO_S3_PREFIX: key prefix inside the bucket, e.g. "studio/prod"

    @classmethod
    def from_env(cls, env: dict[str, str] | os._Environ[str] | None = None) -> MediaStoreSettings:
        env = os.environ if env is None else env
        kind = (env.get("STUDIO_MEDIA_STORE") or "local").strip().lower()
        if kind not in ("local", "s3"):
            raise ValueError(f"STUDIO_MEDIA_STORE must be local or s3, not {kind!r}.")
        bucket = (env.get("STUDIO_S3_BUCKET") or "").strip()
        if kind == "s3" and not bucket:
            raise ValueError("STUDIO_MEDIA_STORE=s3 needs STUDIO_S3_BUCKET (an existing bucket).")
        return cls(
            kind=kind,
            bucket=bucket,
            endpoint_url=(env.get("STUDIO_S3_ENDPOINT_URL") or "").strip(),
            prefix=(env.get("STUDIO_S3_PREFIX") or "").strip().strip("/"),
        )

    def export(self, env: dict[str, str] | os._Environ[str]) -> None:
        env["STUDIO_MEDIA_STORE"] = self.kind
        env["STUDIO_S3_BUCKET"] = self.bucket
        env["STUDIO_S3_ENDPOINT_URL"] = self.endpoint_url
        env["STUDIO_S3_PREFIX"] = self.prefix


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    dagster_home: Path
    image_backend: str = "illustrator"  # STUDIO_IMAGE_BACKEND: illustrator|sdxl (models/image/backends.py)
    sdxl_path: str | None = None  # STUDIO_SDXL_PATH: local SDXL weights (diffusers folder or .safetensors)
    whisper_base_path: str | None = None  # STUDIO_WHISPER_BASE_PATH: multilingual Whisper (CTranslate2 folder)
    # --- Stripe billing (studio/services/billing.py); without a secret key billing shows "not configured".
    stripe_secret_key: str | None = None  # STUDIO_STRIPE_SECRET_KEY: sk_live_… / sk_test_…
    stripe_webhook_secret: str | None = None  # STUDIO_STRIPE_WEBHOOK_SECRET: whsec_… of the /webhooks/stripe endpoint
    stripe_api_base: str | None = None  # STUDIO_STRIPE_API_BASE: another API host (the tests' local fake)
    stripe_return_url: str | None = None  # STUDIO_STRIPE_RETURN_URL: the studio's public URL Checkout returns to
    # --- publishing (YouTube) and CRM (Salesforce): every field optional; unset shows "not configured"
    youtube_client_id: str | None = None  # STUDIO_YOUTUBE_CLIENT_ID: OAuth client of a Google Cloud project
    youtube_client_secret: str | None = None  # STUDIO_YOUTUBE_CLIENT_SECRET
    youtube_auth_uri: str = "https://accounts.google.com/o/oauth2/auth"  # STUDIO_YOUTUBE_AUTH_URI
    youtube_token_uri: str = "https://oauth2.googleapis.com/token"  # STUDIO_YOUTUBE_TOKEN_URI
    youtube_api_base: str = "https://youtube.googleapis.com/"  # STUDIO_YOUTUBE_API_BASE: the discovery rootUrl
    token_key: str | None = None  # STUDIO_TOKEN_KEY: Fernet key that encrypts OAuth refresh tokens at rest
    salesforce_instance_url: str | None = None  # STUDIO_SALESFORCE_INSTANCE_URL: https://MyOrg.my.salesforce.com
    salesforce_client_id: str | None = None  # STUDIO_SALESFORCE_CLIENT_ID: connected app (client credentials)
    salesforce_client_secret: str | None = None  # STUDIO_SALESFORCE_CLIENT_SECRET
    salesforce_token_url: str | None = None  # STUDIO_SALESFORCE_TOKEN_URL: default <instance>/services/oauth2/token
    salesforce_ca_bundle: str | None = None  # STUDIO_SALESFORCE_CA_BUNDLE: CA file for a private/test endpoint
    # --- accounts and security (issue 15) ---
    smtp: SmtpSettings | None = None  # STUDIO_SMTP_*: None means "email not configured"
    public_url: str = ""  # STUDIO_PUBLIC_URL: where emailed links point, e.g. https://studio.example.com
    cookie_secure: bool = False  # STUDIO_COOKIE_SECURE=1: session cookies only over HTTPS
    # STUDIO_REQUIRE_EMAIL_VERIFICATION: default on whenever email is configured (a hosted studio)
    require_verification: bool = False
    backup_key: str = ""  # STUDIO_BACKUP_KEY: Fernet key that encrypts scheduled backups
    backup_dir: Path | None = None  # STUDIO_BACKUP_DIR: default STUDIO_HOME/backups
    backup_retention_days: int = 14  # STUDIO_BACKUP_RETENTION_DAYS: kept 7-30 days
    # STUDIO_DAGSTER_URL: the Dagster webserver (started with --path-prefix /dagster) that the app's
    # /dagster route forwards admins and producers to; unset, the route does not exist.
    dagster_url: str | None = None
    media_store: MediaStoreSettings = MediaStoreSettings()  # STUDIO_MEDIA_STORE, STUDIO_S3_* (S3 media)
    # --- public API /api/v1 (issue 13, studio/web/api_v1.py) ---
    api_rate_per_minute: int = 120  # STUDIO_API_RATE_PER_MINUTE: each key's sustained request rate
    api_burst: int = 30  # STUDIO_API_BURST: requests a key may make at once before the rate applies
    api_max_body: int = 1_000_000  # STUDIO_API_MAX_BODY: bytes; a larger request body gets 413
    redis_url: str | None = None  # STUDIO_REDIS_URL: rate-limit buckets shared by every web process
    # --- engines (issue 12, studio/orchestration/instance.py, dagster_project/executors.py) ---
    dagster_profile: str = "local"  # STUDIO_DAGSTER_PROFILE: local|postgres|celery|k8s
    dagster_executor: str = "auto"  # STUDIO_DAGSTER_EXECUTOR: how local and postgres runs execute steps
    dagster_postgres_url: str | None = None  # STUDIO_DAGSTER_POSTGRES_URL: Dagster's runs and events
    celery_broker_url: str | None = None  # STUDIO_CELERY_BROKER_URL: redis://… or amqp://… (celery profile)
    celery_backend_url: str | None = None  # STUDIO_CELERY_BACKEND_URL: results; default follows the broker
    k8s_namespace: str = "film-studio"  # STUDIO_K8S_NAMESPACE
    k8s_image: str = "film-studio:latest"  # STUDIO_K8S_IMAGE: the code location image (deploy/Dockerfile)
    k8s_kubeconfig: str | None = None  # STUDIO_K8S_KUBECONFIG: outside the cluster; unset means in-cluster
    k8s_service_account: str = "dagster"  # STUDIO_K8S_SERVICE_ACCOUNT
    k8s_instance_config_map: str = "dagster-instance"  # STUDIO_K8S_INSTANCE_CONFIG_MAP (the Helm chart's)
    k8s_env_config_map: str = "film-studio-env"  # STUDIO_K8S_ENV_CONFIG_MAP: STUDIO_* settings for every pod
    k8s_env_secret: str = "film-studio-secrets"  # STUDIO_K8S_ENV_SECRET: passwords and keys for every pod
    k8s_gpu_node_selector: str = "film-studio/pool=gpu"  # STUDIO_K8S_GPU_NODE_SELECTOR: KEY=VALUE of GPU nodes
    k8s_gpus_per_step: int = 1  # STUDIO_K8S_GPUS_PER_STEP: nvidia.com/gpu limit of a GPU step
    dagster_max_concurrent_runs: int | None = None  # STUDIO_DAGSTER_MAX_CONCURRENT_RUNS: default per profile

    @property
    def media_root(self) -> Path:
        return self.home / "media"

    @property
    def mlflow_uri(self) -> str:
        """MLflow tracking store: a SQLite file in the studio's home (no server, no network)."""
        return f"sqlite:///{self.home / 'mlflow.db'}"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        home = Path(env.get("STUDIO_HOME") or Path.cwd() / ".studio").resolve()
        database_url = env.get("STUDIO_DATABASE_URL") or f"sqlite:///{home / 'studio.db'}"
        dagster_home = Path(env.get("DAGSTER_HOME") or home / "dagster").resolve()
        return cls(
            home=home,
            database_url=database_url,
            dagster_home=dagster_home,
            image_backend=env.get("STUDIO_IMAGE_BACKEND") or "illustrator",
            sdxl_path=env.get("STUDIO_SDXL_PATH") or None,
            whisper_base_path=env.get("STUDIO_WHISPER_BASE_PATH") or _packaged_whisper_base(),
            **_stripe_from_env(env),
            **_publish_settings(env),
            **_security_from_env(env, home),
            dagster_url=env.get("STUDIO_DAGSTER_URL") or None,
            media_store=MediaStoreSettings.from_env(env),
            **_api_from_env(env),
            **_engines_from_env(env),
        )

    @property
    def billing_configured(self) -> bool:
        """Stripe billing needs both the API key and the webhook endpoint's signing secret."""
        return bool(self.stripe_secret_key and self.stripe_webhook_secret)

    @property
    def backups_root(self) -> Path:
        return self.backup_dir or self.home / "backups"

    def ensure_dirs(self) -> None:
        for path in (self.home, self.media_root, self.dagster_home):
            path.mkdir(parents=True, exist_ok=True)

    def export(self, environ: dict[str, str] | None = None) -> None:
        """Publish these settings to child processes (Dagster steps read them through EnvVar)."""
        env = os.environ if environ is None else environ
        env["STUDIO_HOME"] = str(self.home)
        env["STUDIO_DATABASE_URL"] = self.database_url
        env["DAGSTER_HOME"] = str(self.dagster_home)
        # Dagster's EnvVar refuses an unset variable, so optional paths travel as empty strings.
        env["STUDIO_IMAGE_BACKEND"] = self.image_backend
        env["STUDIO_SDXL_PATH"] = self.sdxl_path or ""
        env["STUDIO_WHISPER_BASE_PATH"] = self.whisper_base_path or ""
        for name, variable in _PUBLISH_VARIABLES.items():  # YouTube and Salesforce, for the CRM sensor
            value = getattr(self, name)
            if value:
                env[variable] = value
        # Accounts and backups (issue 15): empty strings mean "not configured".
        env["STUDIO_BACKUP_KEY"] = self.backup_key
        env["STUDIO_BACKUP_DIR"] = str(self.backups_root)
        env["STUDIO_BACKUP_RETENTION_DAYS"] = str(self.backup_retention_days)
        if self.dagster_url:
            env["STUDIO_DAGSTER_URL"] = self.dagster_url
        self.media_store.export(env)  # the run workers publish to the same store
        self._export_engines(env)

    @property
    def celery_broker(self) -> str:
        """The Celery broker: STUDIO_CELERY_BROKER_URL, or the Redis on this machine."""
        return self.celery_broker_url or "redis://127.0.0.1:6379/0"

    @property
    def celery_backend(self) -> str:
        """Step results: the broker itself for Redis; RabbitMQ replies over its rpc:// backend."""
        if self.celery_backend_url:
            return self.celery_backend_url
        return self.celery_broker if self.celery_broker.startswith(("redis:", "rediss:")) else "rpc://"

    def _export_engines(self, env: dict[str, str] | os._Environ[str]) -> None:
        """The engine settings, so the code location and step workers pick the same executor."""
        from urllib.parse import unquote, urlsplit

        for name, variable in _ENGINE_VARIABLES.items():
            value = getattr(self, name)
            if value not in (None, ""):
                env[variable] = str(value)
        password = urlsplit(self.dagster_postgres_url or "").password
        if password:  # dagster.yaml reads it from here, so it is never written to disk
            env["STUDIO_DAGSTER_POSTGRES_PASSWORD"] = unquote(password)


def _stripe_from_env(env: dict[str, str] | os._Environ[str]) -> dict[str, Any]:
    """The STUDIO_STRIPE_* settings (empty strings count as unset); keyword arguments of Settings."""
    return {
        "stripe_secret_key": env.get("STUDIO_STRIPE_SECRET_KEY") or None,
        "stripe_webhook_secret": env.get("STUDIO_STRIPE_WEBHOOK_SECRET") or None,
        "stripe_api_base": env.get("STUDIO_STRIPE_API_BASE") or None,
        "stripe_return_url": env.get("STUDIO_STRIPE_RETURN_URL") or None,
    }


# YouTube and Salesforce settings: field -> environment variable (all optional).
_PUBLISH_VARIABLES = {
    "youtube_client_id": "STUDIO_YOUTUBE_CLIENT_ID",
    "youtube_client_secret": "STUDIO_YOUTUBE_CLIENT_SECRET",
    "youtube_auth_uri": "STUDIO_YOUTUBE_AUTH_URI",
    "youtube_token_uri": "STUDIO_YOUTUBE_TOKEN_URI",
    "youtube_api_base": "STUDIO_YOUTUBE_API_BASE",
    "token_key": "STUDIO_TOKEN_KEY",
    "salesforce_instance_url": "STUDIO_SALESFORCE_INSTANCE_URL",
    "salesforce_client_id": "STUDIO_SALESFORCE_CLIENT_ID",
    "salesforce_client_secret": "STUDIO_SALESFORCE_CLIENT_SECRET",
    "salesforce_token_url": "STUDIO_SALESFORCE_TOKEN_URL",
    "salesforce_ca_bundle": "STUDIO_SALESFORCE_CA_BUNDLE",
}


def _publish_settings(env: dict[str, str] | os._Environ[str]) -> dict[str, Any]:
    """The YouTube/Salesforce fields that are set (unset ones keep their dataclass defaults)."""
    return {name: env[variable] for name, variable in _PUBLISH_VARIABLES.items() if env.get(variable)}


def _security_from_env(env: dict[str, str] | os._Environ[str], home: Path) -> dict:
    """The accounts and backup settings (kept apart so other settings blocks merge cleanly)."""
    smtp = SmtpSettings.from_env(env)
    retention = int(env.get("STUDIO_BACKUP_RETENTION_DAYS") or 14)
    if not 7 <= retention <= 30:
        raise ValueError("STUDIO_BACKUP_RETENTION_DAYS must be between 7 and 30.")
    return {
        "smtp": smtp,
        "public_url": (env.get("STUDIO_PUBLIC_URL") or "").rstrip("/"),
        "cookie_secure": _flag(
            env.get("STUDIO_COOKIE_SECURE"), (env.get("STUDIO_PUBLIC_URL") or "").startswith("https:")
        ),
        "require_verification": _flag(env.get("STUDIO_REQUIRE_EMAIL_VERIFICATION"), smtp is not None),
        "backup_key": env.get("STUDIO_BACKUP_KEY") or "",
        "backup_dir": Path(env["STUDIO_BACKUP_DIR"]).resolve() if env.get("STUDIO_BACKUP_DIR") else None,
        "backup_retention_days": retention,
    }


def _api_from_env(env: dict[str, str] | os._Environ[str]) -> dict:
    """The public API's limits (studio/web/api_v1.py); each must be a positive whole number."""
    values: dict = {"redis_url": env.get("STUDIO_REDIS_URL") or None}
    for field, variable, default in (
        ("api_rate_per_minute", "STUDIO_API_RATE_PER_MINUTE", 120),
        ("api_burst", "STUDIO_API_BURST", 30),
        ("api_max_body", "STUDIO_API_MAX_BODY", 1_000_000),
    ):
        try:
            values[field] = int(env.get(variable) or default)
        except ValueError:
            raise ValueError(f"{variable} must be a whole number.") from None
        if values[field] < 1:
            raise ValueError(f"{variable} must be at least 1.")
    return values


# Engine settings: field -> environment variable (issue 12).
_ENGINE_VARIABLES = {
    "dagster_profile": "STUDIO_DAGSTER_PROFILE",
    "dagster_executor": "STUDIO_DAGSTER_EXECUTOR",
    "dagster_postgres_url": "STUDIO_DAGSTER_POSTGRES_URL",
    "celery_broker_url": "STUDIO_CELERY_BROKER_URL",
    "celery_backend_url": "STUDIO_CELERY_BACKEND_URL",
    "k8s_namespace": "STUDIO_K8S_NAMESPACE",
    "k8s_image": "STUDIO_K8S_IMAGE",
    "k8s_kubeconfig": "STUDIO_K8S_KUBECONFIG",
    "k8s_service_account": "STUDIO_K8S_SERVICE_ACCOUNT",
    "k8s_instance_config_map": "STUDIO_K8S_INSTANCE_CONFIG_MAP",
    "k8s_env_config_map": "STUDIO_K8S_ENV_CONFIG_MAP",
    "k8s_env_secret": "STUDIO_K8S_ENV_SECRET",
    "k8s_gpu_node_selector": "STUDIO_K8S_GPU_NODE_SELECTOR",
    "k8s_gpus_per_step": "STUDIO_K8S_GPUS_PER_STEP",
    "dagster_max_concurrent_runs": "STUDIO_DAGSTER_MAX_CONCURRENT_RUNS",
}


def _engines_from_env(env: dict[str, str] | os._Environ[str]) -> dict:
    """The STUDIO_DAGSTER_PROFILE block; an unknown profile is refused here, naming the setting."""
    values: dict = {name: env[variable] for name, variable in _ENGINE_VARIABLES.items() if env.get(variable)}
    profile = values.get("dagster_profile", "local")
    if profile not in DAGSTER_PROFILES:
        raise ValueError(f"STUDIO_DAGSTER_PROFILE must be one of {', '.join(DAGSTER_PROFILES)}, not {profile!r}.")
    executor = values.get("dagster_executor", "auto")
    if executor not in DAGSTER_EXECUTORS:
        raise ValueError(f"STUDIO_DAGSTER_EXECUTOR must be one of {', '.join(DAGSTER_EXECUTORS)}, not {executor!r}.")
    for name in ("k8s_gpus_per_step", "dagster_max_concurrent_runs"):
        if name in values:
            try:
                values[name] = int(values[name])
            except ValueError:
                raise ValueError(f"{_ENGINE_VARIABLES[name]} must be a whole number.") from None
    if "=" not in values.get("k8s_gpu_node_selector", "k=v"):
        raise ValueError("STUDIO_K8S_GPU_NODE_SELECTOR must be KEY=VALUE (a label of the GPU nodes).")
    return values
