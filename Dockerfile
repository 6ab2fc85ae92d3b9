# The product runs its TypeScript sources through tsx (bin/yunsupei.js), so the image needs no build step:
# production dependencies plus the sources. One image serves both `serve` and `project`.

FROM node:22-slim AS deps
WORKDIR /app
# Only used if a native module (better-sqlite3) has no prebuilt binary for this platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

FROM node:22-slim
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    YUNSUPEI_DATA_DIR=/app/data
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY search ./search
COPY src ./src
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
CMD ["node", "bin/yunsupei.js", "serve"]
