FROM python:3.11-slim

RUN pip install --no-cache-dir uv && useradd --create-home ledger
WORKDIR /app
COPY pyproject.toml uv.lock README.md alembic.ini ./
COPY ledger ./ledger
COPY migrations ./migrations
# The service needs neither the dev tools nor the benchmark's peer library.
RUN uv sync --locked --no-dev --no-group bench && chown -R ledger /app
USER ledger
EXPOSE 8000
CMD [".venv/bin/ledger", "serve"]
