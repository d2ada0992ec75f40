# Gatecast server image.
#
# Two stages: the build stage carries the compiler toolchain that better-sqlite3's native addon needs and
# the dev dependencies that the esbuild bundle needs; the runtime stage gets only what runs, so the image
# that ships to the gates is small and has no compilers in it.
#
# Both stages use the same base image on purpose: the addon compiled in the first stage is loaded in the
# second, so glibc and the Node ABI must match exactly.

FROM node:20-bookworm-slim AS build

# node-gyp needs python3, make and g++ when no prebuilt better-sqlite3 binary fits this Node and platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# The manifests come first so that the dependency layer stays cached until the lockfile changes.
# npm ci, never npm install: the image gets exactly the versions in package-lock.json.
COPY package.json package-lock.json ./
RUN npm ci

COPY . .
# Bundle server and player, then drop the dev dependencies so the runtime stage can copy node_modules whole.
RUN npm run build \
  && npm prune --omit=dev


FROM node:20-bookworm-slim AS runtime

ENV NODE_ENV=production \
  DATA_DIR=/data \
  PORT=8080

WORKDIR /app

# The server finds its root by walking up to package.json and reads the sample content from playlists/ at
# run time, so both ship next to dist/. The files stay owned by root: the server, running as node, can read
# its code but not rewrite it.
COPY package.json package-lock.json ./
COPY playlists ./playlists
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

# Fail the image build, not the first start at a gate, if the native addon did not survive the copy.
RUN node -e "new (require('better-sqlite3'))(':memory:').close()"

# The SQLite database and the media files live on a volume so they outlive the container. The directory is
# created and handed to node before VOLUME because Docker seeds a new, empty named volume from it, owner
# included: otherwise the volume would be root's and the non-root server could not write to it.
RUN mkdir -p /data && chown node:node /data
VOLUME /data

# The node user ships with the official image; nothing in the server needs root.
USER node

EXPOSE 8080

# Node itself does the probe: the slim image has no curl or wget. It reads PORT at probe time so an override
# of PORT is followed.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# Node directly, not npm start: that would rebuild on every start, with the dev dependencies pruned above,
# and put an npm process between Docker's stop signal and the server.
CMD ["node", "dist/server/main.js"]
