# expect: PL101 PL107
FROM php:8.1-fpm-bullseye
# expect: DL3008 PL203
RUN apt-get update && apt-get install -y --no-install-recommends libzip-dev libpng-dev \
    && docker-php-ext-install zip gd \
    && rm -rf /var/lib/apt/lists/*
COPY . /var/www/html
