// The bumps the server proposes, per document, as the code lenses need them: answered from memory at once,
// looked up in the background, and announced (`changed`) when they land. VS Code asks a lens provider again
// only when its text changes, its focus returns or the provider says so: a provider that waits for its inputs
// (a code-action round trip to a busy server) or stays silent when they arrive leaves the lenses missing.
// No `vscode` import: the refresh rules are unit-tested with fakes.

/** FROM line -> the image its first proposed bump would write. */
export type BumpMap = ReadonlyMap<number, string>;

const NONE: BumpMap = new Map();

interface Entry {
	version: number;
	/** The last answer that landed for this document (kept while a newer look-up runs: no flicker). */
	known: BumpMap;
	/** The look-up for `version`, once started; undefined when the inputs changed since. */
	lookup?: Promise<BumpMap>;
}

export class BumpLookups {
	private readonly entries = new Map<string, Entry>();

	constructor(private readonly changed: () => void) {}

	/**
	 * What is known now for `uri` at `version`. Starts `lookUp` when nothing current was asked, and calls
	 * `changed` when its answer differs from what was shown, so the editor asks for the lenses again.
	 */
	current(uri: string, version: number, lookUp: () => Promise<BumpMap>): BumpMap {
		const entry = this.entry(uri, version);
		entry.lookup ??= this.start(uri, entry, lookUp);
		return entry.known;
	}

	/** The answer for `uri` at `version` once it landed (hovers may wait; lenses never do). */
	settled(uri: string, version: number, lookUp: () => Promise<BumpMap>): Promise<BumpMap> {
		const entry = this.entry(uri, version);
		entry.lookup ??= this.start(uri, entry, lookUp);
		return entry.lookup;
	}

	/**
	 * The server's diagnostics changed for `uris`: bumps are looked up again. Returns the documents whose lenses
	 * must be asked again: those seen before, and lens documents never asked about yet (the editor's first
	 * request can be cancelled, e.g. when focus leaves it, and nothing else would ask). The caller starts their
	 * look-ups now, so that their landing asks the editor once more even if this refresh is cancelled too.
	 */
	diagnosticsChanged(uris: readonly string[], isLensDocument: (uri: string) => boolean): string[] {
		const refresh: string[] = [];
		for (const uri of uris) {
			const entry = this.entries.get(uri);
			if (entry) entry.lookup = undefined;
			if (entry || isLensDocument(uri)) refresh.push(uri);
		}
		return refresh;
	}

	forget(uri: string): void {
		this.entries.delete(uri);
	}

	clear(): void {
		this.entries.clear();
	}

	private entry(uri: string, version: number): Entry {
		let entry = this.entries.get(uri);
		if (!entry || entry.version !== version) {
			// An edit moves FROM lines: the previous answer's line numbers no longer hold.
			entry = { version, known: NONE };
			this.entries.set(uri, entry);
		}
		return entry;
	}

	private start(uri: string, entry: Entry, lookUp: () => Promise<BumpMap>): Promise<BumpMap> {
		const lookup = lookUp().catch((): BumpMap => NONE);
		void lookup.then(answer => {
			// Superseded (an edit, a newer look-up, a closed document): that one announces itself.
			if (this.entries.get(uri) !== entry || entry.lookup !== lookup) return;
			const differs = !sameBumps(entry.known, answer);
			entry.known = answer;
			if (differs) this.changed();
		});
		return lookup;
	}
}

function sameBumps(a: BumpMap, b: BumpMap): boolean {
	return a.size === b.size && [...a].every(([line, image]) => b.get(line) === image);
}
