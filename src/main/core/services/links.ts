/**
 * LinkService: the symbol each link colour follows, shared by every window of this host and kept
 * in <dataDir>/links.json. A damaged file is moved aside and the defaults are used.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { LinkGroups, type LinkState } from '../../../shared/contract/links';
import type { LinkColor } from '../../../shared/domain/link';
import { Emitter, type Disposable } from '../../../shared/lifecycle';
import { moveAside, writeJsonFile } from './json-file';

export const DEFAULT_LINKS: LinkGroups = { green: '005930' };

export class LinkService implements Disposable {
  private groups: LinkGroups;
  private rev = 0;
  private readonly epoch = randomBytes(6).toString('hex');
  private readonly changed = new Emitter<LinkState>();
  readonly onDidChange = this.changed.event;
  readonly loadProblem: string | undefined;

  constructor(private readonly file: string) {
    const { groups, problem } = LinkService.load(file);
    this.groups = groups;
    this.loadProblem = problem;
  }

  private static load(file: string): { groups: LinkGroups; problem?: string } {
    if (!existsSync(file)) return { groups: { ...DEFAULT_LINKS } };
    let why: string;
    try {
      const r = LinkGroups.safeParse((JSON.parse(readFileSync(file, 'utf8')) as { groups?: unknown }).groups);
      if (r.success) return { groups: r.data };
      const issue = r.error.issues[0];
      why = `field "groups.${issue?.path.join('.')}" ${issue?.message}`;
    } catch (e) {
      why = `not valid JSON (${(e as Error).message})`;
    }
    const aside = moveAside(file);
    return {
      groups: { ...DEFAULT_LINKS },
      problem: `${file} could not be used (${why}); it was kept as ${aside} and the default link groups are in use.`,
    };
  }

  get(): LinkState {
    return { groups: { ...this.groups }, rev: this.rev, epoch: this.epoch };
  }

  set(color: LinkColor, code: string): LinkState {
    if (this.groups[color] === code) return this.get();
    return this.replace({ ...this.groups, [color]: code });
  }

  reset(): LinkState {
    return this.replace({ ...DEFAULT_LINKS });
  }

  private replace(groups: LinkGroups): LinkState {
    this.groups = LinkGroups.parse(groups);
    this.rev++;
    writeJsonFile(this.file, { groups: this.groups });
    const state = this.get();
    this.changed.fire(state);
    return state;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
