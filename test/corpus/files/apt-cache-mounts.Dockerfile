# syntax=docker/dockerfile:1
FROM debian:trixie-slim
RUN rm -f /etc/apt/apt.conf.d/docker-clean
# expect: DL3008
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    # the package lists are cached as well
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates
CMD ["curl", "--version"]
