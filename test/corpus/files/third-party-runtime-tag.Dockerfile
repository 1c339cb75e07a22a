# A third-party image whose tag names the runtime it ships: Python 3.8 is past end of life.
# expect: PL101
FROM tiangolo/uvicorn-gunicorn-fastapi:python3.8
COPY ./app /app
