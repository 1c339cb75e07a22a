// "Did you mean …?" for configuration typos: the candidate fewest edits away.

/** The candidate with the smallest Levenshtein distance to `word` (the first in the given order on a tie). */
export function nearest(word: string, candidates: Iterable<string>): { best: string; distance: number } | undefined {
	let found: { best: string; distance: number } | undefined;
	for (const candidate of candidates) {
		const distance = editDistance(word, candidate);
		if (!found || distance < found.distance) found = { best: candidate, distance };
	}
	return found;
}

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		prev = row;
	}
	return prev[b.length];
}
