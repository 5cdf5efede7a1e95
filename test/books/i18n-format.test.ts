import { describe, expect, test } from 'vitest';
import { formatDate, formatDateRange, formatMoney, formatNumber, formatPercent, formatYears } from '../../src/books/i18n/format.js';
import { id } from '../../src/books/i18n/id.js';
import { en } from '../../src/books/i18n/en.js';

describe('money the reader\'s way', () => {
    test.each([
        [1_200_000_000, 'Rp 1,2 miliar', 'IDR 1.2 billion'],
        [800_000_000, 'Rp 800 juta', 'IDR 800 million'],
        [750_000, 'Rp 750.000', 'IDR 750,000'],
        [0, 'Rp 0', 'IDR 0'],
        [1_000_000, 'Rp 1 juta', 'IDR 1 million'],
        [2_500_000_000_000, 'Rp 2,5 triliun', 'IDR 2.5 trillion'],
        [115_230_000_000, 'Rp 115,23 miliar', 'IDR 115.23 billion'],
        [1_234_567_890, 'Rp 1,23 miliar', 'IDR 1.23 billion'],
        [1_235_000_000, 'Rp 1,24 miliar', 'IDR 1.24 billion'],
        [999_999_999, 'Rp 1 miliar', 'IDR 1 billion'],
        [12_500_000, 'Rp 12,5 juta', 'IDR 12.5 million'],
        [999_999, 'Rp 999.999', 'IDR 999,999'],
        [1_500_000_000_000_000, 'Rp 1.500 triliun', 'IDR 1,500 trillion'],
    ])('%d rupiah', (rupiah, indonesian, english) => {
        expect(formatMoney(rupiah, 'id')).toBe(indonesian);
        expect(formatMoney(rupiah, 'en')).toBe(english);
    });
});

describe('numbers, percentages, dates', () => {
    test('decimal marks and thousands groups differ by language', () => {
        expect(formatNumber(1234.5, 'id')).toBe('1.234,5');
        expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
        expect(formatNumber(1234567, 'id')).toBe('1.234.567');
        expect(formatNumber(2.345, 'id', { maxDecimals: 1 })).toBe('2,3');
        expect(formatNumber(0.05, 'en', { maxDecimals: 1 })).toBe('0.1');
        expect(formatNumber(-1234.5, 'en')).toBe('-1,234.5');
        expect(formatNumber(6, 'id', { maxDecimals: 1, minDecimals: 1 })).toBe('6,0');
    });

    test('percentages', () => {
        expect(formatPercent(0.48, 'id')).toBe('48%');
        expect(formatPercent(0.475, 'id', 1)).toBe('47,5%');
        expect(formatPercent(0.475, 'en', 1)).toBe('47.5%');
        expect(formatPercent(0.06, 'id', 1, true)).toBe('6,0%');
        expect(formatPercent(1, 'en')).toBe('100%');
    });

    test('dates are written out with the month\'s name', () => {
        expect(formatDate('2019-08-05', 'id')).toBe('5 Agustus 2019');
        expect(formatDate('2019-08-05', 'en')).toBe('5 August 2019');
        expect(formatDate('2020-12-31', 'id')).toBe('31 Desember 2020');
        expect(formatDate('not a date', 'id')).toBe('not a date');
    });

    test('date ranges are compact', () => {
        expect(formatDateRange('2019-08-05', '2019-08-06', 'id')).toBe('5–6 Agustus 2019');
        expect(formatDateRange('2019-07-30', '2019-08-02', 'en')).toBe('30 July – 2 August 2019');
        expect(formatDateRange('2019-12-30', '2020-01-02', 'id')).toBe('30 Desember 2019 – 2 Januari 2020');
        expect(formatDateRange('2019-08-05', '2019-08-05', 'en')).toBe('5 August 2019');
        expect(formatDateRange('2019-08-05', undefined, 'id')).toBe('5 Agustus 2019');
    });

    test('year spans', () => {
        expect(formatYears({ start: 2020, end: 2029 }, 'id')).toBe('2020–2029');
        expect(formatYears({ start: 2020, end: 2020 }, 'en')).toBe('2020');
        expect(formatYears(undefined, 'en')).toBe('–');
    });
});

describe('the string tables', () => {
    test('both languages define the same strings, none empty', () => {
        expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
        for (const table of [id, en]) {
            for (const [key, value] of Object.entries(table)) {
                if (typeof value === 'string') expect(value, key).not.toBe('');
            }
        }
    });

    test('the book titles and headings the consultants expect', () => {
        expect(id.bookTitles[1]).toBe('Buku I: Analisis Kesiapan Daerah');
        expect(id.bookTitles[2]).toBe('Buku II: Masterplan Smart City');
        expect(id.bookTitles[3]).toBe('Buku III: Ringkasan Eksekutif');
        expect([id.contents, id.table, id.figure, id.pillar, id.programme, id.owner, id.partners, id.budget, id.year])
            .toEqual(['Daftar Isi', 'Tabel', 'Gambar', 'Pilar', 'Program', 'Penanggung jawab', 'Mitra', 'Anggaran', 'Tahun']);
        expect([id.b2Alignment, id.b2Roadmap, id.b2Gaps]).toEqual(['Keselarasan dengan RPJMD', 'Peta Jalan', 'Kesenjangan']);
        expect(en.bookTitles[3]).toBe('Book III: Executive Summary');
    });

    test('sentences with numbers format them for the reader', () => {
        expect(id.objectivesServed(17, 18, '94%')).toBe('17 dari 18 sasaran RPJMD (94%) didukung oleh sedikitnya satu program atau quick win smart city.');
        expect(en.objectivesServed(1, 1, '100%')).toContain('1 of 1 RPJMD objective (100%) is supported');
        expect(en.b1StakeholdersLead(1500, 'x')).toContain('1,500 stakeholders');
        expect(id.b1StakeholdersLead(1500, 'x')).toContain('1.500 pemangku kepentingan');
        expect(id.joinList(['a', 'b', 'c'])).toBe('a, b dan c');
        expect(en.joinList(['a', 'b'])).toBe('a and b');
    });
});
