import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { MAX_YEAR, MIN_YEAR } from '../model/periods.js';
import { isKeyword } from './keywords.js';

/**
 * The files of a new plan, as `mplan init` and the editor's "new plan" command write them: the
 * masterplan header, an owners file, an RPJMD skeleton, the six national pillars (each with one
 * programme and one quick win to replace), readiness and workshop stubs. Comments teach the syntax.
 * The result validates with no diagnostics when the options pass `planNameProblem` and
 * `regionProblem` and the start year lies in FIRST_START_YEAR..LAST_START_YEAR; the region goes into
 * string literals escaped, so any region reads back as given.
 */
export interface NewPlanOptions {
    /** The plan's identifier, e.g. `Garut`. */
    name: string;
    /** The region's name, e.g. `Kabupaten Garut`. */
    region: string;
    /** The first year of the masterplan's ten-year period. */
    startYear: number;
}

export interface NewPlanFile {
    /** Path relative to the plan folder, with `/`. */
    path: string;
    text: string;
}

/** Turns free text into a plan identifier: `Kabupaten Garut` -> `Garut`, `kota-bandung` -> `KotaBandung`. */
export function toIdentifier(text: string): string {
    const words = text.replace(/^(kabupaten|kota)\s+/i, '').normalize('NFKD').replace(/[^\w\s-]/g, '').split(/[\s_-]+/).filter(Boolean);
    const id = words.map(w => w[0].toUpperCase() + w.slice(1)).join('');
    return /^[A-Za-z_]/.test(id) ? id : `Plan${id}`;
}

/**
 * The years a new plan may start in: its years run from the year before the start (the RPJMD's
 * first year, the workshops) to the ninth year after it (the end of the period), and each must be
 * a plausible year (MIN_YEAR..MAX_YEAR), or the new plan would not validate.
 */
export const FIRST_START_YEAR = MIN_YEAR + 1;
export const LAST_START_YEAR = MAX_YEAR - 9;

/** The names the new plan declares besides its own (owners, RPJMD and its items, pillars, initiatives, aspects, workshops). */
function declaredNames(startYear: number): Set<string> {
    return new Set([
        ...OWNERS, rpjmdName(startYear), 'M1', 'G1', 'O1', 'P21603',
        ...PILLARS.flatMap(p => [p.dimension, p.programme.name, p.quickwin.name]),
        'structure', 'infrastructure', 'superstructure', ...WORKSHOPS,
    ]);
}

/**
 * Why `name` cannot be the name of a new plan starting in `startYear`, or undefined when it can:
 * it must be an identifier, not a keyword, and not a name the new plan declares itself.
 */
export function planNameProblem(name: string, startYear: number): string | undefined {
    if (!/^[A-Za-z_]\w*$/.test(name)) return 'a plan name has letters, digits and _ only, and does not start with a digit';
    if (isKeyword(name)) return 'that is a keyword of the language, not a name';
    if (declaredNames(startYear).has(name)) return 'the new plan already gives that name to something else (an owner, its RPJMD, a pillar, a programme or a workshop)';
    return undefined;
}

/** A name for a new plan from free text (a region, a folder, a refused name) that `planNameProblem` accepts. */
export function suggestPlanName(text: string, startYear: number): string {
    let name = toIdentifier(text);
    while (planNameProblem(name, startYear)) name += 'Plan';
    return name;
}

/**
 * Why `region` cannot be the region of a new plan, or undefined when it can: it must not be blank,
 * and must not hold line breaks or other control characters (it goes into titles of the books).
 */
export function regionProblem(region: string): string | undefined {
    if (region.trim() === '') return 'the region is empty';
    if (/[\p{Cc}\u2028\u2029]/u.test(region)) return 'the region holds a line break, a tab or another control character; give it on one line';
    return undefined;
}

