"""Every setting of Accord, read from the environment; SQLite under var/ unless told otherwise."""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ACCORD_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """The key from the environment, or one generated once into var/ and kept there."""
    if key := os.environ.get("ACCORD_SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _flag("ACCORD_DEBUG")
ALLOWED_HOSTS = [h for h in os.environ.get("ACCORD_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("ACCORD_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# The organization's Ed25519 log key, which signs every checkpoint; generated on first use.
LOG_KEY_FILE = Path(os.environ.get("ACCORD_LOG_KEY_FILE", VAR_DIR / "log.key"))
# The log's origin line (C2SP tlog-checkpoint): a stable name that no other log uses, made from the
# organization's domain. The default is the demo's, shared by every install that keeps it: a server
# refuses to start with it (accord.ledger.origin) unless ACCORD_DEMO is on, as `make run` sets it.
DEFAULT_LOG_ORIGIN = "accord.local/log"
LOG_ORIGIN = os.environ.get("ACCORD_LOG_ORIGIN", DEFAULT_LOG_ORIGIN)
DEMO = _flag("ACCORD_DEMO")
# How new checkpoints reach the witnesses the charter lists: "background" (a thread of each server
# process, after each act's commit) or "manual" (only `accord ledger witness`, say from cron).
WITNESS_SUBMISSION = os.environ.get("ACCORD_WITNESS_SUBMISSION", "background")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Only for its templates and static files: ninja then serves the API docs (Swagger UI) with the
    # assets it ships, instead of from a CDN, so that /api/v1/docs works without the internet.
    "ninja",
    "accord.core",
    "accord.ledger",
    "accord.members",
    "accord.documents",
    "accord.meetings",
    "accord.attachments",
    "accord.forces",
    "accord.exercises",
    "accord.drills",
    "accord.monitoring",
    "accord.crises",
    "accord.decisions",
    "accord.search",
    "accord.web",
    "accord.demo",
]

# Seconds a thread runs Python before it must let another have the interpreter (Python's default: 0.005).
# A request's thread gives the interpreter up at each step of an SQLite query (the rows are read in C),
# then waits to have it back until the running thread's interval ends: with the default, a query of
# 0.08 ms of work took 1.4 ms beside one busy thread and 7 ms beside eight (bench/switching.py). A page
# makes dozens of queries, an act's transaction as many: under load an act held SQLite's write lock for
# 73 ms at the median for 11 ms of its own work while the next acts waited (docs/reliability.md,
# "Sustained load"). A tenth of the default gives the interpreter back in time.
SWITCH_INTERVAL = 0.0005  # set by accord/asgi.py in each server process

# Requests one server process runs at once; the others wait their turn in order of arrival, for at most
# REQUEST_WAIT_SECONDS. Past MAX_REQUESTS_IN_FLIGHT requests in hand (running and waiting), or after that
# wait, a request is answered 503 (Retry-After) rather than queued until its client gives up
# (accord/core/outage.py, ShedExcessRequests). The live stream does not count.
MAX_REQUESTS_RUNNING = int(os.environ.get("ACCORD_MAX_REQUESTS_RUNNING", 8))
# SQLite: how many connections each server process keeps open between requests, so that a request does not
# open its own and read the whole schema again (accord/core/backends/sqlite3); 0 keeps none.
SQLITE_CONNECTIONS_KEPT = int(os.environ.get("ACCORD_SQLITE_CONNECTIONS_KEPT", MAX_REQUESTS_RUNNING))
MAX_REQUESTS_IN_FLIGHT = int(os.environ.get("ACCORD_MAX_REQUESTS_IN_FLIGHT", 128))
REQUEST_WAIT_SECONDS = float(os.environ.get("ACCORD_REQUEST_WAIT_SECONDS", 10))

# Whether this process reads the acts other processes commit from the log, for its live streams. On PostgreSQL
# they arrive by NOTIFY whatever this says; on SQLite an act reaches the streams of its own process only,
# unless several processes serve one database file: `accord serve --workers N` (N > 1) sets it for its
# workers; set ACCORD_FOLLOW_LOG=on yourself for several `accord serve` commands on one file.
FOLLOW_LOG = _flag("ACCORD_FOLLOW_LOG")

# Seconds `accord serve` keeps an idle connection open for the client's next request. uvicorn's default (5 s)
# is the same as the idle time after which httpx, the load check's client, stops reusing one, and shorter
# than a browser's or a proxy's (60 s and more): a client then sent its next request on a connection the
# server was closing, and got no answer (RemoteProtocolError, ReadError: reliability/check_load.py,
# `unanswered`, 6 December 2026). Longer than the clients', the server never closes first.
KEEP_ALIVE_SECONDS = int(os.environ.get("ACCORD_KEEP_ALIVE_SECONDS", 75))
# Answers kept by their tag in each server process, answered again without rendering until the log grows
# (accord.core.conditional): at most this many bytes of them; 0 keeps none.
ANSWER_CACHE_BYTES = int(os.environ.get("ACCORD_ANSWER_CACHE_BYTES", 16 * 1024 * 1024))

MIDDLEWARE = [
    # First, so that a request is counted before anything else is done for it: past MAX_REQUESTS_IN_FLIGHT, a 503.
    # Under uvicorn the chain runs on the request's own thread (accord.core.handler), where a request waits
    # for its turn.
    "accord.core.outage.ShedExcessRequests",
    # First, so that every answer under /api/ is JSON, even one a later middleware gave.
    "accord.core.middleware.ApiAnswersJson",
    # A view that meets the database out of reach, or its disk full, answers 503 or 507, not 500.
    "accord.core.outage.AnswerDatabaseOutage",
    # HEAD answered as GET without the body, so that no view needs to allow it on its own.
    "accord.core.middleware.HeadAsGet",
    "django.middleware.security.SecurityMiddleware",
    # Before the session and the CSRF check read the body: too large, or unstorable, is refused here.
    "accord.core.middleware.RefuseUnreadableInput",
    # `?lang=` on the API: translatable fields in that language only.
    "accord.core.middleware.ApiLanguage",
    # The organization's charter and languages read once per request, when first asked for.
    "accord.core.middleware.ReadOnce",
    # ServeStatic (the maintained, ASGI-aware fork of WhiteNoise) streams files asynchronously under uvicorn,
    # where WhiteNoise's synchronous file iterator had Django warn on every static file served; wrapped so that
    # the synchronous chain of every other request stays synchronous (accord.core.handler).
    "accord.core.handler.StaticFiles",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, the request's person read once per version of the log (accord/members/backends.py).
    "accord.members.middleware.Authentication",
    # A one-time password (set by someone else) opens only the page to choose one's own.
    "accord.members.middleware.OneTimePasswordGate",
    # A drill's pages: the real pages under /drills/<n>/run/, read and acted on in the drill's scope.
    "accord.drills.middleware.DrillScope",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees the session, the person, the language and the form token, and watches the view's
    # reads of the clock: a GET whose ETag (the log's size, the viewer, ...) is still current is answered 304.
    "accord.core.conditional.AnswerFromLogHead",
]

ROOT_URLCONF = "accord.urls"
ASGI_APPLICATION = "accord.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accord.members.context.accord",
                "accord.drills.context.drill",
            ],
        },
    }
]

