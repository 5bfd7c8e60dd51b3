# One image for all five services; docker-compose.yml picks the entry point per service.

# The dashboard and the explorer are built with the development toolchain (Vite) in a stage of their own;
# the image keeps only the build, which the gateway serves.
FROM node:20-bookworm-slim AS frontends
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts
COPY schema/ schema/
COPY dashboard/ dashboard/
RUN npm run build:dashboard

FROM node:20-bookworm-slim

ENV NODE_ENV=production APOLLO_TELEMETRY_DISABLED=1
WORKDIR /app

# Dependencies first, so a code change does not reinstall them. The services run
# TypeScript through tsx, which is a runtime dependency, so dev dependencies stay out;
# so does the prepare script, which builds the dashboard with them (done above).
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

COPY tsconfig.json ./
COPY schema/ schema/
COPY subgraphs/ subgraphs/
COPY gateway/ gateway/
COPY --from=frontends /app/dashboard/dist dashboard/dist

# The code stays owned by root: the services only read it. Their data lives in
# PostgreSQL, and tsx keeps its compile cache under /tmp.
USER node

EXPOSE 4000 4001 4002 4003 4004
# One process per container (no npm or tsx launcher in between), so SIGTERM reaches
# the service itself and it drains in-flight requests before exiting.
CMD ["node", "--import", "tsx", "gateway/src/main.ts"]
