// Whether a string can be a Dockerfile at all. Decoders hand the core a string: a binary read as
// UTF-8 keeps its NUL bytes, and bytes that are not UTF-8 become U+FFFD. Either means the file is
// not text, and no instruction rule should judge what the parser made of it.

export interface NotText {
	reason: 'nul' | 'undecodable' | 'control';
	/** Offset of the first offending character. */
	offset: number;
}

/** Share of C0 control characters (other than tab, line breaks, form feed) that marks a binary. */
const CONTROL_SHARE = 0.05;
const SAMPLE = 8192;

export function notText(text: string): NotText | undefined {
	const nul = text.indexOf('\0');
	if (nul >= 0) return { reason: 'nul', offset: nul };
	const bad = text.indexOf('\uFFFD');
	if (bad >= 0) return { reason: 'undecodable', offset: bad };
	const sample = text.slice(0, SAMPLE);
	// eslint-disable-next-line no-control-regex
	const controls = sample.match(/[\x01-\x08\x0E-\x1F\x7F]/g);
	if (controls && controls.length >= Math.max(2, sample.length * CONTROL_SHARE)) return { reason: 'control', offset: sample.indexOf(controls[0]) };
	return undefined;
}

export const NOT_TEXT_MESSAGES: Record<NotText['reason'], string> = {
	nul: 'it contains NUL bytes (a binary file?); docker build cannot read it as a Dockerfile',
	undecodable: 'it is not valid UTF-8 (bytes that decode to U+FFFD); save it as UTF-8 so its text can be judged',
	control: 'it is mostly control characters (a binary file?); docker build cannot read it as a Dockerfile',
};