DATABASE_URL = os.environ.get("ACCORD_DATABASE_URL") or f"sqlite:///{VAR_DIR / 'accord.sqlite3'}"
# Health checks: a connection is checked before a request uses it (with PostgreSQL, by the pool as it hands
# one out), so that after the database restarted, or terminated its backends, the dead connections are
# replaced instead of failing one request each (accord.core.outage answers those that still fail).
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's, with the connections of served requests kept for the next (accord/core/backends/sqlite3).
    DATABASES["default"]["ENGINE"] = "accord.core.backends.sqlite3"
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while one writer appends; IMMEDIATE takes the write lock at BEGIN,
        # so two appenders queue instead of failing to upgrade a read lock.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    # PostgreSQL: a pool of connections per server process (psycopg_pool, through Django's own support),
    # so that a burst of requests waits for a connection instead of each opening its own until the server
    # answers "too many clients". Size it so that the processes times max_size stay under max_connections.
    # Django's, with the pool's check of each connection it hands out made without a round trip when the
    # server has said nothing on it since (accord/core/backends/postgresql).
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["ENGINE"] = "accord.core.backends.postgresql"
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("ACCORD_DB_POOL_MIN", 2)),
        "max_size": int(os.environ.get("ACCORD_DB_POOL_MAX", 20)),
        # How long a request waits for a free connection before it fails.
        "timeout": float(os.environ.get("ACCORD_DB_POOL_TIMEOUT", 30)),
    }
    # Values bound by the server, and a statement run that many times on a connection prepared on it, so that
    # its backend parses and plans it once (the session's, the person's and the log head's reads run on every
    # request). Django leaves both off for poolers between it and PostgreSQL, which may hand a client another
    # backend than the one it prepared on; the pool above is the process's own. 0 turns preparing off.
    prepare = int(os.environ.get("ACCORD_DB_PREPARE_THRESHOLD", 2))
    if prepare > 0:
        DATABASES["default"]["OPTIONS"] |= {"server_side_binding": True, "prepare_threshold": prepare}

# How much of a request is read (docs/operator.md). A body other than an upload (a JSON act, a form) is
# refused past DATA_UPLOAD_MAX_MEMORY_SIZE; a request carrying an upload past ACCORD_MAX_UPLOAD_BYTES,
# both by their declared length before anything reads them (accord.core.middleware). An uploaded file
# past FILE_UPLOAD_MAX_MEMORY_SIZE waits in a temporary file rather than in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("ACCORD_MAX_BODY_BYTES", 2 * 1024 * 1024))
ACCORD_MAX_UPLOAD_BYTES = int(os.environ.get("ACCORD_MAX_UPLOAD_BYTES", 5 * 1024 * 1024))
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "members.Person"
# Django's model backend, reading a person's member with the person (accord/members/backends.py). The old
# path is kept second so that sessions signed in before it came keep working.
AUTHENTICATION_BACKENDS = ["accord.members.backends.PersonBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:dashboard"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "accord" / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
# One date and one time format per language (accord/formats): pages, letters and forms share them.
FORMAT_MODULE_PATH = ["accord.formats"]
USE_TZ = True

# Page forms render their fields with Accord's markup (accord/core/templates/core/forms/).
FORM_RENDERER = "accord.core.pages.Renderer"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"  # `accord collectstatic` fills it; until then files come from the apps
SERVESTATIC_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Django's database sessions, the read every signed-in request makes built once (accord/core/sessions.py).
SESSION_ENGINE = "accord.core.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _flag("ACCORD_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ACCORD_LOG_LEVEL", "WARNING")},
}
