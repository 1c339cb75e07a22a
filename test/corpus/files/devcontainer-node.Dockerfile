# A dev container on an end-of-life Node.js line (the tag names the runtime after the image major).
# expect: PL101 PL107
FROM mcr.microsoft.com/devcontainers/javascript-node:0-14-bullseye
# expect: DL3008
RUN apt-get update && export DEBIAN_FRONTEND=noninteractive \
    && apt-get -y install --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
USER node
