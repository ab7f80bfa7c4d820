/** Commands to the order ticket from elsewhere (F2/F3, a price chosen on another panel). */
import { create } from 'zustand';

interface TicketCommand {
  side: 'buy' | 'sell';
  price?: number;
  nonce: number;
}

interface TicketBus {
  command: TicketCommand | null;
  send(c: Omit<TicketCommand, 'nonce'>): void;
}

export const useTicketBus = create<TicketBus>((set, get) => ({
  command: null,
  send: (c) => set({ command: { ...c, nonce: (get().command?.nonce ?? 0) + 1 } }),
}));
