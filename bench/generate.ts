/**
 * Generates realistic synthetic plans for the benchmark: deterministic from a seed, in the shape and
 * proportions of `examples/tabalong` (a masterplan header, owners, an RPJMD cascade with agency
 * programs, one pillar or more per national dimension with programmes and quick wins, a readiness
 * assessment, the workshop record), with Indonesian text. Every generated plan validates clean
 * (0 errors, 0 warnings) with the current checks:
 *
 * - every programme and quick win has an owner (never also a partner) and supports an RPJMD item;
 * - every owner is used, every objective of the RPJMD is served (through an RPJMD program that an
 *   initiative supports), every pillar has a programme and a quick win, every dimension a pillar;
 * - quick wins take one year with a short horizon; budget, indicator and target years lie inside the
 *   programme's years (or the RPJMD period); programme years lie inside the plan period and overlap
 *   the RPJMD period;
 * - `after` points only to an earlier initiative (no cycles) that starts no later.
 *
 * The plan grows by multiplying every part by the same factor, so the proportions stay those of the
 * example (pillars ~ 56 % of the bytes, RPJMD ~ 18 %, owners ~ 10 %, readiness ~ 7 %, workshops ~ 5 %).
 */

export interface PlanOptions {
    /** Seed of the pseudo-random choices; the same options give the same bytes. */
    seed: number;
    /** Approximate total size in bytes (UTF-8) of the plan's files. */
    targetBytes: number;
    /** Approximate number of files (at least 6). */
    files: number;
    /** The region, e.g. `{ kind: 'Kabupaten', name: 'Tabalong', province: 'Kalimantan Selatan' }`. */
    region?: Region;
}

export interface Region {
    kind: 'Kabupaten' | 'Kota';
    name: string;
    province: string;
}

export interface CorpusOptions {
    seed: number;
    /** Number of plans (514: one per regency and city of Indonesia). */
    plans: number;
    /** Size range of one plan, in bytes; sizes are spread log-uniformly. */
    minBytes: number;
    maxBytes: number;
}

// ---------------------------------------------------------------------------------------- random

/** mulberry32: small, fast, deterministic. */
export function createRandom(seed: number) {
    let a = seed >>> 0;
    const next = (): number => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    return {
        next,
        int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
        pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
        chance: (p: number): boolean => next() < p,
    };
}
type Random = ReturnType<typeof createRandom>;

// ---------------------------------------------------------------------------------------- vocabulary

const SYLLABLES = ['ta', 'ba', 'long', 'sa', 'ri', 'ma', 'ja', 'wa', 'ka', 'lu', 'pa', 'da', 'ra', 'ngan', 'tu', 'na', 'ga', 'ro', 'mi', 'se', 'ban', 'tan', 'kar', 'su', 'bu', 'lo', 'di', 'ku', 'an', 'jung'];
const PLACE_PREFIXES = ['', '', '', 'Tanjung ', 'Sungai ', 'Muara ', 'Batu ', 'Bukit ', 'Pulau ', 'Teluk '];

const PROVINCES: Array<[string, number, number]> = [
    ['Aceh', 18, 5], ['Sumatera Utara', 25, 8], ['Sumatera Barat', 12, 7], ['Riau', 10, 2], ['Jambi', 9, 2],
    ['Sumatera Selatan', 13, 4], ['Bengkulu', 9, 1], ['Lampung', 13, 2], ['Kepulauan Bangka Belitung', 6, 1],
    ['Kepulauan Riau', 5, 2], ['DKI Jakarta', 1, 5], ['Jawa Barat', 18, 9], ['Jawa Tengah', 29, 6],
    ['DI Yogyakarta', 4, 1], ['Jawa Timur', 29, 9], ['Banten', 4, 4], ['Bali', 8, 1], ['Nusa Tenggara Barat', 8, 2],
    ['Nusa Tenggara Timur', 21, 1], ['Kalimantan Barat', 12, 2], ['Kalimantan Tengah', 13, 1], ['Kalimantan Selatan', 11, 2],
    ['Kalimantan Timur', 7, 3], ['Kalimantan Utara', 4, 1], ['Sulawesi Utara', 11, 4], ['Sulawesi Tengah', 12, 1],
    ['Sulawesi Selatan', 21, 3], ['Sulawesi Tenggara', 15, 2], ['Gorontalo', 5, 1], ['Sulawesi Barat', 6, 0],
    ['Maluku', 9, 2], ['Maluku Utara', 8, 2], ['Papua', 8, 1], ['Papua Barat', 7, 0], ['Papua Selatan', 4, 0],
    ['Papua Tengah', 8, 0], ['Papua Pegunungan', 8, 0], ['Papua Barat Daya', 5, 1],
];

