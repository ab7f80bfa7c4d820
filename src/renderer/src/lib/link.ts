/** Link groups: panels sharing a colour follow the same symbol (TWS-style), in every window. */
import { LINK_COLORS, type LinkColor } from '../../../shared/domain/link';

export { LINK_COLORS, type LinkColor };
export type LinkChoice = LinkColor | 'none';

export function isLinkChoice(v: unknown): v is LinkChoice {
  return v === 'none' || (LINK_COLORS as readonly string[]).includes(v as string);
}

/** none → green → amber → violet → cyan → none */
export function nextLink(current: LinkChoice): LinkChoice {
  if (current === 'none') return LINK_COLORS[0];
  const i = LINK_COLORS.indexOf(current);
  return i === LINK_COLORS.length - 1 ? 'none' : LINK_COLORS[i + 1]!;
}

/** The symbol a panel shows: its group's symbol when linked, else its own. */
export function symbolFor(
  link: LinkChoice,
  own: string | undefined,
  groups: Readonly<Partial<Record<LinkColor, string>>>,
): string | undefined {
  if (link === 'none') return own;
  return groups[link] ?? own;
}

/**
 * A panel's parameters after it moves to another link choice: it keeps the symbol it showed as
 * its own, so leaving a group — or joining one nobody has picked a symbol in yet — never blanks it.
 */
export function withLink<P extends { link?: unknown; code?: unknown }>(
  params: P,
  next: LinkChoice,
  groups: Readonly<Partial<Record<LinkColor, string>>>,
): P & { link: LinkChoice } {
  const current = isLinkChoice(params.link) ? params.link : 'none';
  const shown = symbolFor(current, typeof params.code === 'string' ? params.code : undefined, groups);
  return { ...params, link: next, ...(shown ? { code: shown } : {}) };
}
