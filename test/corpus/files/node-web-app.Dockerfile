# A Node.js web service with a build stage and a slim runtime.
# expect: PL101 PL107
FROM node:18-bullseye AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

# expect: PL101 PL107
FROM node:18-bullseye-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/dist ./dist
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
USER node
# expect: PL207
EXPOSE 3000
CMD ["node", "dist/server.js"]
