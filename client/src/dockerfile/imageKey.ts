// One spelling per image, so `python:3.12`, `docker.io/library/python:3.12` and
// `index.docker.io/library/python:3.12` find the same stored result.
import { parseImageReference } from '../../../server/src/core/image/reference';

export function imageKey(image: string): string {
	const parsed = parseImageReference(image);
	if (!parsed.ok) return image.trim();
	const { registry, path, tag, digest } = parsed.ref;
	return `${registry}/${path}${tag ? `:${tag}` : digest ? '' : ':latest'}${digest ? `@${digest}` : ''}`;
}

export function sameImage(a: string, b: string): boolean {
	return imageKey(a) === imageKey(b);
}
