# syntax=docker/dockerfile:1.7
FROM ubuntu:24.04
# expect: DL3008
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl jq
rm -rf /var/lib/apt/lists/*
EOF
COPY entrypoint.sh /usr/local/bin/entrypoint.sh
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
