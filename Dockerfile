# One image for all five services; docker-compose.yml picks the entry point per service.
FROM node:20-bookworm-slim

ENV NODE_ENV=production APOLLO_TELEMETRY_DISABLED=1
WORKDIR /app

# Dependencies first, so a code change does not reinstall them. The services run
# TypeScript through tsx, which is a runtime dependency, so dev dependencies stay out.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev && npm cache clean --force

COPY tsconfig.json ./
COPY schema/ schema/
COPY subgraphs/ subgraphs/
COPY gateway/ gateway/

# The code stays owned by root: the services only read it. Their data lives in
# PostgreSQL, and tsx keeps its compile cache under /tmp.
USER node

EXPOSE 4000 4001 4002 4003 4004
# One process per container (no npm or tsx launcher in between), so SIGTERM reaches
# the service itself and it drains in-flight requests before exiting.
CMD ["node", "--import", "tsx", "gateway/src/main.ts"]
