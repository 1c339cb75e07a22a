// Ctrl-C for commands that create things on an engine (bench: containers, rollout: a service).
import { EXIT_CANCELLED } from './exitCode';

/**
 * First Ctrl-C (or SIGTERM) aborts `controller` so the command cleans up; a second quits at once and
 * names the sweep that removes leftovers. Returns the function that removes the handlers.
 */
export function onInterrupt(controller: AbortController, removing: string, command: 'bench' | 'rollout'): () => void {
	let interrupts = 0;
	const handler = () => {
		if (++interrupts === 1) {
			process.stderr.write(`\npatchlens: cancelling, removing ${removing}… (press Ctrl-C again to quit at once)\n`);
			controller.abort();
		} else {
			process.stderr.write(`patchlens: quitting without cleanup; \`patchlens ${command} --sweep\` removes leftovers\n`);
			process.exit(EXIT_CANCELLED);
		}
	};
	process.on('SIGINT', handler);
	process.on('SIGTERM', handler);
	return () => {
		process.off('SIGINT', handler);
		process.off('SIGTERM', handler);
	};
}
