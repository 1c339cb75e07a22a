# expect: PL102 PL104
FROM ubuntu:20.04
ENV DEBIAN_FRONTEND=noninteractive
# expect: DL3008
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip \
    && rm -rf /var/lib/apt/lists/*
COPY app /opt/app
CMD ["python3", "/opt/app/main.py"]
