# The job workers, the web apps and `npm run deploy` for a Camunda 8.8 cluster (docs/camunda8-cluster.md).
# One image, three commands (docker-compose.yaml): workers, web, deploy. No engine in it: the cluster is Camunda's.
# Not built on the development machine (no Docker there); see docs/camunda8-cluster.md for what is untested.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 (the web apps' saved views, the workers' state without Redis) compiles when no prebuilt binary fits
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
# install scripts must not phone home (docs/security.md): IBM's telemetry runs in containers unless disabled
ENV IBM_TELEMETRY_DISABLED=true DISABLE_OPENCOLLECTIVE=1 ADBLOCK=1
RUN npm ci
COPY . .
RUN npx tsx scripts/build-web.ts

FROM node:20-bookworm-slim
# the CJK fonts the notices (PDF) embed, at the paths config/notices.json names
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk ca-certificates tini && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
# the SDK's variables name the cluster (ZEEBE_REST_ADDRESS, CAMUNDA_AUTH_STRATEGY, …); workers share state in REDIS_URL
ENV DATA_DIR=/data WORKER_DATA_DIR=/data/workers WEB_HOST=0.0.0.0 WEB_PORT=8090
EXPOSE 8090
ENTRYPOINT ["/usr/bin/tini", "--"]
# the scripts behind `npm run workers` / `npm run web` / `npm run deploy`, without scripts/bootstrap.sh (the image has what it needs)
CMD ["node", "--import", "tsx", "scripts/workers.ts"]