/** The national framework's dimensions and their elements (the built-in library). */
const DIMENSIONS: Array<{ name: string; title: string; elements: string[]; topics: string[]; word: string }> = [
    { name: 'Governance', title: 'Smart Governance', word: 'tata kelola', elements: ['PublicService', 'Bureaucracy', 'PublicPolicy'],
        topics: ['Perizinan', 'Kepegawaian', 'Keuangan Daerah', 'Arsip Elektronik', 'Pengadaan', 'Perencanaan', 'Pengaduan', 'Kependudukan', 'Satu Data', 'Persandian', 'Jaringan Intra', 'Pusat Data'] },
    { name: 'Branding', title: 'Smart Branding', word: 'branding daerah', elements: ['Tourism', 'Business', 'CityAppearance'],
        topics: ['Pariwisata', 'Promosi Daerah', 'Desa Wisata', 'Festival Budaya', 'Produk Unggulan', 'Wajah Kota', 'Taman Kota', 'Kuliner Lokal', 'Kerajinan', 'Ekonomi Kreatif'] },
    { name: 'Economy', title: 'Smart Economy', word: 'ekonomi', elements: ['Industry', 'Welfare', 'FinancialTransactions'],
        topics: ['UMKM', 'Pasar Daring', 'Transaksi Nontunai', 'Koperasi', 'Industri Kecil', 'Pajak Daerah', 'Retribusi', 'Tenaga Kerja', 'Bantuan Sosial', 'Investasi', 'Ketahanan Pangan'] },
    { name: 'Living', title: 'Smart Living', word: 'kualitas hidup', elements: ['SpatialHarmony', 'Transport', 'Health'],
        topics: ['Angkutan Umum', 'Lalu Lintas', 'Puskesmas', 'Rumah Sakit', 'Tata Ruang', 'Perumahan', 'Air Bersih', 'Penerangan Jalan', 'Parkir', 'Gizi Balita', 'Rujukan Pasien'] },
    { name: 'Society', title: 'Smart Society', word: 'masyarakat', elements: ['CommunityInteraction', 'Learning', 'PublicSafety'],
        topics: ['Literasi Digital', 'Sekolah Digital', 'Perpustakaan', 'Desa Digital', 'Keamanan Lingkungan', 'Peringatan Dini', 'Relawan TIK', 'Kelas Daring', 'Aduan Warga', 'Pemuda Kreatif'] },
    { name: 'Environment', title: 'Smart Environment', word: 'lingkungan', elements: ['EnvironmentalProtection', 'Waste', 'Energy'],
        topics: ['Bank Sampah', 'Kualitas Udara', 'Energi Surya', 'Hutan Kota', 'Daerah Aliran Sungai', 'Limbah Cair', 'Kebakaran Hutan', 'Ruang Terbuka Hijau', 'Pemantauan Banjir', 'Daur Ulang'] },
];

