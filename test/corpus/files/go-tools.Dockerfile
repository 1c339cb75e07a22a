# expect: PL101
FROM golang:1.25 AS tools
# expect: DL3062
RUN go install golang.org/x/tools/gopls@latest
WORKDIR /src
COPY . .
RUN go run ./build.go -o /out/app

# expect: DL3006
FROM gcr.io/distroless/static-debian12
COPY --from=tools /out/app /app
ENTRYPOINT ["/app"]
