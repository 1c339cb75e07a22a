// Whole-number options (milliseconds, counts) that have no upper bound of their own.
import { InvalidArgumentError } from 'commander';

export function parsePositiveInt(value: string): number {
	if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a positive whole number');
	return Number(value);
}
