// `--now YYYY-MM-DD`, shared by check and estimate (its own module: estimate cannot import main.ts, which registers it).
import { InvalidArgumentError } from 'commander';

export function parseDate(value: string): Date {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
		throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
	}
	return new Date(`${value}T00:00:00Z`);
}
