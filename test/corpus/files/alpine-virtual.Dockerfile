# expect: PL104 PL107
FROM python:3.13-alpine3.20
# expect: DL3018
RUN apk add --no-cache --virtual .build-deps gcc musl-dev libffi-dev \
    && pip install --no-cache-dir cryptography==44.0.0 \
    && apk del .build-deps
COPY . /app
CMD ["python", "/app/main.py"]
