import type { Language } from '../outline.js';

/**
 * Locale formatting for the books: numbers, money, percentages and dates the reader's way.
 * Implemented with explicit rules (no `Intl`, no ICU data), so that the same plan gives the
 * same bytes on every machine.
 */

interface LocaleConventions {
    readonly decimal: string;
    readonly group: string;
    readonly currency: string;
    /** Scale words from the largest down: factor and word. */
    readonly scales: ReadonlyArray<{ readonly factor: bigint; readonly word: string }>;
    readonly months: readonly string[];
    /** The dash between the two ends of a range. */
    readonly rangeDash: string;
}

const LOCALES: Readonly<Record<Language, LocaleConventions>> = {
    id: {
        decimal: ',',
        group: '.',
        currency: 'Rp',
        scales: [
            { factor: 1_000_000_000_000n, word: 'triliun' },
            { factor: 1_000_000_000n, word: 'miliar' },
            { factor: 1_000_000n, word: 'juta' },
        ],
        months: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
        rangeDash: '–',
    },
    en: {
        decimal: '.',
        group: ',',
        currency: 'IDR',
        scales: [
            { factor: 1_000_000_000_000n, word: 'trillion' },
            { factor: 1_000_000_000n, word: 'billion' },
            { factor: 1_000_000n, word: 'million' },
        ],
        months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
        rangeDash: '–',
    },
};

/** Groups the digits of a non-negative whole number in thousands: `1234567` -> `1.234.567`. */
function groupDigits(digits: string, separator: string): string {
    let out = '';
    for (let i = 0; i < digits.length; i++) {
        if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
        out += digits[i];
    }
    return out;
}

/**
 * Writes a fixed-point value (`units` hundredths, thousandths… given by `decimals`) with the
 * locale's marks, dropping trailing zeros of the fraction down to `minDecimals`.
 */
function writeFixed(units: bigint, decimals: number, minDecimals: number, locale: LocaleConventions): string {
    const negative = units < 0n;
    const abs = negative ? -units : units;
    const factor = 10n ** BigInt(decimals);
    const integer = (abs / factor).toString();
    let fraction = decimals > 0 ? (abs % factor).toString().padStart(decimals, '0') : '';
    while (fraction.length > minDecimals && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
    const text = groupDigits(integer, locale.group) + (fraction ? locale.decimal + fraction : '');
    return negative && (integer !== '0' || /[1-9]/.test(fraction)) ? `-${text}` : text;
}

/** Rounds a number to `decimals` places, half away from zero, as a scaled integer. */
function toUnits(value: number, decimals: number): bigint {
    const factor = 10 ** decimals;
    const scaled = Math.round(Math.abs(value) * factor + 1e-9);
    return BigInt(value < 0 ? -scaled : scaled);
}

/**
 * Formats a number with the reader's marks: `1.234,5` (id) / `1,234.5` (en). At most
 * `maxDecimals` decimals (2 by default), trailing zeros dropped down to `minDecimals`.
 */
export function formatNumber(value: number, lang: Language, options: { maxDecimals?: number; minDecimals?: number } = {}): string {
    if (!Number.isFinite(value)) return '–';
    const maxDecimals = options.maxDecimals ?? 2;
    const minDecimals = Math.min(options.minDecimals ?? 0, maxDecimals);
    return writeFixed(toUnits(value, maxDecimals), maxDecimals, minDecimals, LOCALES[lang]);
}

/** Formats a whole number of units with thousands grouping: `1.500` / `1,500`. */
export function formatInteger(value: number, lang: Language): string {
    return formatNumber(Math.round(value), lang, { maxDecimals: 0 });
}

/**
 * Formats a sum in rupiah the reader's way: `Rp 1,2 miliar`, `Rp 800 juta`, `Rp 750.000` (id) /
 * `IDR 1.2 billion`, `IDR 800 million`, `IDR 750,000` (en). From a million up, the sum is written
 * with the largest scale word that keeps the number at least 1, with at most two decimals.
 */
export function formatMoney(rupiah: number, lang: Language): string {
    const locale = LOCALES[lang];
    if (!Number.isFinite(rupiah)) return `${locale.currency} –`;
    const whole = BigInt(Math.round(rupiah));
    const negative = whole < 0n;
    const abs = negative ? -whole : whole;
    const sign = negative ? '-' : '';
    for (let i = 0; i < locale.scales.length; i++) {
        const { factor, word } = locale.scales[i];
        if (abs < factor) continue;
        // hundredths of the scale, rounded half up
        let hundredths = (abs * 100n + factor / 2n) / factor;
        let scaleWord = word;
        // 999.999.999 rounds to 1.000 juta: write it as 1 miliar instead
        if (i > 0 && hundredths >= 100_000n) {
            const larger = locale.scales[i - 1];
            hundredths = (abs * 100n + larger.factor / 2n) / larger.factor;
            scaleWord = larger.word;
        }
        return `${sign}${locale.currency} ${writeFixed(hundredths, 2, 0, locale)} ${scaleWord}`;
    }
    return `${sign}${locale.currency} ${groupDigits(abs.toString(), locale.group)}`;
}

/**
 * Formats a share (0..1) as a percentage: `48%`, `47,5%` (id) / `47.5%` (en), with at most
 * `decimals` decimals; `fixed` keeps them all (`6,0%`), for columns of shares.
 */
export function formatPercent(ratio: number, lang: Language, decimals = 0, fixed = false): string {
    return `${formatNumber(ratio * 100, lang, { maxDecimals: decimals, minDecimals: fixed ? decimals : 0 })}%`;
}

/** Reads an ISO date (`2019-08-05`) into its parts; undefined when it is not one. */
function parseIso(iso: string): { year: number; month: number; day: number } | undefined {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!match) return undefined;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
    return { year, month, day };
}

