FROM mcr.microsoft.com/devcontainers/base:bookworm
# expect: DL3008
RUN apt-get update && export DEBIAN_FRONTEND=noninteractive \
    && apt-get -y install --no-install-recommends build-essential gdb cmake clang \
    && apt-get clean && rm -rf /var/lib/apt/lists/*
