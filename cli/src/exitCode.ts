// One place for what the exit codes mean, so CI scripts can rely on them.
export const EXIT_OK = 0;
/** Findings reached the failure threshold (check) or a statistically clear regression (bench). */
export const EXIT_FINDINGS = 1;
/** Usage error or unreadable input. */
export const EXIT_USAGE = 2;
/** Patchlens itself failed (a rule or a registry prefetch threw): the result cannot be trusted. */
export const EXIT_INTERNAL = 3;
/** Cancelled by Ctrl-C / SIGTERM (128 + SIGINT, as shells report it). */
export const EXIT_CANCELLED = 130;

/** A failure the user can act on: printed as one line, never as a stack trace. */
export class UsageError extends Error {
	constructor(message: string, readonly exitCode = EXIT_USAGE) {
		super(message);
	}
}
