FROM python:3.11-slim

RUN pip install --no-cache-dir uv && useradd --create-home ledger
WORKDIR /app
COPY pyproject.toml uv.lock README.md alembic.ini ./
COPY ledger ./ledger
COPY migrations ./migrations
# The service needs neither the dev tools nor the benchmark's peer library.
RUN uv sync --locked --no-dev --no-group bench && chown -R ledger /app
USER ledger
# In a container the service must answer on every interface: the host reaches it through
# a published port (docker run -p 8000:8000).
ENV LEDGER_HOST=0.0.0.0 LEDGER_PORT=8000 LEDGER_LOG_FORMAT=json
EXPOSE 8000
# Ready: the database answers and nothing is further behind than its LEDGER_READY_* limit.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD [".venv/bin/python", "-c", "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"LEDGER_PORT\", \"8000\")}/ready', timeout=4)"]
CMD [".venv/bin/ledger", "serve"]
