// Rule codes hadolint itself defines (its README's rule table, v2.12), so a `.hadolint.yaml` shared
// with hadolint may name codes Patchlens does not implement without a warning. ShellCheck's SCxxxx
// codes are accepted as a family (config.ts).
const range = (prefix: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

export const HADOLINT_CODES: readonly string[] = [
	'DL1001',
	...range('DL', 3000, 3062),
	...range('DL', 4000, 4006),
];
