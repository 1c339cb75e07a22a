FROM node:24-alpine
WORKDIR /app
COPY . .
# Deleting copied folders after a build step in the same RUN: the files still ship in the COPY layer.
# expect: PL201 PL204
RUN npm ci --omit=dev && rm -rf tests docs
CMD ["node", "index.js"]
