// Realistic generated Dockerfiles for the lint benchmark and the tests that compare analyses.
import { seededRandom } from '../startup/src/random';

/** Integers in [0, n) from a seeded mulberry32. */
export function prng(seed: number): (n: number) => number {
	const next = seededRandom(seed);
	return n => Math.floor(next() * n);
}

const BASES = ['python:3.12.1-slim-bookworm', 'node:20.11.0-alpine3.19', 'debian:bookworm-slim', 'golang:1.22.5-bookworm', 'ubuntu:22.04', 'alpine:3.20', 'node:latest', 'nginx:1.27.3-alpine', 'ruby:3.3'];
const APT = ['curl', 'ca-certificates', 'git', 'build-essential', 'libpq-dev', 'jq', 'unzip', 'gnupg', 'openssh-client', 'tzdata', 'locales', 'make'];
const PIP = ['flask==3.0.3', 'gunicorn', 'requests==2.32.3', 'psycopg[binary]', 'uvicorn==0.30.1', 'pydantic'];
const NPM = ['typescript@5.4.5', 'esbuild', 'pm2', 'yarn', 'pnpm@9'];

/** A realistic multi-stage Dockerfile of about `lines` lines: installs, RUN chains, COPY/ENV/ARG. */
export function generateDockerfile(lines: number, seed = 1): string {
	const rnd = prng(seed);
	const pick = <T>(items: readonly T[]) => items[rnd(items.length)];
	const some = <T>(items: readonly T[], n: number) => Array.from({ length: n }, () => pick(items));
	const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG APP_VERSION=1.0.0', 'ARG BASE_TAG=3.12.1-slim'];
	let stage = 0;
	while (out.length < lines - 4) {
		out.push('', `FROM ${pick(BASES)} AS stage${stage}`);
		out.push(`ARG APP_VERSION`, `ENV APP_HOME=/srv/app${stage} PATH=/srv/app${stage}/bin:$PATH LANG=C.UTF-8`, `WORKDIR /srv/app${stage}`);
		const steps = 3 + rnd(6);
		for (let s = 0; s < steps && out.length < lines - 4; s++) {
			switch (rnd(7)) {
				case 0: {
					const pkgs = some(APT, 2 + rnd(6));
					out.push('RUN apt-get update \\', `    && apt-get install -y ${rnd(2) ? '--no-install-recommends ' : ''}\\`, ...pkgs.map(p => `       ${p} \\`), '    && rm -rf /var/lib/apt/lists/*');
					break;
				}
				case 1: out.push(`RUN pip install ${rnd(2) ? '--no-cache-dir ' : ''}${some(PIP, 1 + rnd(3)).join(' ')}`); break;
				case 2: out.push('COPY package.json package-lock.json ./', `RUN npm ${rnd(2) ? 'ci' : 'install'} && npm install -g ${pick(NPM)} \\`, '    && npm run build \\', '    && npm cache clean --force'); break;
				case 3: out.push(`COPY ${rnd(2) ? '--chown=app:app ' : ''}src/ ./src/`, `ENV FEATURE_${stage}_${s}=on`); break;
				case 4: out.push(stage > 0 ? `COPY --from=stage${rnd(stage)} /srv/app${rnd(stage)}/dist ./vendor/` : 'ADD https://example.invalid/tool.tar.gz /tmp/'); break;
				case 5: out.push('RUN set -eux; \\', '    mkdir -p /var/cache/app; \\', `    echo "${stage}" > /etc/app-stage; \\`, '    chmod 0644 /etc/app-stage'); break;
				default: out.push(`LABEL org.opencontainers.image.version="$APP_VERSION" stage="${stage}"`, `EXPOSE ${8000 + rnd(100)}`);
			}
		}
		stage++;
	}
	out.push('USER 1000', 'HEALTHCHECK CMD curl -fsS http://localhost:8000/health || exit 1', 'CMD ["python", "-m", "app"]');
	return out.join('\n') + '\n';
}
