FROM python:3.12-slim
WORKDIR /app
# expect: DL3008
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL -o /tmp/model.tar.gz https://example.invalid/model.tar.gz
# expect: DL3059 PL201
RUN tar -xzf /tmp/model.tar.gz -C /app && rm /tmp/model.tar.gz
COPY . .
CMD ["python", "main.py"]
