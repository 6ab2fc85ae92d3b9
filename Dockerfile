# The image runs plain JavaScript: the build stage compiles src/ into dist/ (`npm run build`) and keeps only
# production dependencies, so neither TypeScript nor tsx (development dependencies) reaches the run stage.
# NODE_ENV=production makes bin/yunsupei.js run dist/ too, for one-off commands in a container
# (`node bin/yunsupei.js users add-staff …`). One image serves both `serve` and `project`.

FROM node:22-slim AS build
WORKDIR /app
# Only used if a native module (better-sqlite3) has no prebuilt binary for this platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci && npm cache clean --force
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:22-slim
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    YUNSUPEI_DATA_DIR=/app/data
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
# Index definitions and the domain dictionary, read at run time from beside dist/ (dist/search/../../search).
COPY search ./search
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
CMD ["node", "dist/cli.js", "serve"]
