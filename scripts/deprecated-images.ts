// Docker Official Images that docker-library deprecated, with the maintained official images their
// users moved to (each image's Docker Hub page carries the notice; the official-images library file
// of a removed image is gone, of a deprecated one may still build early-access tags only).
// Reviewed by hand: the library files do not say it. Successors must be official images of the snapshot.

export interface DeprecatedImage {
	/** Completes "The official `<image>` image was deprecated …": when, and why in a few words. */
	note: string;
	successors: readonly string[];
}

export const DEPRECATED_IMAGES: Readonly<Record<string, DeprecatedImage>> = {
	openjdk: {
		note: 'in July 2022 and has built only early-access (`-ea`/`-rc`) tags since',
		successors: ['eclipse-temurin', 'amazoncorretto', 'ibm-semeru-runtimes', 'sapmachine'],
	},
	java: { note: 'in 2017 in favour of `openjdk`, itself deprecated since', successors: ['eclipse-temurin', 'amazoncorretto'] },
	adoptopenjdk: { note: 'in 2021, when AdoptOpenJDK moved to Eclipse Temurin', successors: ['eclipse-temurin'] },
	centos: { note: 'when CentOS Linux reached end of life (CentOS 8 on 2021-12-31, CentOS 7 on 2024-06-30)', successors: ['almalinux', 'rockylinux', 'oraclelinux'] },
	iojs: { note: 'in 2015, when io.js merged back into Node.js', successors: ['node'] },
	django: { note: 'in 2016 (install Django with pip on `python`)', successors: ['python'] },
	rails: { note: 'in 2016 (install Rails with gem on `ruby`)', successors: ['ruby'] },
	celery: { note: 'in 2017 (install Celery with pip on `python`)', successors: ['python'] },
	piwik: { note: 'in 2018, when Piwik was renamed Matomo', successors: ['matomo'] },
	'ubuntu-debootstrap': { note: 'in 2016 (the `ubuntu` image is built the same way)', successors: ['ubuntu'] },
	'ubuntu-upstart': { note: 'in 2016', successors: ['ubuntu'] },
};
