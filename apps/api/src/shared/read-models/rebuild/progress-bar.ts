/** Where the bar is drawn: a TTY is redrawn in place, anything else gets a line per 10 %. */
export interface ProgressOutput {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const WIDTH = 20;

/** `[##########----------] 50% 1200/2400 events` */
export function renderProgress(processed: number, total: number): string {
  const ratio = total === 0 ? 1 : Math.min(1, processed / total);
  const filled = Math.round(ratio * WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${Math.floor(ratio * 100)}% ${processed}/${total} events`;
}

/** A progress bar on stderr: redrawn with `\r` on a terminal, one line per 10 % step otherwise (logs, CI). */
export class ProgressBar {
  private lastDrawn = '';
  private lastStep = -1;

  constructor(private readonly output: ProgressOutput) {}

  update(processed: number, total: number): void {
    const text = renderProgress(processed, total);
    if (this.output.isTTY) {
      if (text !== this.lastDrawn) this.output.write(`\r${text}`);
      this.lastDrawn = text;
      return;
    }
    const step = Math.floor((total === 0 ? 1 : Math.min(1, processed / total)) * 10);
    if (step > this.lastStep) this.output.write(`${text}\n`);
    this.lastStep = Math.max(step, this.lastStep);
  }

  /** Ends the bar's line on a terminal. */
  done(): void {
    if (this.output.isTTY && this.lastDrawn !== '') this.output.write('\n');
  }
}
