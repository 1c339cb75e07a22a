// Waiting for a started container to become ready, through the Engine API (wait, logs, events).
import type Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import { ContainerFailedError } from './errors';
import type { ReadyCondition } from './ready';

export async function waitReady(docker: Docker, id: string, image: string, ready: ReadyCondition, signal?: AbortSignal): Promise<void> {
	switch (ready.kind) {
		case 'exit': return waitExit(docker, id, image, signal);
		case 'log': return waitLogLine(docker, id, image, ready.pattern, signal);
		case 'healthy': return waitHealthy(docker, id, image, signal);
	}
}

async function waitExit(docker: Docker, id: string, image: string, signal?: AbortSignal): Promise<void> {
	const result = await docker.getContainer(id).wait({ condition: 'not-running', abortSignal: signal }) as { StatusCode: number; Error?: { Message?: string } | null };
	if (result.StatusCode !== 0) {
		throw new ContainerFailedError(image, `exited with code ${result.StatusCode}${await lastLogLine(docker, id)}`);
	}
}

async function waitLogLine(docker: Docker, id: string, image: string, pattern: RegExp, signal?: AbortSignal): Promise<void> {
	const raw = await docker.getContainer(id).logs({ follow: true, stdout: true, stderr: true, abortSignal: signal }) as unknown as NodeJS.ReadableStream & { destroy(): void };
	const text = new PassThrough();
	docker.modem.demuxStream(raw, text, text);
	raw.on('end', () => text.end());
	raw.on('error', error => text.destroy(error));
	let pending = '';
	try {
		for await (const chunk of text) {
			pending += String(chunk);
			const lines = pending.split('\n');
			pending = lines.pop() ?? '';
			if (lines.some(line => pattern.test(line))) return;
		}
		if (pending && pattern.test(pending)) return;
	} finally {
		raw.destroy();
	}
	signal?.throwIfAborted();
	const state = await docker.getContainer(id).inspect();
	throw new ContainerFailedError(image, `exited with code ${state.State.ExitCode} before printing a line matching /${pattern.source}/`);
}

interface EngineEvent { Action?: string; status?: string }

async function waitHealthy(docker: Docker, id: string, image: string, signal?: AbortSignal): Promise<void> {
	// Subscribe first, then look once: a status reached between start and subscribe is not missed.
	const events = await docker.getEvents({ filters: { type: ['container'], container: [id] }, abortSignal: signal }) as unknown as NodeJS.ReadableStream & { destroy(): void };
	try {
		const state = await docker.getContainer(id).inspect();
		if (!state.Config.Healthcheck?.Test?.length || state.Config.Healthcheck.Test[0] === 'NONE') {
			throw new ContainerFailedError(image, 'the image has no health check (use --ready exit or log:REGEX)');
		}
		if (state.State.Health?.Status === 'healthy') return;
		if (!state.State.Running) throw new ContainerFailedError(image, `exited with code ${state.State.ExitCode} before becoming healthy`);
		let pending = '';
		for await (const chunk of events) {
			pending += String(chunk);
			const lines = pending.split('\n');
			pending = lines.pop() ?? '';
			for (const line of lines) {
				if (!line.trim()) continue;
				const action = (JSON.parse(line) as EngineEvent).Action ?? '';
				if (action === 'health_status: healthy') return;
				if (action === 'die') throw new ContainerFailedError(image, `exited before becoming healthy${await lastLogLine(docker, id)}`);
			}
		}
		signal?.throwIfAborted();
		throw new ContainerFailedError(image, 'the engine closed the event stream before the container became healthy');
	} finally {
		events.destroy();
	}
}

/** ": <last line of output>" for error messages, or nothing. */
async function lastLogLine(docker: Docker, id: string): Promise<string> {
	try {
		const buffer = await docker.getContainer(id).logs({ stdout: true, stderr: true, tail: 3, follow: false }) as unknown as Buffer;
		const lines = demuxBuffer(buffer).split('\n').map(l => l.trim()).filter(Boolean);
		return lines.length ? `: ${lines[lines.length - 1].slice(0, 200)}` : '';
	} catch {
		return '';
	}
}

/** Strips the 8-byte stream headers of a non-TTY log buffer. */
export function demuxBuffer(buffer: Buffer): string {
	let out = '';
	let offset = 0;
	while (offset + 8 <= buffer.length) {
		const size = buffer.readUInt32BE(offset + 4);
		out += buffer.subarray(offset + 8, offset + 8 + size).toString('utf8');
		offset += 8 + size;
	}
	return out;
}
