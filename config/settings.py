"""Settings, read from the environment.

Two shapes from one file:
- embedded (the default, for ``make run`` and the first test run): SQLite in ``var/``, an
  in-process channel layer, renders in a worker thread, no server needed;
- distributed: ``DATABASE_URL`` picks PostgreSQL, ``REDIS_URL`` picks Redis for Celery and
  the channel layer, and ``DJANGO_ENV=production`` turns on the deployment hardening.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("BUILDER_VAR_DIR", str(BASE_DIR / "var")))
env = environ.Env()
# Under pytest: plain static storage (no collectstatic manifest needed), per-worker queues.
TESTING = env.bool("BUILDER_TESTING", "pytest" in sys.modules)

# --- Mode ------------------------------------------------------------------------------
# "local" (default) or "production". Production refuses to start without real secrets.
DJANGO_ENV = env.str("DJANGO_ENV", "local")
PRODUCTION = DJANGO_ENV == "production"
# Debug pages leak settings and code: off unless asked for.
DEBUG = env.bool("DJANGO_DEBUG", False)


def _local_secret_key() -> str:
    """A per-checkout random key for local use, kept in var/ (never a default in production)."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


# The secret key signs sessions and CSRF tokens. Production: DJANGO_SECRET_KEY is required.
SECRET_KEY = env.str("DJANGO_SECRET_KEY") if PRODUCTION else env.str("DJANGO_SECRET_KEY", "") or _local_secret_key()
# Host names this server answers to (comma-separated).
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
# Origins trusted for CSRF behind a proxy, e.g. https://diagrams.example.com
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "builder.apps.DaphneConfig",  # daphne, without loading its server on every command
    # The admin without autodiscovery at start-up: config/urls.py runs it (commands skip it).
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "builder",
    "builder.collab",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Korean or English (builder/i18n/web.py): after authentication, which gives it the user.
    "builder.i18n.web.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "builder.security.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Data ------------------------------------------------------------------------------
# DATABASE_URL (postgres://user@host:5432/name) selects PostgreSQL; default SQLite in var/.
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the render thread write while a request reads; wait rather than fail on a lock.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    # Tests use a file, not shared-cache memory: the render thread then waits on the busy
    # timeout (WAL) instead of failing with "table is locked".
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
else:
    # Bounded connections under ASGI. Django runs each request's sync code in a thread of its
    # own, so persistent per-thread connections (CONN_MAX_AGE > 0) pile up until PostgreSQL
    # refuses everyone. Instead each process shares a psycopg pool of at most
    # DATABASE_POOL_MAX_SIZE connections; a request that cannot get one within
    # DATABASE_POOL_TIMEOUT_S answers a JSON 503 with Retry-After (builder.api.errors), and so
    # does one while the database is down. Health checks drop dead connections, so a restarted
    # database is used again without restarting this server. DATABASE_POOL=0 turns the pool
    # off (a new connection per request, closed after it): see bench/README.md for both.
    DATABASE_POOL = env.bool("DATABASE_POOL", True)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.int("DATABASE_CONNECT_TIMEOUT_S", 3)
    if DATABASE_POOL:
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN_SIZE", 1),
            "max_size": env.int("DATABASE_POOL_MAX_SIZE", 8),
            "timeout": env.float("DATABASE_POOL_TIMEOUT_S", 3.0),
            # More requests than this already waiting: 503 at once rather than a long queue.
            "max_waiting": env.int("DATABASE_POOL_MAX_WAITING", 64),
            "name": "builder",
        }
# Threads serving HTTP requests in each server process (config/http.py), one request each;
# made as needed. With the pool, as many as may hold or wait for a connection (the pool's
# size plus its waiting room), so a request beyond them is the pool's 503 "busy", as before;
# never an unbounded queue.
_POOL = DATABASES["default"].get("OPTIONS", {}).get("pool")
HTTP_THREADS = env.int("HTTP_THREADS", _POOL["max_size"] + _POOL["max_waiting"] if _POOL else 32)
# Encoded GET answers of unchanged diagrams kept per process (builder/api/answers.py); 0: off.
ANSWER_CACHE_BYTES = env.int("ANSWER_CACHE_BYTES", 32 * 2**20)
# How long a client should wait before retrying after a 503 (database down or busy).
RETRY_AFTER_S = env.int("RETRY_AFTER_S", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# REDIS_URL (redis://127.0.0.1:6379/0) selects Redis for Celery and the channel layer.
REDIS_URL = env.str("REDIS_URL", "")
# Namespaces in Redis for channel groups and cache keys. Parallel test processes share one
# Redis, so each gets its own (and the Celery worker it starts is given the same).
REDIS_PREFIX = env.str("REDIS_PREFIX", "builder")
if TESTING and os.environ.get("PYTEST_XDIST_WORKER"):
    REDIS_PREFIX += "-" + os.environ["PYTEST_XDIST_WORKER"]
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": f"{REDIS_PREFIX}:asgi"},
        }
    }
    # Never call cache.clear() with this: it flushes the whole Redis database, broker queue included.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": REDIS_PREFIX,
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery (renders) ------------------------------------------------------------------
# With REDIS_URL, renders go to `celery -A config worker`; without, to a thread in-process.
CELERY_BROKER_URL = REDIS_URL or None
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True  # a worker that dies mid-render hands the render back
CELERY_TASK_REJECT_ON_WORKER_LOST = True  # ...to the queue, for one more try (renders.MAX_ATTEMPTS)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # renders are long; don't hoard them
CELERY_TASK_SOFT_TIME_LIMIT = env.int("RENDER_TIME_LIMIT_S", 60)
CELERY_TASK_TIME_LIMIT = CELERY_TASK_SOFT_TIME_LIMIT + 15
# A message a worker took but never acknowledged (the whole worker was killed) goes back to
# the queue after this long; longer than any render may run, so none is drawn twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT_S", CELERY_TASK_TIME_LIMIT + 30)
}
# Retry the broker while it restarts instead of failing the worker or the request.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The queue renders go to; under pytest-xdist each test worker has its own Celery worker.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", "renders")
if TESTING and os.environ.get("PYTEST_XDIST_WORKER"):
    CELERY_TASK_DEFAULT_QUEUE += "-" + os.environ["PYTEST_XDIST_WORKER"]
