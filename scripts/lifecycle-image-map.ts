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

import type { ImageMapping } from '../server/src/core/lifecycle/dataset';

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

/**
 * Images outside Docker Official Images, tied to endoflife.date products by pattern (issue 18):
 * `image` is a glob over `registry/path`, the release comes from the tag's leading version unless
 * `version` (a regex over the tag) or `pathVersion` (a regex over the path, tried first) say
 * otherwise, and `aliases` turn release names into the product's cycles. Order matters: the first
 * entry that names the image and resolves its release wins. No tag lists are bundled for these, so
 * they get lifecycle findings (PL101/PL102/PL107) but no "newer patch" or "no longer built".
 */
const WINDOWS_BUILDS: Readonly<Record<string, string>> = {
	// Container tags: the LTSC 2019 images are tagged `1809` and `ltsc2019` (same build, 17763) and
	// follow the LTSC 2019 servicing dates, not the 1809 semi-annual host release.
	'1809': '2019', ltsc2019: '2019', '17763': '2019',
	ltsc2022: '2022', '20348': '2022',
	ltsc2025: '2025', '26100': '2025',
	'20h2': '20h2', '19042': '20h2', '2004': '2004', '19041': '2004', '1909': '1909', '18363': '1909',
	'1903': '1903', '18362': '1903', '1803': '1803', '17134': '1803', '1709': '1709', '16299': '1709',
};
const WINDOWS_TAG = '^(?:10\\.0\\.)?([0-9a-z]+)';
/** An optional image-major prefix (`1-`), then the runtime version: `1-3.11-bookworm` → 3.11, `0-18` → 18, `3.12` → 3.12. */
const DEVCONTAINER_TAG = '^(?:\\d+-)?(\\d+(?:\\.\\d+)*)';

