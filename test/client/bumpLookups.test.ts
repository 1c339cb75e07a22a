// The lens provider's refresh rules (client/src/lenses/bumpLookups.ts) with fake look-ups: the lenses answer
// at once, and are asked again when the server's bumps land or its diagnostics arrive, even for a document
// the editor never got an answer for (the e2e tour saw lenses missing until the text changed).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BumpLookups, type BumpMap } from '../../client/src/lenses/bumpLookups';

const DOC = 'file:///w/Dockerfile';

/** A look-up the test lands by hand, counting how often it was started. */
function fakeLookUp() {
	const pending: ((answer: BumpMap) => void)[] = [];
	return {
		started: () => pending.length,
		run: () => new Promise<BumpMap>(resolve => pending.push(resolve)),
		land: async (answer: BumpMap, index = pending.length - 1) => {
			pending[index](answer);
			await new Promise(resolve => setImmediate(resolve));
		},
	};
}

function counter() {
	let fired = 0;
	return { fire: () => { fired++; }, count: () => fired };
}

describe('lens bump look-ups', () => {
	it('answers at once while the server is asked, and asks the editor again when the bump lands', async () => {
		const changed = counter();
		const lookups = new BumpLookups(changed.fire);
		const server = fakeLookUp();
		assert.deepEqual([...lookups.current(DOC, 1, server.run)], [], 'no bump yet, but an answer');
		assert.equal(changed.count(), 0);
		await server.land(new Map([[0, 'ubuntu:24.04']]));
		assert.equal(changed.count(), 1, 'the lenses are asked again');
		assert.deepEqual([...lookups.current(DOC, 1, server.run)], [[0, 'ubuntu:24.04']]);
		assert.equal(server.started(), 1, 'one look-up per document version');
	});

	it('asks the editor again when diagnostics arrive for a lens document it never got an answer for', () => {
		const lookups = new BumpLookups(() => {});
		assert.deepEqual(lookups.diagnosticsChanged([DOC, 'file:///w/README.md'], uri => uri === DOC), [DOC], 'other documents do not refresh the lenses');
	});

	it('looks bumps up again after new diagnostics, keeping the old answer until the new one lands', async () => {
		const changed = counter();
		const lookups = new BumpLookups(changed.fire);
		const server = fakeLookUp();
		lookups.current(DOC, 1, server.run);
		await server.land(new Map([[0, 'ubuntu:24.04']]));
		assert.deepEqual(lookups.diagnosticsChanged([DOC], () => false), [DOC], 'a document seen before refreshes');
		assert.deepEqual([...lookups.current(DOC, 1, server.run)], [[0, 'ubuntu:24.04']]);
		assert.equal(server.started(), 2);
		await server.land(new Map([[0, 'ubuntu:24.04']]));
		assert.equal(changed.count(), 1, 'the same answer again changes nothing');
		await server.land(new Map([[0, 'ubuntu:24.10']]), 1);
		assert.equal(changed.count(), 1, 'a look-up lands only once');
	});

	it('drops an answer for an older version of the text, and a failed look-up shows no bump', async () => {
		const changed = counter();
		const lookups = new BumpLookups(changed.fire);
		const server = fakeLookUp();
		lookups.current(DOC, 1, server.run);
		assert.deepEqual([...lookups.current(DOC, 2, server.run)], [], 'an edit forgets the old lines');
		await server.land(new Map([[0, 'ubuntu:24.04']]), 0);
		assert.equal(changed.count(), 0, 'the superseded look-up is silent');
		await server.land(new Map([[3, 'node:22']]), 1);
		assert.deepEqual([...lookups.current(DOC, 2, server.run)], [[3, 'node:22']]);
		lookups.forget(DOC);
		assert.deepEqual([...lookups.current(DOC, 3, () => Promise.reject(new Error('server gone')))], []);
		assert.deepEqual([...await lookups.settled(DOC, 3, server.run)], [], 'a failure reads as no bump');
		assert.equal(changed.count(), 1);
	});
});
