# expect: PL101 PL107
FROM rust:1.75-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release

# expect: PL102
FROM debian:bookworm-slim
COPY --from=build /src/target/release/tool /usr/local/bin/tool
ENTRYPOINT ["tool"]
