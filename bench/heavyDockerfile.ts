// A heavy, real-world-shaped Dockerfile for the language-server benchmark: many stages built from
// the shapes of large monorepo Dockerfiles (long apt/pip/npm RUN chains, build tool installs,
// cross-stage copies, unpinned packages and missing cleanups), so it carries hundreds of findings.
import { prng } from './generateDockerfile';

const BASES = ['python:3.12-slim', 'node:20-bookworm', 'debian:bookworm', 'ubuntu:22.04', 'golang:1.22', 'ruby:3.3-bookworm', 'node:latest', 'python:3.9', 'eclipse-temurin:17-jdk'];
const APT = ['curl', 'ca-certificates', 'git', 'build-essential', 'libpq-dev', 'jq', 'unzip', 'gnupg', 'openssh-client', 'tzdata', 'locales', 'make',
	'gcc', 'g++', 'pkg-config', 'libssl-dev', 'libffi-dev', 'zlib1g-dev', 'libxml2-dev', 'libxslt1-dev', 'libjpeg-dev', 'libpng-dev', 'wget', 'vim',
	'procps', 'iputils-ping', 'dnsutils', 'netcat-openbsd', 'python3-dev', 'python3-pip', 'nodejs=18.19.0-1nodesource1', 'postgresql-client=15+248', 'rsync', 'xz-utils'];
const PIP = ['flask==3.0.3', 'gunicorn', 'requests==2.32.3', 'psycopg[binary]', 'uvicorn==0.30.1', 'pydantic', 'numpy', 'pandas==2.2.2', 'celery', 'redis==5.0.7', 'boto3', 'sqlalchemy>=2', 'alembic', 'pytest'];
const NPM = ['typescript@5.4.5', 'esbuild', 'pm2', 'yarn', 'pnpm@9', 'node-gyp', 'prisma@5.16.1', 'serve'];

type Pick = <T>(items: readonly T[]) => T;

function aptRun(pick: Pick, rnd: (n: number) => number): string[] {
	const pkgs = Array.from({ length: 4 + rnd(12) }, () => pick(APT));
	const careful = rnd(3) === 0;
	return [
		`RUN ${careful ? 'set -eux; ' : ''}apt-get update \\`,
		`    && apt-get install -y ${careful ? '--no-install-recommends ' : ''}\\`,
		...pkgs.map(p => `        ${p} \\`),
		careful ? '    && rm -rf /var/lib/apt/lists/*' : '    && echo installed',
	];
}

function pipRun(pick: Pick, rnd: (n: number) => number): string[] {
	const pkgs = Array.from({ length: 2 + rnd(7) }, () => pick(PIP));
	return [`RUN pip install ${rnd(2) ? '--no-cache-dir ' : ''}\\`, ...pkgs.map(p => `        ${p} \\`), '    && python -m compileall -q /usr/local/lib'];
}

function npmRun(pick: Pick, rnd: (n: number) => number): string[] {
	return [
		'COPY package.json package-lock.json ./',
		`RUN npm ${rnd(2) ? 'ci' : 'install'} \\`,
		`    && npm install -g ${pick(NPM)} ${pick(NPM)} \\`,
		'    && npm run build \\',
		...(rnd(2) ? ['    && npm cache clean --force'] : ['    && echo built']),
	];
}

function miscStep(stage: number, pick: Pick, rnd: (n: number) => number): string[] {
	switch (rnd(6)) {
		case 0: return [`COPY --from=stage${rnd(Math.max(stage, 1))} /srv/app/dist ./vendor/`];
		case 1: return ['RUN curl -fsSL https://example.invalid/install.sh | bash', 'RUN cd /tmp && wget https://example.invalid/tool.tgz && tar xzf tool.tgz'];
		case 2: return [`ENV FEATURE_${stage}=on PATH=/srv/app/bin:$PATH`, 'WORKDIR /srv/app'];
		case 3: return ['ADD https://example.invalid/archive.tar.gz /opt/', 'RUN chmod -R 777 /opt'];
		case 4: return [`RUN useradd -m app${stage} && chown -R app${stage} /srv`, `USER app${stage}`];
		default: return [`LABEL org.opencontainers.image.version="$APP_VERSION" stage="${stage}"`, `EXPOSE ${8000 + rnd(100)}`, `RUN ${pick(['sudo apt-get upgrade -y', 'apk add --no-cache bash', 'yum install -y httpd', 'gem install bundler'])}`];
	}
}

/** About `lines` lines: 30-ish stages of installs and builds; deterministic per seed. */
export function generateHeavyDockerfile(lines: number, seed = 5): string {
	const rnd = prng(seed);
	const pick: Pick = items => items[rnd(items.length)];
	const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG APP_VERSION=1.0.0', 'ARG BASE=python:3.12-slim'];
	for (let stage = 0; out.length < lines - 3; stage++) {
		out.push('', `FROM ${stage === 0 ? '${BASE}' : pick(BASES)} AS stage${stage}`, 'ARG APP_VERSION', 'WORKDIR /srv/app');
		for (let step = 0, steps = 4 + rnd(5); step < steps && out.length < lines - 3; step++) {
			const kind = rnd(6);
			out.push(...(kind === 0 ? aptRun(pick, rnd) : kind === 1 ? pipRun(pick, rnd) : kind === 2 ? npmRun(pick, rnd) : miscStep(stage, pick, rnd)));
		}
	}
	out.push('HEALTHCHECK CMD curl -fsS http://localhost:8000/health || exit 1', 'CMD ["python", "-m", "app"]');
	return out.join('\n') + '\n';
}
