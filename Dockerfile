# Ketamine, Explained: one app replica. deploy/compose.yaml and deploy/k8s/ run several behind nginx.
#   docker build -t ketamine-explained .
#   docker run --rm -p 8501:8501 -e STREAMLIT_SERVER_COOKIE_SECRET=... ketamine-explained
FROM python:3.11-slim-bookworm

# kaleido renders PNG/SVG downloads with the system Chromium (packages.txt, as on Community Cloud).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BROWSER_PATH=/usr/bin/chromium

# Debian packages first (packages.txt is what Community Cloud installs too): they change least often.
COPY packages.txt /tmp/packages.txt
RUN apt-get update \
    && xargs -a /tmp/packages.txt apt-get install -y --no-install-recommends \
    && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* /tmp/packages.txt

COPY requirements.txt /tmp/requirements.txt
RUN pip install -r /tmp/requirements.txt && rm /tmp/requirements.txt

# The app runs as an unprivileged user that owns nothing it serves: the code is read-only to it.
RUN groupadd --gid 10001 app && useradd --create-home --uid 10001 --gid 10001 --shell /usr/sbin/nologin app
WORKDIR /app
COPY dashboard.py ./
COPY .streamlit/config.toml .streamlit/config.toml
COPY explainer/ explainer/
COPY pages/ pages/
COPY assets/ assets/
COPY data/ data/
USER 10001:10001

EXPOSE 8501
# /_stcore/health answers 200 once the server is up (python: the slim image has no curl).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"]
CMD ["streamlit", "run", "dashboard.py", "--server.address", "0.0.0.0", "--server.port", "8501", "--server.headless", "true"]
