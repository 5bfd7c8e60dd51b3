# One image for all five services; docker-compose.yml picks the entry point per service.

# The dashboard and the explorer (Vite) and the services' bundles (esbuild) are built with the development toolchain
# in a stage of their own; the image keeps only what runs.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc tsconfig.json ./
COPY packages/ packages/
COPY subgraphs/ subgraphs/
RUN npm ci --ignore-scripts
COPY schema/ schema/
COPY dashboard/ dashboard/
COPY gateway/ gateway/
COPY scripts/build-services.ts scripts/
RUN npm run build:dashboard && npm run build:services

FROM node:20-bookworm-slim

ENV NODE_ENV=production APOLLO_TELEMETRY_DISABLED=1
WORKDIR /app

# Dependencies first, so a code change does not reinstall them. The services run from their bundles, whose packages
# stay in node_modules; dev dependencies stay out, and so does the prepare script (its builds are done above).
COPY package.json package-lock.json .npmrc ./
COPY packages/ packages/
COPY subgraphs/ subgraphs/
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

# The SDL files the subgraphs read at start and the supergraph the gateway serves, next to the bundles.
COPY schema/ schema/
COPY gateway/ gateway/
COPY --from=build /app/dashboard/dist dashboard/dist
COPY --from=build /app/subgraphs/social/dist subgraphs/social/dist
COPY --from=build /app/subgraphs/health/dist subgraphs/health/dist
COPY --from=build /app/subgraphs/education/dist subgraphs/education/dist
COPY --from=build /app/subgraphs/ngo/dist subgraphs/ngo/dist
COPY --from=build /app/gateway/dist gateway/dist

# The code stays owned by root: the services only read it. Their data lives in PostgreSQL.
USER node

EXPOSE 4000 4001 4002 4003 4004
# One process per container (no npm or loader in between), so SIGTERM reaches the service itself and it drains
# in-flight requests before exiting.
CMD ["node", "gateway/dist/main.mjs"]
