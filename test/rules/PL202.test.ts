import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('PL202 upgrading inside the image', () => {
	it('fires on whole-system upgrades of every package manager', () => {
		assertCatches('PL202', [
			'FROM debian:12',
			'RUN apt-get update && apt-get upgrade -y',
			'RUN apt-get -y dist-upgrade',
			'RUN apk upgrade --no-cache',
			'RUN dnf -y upgrade',
			'RUN yum update -y',
			'RUN zypper -n dup',
			'',
		].join('\n'), [2, 3, 4, 5, 6, 7]);
	});
	it('does not fire on targeted updates, index refreshes or build stages', () => {
		assertCatchesNot('PL202', 'FROM alpine:3.20\nRUN apk update && apk upgrade openssl\nRUN yum update -y openssl\nRUN apk add --upgrade curl\n');
		assertCatchesNot('PL202', 'FROM debian:12 AS build\nRUN apt-get update && apt-get upgrade -y\nFROM debian:12\nCOPY --from=build /x /x\n');
	});
	it('sees sh -c and heredocs', () => {
		assertCatches('PL202', `FROM debian:12\nRUN sh -c 'apt-get update && apt-get upgrade -y'\n`, [2]);
		assertCatches('PL202', 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get full-upgrade -y\nEOF\n', [4]);
	});
});
