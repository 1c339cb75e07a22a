# An image whose job is to build: CI runs `make` in it.
FROM debian:trixie-slim
# expect: DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential cmake ninja-build git ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /work
ENTRYPOINT ["make"]
