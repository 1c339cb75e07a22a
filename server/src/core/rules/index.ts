// The rule registry: every rule file, imported by name and sorted by code.
// A test checks that each file in this folder is listed here and that codes are unique.
import DL3006 from './DL3006';
import DL3007 from './DL3007';
import type { Rule } from './rule';

export const rules: readonly Rule[] = [
	DL3006,
	DL3007,
];

export function ruleByCode(code: string): Rule | undefined {
	return rules.find(r => r.code === code);
}
