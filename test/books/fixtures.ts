/**
 * Hand-written book outlines for the renderer tests: a Book II-like outline in Indonesian with every
 * kind of block, and hostile strings in the places plan text can reach.
 */
import type { Book, SourceRef, Section, Table, BarChart, GanttChart } from '../../src/books/outline.js';

const URI = 'file:///plans/tabalong/program.mplan';

/** A source reference into the fixture plan. */
export function src(kind: string, name: string | undefined, line: number, character = 4, uri = URI): SourceRef {
    return { uri, kind, name, range: { start: { line, character }, end: { line, character: character + 10 } } };
}

export const HOSTILE = {
    script: '<script>alert(1)</script>',
    imgAttr: '"><img src=x onerror=alert(1)>',
    rlo: 'Anggaran \u202Egnp.exe\u202C resmi',
    control: 'Bel\u0007 dan\u0000 null\u001B[31m',
    jsLink: '[klik di sini](javascript:alert(1))',
};

export const budgetTable: Table = {
    type: 'table',
    caption: 'Anggaran per tahun (Rp)',
    id: 'tabel-anggaran',
    columns: [
        { header: 'Tahun', align: 'left', width: 1 },
        { header: 'Program', align: 'right', width: 1 },
        { header: 'Anggaran', align: 'right', width: 2 },
    ],
    rows: [
        { cells: [{ content: [{ type: 'text', text: '2021' }] }, { content: [{ type: 'text', text: '3' }] }, { content: [{ type: 'text', text: 'Rp 2,4 miliar' }] }] },
        { cells: [{ content: [{ type: 'text', text: '2022' }] }, { content: [{ type: 'text', text: '5' }] }, { content: [{ type: 'text', text: 'Rp 4,1 miliar' }] }] },
        { cells: [{ content: [{ type: 'text', text: '2023' }] }, { content: [{ type: 'text', text: '4' }] }, { content: [{ type: 'text', text: 'Rp 3,35 miliar' }] }] },
        { cells: [{ content: [{ type: 'text', text: 'Jumlah', bold: true }] }, { content: [{ type: 'text', text: '12' }] }, { content: [{ type: 'text', text: 'Rp 9,85 miliar' }] }], total: true },
    ],
};

export const matrixTable: Table = {
    type: 'table',
    caption: 'Matriks keterkaitan sasaran RPJMD dan program',
    id: 'matriks-rpjmd',
    columns: [{ header: 'Sasaran RPJMD', width: 3 }, { header: 'E-Office', align: 'center', width: 1 }, { header: 'Data Center', align: 'center', width: 1 }, { header: HOSTILE.imgAttr, align: 'center', width: 1 }],
    rows: [
        {
            source: src('RpjmdObjective', 'O1', 12),
            cells: [
                { content: [{ type: 'source', text: 'M1.G1.O1 Meningkatnya kepuasan masyarakat', source: src('RpjmdObjective', 'O1', 12) }] },
                { content: [], mark: true },
                { content: [] },
                { content: [{ type: 'text', text: HOSTILE.script }] },
            ],
        },
        {
            cells: [
                { content: [{ type: 'text', text: 'M3.G2.O1 Meningkatnya aksesibilitas transportasi' }] },
                { content: [] },
                { content: [], mark: true },
                { content: [], mark: true },
            ],
        },
    ],
};

export const readinessChart: BarChart = {
    type: 'bar-chart',
    caption: 'Skor kesiapan per aspek',
    id: 'grafik-kesiapan',
    max: 5,
    bars: [
        { label: 'SDM TIK', value: 2, display: '2 / 5', group: 'Struktur', source: src('ReadinessItem', undefined, 40) },
        { label: 'Jaringan internet kecamatan', value: 3.5, display: '3,5 / 5', group: 'Infrastruktur' },
        { label: 'Pusat data', value: 1, display: '1 / 5', group: 'Infrastruktur' },
        { label: 'Peraturan bupati tentang SPBE', value: 4, display: '4 / 5', group: 'Suprastruktur' },
        { label: HOSTILE.script, value: 5, display: '5 / 5', group: HOSTILE.imgAttr },
    ],
};

export const budgetChart: BarChart = {
    type: 'bar-chart',
    caption: 'Anggaran per pilar',
    bars: [
        { label: 'Smart Governance', value: 2_000_000_000, display: 'Rp 2 miliar' },
        { label: 'Smart Economy', value: 1_000_000_000, display: 'Rp 1 miliar' },
        { label: 'Smart Living', value: 500_000_000, display: 'Rp 500 juta' },
    ],
};

export const roadmap: GanttChart = {
    type: 'gantt',
    caption: 'Peta jalan 2020\u20132029',
    id: 'peta-jalan',
    years: { start: 2020, end: 2029 },
    sections: [
        {
            label: 'Smart Governance',
            tasks: [
                { label: 'Data Center Kabupaten', start: 2020, end: 2021, source: src('Programme', 'DataCenter', 20) },
                { label: 'E-Office terintegrasi', start: 2021, end: 2023, source: src('Programme', 'EOffice', 30) },
                { label: 'Langsat Manis: angkutan umum gratis', start: 2020, end: 2020, milestone: true, source: src('QuickWin', 'LangsatManis', 50) },
            ],
        },
        {
            label: 'Smart Economy',
            tasks: [
                { label: 'Pasar daring UMKM Tabalong dan pelatihan pemasaran digital', start: 2022, end: 2026 },
                { label: HOSTILE.script, start: 2027, end: 2029 },
            ],
        },
    ],
};

