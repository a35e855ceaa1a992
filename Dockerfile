# syntax=docker/dockerfile:1
# CCHC publicity-plan service. Build: docker build -t cchc-publicity-plans .
# Node 22 is an LTS line (--build-arg NODE_VERSION=24 for the next); the code needs >= 20.19 (package.json "engines").
ARG NODE_VERSION=22

# ---- build: all dependencies, compile TypeScript to dist/ (dist/src, dist/migrations)
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

# ---- runtime: production dependencies and the compiled code only, as the image's `node` user
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# The embedded engine (used when DATABASE_URL is not set) writes to DATA_DIR; it must be writable.
RUN mkdir -p /app/data && chown node:node /app/data
ENV DATA_DIR=/app/data \
    PORT=3000
USER node
EXPOSE 3000
# No curl in slim images: ask Node itself.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
# Node runs as PID 1 and handles SIGTERM/SIGINT itself (graceful shutdown in src/server.ts).
CMD ["node", "dist/src/server.js"]