RENDER_INLINE = not REDIS_URL  # embedded mode: render in a worker thread of this process
RENDER_TIME_LIMIT_S = CELERY_TASK_SOFT_TIME_LIMIT
# A render nobody takes fails this soon with "no render worker is running" (workers say they
# are alive every few seconds: builder.tasks).
RENDER_NO_WORKER_AFTER_S = env.float("RENDER_NO_WORKER_AFTER_S", 10.0)
# The Graphviz binary and the memory it may take per render (a hostile diagram stays bounded).
RENDER_DOT_BINARY = env.str("RENDER_DOT_BINARY", "dot")
RENDER_MEMORY_MB = env.int("RENDER_MEMORY_MB", 2048)

# --- Files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"  # collectstatic's output, served by WhiteNoise
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [d for d in [BASE_DIR / "frontend" / "dist"] if d.exists()]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", str(VAR_DIR / "media")))
# The catalog's icons, straight from the installed diagrams package (no copy in the repo).
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "builder.static_icons.CatalogIconFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Tests and `make run` build static files with collectstatic; keep serving finders in DEBUG.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
# Requests carry diagrams of up to 1 MiB of JSON; leave room for the envelope.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Auth ------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Logins go through the throttled backend (limits in THROTTLES below).
AUTHENTICATION_BACKENDS = ["builder.views.ThrottledModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

REST_FRAMEWORK = {
    # Token first: a request without credentials is then a 401 with `WWW-Authenticate: Token`
    # (DRF takes the header from the first class; session auth has none and would make it 403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # drf-spectacular's, with every error status of each operation (builder/api/schema.py).
    "DEFAULT_SCHEMA_CLASS": "builder.api.schema.AutoSchema",
    "DEFAULT_PARSER_CLASSES": ["builder.api.parsers.LimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "builder.api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "builder.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Serverless diagram builder API",
    "DESCRIPTION": "Store, validate, render and share AWS serverless architecture diagrams.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # 3.1: its schema objects are JSON Schema 2020-12, so the document's JSON Schema
    # (builder.document_schema) is the Document component as it is (docs/architecture.md).
    "OAS_VERSION": "3.1.0",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "builder.api.schema.add_document_schema",
    ],
    # Swagger UI from the sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # A PATCH body takes the same required fields as the serializer says (a rename needs its
    # name): no all-optional "Patched..." copies that promise `{}` would be accepted.
    "COMPONENT_SPLIT_PATCH": False,
    # Choice sets used by several serializers get one name each.
    "ENUM_NAME_OVERRIDES": {
        "RenderStatusEnum": "builder.models.Render.Status",
        "RenderFormatEnum": "builder.render.FORMATS",
        "RenderLayoutEnum": "builder.render.LAYOUTS",
        "ImportReportStatusEnum": "builder.api.serializers.IMPORT_REPORT_STATUSES",
        "ShareLinkRoleEnum": "builder.models.ShareLink.Role",
        "MemberRoleEnum": "builder.collab.models.Member.Role",
    },
}

# --- Security: client addresses, throttles, render fairness, Content-Security-Policy ------
# Proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDR ranges, e.g.
# "10.0.0.0/8,127.0.0.1"). Empty: the peer address is the client, whatever the header says.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
# (events, seconds) per key. Wrong passwords per account+address, per address, and per
# account from all addresses (higher, so one address alone cannot lock an account);
# accounts created per address; wrong review-link tokens per address and per token prefix.
THROTTLES = {
    "login-account-address": (env.int("LOGIN_FAILURES_PER_ACCOUNT", 10), 15 * 60),
    "login-address": (env.int("LOGIN_FAILURES_PER_ADDRESS", 30), 15 * 60),
    "login-account": (env.int("LOGIN_FAILURES_PER_ACCOUNT_ALL_ADDRESSES", 50), 15 * 60),
    "signup-address": (env.int("SIGNUPS_PER_ADDRESS", 20), 60 * 60),
    "review-guess-address": (20, 10 * 60),
    "review-guess-prefix": (20, 10 * 60),
}
# Renders one account may have queued or drawing at once; more is a 429 until one finishes.
RENDER_ACTIVE_PER_USER = env.int("RENDER_ACTIVE_PER_USER", 2)
# The policy of every HTML page: our own scripts, styles and images only, no inline script.
# Inline style attributes stay allowed: React Flow and Swagger UI position elements with them.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

LANGUAGE_CODE = "en"
#: The two languages (builder.i18n.LANGUAGES); English is the default.
LANGUAGES = [("en", "English"), ("ko", "한국어")]
LOCALE_PATHS = [BASE_DIR / "builder" / "locale"]
#: The language cookie (Django's name, django_language) lasts a year, like a choice should.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Review-link tokens are secrets: redact them from every line (Django logs 404 paths).
    "filters": {"redact_tokens": {"()": "builder.logging.RedactTokens"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Production hardening ----------------------------------------------------------------
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"] = ["builder.api.renderers.JSONRenderer"]
