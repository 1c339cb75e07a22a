// The language server refuses a config file over 1 MB (any cloned repository can ship one found by
// the upward walk): an error on the config file, defaults for the Dockerfile, the server keeps going.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { MAX_CONFIG_BYTES } from '../../server/src/core/configLookup';
import { openDocument, startServer, type LspSession } from '../../scripts/lspClient';

describe('language server and a config file over the size limit', () => {
	let session: LspSession;
	let dir: string;
	before(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'patchlens-lsp-bigconfig-'));
		// Valid YAML that would silence DL3006, if it were read.
		writeFileSync(path.join(dir, '.hadolint.yaml'), `ignored:\n${'  - DL3006\n'.repeat(MAX_CONFIG_BYTES / 10 + 1)}`);
		session = await startServer();
	});
	after(async () => { await session.close(); });

	it('reports the file on itself and lints with defaults', async () => {
		const file = pathToFileURL(path.join(dir, 'Dockerfile')).href;
		const configUri = pathToFileURL(path.join(dir, '.hadolint.yaml')).href;
		const configProblems = session.nextDiagnostics(configUri);
		const published = session.nextDiagnostics(file);
		await openDocument(session, file, 'FROM ubuntu\n');
		assert.match((await configProblems).diagnostics[0]?.message ?? '', /\.hadolint\.yaml is larger than 1 MB; not read$/);
		assert.ok((await published).diagnostics.some(d => d.code === 'DL3006'), 'the refused ignore list does not apply');
		assert.equal(session.process.exitCode, null);
	});
});
