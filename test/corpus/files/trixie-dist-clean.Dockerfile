FROM debian:trixie-slim
# expect: DL3008
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates curl; \
    apt-get dist-clean
CMD ["curl", "--version"]
