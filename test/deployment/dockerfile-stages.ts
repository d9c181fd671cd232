/** One instruction of a Dockerfile: its keyword (upper case) and the rest of its logical line. */
export interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/** One build stage: its base image, its `AS` name (if any) and its instructions after FROM. */
export interface Stage {
  readonly from: string;
  readonly name: string | null;
  readonly instructions: readonly Instruction[];
}

/**
 * Splits a Dockerfile into stages, enough for the deployment checks: comments and blank lines dropped, lines
 * continued with a trailing backslash joined, `ARG`s declared before the first FROM substituted into FROM lines.
 */
export function dockerfileStages(text: string): Stage[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    // Comments end nowhere, not even inside a continued instruction (Docker drops them there too).
    if (line.startsWith('#') || (line === '' && pending === '')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(`${pending}${line}`.trim());
    pending = '';
  }
  const globalArgs = new Map<string, string>();
  const stages: { from: string; name: string | null; instructions: Instruction[] }[] = [];
  for (const line of logical) {
    const [keyword, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') {
      const [image, as, name] = args.replace(/\$\{(\w+)\}/g, (_, arg: string) => globalArgs.get(arg) ?? '').split(/\s+/);
      stages.push({ from: image, name: as?.toUpperCase() === 'AS' ? name : null, instructions: [] });
    } else if (stages.length === 0 && upper === 'ARG') {
      const [arg, value = ''] = args.split('=');
      globalArgs.set(arg, value);
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push({ keyword: upper, args });
    }
  }
  return stages;
}

/** The arguments of every instruction of `keyword` in a stage. */
export function argsOf(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);
}
