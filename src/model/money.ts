import type { Money } from '../language/generated/ast.js';

/** Scale words and their factors. Both languages' words are accepted; `milyar` is a common spelling of `miliar`. */
export const SCALE_WORDS: Readonly<Record<string, number>> = {
    ribu: 1e3, juta: 1e6, miliar: 1e9, milyar: 1e9, triliun: 1e12,
    thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
};

/** Abbreviations people write that readers take differently; each is refused with a hint. */
const AMBIGUOUS_SCALES: Readonly<Record<string, string>> = {
    m: '`M` means miliar (billion) to an Indonesian reader and million to an English one',
    mn: '`Mn` is read as million or miliar depending on the reader',
    jt: '`jt` is an abbreviation',
    t: '`T` may mean triliun or thousand',
    rb: '`rb` is an abbreviation',
    k: '`K` is an abbreviation',
    b: '`B` may mean billion or miliar',
    bn: '`bn` is an abbreviation',
};

export type MoneyValue =
    | { ok: true; rupiah: number }
    | { ok: false; message: string };

const read = new WeakMap<Money, MoneyValue>();

/**
 * A sum of money as whole rupiah, read once per node: the `invalid-money` check, the plan model and
 * the hovers all ask, and a file's nodes outlive the builds that do not reparse it.
 */
export function readMoney(money: Money): MoneyValue {
    let value = read.get(money);
    if (!value) read.set(money, value = parseMoney(money));
    return value;
}

/**
 * Reads a sum of money as whole rupiah. Without a scale word: digits, optionally grouped in
 * thousands with dots (`750.000.000`). With one: an optional decimal part of one or two digits
 * after `,` or `.` (`1,2 miliar`). Anything that could be read two ways is refused.
 */
export function parseMoney(money: Money): MoneyValue {
    const amount = String(money.amount ?? '');
    const scaleWord = money.scale;
    const hint = 'write whole rupiah (`Rp 750000000`) or a number with a scale word (`Rp 1,2 miliar`, `Rp 800 juta`)';
    if (!scaleWord) {
        if (/^\d+$/.test(amount)) return whole(BigInt(amount));
        if (/^\d{1,3}(\.\d{3})+$/.test(amount)) return whole(BigInt(amount.replace(/\./g, '')));
        if (/^\d+[.,]\d{1,2}$/.test(amount)) {
            return { ok: false, message: `'${amount}' would be a fraction of a rupiah; a scale word is probably missing: ${hint}.` };
        }
        return { ok: false, message: `'${amount}' is not a sum of rupiah: ${hint}.` };
    }
    const factor = SCALE_WORDS[scaleWord.toLowerCase()];
    if (factor === undefined) {
        const why = AMBIGUOUS_SCALES[scaleWord.toLowerCase()];
        const prefix = why ? `${why}; ` : `'${scaleWord}' is not a scale word; `;
        return { ok: false, message: `${prefix}write juta, miliar or triliun (or million, billion, trillion) in full.` };
    }
    const match = /^(\d+)(?:[.,](\d+))?$/.exec(amount);
    if (!match) {
        return { ok: false, message: `'${amount} ${scaleWord}' mixes thousands separators with a scale word: ${hint}.` };
    }
    const [, integer, fraction = ''] = match;
    if (fraction.length === 3) {
        return { ok: false, message: `'${amount} ${scaleWord}' is ambiguous: the separator may group thousands or mark decimals. Write ${integer}${fraction} ${scaleWord} or ${integer},${fraction.replace(/0+$/, '') || '0'} ${scaleWord} as meant.` };
    }
    if (fraction.length > 2) {
        return { ok: false, message: `'${amount} ${scaleWord}' has too many decimals; use at most two, or a smaller scale word.` };
    }
    const scaleBig = BigInt(factor);
    const value = BigInt(integer) * scaleBig + (fraction ? (BigInt(fraction) * scaleBig) / 10n ** BigInt(fraction.length) : 0n);
    return whole(value);
}

function whole(value: bigint): MoneyValue {
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
        return { ok: false, message: 'This sum is larger than any regional budget; check the number of digits.' };
    }
    return { ok: true, rupiah: Number(value) };
}

/**
 * Reads a number as written in an indicator or a score: `85`, `85,5` or `85.5` (one separator is a
 * decimal mark), `1.500.000` (several dot groups are thousands, Indonesian style).
 */
export function parseNumber(text: string | number | undefined): number | undefined {
    if (text === undefined) return undefined;
    const s = String(text);
    if (/^\d+$/.test(s)) return Number(s);
    if (/^\d+[.,]\d+$/.test(s)) return Number(s.replace(',', '.'));
    if (/^\d{1,3}(\.\d{3}){2,}(,\d+)?$/.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
    return undefined;
}
