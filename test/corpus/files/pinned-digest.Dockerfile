# expect: PL101
FROM python:3.8-slim@sha256:3a5e4f6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081
COPY app.py /app.py
CMD ["python", "/app.py"]