export const REGISTRY_IMAGES: readonly ImageMapping[] = [
	// .NET on mcr.microsoft.com (and the retired Docker Hub repositories): `8.0`, `7.0-bookworm-slim`, SDK `8.0.100`.
	{ image: 'mcr.microsoft.com/dotnet/{runtime,aspnet,sdk,runtime-deps,monitor}', product: 'dotnet' },
	{ image: 'mcr.microsoft.com/dotnet/core/{runtime,aspnet,sdk,runtime-deps}', product: 'dotnet' },
	{ image: 'docker.io/microsoft/{dotnet,aspnetcore,aspnetcore-build}', product: 'dotnet' },
	// Windows base images: Nano Server on its own lifecycle; Server Core shares the Windows Server
	// container servicing dates for the LTSC and semi-annual builds (ltsc2016 is left unmapped: its
	// dates differ from Nano Server 1607's).
	{ image: 'mcr.microsoft.com/windows/nanoserver', product: 'windows-nano-server', version: WINDOWS_TAG, aliases: { ...WINDOWS_BUILDS } },
	{ image: 'mcr.microsoft.com/windows/servercore', product: 'windows-nano-server', version: WINDOWS_TAG, aliases: { ...WINDOWS_BUILDS }, title: 'Windows Server Core' },
	{ image: 'mcr.microsoft.com/windows/servercore/{iis,insider}', product: 'windows-nano-server', version: WINDOWS_TAG, aliases: { ...WINDOWS_BUILDS }, title: 'Windows Server Core' },
	{ image: 'mcr.microsoft.com/windows', product: 'windows-nano-server', version: WINDOWS_TAG, aliases: { ...WINDOWS_BUILDS }, title: 'Windows' },
	// Red Hat Universal Base Images follow RHEL: `ubi8/ubi:8.4`, `ubi9/ubi-minimal`, `ubi8/python-39`, `redhat/ubi9`.
	{ image: '{registry.access.redhat.com,registry.redhat.io}/ubi*/**', product: 'rhel', pathVersion: '(?:^|/)ubi(\\d+)(?:/|$)' },
	{ image: '{registry.access.redhat.com,registry.redhat.io}/ubi*', product: 'rhel', pathVersion: '(?:^|/)ubi(\\d+)$' },
	{ image: 'docker.io/redhat/ubi*', product: 'rhel', pathVersion: '(?:^|/)ubi(\\d+)(?:-[a-z]+)?$' },
	// CentOS: the official image was retired (its tags are gone from the snapshot), Stream lives on quay.io.
	{ image: '{docker.io/library/centos,quay.io/centos/centos}', product: 'centos-stream', version: '^stream(\\d+)' },
	{ image: '{docker.io/library/centos,quay.io/centos/centos}', product: 'centos', version: '^(?:centos)?(\\d+(?:\\.\\d+)*)' },
	// Rocky, Alma and Amazon Linux outside Docker Hub's official images.
	{ image: '{docker.io/rockylinux/rockylinux,quay.io/rockylinux/rockylinux}', product: 'rocky-linux' },
	{ image: 'quay.io/almalinuxorg/almalinux', product: 'almalinux' },
	{ image: 'quay.io/almalinuxorg/*-{base,minimal,micro,init}', product: 'almalinux', pathVersion: '/(\\d+)-[a-z]+$' },
	{ image: 'public.ecr.aws/amazonlinux/amazonlinux', product: 'amazon-linux' },
	// Dev container images: `python:1-3.11-bookworm` (image major, then the runtime), `javascript-node:0-18`, `go:1-1.22`.
	{ image: 'mcr.microsoft.com/{devcontainers,vscode/devcontainers}/python', product: 'python', version: DEVCONTAINER_TAG },
	{ image: 'mcr.microsoft.com/{devcontainers,vscode/devcontainers}/{javascript-node,typescript-node}', product: 'nodejs', version: DEVCONTAINER_TAG },
	{ image: 'mcr.microsoft.com/{devcontainers,vscode/devcontainers}/go', product: 'go', version: DEVCONTAINER_TAG },
	{ image: 'mcr.microsoft.com/{devcontainers,vscode/devcontainers}/ruby', product: 'ruby', version: DEVCONTAINER_TAG },
	{ image: 'mcr.microsoft.com/{devcontainers,vscode/devcontainers}/php', product: 'php', version: DEVCONTAINER_TAG },
	{ image: 'mcr.microsoft.com/{devcontainers,vscode/devcontainers}/rust', product: 'rust', version: DEVCONTAINER_TAG },
	{ image: 'mcr.microsoft.com/{devcontainers,vscode/devcontainers}/dotnet', product: 'dotnet', version: DEVCONTAINER_TAG },
	// AWS Lambda base images are tagged with the runtime's version.
	{ image: 'public.ecr.aws/lambda/python', product: 'python' },
	{ image: 'public.ecr.aws/lambda/nodejs', product: 'nodejs' },
	{ image: 'public.ecr.aws/lambda/ruby', product: 'ruby' },
	{ image: 'public.ecr.aws/lambda/dotnet', product: 'dotnet' },
	// Any other image whose tag names the runtime it ships (`tiangolo/uvicorn-gunicorn-fastapi:python3.8`,
	// `nikolaik/python-nodejs:python3.8-nodejs14`, `acme/tool:2.1-node16`): judged only when the tag says so.
	{ image: '**', product: 'python', version: '(?:^|[-_])py(?:thon)?-?(\\d\\.\\d+)(?=$|[-_])', requireVersion: true },
	{ image: '**', product: 'nodejs', version: '(?:^|[-_])node(?:js)?-?(\\d+)(?=$|[-_.])', requireVersion: true },
	{ image: '**', product: 'php', version: '(?:^|[-_])php-?(\\d\\.\\d+)(?=$|[-_])', requireVersion: true },
	{ image: '**', product: 'ruby', version: '(?:^|[-_])ruby-?(\\d\\.\\d+)(?=$|[-_])', requireVersion: true },
];

/**
 * Docker Hub namespaces whose images carry an endoflife.date `pkg:docker/<namespace>/<name>` purl
 * and are tagged with the product's own version (`cimg/node:18.20`, `circleci/python:3.7`,
 * `bitnami/node:18`): the generator maps every such purl. Other namespaces' purls are not trusted
 * to lead their tags with the product version and stay unmapped.
 */
export const VERSION_TAGGED_NAMESPACES: readonly string[] = ['bitnami', 'cimg', 'circleci'];

