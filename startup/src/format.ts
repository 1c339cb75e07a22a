// Number formats shared by every report of the engine (text, Markdown, rollout sections, budget verdicts),
// so a duration or a difference reads the same wherever it is printed.

/** `850.0 ms`, `1.23 s`; `–` for a value that is not a number (an empty sample). */
export function ms(value: number): string {
	if (!Number.isFinite(value)) return '–';
	return Math.abs(value) >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}

/** A difference in time with its sign: `+12.0 ms`, `−1.50 s` (a true minus sign). */
export function signed(value: number): string {
	return `${value >= 0 ? '+' : '−'}${ms(Math.abs(value))}`;
}

/** A relative difference with its sign: 0.125 -> `+12.5 %`. */
export function pct(value: number): string {
	return `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(1)} %`;
}
