ARG BASE_IMAGE=python:3.12-slim-bookworm
# expect: PL107
FROM ${BASE_IMAGE}
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /srv
COPY requirements.lock .
RUN pip install -r requirements.lock
COPY src/ src/
USER 10001
CMD ["python", "-m", "src"]