const SYSTEM_WORDS = ['Sistem Informasi', 'Aplikasi', 'Layanan Daring', 'Portal', 'Pusat', 'Gerakan', 'Dasbor', 'Platform', 'Jaringan', 'Sistem Terpadu', 'Program', 'Integrasi'];
const SYSTEM_IDS = ['SI', 'App', 'Layanan', 'Portal', 'Pusat', 'Gerakan', 'Dasbor', 'Platform', 'Jaringan', 'Terpadu', 'Program', 'Integrasi'];
const UNITS = ['%', 'unit', 'orang', 'desa', 'layanan', 'indeks', 'titik', 'dokumen', 'unit usaha', 'sekolah'];
const INDICATOR_WORDS = ['Perangkat daerah yang memakai', 'Warga yang terlayani oleh', 'Desa yang terhubung dengan', 'Capaian pemanfaatan', 'Jumlah transaksi melalui', 'Layanan yang terintegrasi dalam', 'Tingkat kepuasan pengguna', 'Data yang diperbarui melalui'];
const SENTENCES = [
    'Dibangun bertahap bersama perangkat daerah terkait dan mitra swasta, dimulai dari kecamatan dengan kesiapan tertinggi.',
    'Menjadi dasar bagi layanan publik yang cepat, mudah dan transparan bagi seluruh warga.',
    'Data yang dihasilkan dipakai dalam Satu Data daerah dan ditampilkan pada dasbor eksekutif.',
    'Pelatihan operator dan pendampingan pengguna dilakukan setiap tahun sampai layanan berjalan mandiri.',
    'Anggaran berasal dari APBD, dana alokasi khusus dan kerja sama dengan badan usaha.',
    'Keberhasilannya dipantau melalui indikator kinerja dan dilaporkan dalam forum perangkat daerah.',
    'Warga dapat menyampaikan masukan melalui kanal aduan, dan tanggapan dipublikasikan secara terbuka.',
    'Kerja sama dengan perguruan tinggi setempat mendukung kajian, uji coba dan evaluasi.',
    'Uji coba dilakukan di ibu kota kabupaten sebelum diperluas ke seluruh wilayah.',
    'Standar keamanan informasi mengikuti pedoman SPBE dan Badan Siber dan Sandi Negara.',
];
const AGENCIES: Array<[string, string, string]> = [
    ['Diskominfo', 'Dinas Komunikasi dan Informatika', 'Koordinator pelaksana smart city'],
    ['Bappeda', 'Badan Perencanaan Pembangunan Daerah', 'Koordinator perencanaan dan penyelarasan dengan RPJMD'],
    ['BagianOrganisasi', 'Bagian Organisasi Sekretariat Daerah', 'Reformasi birokrasi dan standar pelayanan publik'],
    ['BKPSDM', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', 'Pengembangan kompetensi ASN'],
    ['BPKAD', 'Badan Pengelolaan Keuangan dan Aset Daerah', 'Pengelolaan keuangan daerah'],
    ['Bapenda', 'Badan Pendapatan Daerah', 'Pajak dan retribusi daerah'],
    ['DPMPTSP', 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', 'Perizinan dan investasi'],
    ['Dukcapil', 'Dinas Kependudukan dan Pencatatan Sipil', 'Layanan administrasi kependudukan'],
    ['Dishub', 'Dinas Perhubungan', 'Transportasi dan lalu lintas'],
    ['Dinkes', 'Dinas Kesehatan', 'Layanan kesehatan dan puskesmas'],
    ['Disdik', 'Dinas Pendidikan', 'Pendidikan dasar dan sekolah digital'],
    ['Dispersip', 'Dinas Perpustakaan dan Kearsipan', 'Perpustakaan digital dan arsip elektronik'],
    ['DPUPR', 'Dinas Pekerjaan Umum dan Penataan Ruang', 'Infrastruktur dan tata ruang'],
    ['DLH', 'Dinas Lingkungan Hidup', 'Perlindungan lingkungan dan pengelolaan sampah'],
    ['Disbudpar', 'Dinas Kebudayaan dan Pariwisata', 'Destinasi dan promosi pariwisata'],
    ['Disperindag', 'Dinas Perdagangan dan Perindustrian', 'Perdagangan, pasar dan industri kecil'],
    ['DiskopUKM', 'Dinas Koperasi dan Usaha Mikro', 'Pembinaan UMKM dan koperasi'],
    ['Disnaker', 'Dinas Tenaga Kerja', 'Penempatan tenaga kerja'],
    ['Dinsos', 'Dinas Sosial', 'Data terpadu kesejahteraan sosial'],
    ['DPMD', 'Dinas Pemberdayaan Masyarakat dan Desa', 'Pembinaan desa dan desa digital'],
    ['BPBD', 'Badan Penanggulangan Bencana Daerah', 'Kesiapsiagaan dan penanggulangan bencana'],
    ['SatpolPP', 'Satuan Polisi Pamong Praja', 'Ketenteraman dan ketertiban umum'],
];
const OTHER_KINDS: Array<['private' | 'community' | 'academia' | 'national', string[]]> = [
    ['private', ['PT Telkom Indonesia', 'PT PLN (Persero)', 'Bank Pembangunan Daerah', 'PT Pos Indonesia', 'Kamar Dagang dan Industri', 'PT Sinar Nusantara', 'PT Karya Digital']],
    ['community', ['Relawan TIK', 'Tim Penggerak PKK', 'Kelompok Sadar Wisata', 'Forum Anak Daerah', 'Karang Taruna', 'Komunitas Startup']],
    ['academia', ['Universitas Negeri', 'Politeknik Negeri', 'Institut Teknologi', 'Sekolah Tinggi Ilmu Ekonomi']],
    ['national', ['Kementerian Komunikasi dan Digital', 'Badan Siber dan Sandi Negara', 'Badan Pusat Statistik', 'Kepolisian Resor', 'Kementerian Dalam Negeri']],
];

const PLAN_START = 2020;
const PLAN_END = 2029;

function capitalize(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
}

/** An identifier from words: `Sistem Informasi Perizinan` -> `SistemInformasiPerizinan`. */
function identifier(words: string): string {
    const id = words.normalize('NFD').replace(/[^A-Za-z0-9 ]/g, ' ').split(/\s+/).filter(Boolean).map(capitalize).join('');
    return /^[A-Za-z_]/.test(id) ? id : `X${id}`;
}

export function placeName(random: Random): string {
    const n = random.int(2, 3);
    let name = '';
    for (let i = 0; i < n; i++) name += random.pick(SYLLABLES);
    return random.pick(PLACE_PREFIXES) + capitalize(name);
}

function money(random: Random): string {
    if (random.chance(0.5)) return `Rp ${random.int(1, 9) * 50 + 50} juta`;
    const whole = random.int(1, 4);
    const tenth = random.int(0, 9);
    return tenth === 0 ? `Rp ${whole} miliar` : `Rp ${whole},${tenth} miliar`;
}

function decimal(random: Random, min: number, max: number): string {
    const v = random.int(min * 10, max * 10);
    return v % 10 === 0 ? String(v / 10) : `${Math.floor(v / 10)},${v % 10}`;
}

function sentences(random: Random, n: number): string {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(random.pick(SENTENCES));
    return out.join(' ');
}

/** Wraps prose into a `"""` block indented by `indent`. */
function textBlock(text: string, indent: string): string {
    const words = text.split(' ');
    const lines: string[] = [];
    let line = '';
    for (const w of words) {
        if (line.length + w.length > 95) {
            lines.push(line);
            line = w;
        } else {
            line = line ? `${line} ${w}` : w;
        }
    }
    if (line) lines.push(line);
    return `"""\n${lines.map(l => `${indent}    ${l}`).join('\n')}\n${indent}"""`;
}

// ---------------------------------------------------------------------------------------- the plan

/** Names used by one plan: every declaration's identifier is unique within the plan. */
class Names {
    private readonly used = new Set<string>();
    take(base: string): string {
        let name = base;
        for (let i = 2; this.used.has(name); i++) name = `${base}${i}`;
        this.used.add(name);
        return name;
    }
}

interface OwnerDecl { id: string; kind: string; text: string }
interface InitiativeInfo { id: string; start: number }

/** Counts of a plan at scale factor `s` (s = 1 is about the size of the example). */
function countsFor(s: number) {
    const at = (base: number, min: number) => Math.max(min, Math.round(base * s));
    return {
        owners: at(36, 8),
        missions: at(4, 1),
        goalsPerMission: 2.5,
        objectivesPerGoal: 1.8,
        rpjmdPrograms: at(27, 4),
        pillarsPerDimension: Math.max(1, Math.round(s)),
        initiativesPerPillar: at(8, 2) / Math.max(1, Math.round(s)),
        readinessItems: at(14, 6),
        workshops: at(4, 2),
    };
}

/** The plan at scale factor `s`, as declarations grouped by kind (before they are packed into files). */
function buildPlan(seed: number, s: number, region: Region) {
    const random = createRandom(seed);
    const names = new Names();
    const counts = countsFor(s);
    const regionLabel = `${region.kind} ${region.name}`;
    const planId = names.take(identifier(region.name));
    const rpjmdId = names.take('RPJMD2019');
    const kecamatan = (): string => placeName(random);

    // owners: regional agencies first (they own programmes), then partners of other kinds
    const owners: OwnerDecl[] = [];
    const nOthers = Math.max(4, Math.round(counts.owners * 0.35));
    const nAgencies = Math.max(4, counts.owners - nOthers);
    for (let i = 0; i < nAgencies; i++) {
        let id: string;
        let title: string;
        let role: string;
        if (i < AGENCIES.length) {
            [id, title, role] = AGENCIES[i];
        } else {
            const [baseId, baseTitle, baseRole] = AGENCIES[i % AGENCIES.length];
            const place = kecamatan();
            id = `UPT${baseId}${identifier(place)}`;
            title = `UPT ${baseTitle.replace(/^(Dinas|Badan|Bagian|Satuan) /, '')} Wilayah ${place}`;
            role = `${baseRole} di wilayah ${place}`;
        }
        id = names.take(id);
        const head = random.chance(0.3) ? `\n    head "${capitalize(placeName(random).replace(/^\S+ /, ''))} ${capitalize(placeName(random).replace(/^\S+ /, ''))}"` : '';
        owners.push({ id, kind: 'agency', text: `owner ${id} "${title}" kind agency\n    role "${role}"${head}\n` });
    }
    for (let i = 0; i < nOthers; i++) {
        const [kind, titles] = OTHER_KINDS[i % OTHER_KINDS.length];
        const base = titles[Math.floor(i / OTHER_KINDS.length) % titles.length];
        const title = i < OTHER_KINDS.length * titles.length ? `${base} ${region.name}` : `${base} ${kecamatan()}`;
        const id = names.take(identifier(title.replace(/^(PT|Kementerian|Badan|Universitas) /, '$1 ')).slice(0, 28));
        owners.push({ id, kind, text: `owner ${id} "${title}" kind ${kind}\n    role "Mitra ${kind === 'private' ? 'swasta' : kind === 'community' ? 'komunitas' : kind === 'academia' ? 'perguruan tinggi' : 'instansi pusat'} dalam program smart city"\n` });
    }
    const agencies = owners.filter(o => o.kind === 'agency');
    const others = owners.filter(o => o.kind !== 'agency');
    let partnerCursor = 0;
    const nextPartner = (exclude: string): string => {
        // partners cycle through the non-agencies first, so that every owner gets used
        for (;;) {
            const candidate = partnerCursor < others.length ? others[partnerCursor] : owners[partnerCursor % owners.length];
            partnerCursor++;
            if (candidate.id !== exclude) return candidate.id;
        }
    };
    let ownerCursor = 0;
    const nextOwner = (): string => agencies[ownerCursor++ % agencies.length].id;

    // RPJMD: missions > goals > objectives, then agency programs that serve the objectives
    const objectivePaths: string[] = [];
    const rpjmdParts: string[] = [];
    let objectiveCount = 0;
    const targetObjectives = Math.max(2, Math.round(18 * s));
    const missionsText: string[] = [];
    for (let m = 1; m <= counts.missions; m++) {
        const dim = DIMENSIONS[(m - 1) % DIMENSIONS.length];
        const goals: string[] = [];
        const nGoals = m === counts.missions ? Math.max(1, Math.ceil((targetObjectives - objectiveCount) / counts.objectivesPerGoal)) : random.int(2, 3);
        for (let g = 1; g <= nGoals; g++) {
            const objectives: string[] = [];
            const remaining = targetObjectives - objectiveCount;
            const nObj = m === counts.missions ? Math.max(1, Math.min(remaining - (nGoals - g), random.int(1, 3))) : random.int(1, 3);
            const goalIndicator = random.chance(0.4)
                ? `            indicator "Capaian ${random.pick(dim.topics).toLowerCase()}" unit "${random.pick(UNITS)}" baseline 2019: ${random.int(10, 60)} target 2024: ${random.int(61, 100)}\n`
                : '';
            for (let o = 1; o <= nObj; o++) {
                objectiveCount++;
                objectivePaths.push(`M${m}.G${g}.O${o}`);
                const topic = random.pick(dim.topics).toLowerCase();
                const strategy = random.chance(0.5) ? `\n                strategy "Penguatan ${topic} melalui pemanfaatan teknologi informasi"` : '';
                objectives.push(`            objective O${o} "Meningkatnya kualitas ${topic} di ${regionLabel}" {\n` +
                    `                indicator "Indeks ${topic}" unit "${random.pick(UNITS)}" baseline 2019: ${decimal(random, 1, 60)} target 2022: ${random.int(61, 80)}, 2024: ${random.int(81, 100)}${strategy}\n` +
                    `            }\n`);
            }
            goals.push(`        goal G${g} "Meningkatnya ${dim.word} ${random.pick(['yang inklusif', 'yang berkelanjutan', 'yang berdaya saing', 'yang efektif', 'berbasis data'])}" {\n${goalIndicator}${objectives.join('')}        }\n`);
        }
        missionsText.push(`    mission M${m} "Mewujudkan ${dim.word} yang ${random.pick(['maju', 'mandiri', 'sejahtera', 'berkelanjutan', 'berdaya saing'])} di ${regionLabel}" {\n${goals.join('')}    }\n`);
    }
    const nPrograms = Math.max(counts.rpjmdPrograms, objectivePaths.length);
    const programIds: string[] = [];
    const programs: string[] = [];
    let code = 0;
    for (let p = 0; p < nPrograms; p++) {
        // codes: urusan (1-5) . bidang (01-31) . program (02-99), unique within the RPJMD
        let urusan: number, bidang: number, prog: number;
        do {
            urusan = 1 + (code % 5);
            bidang = 1 + (Math.floor(code / 5) % 31);
            prog = 2 + Math.floor(code / 155);
            code++;
        } while (prog > 99);
        const codeText = `${urusan}.${String(bidang).padStart(2, '0')}.${String(prog).padStart(2, '0')}`;
        const id = `P${codeText.replace(/\./g, '')}`;
        programIds.push(id);
        // objectives are served round-robin first, so that each is served by a program
        const serves = [objectivePaths[p % objectivePaths.length]];
        if (random.chance(0.3)) {
            const extra = random.pick(objectivePaths);
            if (!serves.includes(extra)) serves.push(extra);
        }
        const dim = DIMENSIONS[p % DIMENSIONS.length];
        const budget = random.chance(0.35) ? ` budget 2020: ${money(random)}, 2021: ${money(random)}` : '';
        programs.push(`    program ${id} "Program ${random.pick(['Pengelolaan', 'Penyelenggaraan', 'Peningkatan', 'Pengembangan', 'Pembinaan'])} ${random.pick(dim.topics)}" code "${codeText}" owner ${nextOwner()}\n        serves ${serves.join(', ')}${budget}\n`);
    }
    rpjmdParts.push(`// RPJMD ${regionLabel} 2019-2024, sebatas yang dirujuk masterplan smart city.\n// Jenjangnya: misi > tujuan > sasaran; lalu program perangkat daerah dengan kode nomenklatur.\n\n`);
    rpjmdParts.push(`rpjmd ${rpjmdId} "RPJMD ${regionLabel} 2019-2024" {\n    period 2019..2024\n    vision "Terwujudnya ${regionLabel} yang Sejahtera, Mandiri dan Berdaya Saing"\n\n`);
    rpjmdParts.push(missionsText.join('\n'));
    rpjmdParts.push(`\n    // ---- Program perangkat daerah ----\n\n`);
    rpjmdParts.push(programs.join(''));
    rpjmdParts.push('}\n');

    // workshops
    const workshops: string[] = [];
    const workshopIds: string[] = [];
    const firstDay = Date.UTC(2019, 6, 15);
    for (let w = 1; w <= counts.workshops; w++) {
        // within the five years of the plan's preparation and first RPJMD
        const day = firstDay + ((w - 1) * 17 % 1820) * 86400000;
        const id = names.take(`Bimtek${w}`);
        workshopIds.push(id);
        const start = new Date(day);
        const end = new Date(day + 86400000);
        const iso = (d: Date) => d.toISOString().slice(0, 10);
        const participants: string[] = [];
        const nPart = random.int(6, 14);
        for (let i = 0; i < nPart; i++) {
            const id2 = random.pick(owners).id;
            if (!participants.includes(id2)) participants.push(id2);
        }
        workshops.push(`workshop ${id} "Bimtek Tahap ${w}: ${random.pick(['Analisis Kesiapan Daerah', 'Penyusunan Masterplan', 'Program Inovasi per Dimensi', 'Rencana Implementasi', 'Quick Win'])}" {\n` +
            `    dates ${iso(start)}..${iso(end)}\n    drafts ${random.pick(['book1', 'book2', 'book2, book3'])}\n    place "Aula ${random.pick(['Sekretariat Daerah', 'Bappeda', 'Diskominfo'])} ${regionLabel}"\n` +
            `    participants ${participants.join(', ')}\n    facilitator "Tim Pendamping Gerakan Menuju 100 Smart City"\n    attendance ${random.int(30, 90)}\n` +
            `    note "${random.pick(SENTENCES)}"\n}\n`);
    }

    // pillars with programmes and quick wins
    const pillars: string[] = [];
    const initiatives: InitiativeInfo[] = [];
    let programCursor = 0;
    for (let k = 0; k < counts.pillarsPerDimension; k++) {
        for (const dim of DIMENSIONS) {
            const pillarId = names.take(k === 0 ? dim.name : `${dim.name}${identifier(kecamatan())}`);
            const nInit = Math.max(2, Math.round(counts.initiativesPerPillar * (0.75 + random.next() * 0.5)));
            const nQuick = Math.max(1, Math.round(nInit / 6));
            const body: string[] = [];
            const pillarInits: InitiativeInfo[] = [];
            for (let i = 0; i < nInit; i++) {
                const quick = i >= nInit - nQuick;
                const topic = random.pick(dim.topics);
                let sysIndex = random.int(0, SYSTEM_WORDS.length - 1);
                // no "Jaringan Jaringan Intra"
                if (topic.split(' ')[0] === SYSTEM_WORDS[sysIndex].split(' ').pop()) sysIndex = (sysIndex + 1) % SYSTEM_WORDS.length;
                const title = `${SYSTEM_WORDS[sysIndex]} ${topic}`;
                const id = names.take(identifier(`${SYSTEM_IDS[sysIndex]} ${topic}`));
                const owner = nextOwner();
                const nPartners = random.int(1, 3);
                const partners: string[] = [];
                for (let j = 0; j < nPartners; j++) {
                    const p = nextPartner(owner);
                    if (!partners.includes(p)) partners.push(p);
                }
                const elements = [random.pick(dim.elements)];
                if (random.chance(0.2)) {
                    const e = random.pick(dim.elements);
                    if (!elements.includes(e)) elements.push(e);
                }
                const start = quick ? random.int(2020, 2022) : random.int(2020, 2024);
                const end = quick ? start : Math.min(PLAN_END, start + random.int(1, 5));
                const length = end - start + 1;
                const horizon = quick || length <= 3 ? 'short' : length <= 5 ? 'medium' : 'long';
                const budgetYears = [];
                for (let y = start; y <= end; y++) budgetYears.push(`${y}: ${money(random)}`);
                const supports = [`${rpjmdId}.${programIds[programCursor++ % programIds.length]}`];
                if (random.chance(0.3)) supports.push(`${rpjmdId}.${random.pick(objectivePaths)}`);
                const middle = start + Math.floor((length - 1) / 2);
                const targets = length <= 2 ? `${end}: ${random.int(50, 100)}` : `${middle}: ${random.int(30, 70)}, ${end}: ${random.int(71, 100)}`;
                const lines = [
                    `        element ${elements.join(', ')}`,
                    `        owner ${owner}`,
                    `        partners ${partners.join(', ')}`,
                    `        horizon ${horizon}`,
                    quick ? `        year ${start}` : `        years ${start}..${end}`,
                    `        budget ${budgetYears.join(', ')}`,
                    `        supports ${supports.join(', ')}`,
                    `        indicator "${random.pick(INDICATOR_WORDS)} ${title.toLowerCase()}" unit "${random.pick(UNITS)}" baseline ${start - 1}: ${random.int(0, 29)} target ${targets}`,
                ];
                if (!quick && random.chance(0.4)) {
                    // `after` an earlier initiative (of this pillar or of the plan) that starts no later
                    const candidates = (random.chance(0.6) ? pillarInits : initiatives).filter(x => x.start <= start);
                    if (candidates.length > 0) lines.push(`        after ${random.pick(candidates).id}`);
                }
                if (quick) {
                    lines.push(`        impact ${random.pick(['high', 'medium', 'high'])}`, `        effort ${random.pick(['low', 'low', 'medium'])}`, `        agreed ${random.pick(workshopIds)}`);
                }
                if (random.chance(0.35)) lines.push(`        description ${textBlock(sentences(random, random.int(2, 4)), '        ')}`);
                const comment = random.chance(0.15) ? `    // ${random.pick(SENTENCES)}\n` : '';
                body.push(`${comment}    ${quick ? 'quickwin' : 'programme'} ${id} "${title}" {\n${lines.join('\n')}\n    }\n`);
                const info = { id, start };
                pillarInits.push(info);
                initiatives.push(info);
            }
            pillars.push(`pillar ${pillarId} "${dim.title}${k === 0 ? '' : ` Wilayah ${pillarId.slice(dim.name.length)}`}" dimension ${dim.name} {\n` +
                `    description "${capitalize(dim.word)} ${regionLabel} yang efektif, efisien dan berbasis data."\n` +
                `    strategy "${random.pick(SENTENCES)}"\n\n${body.join('\n')}}\n`);
        }
    }

    // readiness: three aspects with scored items
    const aspectsOrder = [['structure', 'Struktur'], ['infrastructure', 'Infrastruktur'], ['superstructure', 'Suprastruktur']];
    const readinessBlocks: string[] = [];
    const itemsPerBlock = 30;
    const nBlocks = Math.max(1, Math.ceil(counts.readinessItems / itemsPerBlock));
    for (let b = 0; b < nBlocks; b++) {
        const nItems = Math.min(itemsPerBlock, counts.readinessItems - b * itemsPerBlock);
        const aspects = aspectsOrder.map(([name, title], a) => {
            const items: string[] = [];
            for (let i = a; i < nItems; i += 3) {
                items.push(`        item "${random.pick(['SDM TIK', 'Jaringan', 'Regulasi', 'Anggaran', 'Aplikasi', 'Data', 'Kelembagaan'])} ${random.pick(DIMENSIONS).topics[0].toLowerCase()}" score ${random.int(1, 5)} of 5\n` +
                    `            note "${random.pick(SENTENCES)}"\n            owner ${random.pick(owners).id}\n`);
            }
            const aspectName = b === 0 ? name : `${name}${b + 1}`;
            return `    aspect ${aspectName} "${title}${b === 0 ? '' : ` (${b + 1})`}" {\n        description "${random.pick(SENTENCES)}"\n${items.join('')}    }\n`;
        });
        readinessBlocks.push(`// Buku I: Analisis Kesiapan Daerah.\n\nreadiness "Analisis Kesiapan Daerah${b === 0 ? '' : ` (${b + 1})`}" {\n    scale 5\n    assessed 2019-07-15\n\n${aspects.join('\n')}` +
            (b === 0 ? `\n    conclusion ${textBlock(sentences(random, 4), '    ')}\n` : '') + '}\n');
    }

    const masterplan = `// Masterplan Smart City ${regionLabel} 2020-2029.\n\n` +
        `masterplan ${planId} "Masterplan Smart City ${regionLabel}" en "Smart City Masterplan of ${regionLabel}" {\n` +
        `    region "${regionLabel}"\n    province "${region.province}"\n    period ${PLAN_START}..${PLAN_END}\n\n` +
        `    vision "${region.name} Cerdas, Sejahtera dan Berdaya Saing melalui Tata Kelola Berbasis Teknologi Informasi"\n\n` +
        DIMENSIONS.map(d => `    mission "Mewujudkan ${d.word} yang cerdas dan berkelanjutan"\n`).join('') +
        `\n    regulation "Peraturan ${region.kind === 'Kota' ? 'Wali Kota' : 'Bupati'} ${region.name} tentang Masterplan Smart City Tahun 2020-2029"\n` +
        `    consultant "Tim Pendamping Gerakan Menuju 100 Smart City"\n    rpjmd ${rpjmdId}\n    framework Kominfo\n\n` +
        `    description ${textBlock(sentences(random, 5), '    ')}\n}\n`;

    return {
        masterplan,
        rpjmd: rpjmdParts.join(''),
        owners: owners.map(o => o.text),
        pillars,
        workshops,
        readiness: readinessBlocks,
    };
}

const encoder = new TextEncoder();
const bytesOf = (s: string): number => encoder.encode(s).length;

/** Packs declarations into about `n` files of similar size, in order. */
function pack(decls: string[], n: number, header: string): string[] {
    const count = Math.max(1, Math.min(n, decls.length));
    const total = decls.reduce((sum, d) => sum + d.length, 0);
    const perFile = total / count;
    const files: string[] = [];
    let current: string[] = [];
    let size = 0;
    for (const decl of decls) {
        if (size >= perFile && files.length < count - 1) {
            files.push(header + current.join('\n'));
            current = [];
            size = 0;
        }
        current.push(decl);
        size += decl.length;
    }
    if (current.length > 0) files.push(header + current.join('\n'));
    return files;
}

/** One plan: relative path -> text. */
export function generatePlan(options: PlanOptions): Map<string, string> {
    const random = createRandom(options.seed ^ 0x5bd1e995);
    const region = options.region ?? { kind: 'Kabupaten', name: placeName(random), province: random.pick(PROVINCES)[0] };
    // find the scale factor that gives the target size (size is close to linear in s)
    let s = options.targetBytes / 52000;
    let plan = buildPlan(options.seed, s, region);
    for (let i = 0; i < 3; i++) {
        const size = planBytes(plan);
        if (Math.abs(size - options.targetBytes) / options.targetBytes < 0.02) break;
        s *= options.targetBytes / size;
        plan = buildPlan(options.seed, s, region);
    }
    return layout(plan, Math.max(6, options.files));
}

function planBytes(plan: ReturnType<typeof buildPlan>): number {
    return bytesOf(plan.masterplan) + bytesOf(plan.rpjmd) + [...plan.owners, ...plan.pillars, ...plan.workshops, ...plan.readiness].reduce((sum, d) => sum + bytesOf(d), 0);
}

/** Spreads the declarations over about `files` files: one masterplan and one RPJMD file, the rest by size. */
function layout(plan: ReturnType<typeof buildPlan>, files: number): Map<string, string> {
    const result = new Map<string, string>();
    result.set('masterplan.mplan', plan.masterplan);
    result.set('rpjmd.mplan', plan.rpjmd);
    const groups = [
        { dir: 'owners', decls: plan.owners, header: '// Para pemangku kepentingan (owner): perangkat daerah, swasta, komunitas, perguruan tinggi dan instansi pusat.\n\n' },
        { dir: 'pillars', decls: plan.pillars, header: '// Pilar smart city: programme dan quick win per dimensi nasional.\n\n' },
        { dir: 'workshops', decls: plan.workshops, header: '// Rekam jejak bimtek (bimbingan teknis).\n\n' },
        { dir: 'readiness', decls: plan.readiness, header: '' },
    ];
    const sizes = groups.map(g => g.decls.reduce((sum, d) => sum + d.length, 0));
    const total = sizes.reduce((a, b) => a + b, 0);
    const available = Math.max(groups.length, files - 2);
    groups.forEach((group, i) => {
        const n = Math.max(1, Math.round(available * sizes[i] / total));
        const texts = pack(group.decls, n, group.header);
        const width = String(texts.length).length;
        texts.forEach((text, j) => {
            const name = texts.length === 1 ? `${group.dir}.mplan` : `${group.dir}/${group.dir}-${String(j + 1).padStart(width, '0')}.mplan`;
            result.set(name, text);
        });
    });
    return result;
}

/**
 * A national corpus: one plan per regency and city (416 + 98 = 514), each in its own folder
 * `<province>/<kabupaten-or-kota>/`, all in one repository. Plan sizes spread log-uniformly between
 * `minBytes` and `maxBytes`, with files in proportion (about one per 5 KB, at least 8).
 */
export function generateCorpus(options: CorpusOptions): Map<string, string> {
    const random = createRandom(options.seed);
    const regions: Region[] = [];
    for (const [province, kabupaten, kota] of PROVINCES) {
        for (let i = 0; i < kabupaten; i++) regions.push({ kind: 'Kabupaten', name: placeName(random), province });
        for (let i = 0; i < kota; i++) regions.push({ kind: 'Kota', name: placeName(random), province });
    }
    // 38 provinces as of 2024: 416 kabupaten and 98 kota; the table above is close, pad or trim to size
    while (regions.length < options.plans) regions.push({ kind: 'Kabupaten', name: placeName(random), province: random.pick(PROVINCES)[0] });
    const chosen = regions.length > options.plans ? spread(regions, options.plans) : regions;
    const result = new Map<string, string>();
    const usedFolders = new Set<string>();
    chosen.forEach((region, i) => {
        const size = Math.round(options.minBytes * Math.pow(options.maxBytes / options.minBytes, random.next()));
        const files = Math.max(8, Math.round(size / 5000));
        const plan = generatePlan({ seed: options.seed * 1000 + i + 1, targetBytes: size, files, region });
        const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
        let folder = `${slug(region.province)}/${slug(`${region.kind} ${region.name}`)}`;
        for (let k = 2; usedFolders.has(folder); k++) folder = `${slug(region.province)}/${slug(`${region.kind} ${region.name}`)}-${k}`;
        usedFolders.add(folder);
        for (const [file, text] of plan) result.set(`${folder}/${file}`, text);
    });
    return result;
}

function spread<T>(items: T[], n: number): T[] {
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(items[Math.floor(i * items.length / n)]);
    return out;
}
