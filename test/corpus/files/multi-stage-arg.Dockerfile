ARG PYTHON_VERSION=3.9
# expect: PL101 PL107
FROM python:${PYTHON_VERSION}-slim-bullseye AS base
ENV PIP_NO_CACHE_DIR=1
WORKDIR /app

FROM base AS deps
COPY requirements.txt .
RUN pip install --prefix=/install -r requirements.txt

FROM base
COPY --from=deps /install /usr/local
COPY . .
USER 1000
CMD ["python", "-m", "app"]
