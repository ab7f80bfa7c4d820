/**
 * A small, strict argument parser: every option is declared with its type, unknown options and
 * malformed values are usage errors that say which option and why. `--name value`, `--name=value`
 * and boolean `--flag` are accepted; `--` ends options.
 */
import { UsageError } from './exit-codes';

export type OptionType = 'boolean' | 'string' | 'integer' | 'number';

export interface OptionSpec {
  type: OptionType;
  description: string;
  /** Allowed values for string options. */
  choices?: readonly string[];
  /** Value placeholder in help, e.g. "N" or "FILE". */
  placeholder?: string;
  /** Repeatable option collects an array. */
  multiple?: boolean;
  min?: number;
  max?: number;
}

export type OptionSpecs = Record<string, OptionSpec>;
export type OptionValue = string | number | boolean | Array<string | number>;
export type ParsedOptions = Record<string, OptionValue | undefined>;

export interface ParsedArgs {
  options: ParsedOptions;
  positionals: string[];
}

function convert(name: string, spec: OptionSpec, raw: string): string | number {
  switch (spec.type) {
    case 'integer': {
      if (!/^-?\d+$/.test(raw)) throw new UsageError(`--${name} needs a whole number, got "${raw}".`);
      const n = Number(raw);
      if (!Number.isSafeInteger(n)) throw new UsageError(`--${name} is out of range: ${raw}.`);
      if (spec.min !== undefined && n < spec.min)
        throw new UsageError(`--${name} must be at least ${spec.min}, got ${n}.`);
      if (spec.max !== undefined && n > spec.max)
        throw new UsageError(`--${name} must be at most ${spec.max}, got ${n}.`);
      return n;
    }
    case 'number': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n))
        throw new UsageError(`--${name} needs a number, got "${raw}".`);
      if (spec.min !== undefined && n < spec.min)
        throw new UsageError(`--${name} must be at least ${spec.min}, got ${n}.`);
      if (spec.max !== undefined && n > spec.max)
        throw new UsageError(`--${name} must be at most ${spec.max}, got ${n}.`);
      return n;
    }
    case 'string':
      if (spec.choices && !spec.choices.includes(raw)) {
        throw new UsageError(`--${name} must be one of ${spec.choices.join(', ')}; got "${raw}".`);
      }
      return raw;
    case 'boolean':
      throw new UsageError(`--${name} takes no value.`);
  }
}

export function parseArgs(argv: readonly string[], specs: OptionSpecs): ParsedArgs {
  const options: ParsedOptions = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '--') {
      if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
        throw new UsageError(`Unknown option ${arg}. Options are written --name.`);
      }
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const spec = specs[name];
    if (!spec) throw new UsageError(`Unknown option --${name}.`);
    let value: string | number | boolean;
    if (spec.type === 'boolean') {
      if (eq !== -1) throw new UsageError(`--${name} takes no value.`);
      value = true;
    } else {
      let raw: string | undefined;
      if (eq !== -1) raw = arg.slice(eq + 1);
      else {
        raw = argv[i + 1];
        if (raw === undefined || (raw.startsWith('--') && raw.length > 2)) {
          throw new UsageError(`--${name} needs a value${spec.placeholder ? ` (${spec.placeholder})` : ''}.`);
        }
        i++;
      }
      value = convert(name, spec, raw);
    }
    if (spec.multiple) {
      const prev = options[name];
      options[name] = [...(Array.isArray(prev) ? prev : []), value as string | number];
    } else {
      if (options[name] !== undefined) throw new UsageError(`--${name} is given twice.`);
      options[name] = value;
    }
  }
  return { options, positionals };
}

export function formatOptions(specs: OptionSpecs): string[] {
  return Object.entries(specs).map(([name, spec]) => {
    const left =
      spec.type === 'boolean'
        ? `--${name}`
        : `--${name} ${spec.placeholder ?? spec.choices?.join('|') ?? 'VALUE'}`;
    return `  ${left.padEnd(30)} ${spec.description}`;
  });
}
