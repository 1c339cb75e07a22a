# The second RUN installs from the lists the first downloaded (issue 18 repro, real-world shape).
# expect: PL102
FROM debian:bookworm
# expect: DL3009 DL3008
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates
# expect: DL3059 DL3008 PL201
RUN apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
CMD ["bash"]
