// `--now YYYY-MM-DD`, shared by check and estimate (its own module: estimate cannot import main.ts, which registers it).
import { InvalidArgumentError } from 'commander';

export function parseDate(value: string): Date {
	const date = new Date(`${value}T00:00:00Z`);
	// Date rolls impossible days over (2025-02-30 -> 2025-03-02): only a date that reads back is one.
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
		throw new InvalidArgumentError('expected a real date as YYYY-MM-DD');
	}
	return date;
}
