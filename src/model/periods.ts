import type { DateRange, YearRange } from '../language/generated/ast.js';

/** An inclusive span of years. */
export interface YearSpan {
    readonly start: number;
    readonly end: number;
}

/** Years a plan may plausibly mention. */
export const MIN_YEAR = 1945;
export const MAX_YEAR = 2100;

export type SpanResult = { ok: true; span: YearSpan } | { ok: false; message: string };

/** Reads a year range (`2020..2029`, or one year `2020`), refusing reversed ranges and implausible years. */
export function readYearRange(range: YearRange | undefined): SpanResult | undefined {
    if (!range || range.start === undefined) return undefined;
    const start = Number(range.start);
    const end = range.end === undefined ? start : Number(range.end);
    for (const year of [start, end]) {
        if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
            return { ok: false, message: `${year} is not a plausible year; write four-digit years between ${MIN_YEAR} and ${MAX_YEAR}.` };
        }
    }
    if (end < start) {
        return { ok: false, message: `The range ${start}..${end} is reversed; write the earlier year first (${end}..${start}).` };
    }
    return { ok: true, span: { start, end } };
}

export function spanLength(span: YearSpan): number {
    return span.end - span.start + 1;
}

export function overlaps(a: YearSpan, b: YearSpan): boolean {
    return a.start <= b.end && b.start <= a.end;
}

export function contains(outer: YearSpan, inner: YearSpan): boolean {
    return outer.start <= inner.start && inner.end <= outer.end;
}

export function containsYear(span: YearSpan, year: number): boolean {
    return span.start <= year && year <= span.end;
}

export function formatSpan(span: YearSpan): string {
    return span.start === span.end ? String(span.start) : `${span.start}..${span.end}`;
}

/** A calendar date, checked. */
export interface PlanDate {
    readonly year: number;
    readonly month: number;
    readonly day: number;
    /** ISO text, `2019-08-05`. */
    readonly iso: string;
}

export function readDate(text: string | undefined): PlanDate | undefined {
    if (!text) return undefined;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return undefined;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
    return { year, month, day, iso: text };
}

export type DateSpanResult = { ok: true; start: PlanDate; end: PlanDate } | { ok: false; message: string };

export function readDateRange(range: DateRange | undefined): DateSpanResult | undefined {
    if (!range || !range.start) return undefined;
    const start = readDate(range.start);
    const endText = range.end ?? range.start;
    const end = readDate(endText);
    if (!start) return { ok: false, message: `${range.start} is not a date that exists; write YYYY-MM-DD.` };
    if (!end) return { ok: false, message: `${endText} is not a date that exists; write YYYY-MM-DD.` };
    if (end.iso < start.iso) return { ok: false, message: `The dates ${start.iso}..${end.iso} are reversed; write the earlier date first.` };
    return { ok: true, start, end };
}