/** Formats an ISO date as `5 Agustus 2019` (id) / `5 August 2019` (en); other text is returned as it is. */
export function formatDate(iso: string, lang: Language): string {
    const date = parseIso(iso);
    if (!date) return iso;
    return `${date.day} ${LOCALES[lang].months[date.month - 1]} ${date.year}`;
}

/**
 * Formats a span of dates compactly: `5–6 Agustus 2019`, `30 Juli – 2 Agustus 2019`,
 * `30 Desember 2019 – 2 Januari 2020`; one date when both ends are the same.
 */
export function formatDateRange(startIso: string, endIso: string | undefined, lang: Language): string {
    const locale = LOCALES[lang];
    const start = parseIso(startIso);
    const end = endIso ? parseIso(endIso) : undefined;
    if (!start) return startIso;
    if (!end || endIso === startIso) return formatDate(startIso, lang);
    if (start.year !== end.year) return `${formatDate(startIso, lang)} ${locale.rangeDash} ${formatDate(endIso!, lang)}`;
    if (start.month !== end.month) {
        return `${start.day} ${locale.months[start.month - 1]} ${locale.rangeDash} ${end.day} ${locale.months[end.month - 1]} ${end.year}`;
    }
    return `${start.day}${locale.rangeDash}${end.day} ${locale.months[start.month - 1]} ${start.year}`;
}

/** Formats a span of years: `2020–2029`, or `2020` for one year. */
export function formatYears(span: { start: number; end: number } | undefined, lang: Language): string {
    if (!span) return '–';
    return span.start === span.end ? String(span.start) : `${span.start}${LOCALES[lang].rangeDash}${span.end}`;
}

/**
 * Formats a number as written in the plan (`1,9`, `85`, `120000`) in the reader's locale, keeping
 * the text as written when it cannot be read as a number.
 */
export function formatPlanNumber(text: string | number | undefined, value: number | undefined, lang: Language): string {
    if (value === undefined) return text === undefined ? '–' : String(text);
    return formatNumber(value, lang, { maxDecimals: 4 });
}
