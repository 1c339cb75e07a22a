import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('PL201 removed in a later layer', () => {
	it('fires on removing what an earlier COPY added, resolving WORKDIR', () => {
		const [f] = assertCatches('PL201', 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN rm -rf tests\n', [4]);
		assert.match(f.message, /COPY on line 3/);
		assert.match(f.message, /dockerignore/);
	});
	it('names the latest COPY into the folder, not an earlier one of a single file there', () => {
		// examples/python-api: `COPY requirements.txt .` cannot have added /app/tests; `COPY . .` did.
		const text = 'FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nRUN rm -rf /app/tests\n';
		const [f] = assertCatches('PL201', text, [6]);
		assert.match(f.message, /COPY on line 5/);
	});
	it('fires on downloads removed in a later RUN, globs included', () => {
		assertCatches('PL201', 'FROM debian:12\nRUN curl -fsSL -o /tmp/x.tgz https://example.invalid/x.tgz\nRUN tar xzf /tmp/x.tgz -C /opt && rm /tmp/*.tgz\n', [3]);
		assertCatches('PL201', 'FROM debian:12\nRUN wget -O /opt/setup.sh https://example.invalid/s && sh /opt/setup.sh\nRUN rm /opt/setup.sh\n', [3]);
		assertCatches('PL201', 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n', [3]);
	});
	it('does not fire when the same RUN creates and removes', () => {
		assertCatchesNot('PL201', 'FROM debian:12\nRUN curl -o /tmp/x.tgz https://example.invalid/x && tar xzf /tmp/x.tgz && rm /tmp/x.tgz\n');
		assertCatchesNot('PL201', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n');
	});
	it('does not fire on removals under a copied folder after a build step in the same RUN', () => {
		assertCatchesNot('PL201', 'FROM node:20\nCOPY . /app\nRUN cd /app && npm ci && rm -rf /app/node_modules/.cache\n');
		assertCatchesNot('PL201', 'FROM node:20\nCOPY . /app\nRUN npm ci && rm -rf /app/.cache\n');
	});
	it('ignores unrelated paths, unknown variables and stages that do not ship', () => {
		assertCatchesNot('PL201', 'FROM debian:12\nCOPY a /opt/a\nRUN rm -rf /opt/ab /tmp/$X\n');
		assertCatchesNot('PL201', 'FROM debian:12 AS build\nCOPY . /src\nRUN rm -rf /src/tests\nFROM debian:12\nCOPY --from=build /src /src\n');
	});
	it('sees heredoc scripts and relative paths after cd only when it can resolve them', () => {
		assertCatches('PL201', 'FROM debian:12\nCOPY big.bin /data/big.bin\nRUN <<EOF\nset -e\nrm /data/big.bin\nEOF\n', [5]);
		assertCatchesNot('PL201', 'FROM debian:12\nCOPY x /app/x\nRUN cd /tmp && rm -rf x\n');
	});
});

describe('PL201 precision on real-world shapes (issue 16 item 6, issue 18 item 4)', () => {
	it('is silent when an earlier RUN already removed the apt lists it created', () => {
		assertCatchesNot('PL201', [
			'FROM debian:trixie-slim',
			'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
			'COPY install-tools.sh /usr/local/bin/',
			'RUN install-tools.sh && rm -rf /var/lib/apt/lists/* /tmp/*',
			'',
		].join('\n'));
	});
	it('does not blame an earlier RUN for files created and removed within the same later RUN', () => {
		// The earlier RUN made an empty folder; the later one downloads into it and removes it.
		assertCatchesNot('PL201', [
			'FROM debian:trixie-slim',
			'RUN mkdir -p /tmp/downloads /opt/app',
			'RUN curl -fsSL https://example.invalid/app.tgz | tar -xz -C /tmp/downloads \\',
			'    && mv /tmp/downloads/app /opt/app/ \\',
			'    && rm -rf /tmp/downloads',
			'',
		].join('\n'));
		// A clone made earlier; the later RUN builds inside it and removes its own build output.
		assertCatchesNot('PL201', 'FROM golang:1.25\nRUN git clone https://example.invalid/tool.git /src/tool\nRUN cd /src/tool && make && make install && rm -rf /src/tool/build\n');
	});
	it('still blames the layer that shipped the bytes, naming its line', () => {
		const [f] = assertCatches('PL201', 'FROM debian:12\nRUN mkdir -p /tmp/d\nRUN curl -o /tmp/d/big.tgz https://example.invalid/big.tgz\nRUN rm -rf /tmp/d\n', [4]);
		assert.match(f.message, /added by the RUN on line 3/);
		assertCatches('PL201', 'FROM debian:12\nRUN git clone https://example.invalid/x.git /src\nRUN rm -rf /src/.git\n', [3]);
	});
	it('names the path as written in a JSON-form COPY, without its quotes', () => {
		const [f] = assertCatches('PL201', 'FROM debian:12\nCOPY ["dist/", "/srv/www/"]\nRUN rm -rf /srv/www/*.map\n', [3]);
		assert.match(f.message, /`\/srv\/www\/\*\.map` was added by COPY on line 2/);
	});
});
