# syntax=docker/dockerfile:1
# The API image: compiled in one stage, its production dependencies installed in another (better-sqlite3 is a
# native module and may need a compiler), and run from a slim stage that holds neither a compiler nor a dev
# dependency. All stages are Debian bookworm, so the module compiled in `deps` links against the runtime's glibc.
ARG NODE_IMAGE=node:24.22.3-bookworm

# --- build: the TypeScript compiled to dist/ ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build

# --- deps: production dependencies only, with the build tools of the full image at hand ---
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# --- runtime ---
FROM node:24.22.3-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# Owned by root and read-only to the server's user: the process can write nothing but its data directory.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# tools/register-paths.js reads tsconfig.json's path aliases at start, so both ship beside dist/.
COPY package.json tsconfig.json ./
COPY tools/register-paths.js ./tools/register-paths.js
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
CMD ["node","-r","./tools/register-paths.js","dist/apps/api/src/main.js"]
