// The one reviewed table that ties Docker Official Images to endoflife.date products where the
// product carries no `pkg:docker/library/<image>` purl. Products with such a purl are mapped by the
// generator automatically; listing one of them here too is an error (the table stays minimal).
//
// How a tag names a release line needs no per-image code: the runtime takes the longest leading
// run of the tag's version components that equals a release cycle (`3.12.1` -> `3.12`,
// `20.11.0` -> `20`, `1.22.5` -> `1.22`, `3.20.3` -> `3.20`, `22.04` -> `22.04`, `8u402-b06` -> `8`,
// `21.0.4_7` -> `21`), and codename tags through the codenames endoflife.date records for the
// product (`bookworm` -> debian 12, `jammy` -> ubuntu 22.04). Only images whose tags lead with the
// product's own version belong here: `ibm-semeru-runtimes` (`open-21...`) and `azul-zulu`
// (`8.96-8.0.504`, a Zulu build number first) would be misread, so they are left out on purpose.

export const HAND_MAPPED_IMAGES: Readonly<Record<string, string>> = {
	alpine: 'alpine-linux',
	almalinux: 'almalinux',
	cassandra: 'apache-cassandra',
	debian: 'debian',
	docker: 'docker-engine',
	'eclipse-temurin': 'eclipse-temurin',
	elasticsearch: 'elasticsearch',
	elixir: 'elixir',
	erlang: 'erlang',
	fedora: 'fedora',
	gradle: 'gradle',
	haproxy: 'haproxy',
	httpd: 'apache-http-server',
	influxdb: 'influxdb',
	maven: 'apache-maven',
	mongo: 'mongodb',
	neo4j: 'neo4j',
	nextcloud: 'nextcloud',
	nginx: 'nginx',
	perl: 'perl',
	php: 'php',
	rabbitmq: 'rabbitmq',
	rockylinux: 'rocky-linux',
	rust: 'rust',
	solr: 'solr',
	tomcat: 'tomcat',
	ubuntu: 'ubuntu',
};

/**
 * Distributions whose releases appear inside other images' tags as variants (PL107):
 * `python:3.12-slim-bullseye`, `node:20-alpine3.16`, `eclipse-temurin:21-jre-jammy`.
 * `codename`: the variant word is the release's codename (first word of endoflife.date's
 * `codename`); `prefix`: the variant word is the prefix followed by the release cycle
 * (`alpine3.20`; Temurin writes `alpine-3.20`, which the runtime normalises).
 */
export const VARIANT_DISTRIBUTIONS: readonly { product: string; name: string; spelling: 'codename' | { prefix: string } }[] = [
	{ product: 'debian', name: 'Debian', spelling: 'codename' },
	{ product: 'ubuntu', name: 'Ubuntu', spelling: 'codename' },
	{ product: 'alpine-linux', name: 'Alpine', spelling: { prefix: 'alpine' } },
];
