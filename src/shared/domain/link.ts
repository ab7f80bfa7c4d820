/** Link groups: panels sharing a colour follow the same symbol (TWS-style), across windows. */
export const LINK_COLORS = ['green', 'amber', 'violet', 'cyan'] as const;
export type LinkColor = (typeof LINK_COLORS)[number];
