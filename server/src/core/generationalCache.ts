// A bounded cache for values reused across analyses (parses of the same file after an edit).

/**
 * Two generations: lookups move entries into the current one, and when it is full the older one
 * is dropped. What the last parses of the open files used stays; memory stays bounded.
 */
export class GenerationalCache<V> {
	private current = new Map<string, V>();
	private previous = new Map<string, V>();

	constructor(private readonly generationSize: number) {}

	get(key: string): V | undefined {
		const hit = this.current.get(key);
		if (hit !== undefined) return hit;
		const old = this.previous.get(key);
		if (old !== undefined) this.set(key, old);
		return old;
	}

	set(key: string, value: V): void {
		if (this.current.size >= this.generationSize) {
			this.previous = this.current;
			this.current = new Map();
		}
		this.current.set(key, value);
	}

	clear(): void {
		this.current = new Map();
		this.previous = new Map();
	}
}
