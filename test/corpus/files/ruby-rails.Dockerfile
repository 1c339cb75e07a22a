# expect: PL101 PL107
FROM ruby:3.1.4-alpine3.18
# expect: DL3018 PL203
RUN apk add --no-cache build-base postgresql-dev tzdata nodejs
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle install
COPY . .
CMD ["bundle", "exec", "rails", "server", "-b", "0.0.0.0"]
