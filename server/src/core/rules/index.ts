// The rule registry: every rule file, imported by name and sorted by code.
// A test checks that each file in this folder is listed here and that codes are unique.
import DL3006 from './DL3006';
import DL3007 from './DL3007';
import DL3008 from './DL3008';
import DL3009 from './DL3009';
import DL3013 from './DL3013';
import DL3014 from './DL3014';
import DL3015 from './DL3015';
import DL3016 from './DL3016';
import DL3018 from './DL3018';
import DL3019 from './DL3019';
import DL3020 from './DL3020';
import DL3026 from './DL3026';
import DL3030 from './DL3030';
import DL3032 from './DL3032';
import DL3033 from './DL3033';
import DL3036 from './DL3036';
import DL3037 from './DL3037';
import DL3040 from './DL3040';
import DL3041 from './DL3041';
import DL3042 from './DL3042';
import DL3059 from './DL3059';
import DL3060 from './DL3060';
import DL3062 from './DL3062';
import PL001 from './PL001';
import PL002 from './PL002';
import PL003 from './PL003';
import PL004 from './PL004';
import PL005 from './PL005';
import PL101 from './PL101';
import PL102 from './PL102';
import PL103 from './PL103';
import PL104 from './PL104';
import PL105 from './PL105';
import PL106 from './PL106';
import PL107 from './PL107';
import PL201 from './PL201';
import PL202 from './PL202';
import PL203 from './PL203';
import PL204 from './PL204';
import PL205 from './PL205';
import PL206 from './PL206';
import PL207 from './PL207';
import type { Rule } from './rule';

export const rules: readonly Rule[] = [
	DL3006,
	DL3007,
	DL3008,
	DL3009,
	DL3013,
	DL3014,
	DL3015,
	DL3016,
	DL3018,
	DL3019,
	DL3020,
	DL3026,
	DL3030,
	DL3032,
	DL3033,
	DL3036,
	DL3037,
	DL3040,
	DL3041,
	DL3042,
	DL3059,
	DL3060,
	DL3062,
	PL001,
	PL002,
	PL003,
	PL004,
	PL005,
	PL101,
	PL102,
	PL103,
	PL104,
	PL105,
	PL106,
	PL107,
	PL201,
	PL202,
	PL203,
	PL204,
	PL205,
	PL206,
	PL207,
];

export function ruleByCode(code: string): Rule | undefined {
	return rules.find(r => r.code === code);
}
