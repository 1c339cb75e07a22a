# expect: PL107
FROM node:24-bookworm-slim
USER node
WORKDIR /home/node/app
COPY --chown=node:node package.json package-lock.json ./
# expect: PL204
RUN npm ci --omit=dev
COPY --chown=node:node . .
CMD ["node", "server.js"]