const description = [
    'Program ini menyatukan **persuratan elektronik** dan *disposisi* di seluruh OPD.',
    '',
    '### Tahapan',
    '',
    '1. Kajian kebutuhan',
    '2. Pengadaan aplikasi `e-office`',
    '3. Pelatihan operator',
    '',
    '- Lihat [pedoman SPBE](https://spbe.go.id/pedoman) dan [kontak](mailto:diskominfo@tabalongkab.go.id).',
    `- Tautan berbahaya: ${HOSTILE.jsLink}`,
    '- Gambar: ![logo](http://evil.example/x.png)',
    '',
    `HTML mentah: ${HOSTILE.script} dan <b onclick="x()">tebal</b>.`,
    `Tanda: ${HOSTILE.rlo}; kontrol: ${HOSTILE.control}`,
].join('\n');

const pillarGovernance: Section = {
    type: 'section',
    level: 1,
    title: 'Pilar Smart Governance',
    id: 'pillar-governance',
    source: src('Pillar', 'Governance', 18, 0),
    children: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Pilar ini memuat program tata kelola pemerintahan berbasis elektronik.' }], style: 'lead' },
        {
            type: 'section',
            level: 2,
            title: 'E-Office terintegrasi',
            id: 'programme-eoffice',
            source: src('Programme', 'EOffice', 30),
            children: [
                {
                    type: 'list',
                    ordered: false,
                    items: [
                        { content: [{ type: 'text', text: 'Penanggung jawab: ', bold: true }, { type: 'source', text: 'Dinas Komunikasi dan Informatika', source: src('Owner', 'Diskominfo', 3, 6) }] },
                        { content: [{ type: 'text', text: 'Mitra: ', bold: true }, { type: 'text', text: 'Bappeda' }] },
                        { content: [{ type: 'text', text: 'Tahun: ', bold: true }, { type: 'text', text: '2021\u20132023' }] },
                    ],
                },
                { type: 'markdown', markdown: description, source: src('Programme', 'EOffice', 40) },
                {
                    type: 'section',
                    level: 3,
                    title: 'Indikator',
                    id: 'programme-eoffice-indikator',
                    children: [
                        {
                            type: 'table',
                            caption: 'Indikator E-Office',
                            columns: [{ header: 'Indikator' }, { header: 'Satuan', align: 'center' }, { header: 'Baseline 2020', align: 'right' }, { header: 'Target 2023', align: 'right' }],
                            rows: [{ source: src('Indicator', undefined, 36), cells: [{ content: [{ type: 'text', text: 'OPD yang memakai e-office' }] }, { content: [{ type: 'text', text: '%' }] }, { content: [{ type: 'text', text: '10' }] }, { content: [{ type: 'text', text: '100' }] }] }],
                        },
                        { type: 'paragraph', content: [{ type: 'text', text: 'Lihat juga ' }, { type: 'ref', text: 'peta jalan', target: 'roadmap' }, { type: 'text', text: ' dan ' }, { type: 'ref', text: 'bagian yang tidak ada', target: 'nowhere' }, { type: 'text', text: '.' }] },
                    ],
                },
            ],
        },
    ],
};

/** A realistic Book II outline with every block type and hostile strings. */
export function bookII(): Book {
    return {
        book: 2,
        language: 'id',
        title: 'Buku II: Masterplan Smart City',
        subtitle: 'Masterplan Smart City Kabupaten Tabalong',
        titlePage: ['Kabupaten Tabalong', 'Provinsi Kalimantan Selatan', 'Periode 2020\u20132029', `Disusun oleh ${HOSTILE.imgAttr}`],
        date: '2019-08-06',
        plan: 'Tabalong',
        labels: { contents: 'Daftar Isi', page: 'Halaman', table: 'Tabel', figure: 'Gambar', generatedBy: 'Dibuat dengan mplan' },
        sections: [
            {
                type: 'section',
                level: 1,
                title: 'Visi dan Misi',
                id: 'vision',
                source: src('Masterplan', 'Tabalong', 0, 0),
                children: [
                    { type: 'paragraph', style: 'callout', content: [{ type: 'text', text: 'Tabalong cerdas, sejahtera dan berdaya saing', italic: true }], source: src('Masterplan', 'Tabalong', 4) },
                    { type: 'list', ordered: true, items: [{ content: [{ type: 'text', text: 'Tata kelola pemerintahan yang baik' }], source: src('RpjmdMission', 'M1', 10) }, { content: [{ type: 'text', text: 'Ekonomi kerakyatan yang tangguh' }] }] },
                    { type: 'key-figures', items: [{ label: 'Program', value: '12' }, { label: 'Quick win', value: '4' }, { label: 'Total anggaran', value: 'Rp 9,85 miliar' }] },
                    { type: 'paragraph', style: 'note', content: [{ type: 'text', text: `Catatan: ${HOSTILE.script} ${HOSTILE.rlo} ${HOSTILE.control}` }] },
                ],
            },
            {
                type: 'section',
                level: 1,
                title: `Keselarasan dengan RPJMD ${HOSTILE.script}`,
                id: 'alignment',
                children: [matrixTable, readinessChart],
            },
            pillarGovernance,
            {
                type: 'section',
                level: 1,
                title: 'Peta Jalan',
                id: 'roadmap',
                children: [roadmap],
            },
            {
                type: 'section',
                level: 1,
                title: 'Anggaran',
                id: 'budget',
                children: [budgetTable, budgetChart, { type: 'section', level: 2, title: 'Anggaran per pemilik', id: 'budget-owner', children: [{ type: 'paragraph', content: [{ type: 'text', text: 'Rincian per pemilik program.' }] }] }],
            },
        ],
    };
}
