# NeighborBot (邻里哨) container image: a static binary on a minimal base,
# running as a non-root user, its database and WeChat session in /data.
#
#   docker build --build-arg VERSION=$(git describe --tags --always) -t neighborbot .
#   docker run -p 127.0.0.1:8080:8080 -v nbdata:/data -e NEIGHBORBOT_SANDBOX_ALLOW_REMOTE=true neighborbot
#
# The bot listens on all interfaces inside the container, so the sandbox chat
# (which lets anyone act as anyone) must be allowed explicitly; publish the
# port on 127.0.0.1 only, as above. compose.yaml does the same.

# The Go version go.mod asks for.
FROM golang:1.26.8 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
# modernc.org/sqlite is pure Go: no cgo, so the binary needs no C library.
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.Version=${VERSION}" -o /out/neighborbot ./cmd/neighborbot \
 && mkdir -p /out/data

# distroless/static: CA certificates (for the Telegram Bot API) and a
# "nonroot" user (65532), nothing else; time zones are in the binary.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/neighborbot /usr/local/bin/neighborbot
# The licence and the notices of what is built into the binary go with it.
COPY --from=build /src/LICENSE /src/NOTICE /usr/share/doc/neighborbot/
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
# The working directory holds neighborbot.yaml if you mount one there, the
# database and the WeChat session; the volume keeps them across upgrades.
WORKDIR /data
VOLUME /data
ENV NEIGHBORBOT_DB=/data/neighborbot.db \
    NEIGHBORBOT_HTTP_ADDR=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["/usr/local/bin/neighborbot", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/neighborbot"]
CMD ["run"]
