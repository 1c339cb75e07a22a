# expect: PL101 PL107
FROM golang:1.21.6-alpine3.19 AS builder
# expect: DL3018
RUN apk add --no-cache git
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /out/service ./cmd/service

# expect: PL101
FROM alpine:3.19
# expect: DL3018
RUN apk add --no-cache ca-certificates tzdata
COPY --from=builder /out/service /usr/local/bin/service
USER 65534
ENTRYPOINT ["/usr/local/bin/service"]
