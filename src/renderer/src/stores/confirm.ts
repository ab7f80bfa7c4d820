/** One modal confirmation at a time, awaited by whoever asked. */
import { create } from 'zustand';

export interface ConfirmRequest {
  title: string;
  lines: Array<[string, string]>;
  side?: 'buy' | 'sell';
  danger?: boolean;
  okLabel: string;
}

interface ConfirmState {
  request: (ConfirmRequest & { resolve: (ok: boolean) => void }) | null;
}

export const useConfirm = create<ConfirmState>(() => ({ request: null }));

export function confirmAction(req: ConfirmRequest): Promise<boolean> {
  const prev = useConfirm.getState().request;
  prev?.resolve(false);
  return new Promise((resolve) => {
    useConfirm.setState({
      request: {
        ...req,
        resolve: (ok) => {
          useConfirm.setState({ request: null });
          resolve(ok);
        },
      },
    });
  });
}
