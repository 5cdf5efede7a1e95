/** Colour only on a terminal, never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream): boolean {
    if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
    if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
    return stream.isTTY === true;
}

/**
 * A progress note on standard error, shown only on a terminal and only when the work takes longer
 * than a moment, so that quick runs and piped output stay clean.
 */
export class Progress {
    private readonly timer?: NodeJS.Timeout;
    private shown = false;

    constructor(private readonly label: string, delayMs = 700) {
        if (process.stderr.isTTY) {
            this.timer = setTimeout(() => {
                this.shown = true;
                process.stderr.write(`${this.label}…`);
            }, delayMs);
            this.timer.unref();
        }
    }

    done(): void {
        if (this.timer) clearTimeout(this.timer);
        if (this.shown) process.stderr.write('\r\x1b[K');
    }
}