/** A string literal of the language holding `text`: quotes and backslashes escaped, as the value converter reads them back. */
function quote(text: string): string {
    return `"${text.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}

const OWNERS = ['Diskominfo', 'Bappeda'];
const WORKSHOPS = ['Bimtek1', 'Bimtek2'];

function rpjmdName(startYear: number): string {
    return `RPJMD${startYear - 1}`;
}

interface PillarTemplate {
    file: string;
    dimension: string;
    title: string;
    programme: { name: string; title: string; element: string; owner: string };
    quickwin: { name: string; title: string; element: string; owner: string };
}

const PILLARS: PillarTemplate[] = [
    { file: 'governance', dimension: 'Governance', title: 'Smart Governance',
        programme: { name: 'LayananPublikTerpadu', title: 'Layanan publik terpadu berbasis elektronik', element: 'PublicService', owner: 'Diskominfo' },
        quickwin: { name: 'PengaduanDaring', title: 'Kanal pengaduan masyarakat daring', element: 'PublicService', owner: 'Diskominfo' } },
    { file: 'branding', dimension: 'Branding', title: 'Smart Branding',
        programme: { name: 'PromosiWisataDigital', title: 'Promosi wisata daerah secara digital', element: 'Tourism', owner: 'Bappeda' },
        quickwin: { name: 'PortalWisata', title: 'Portal informasi wisata', element: 'Tourism', owner: 'Diskominfo' } },
    { file: 'economy', dimension: 'Economy', title: 'Smart Economy',
        programme: { name: 'PasarDigitalUMKM', title: 'Pasar digital untuk UMKM', element: 'Industry', owner: 'Bappeda' },
        quickwin: { name: 'PembayaranNonTunai', title: 'Pembayaran retribusi non-tunai', element: 'FinancialTransactions', owner: 'Bappeda' } },
    { file: 'living', dimension: 'Living', title: 'Smart Living',
        programme: { name: 'SistemInformasiKesehatan', title: 'Sistem informasi layanan kesehatan', element: 'Health', owner: 'Bappeda' },
        quickwin: { name: 'AntreanPuskesmas', title: 'Antrean puskesmas daring', element: 'Health', owner: 'Bappeda' } },
    { file: 'society', dimension: 'Society', title: 'Smart Society',
        programme: { name: 'LiterasiDigital', title: 'Gerakan literasi digital masyarakat', element: 'Learning', owner: 'Diskominfo' },
        quickwin: { name: 'PelatihanASN', title: 'Pelatihan TIK bagi ASN', element: 'Learning', owner: 'Diskominfo' } },
    { file: 'environment', dimension: 'Environment', title: 'Smart Environment',
        programme: { name: 'PengelolaanSampahTerpadu', title: 'Pengelolaan sampah terpadu', element: 'Waste', owner: 'Bappeda' },
        quickwin: { name: 'BankSampahDigital', title: 'Bank sampah digital', element: 'Waste', owner: 'Bappeda' } },
];

export function newPlanFiles(options: NewPlanOptions): NewPlanFile[] {
    const { name, region, startYear: y } = options;
    const end = y + 9;
    const rpjmdStart = y - 1;
    const rpjmdEnd = y + 4;
    const rpjmd = rpjmdName(y);
    const files: NewPlanFile[] = [];

    files.push({ path: 'masterplan.mplan', text: `// The masterplan: one per plan folder. Every .mplan file in this folder and below belongs to it.
masterplan ${name} ${quote(`Masterplan Smart City ${region}`)} {
    region ${quote(region)}
    province "Provinsi"                  // the province
    period ${y}..${end}                  // the ten years the masterplan covers
    vision ${quote(`Visi smart city ${region}`)}
    mission "Misi pertama"
    mission "Misi kedua"
    rpjmd ${rpjmd}                       // the RPJMD this plan is aligned with (rpjmd.mplan)
    framework Kominfo                    // check that all six national dimensions have a pillar
}
` });

    files.push({ path: 'owners.mplan', text: `// Owners: the agencies and partners that answer for programmes.
// kind is one of: agency, private, community, academia, national.
owner Diskominfo "Dinas Komunikasi dan Informatika" kind agency role "Koordinator smart city"
owner Bappeda "Badan Perencanaan Pembangunan Daerah" kind agency role "Perencanaan dan penganggaran"
` });

    files.push({ path: 'rpjmd.mplan', text: `// The RPJMD: the region's five-year development plan. Programmes link to it with \`supports\`.
// Paths name items from outside: ${rpjmd}.M1.G1.O1 is objective O1 of goal G1 of mission M1.
rpjmd ${rpjmd} ${quote(`RPJMD ${region} ${rpjmdStart}-${rpjmdEnd}`)} {
    period ${rpjmdStart}..${rpjmdEnd}
    mission M1 "Misi RPJMD pertama" {
        goal G1 "Tujuan pertama" {
            objective O1 "Sasaran pertama" {
                indicator "Indeks kepuasan masyarakat" unit "%" baseline ${rpjmdStart}: 70 target ${rpjmdEnd}: 85
            }
        }
    }
    // A program with its national nomenclature code (urusan.bidang.program) and the objectives it serves.
    program P21603 "Pengelolaan Aplikasi Informatika" code "2.16.03" owner Diskominfo serves M1.G1.O1
}
` });

    for (const p of PILLARS) {
        files.push({ path: `pillars/${p.file}.mplan`, text: `// Pillar ${p.title}: programmes and quick wins of the ${p.dimension} dimension.
pillar ${p.dimension} "${p.title}" dimension ${p.dimension} {
    programme ${p.programme.name} "${p.programme.title}" {
        element ${p.programme.element}              // an element of the ${p.dimension} dimension
        owner ${p.programme.owner}                  // the responsible agency
        horizon medium                  // short, medium or long
        years ${y + 1}..${y + 3}
        budget ${y + 1}: Rp 500 juta, ${y + 2}: Rp 1,2 miliar
        supports ${rpjmd}.M1.G1.O1
    }
    quickwin ${p.quickwin.name} "${p.quickwin.title}" {
        element ${p.quickwin.element}
        owner ${p.quickwin.owner}
        year ${y}                       // a quick win is achieved within one year
        impact high   effort low
        supports ${rpjmd}.P21603
        agreed Bimtek2
    }
}
` });
    }

    files.push({ path: 'readiness.mplan', text: `// The readiness assessment (Book I): scores per aspect, on the scale given.
readiness "Analisis Kesiapan Daerah" {
    scale 5
    aspect structure "Struktur" {
        item "SDM TIK" score 2 of 5 note "Jumlah ASN berlatar belakang TIK"
    }
    aspect infrastructure "Infrastruktur" {
        item "Jaringan internet kantor pemerintah" score 3 of 5
    }
    aspect superstructure "Suprastruktur" {
        item "Regulasi SPBE" score 2 of 5
    }
}
` });

    files.push({ path: 'workshops.mplan', text: `// The workshops (bimtek) in which the plan was drafted.
workshop Bimtek1 "Bimtek Tahap I" {
    dates ${y - 1}-07-01..${y - 1}-07-02
    drafts book1
    participants Diskominfo, Bappeda
}
workshop Bimtek2 "Bimtek Tahap II" {
    dates ${y - 1}-08-05..${y - 1}-08-06
    drafts book2
    participants Diskominfo, Bappeda
}
` });
    return files;
}

/**
 * The `.mplan` files already in a folder and below it (relative paths with `/`, sorted): a new plan
 * goes only into a folder that has none, so that it never merges with or overwrites another plan.
 */
export async function existingPlanFiles(folder: string): Promise<string[]> {
    const found: string[] = [];
    const walk = async (current: string, prefix: string): Promise<void> => {
        let entries;
        try {
            entries = await fs.readdir(current, { withFileTypes: true });
        } catch {
            return;
        }
        for (const entry of entries) {
            const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
            if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') await walk(path.join(current, entry.name), relative);
            else if (entry.name.endsWith('.mplan')) found.push(relative);
        }
    };
    await walk(folder, '');
    return found.sort();
}
